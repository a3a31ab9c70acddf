/**
 * Street addresses. Written here: the libraries measured (redact-pii, openredaction) either miss
 * non-US formats or over-redact. A line is an address when a house number sits next to a street
 * word (English suffixes and their counterparts in other European languages: -strasse, -katu,
 * -vej, Rua, Via, Calle…), or when it is a US military address (PSC/Unit … Box, APO/FPO), or when a
 * cue ("address:", "lives at", "office is at") is followed by a number and capitalised words.
 * A found street line is extended over the following short lines that look like the rest of an
 * address (secondary unit, city, region, post code, country).
 */
import { CATEGORY, inWindows, type Detector, type Span } from "./types";

const A = CATEGORY.address;
const CAP = String.raw`\p{Lu}[\p{L}'’.-]*`;
const WORD = String.raw`[\p{L}'’.-]+`;

const SUFFIX_EN =
  "Street|Streets|St|Avenue|Avenues|Ave|Road|Roads|Rd|Boulevard|Blvd|Lane|Lanes|Ln|Drive|Drives|Dr|Court|Courts|Ct|Way|Ways|Place|Pl|Square|Squares|Sq|Terrace|Terr|Parkway|Pkwy|Circle|Circles|Cir|Highway|Hwy|Trail|Trl|Crescent|Cres|Close|Row|Alley|Walk|Mews|Grove|Gardens|Gdns|Hill|Hills|Park|Plaza|Point|Pike|Loop|Run|Path|Pass|Ridge|Ridges|Crossing|Xing|Heights|Hts|Fort|Ft|Junction|Jct|Landing|Manor|Meadows?|Mill|Mills|Harbor|Harbour|Haven|Isle|Island|Knoll|Lake|Lakes|Port|Ports|Prairie|Ranch|Shore|Shores|Spring|Springs|Summit|Valley|Vista|View|Views|Village|Villages|Ville|Wells?|Creek|Camp|Cape|Center|Centre|Common|Commons|Corner|Corners|Cove|Estate|Estates|Expressway|Expy|Field|Fields|Flat|Flats|Forest|Forge|Fork|Freeway|Gateway|Glen|Green|Greens|Hollow|Inlet|Key|Motorway|Orchard|Oval|Overpass|Pines|Plain|Plains|Radial|Rapids|Rest|Route|Skyway|Station|Stravenue|Stream|Throughway|Trace|Track|Tunnel|Turnpike|Underpass|Union|Unions|Viaduct|Burg|Burgs|Bypass|Causeway|Cliff|Cliffs|Club|Dale|Dam|Divide|Extension|Falls|Ferry|Ford|Lock|Locks|Lodge|Mall|Mount|Mountain|Neck|Pine|Shoal|Shoals|Spur|Bridge|Brook|Brooks|Bluff|Bluffs|Bottom|Branch|Bend|Beach";
/** Street words of other languages, as suffixes of the street name. */
const SUFFIX_INTL =
  "stra(?:ss|ß)e|str\\.|gasse|weg|allee|platz|damm|ufer|steig|katu|kuja|tie|polku|kaari|rinne|vej|vænget|gade|stræde|allé|gatan|gata|vägen|väg|veien|vegen|laan|straat|plein|gracht|kade|dreef|utca|út|tér|ulice|ulica|náměstí|třída|cesta|põik|iela|gatvė|sokak|caddesi|bulvarı|odos|leoforos";
/** The same street words written as a separate, capitalised word ("Villacher Strasse 89"). */
const SUFFIX_INTL_WORD =
  "Stra(?:ss|ß)e|Str\\.|Gasse|Weg|Allee|Platz|Damm|Ufer|Vej|Gade|Gatan|Vägen|Veien|Straat|Laan|Utca|Út|Tér|Ulica|Ulice|Cesta|Iela|Sokak|Caddesi|Odos";
const PREFIX_INTL =
  "Rua|Avenida|Av\\.|Travessa|Largo|Praça|Via|Viale|Piazza|Piazzale|Corso|Vicolo|Calle|Carrer|Avinguda|Paseo|Plaza|Camino|Carretera|Rue|Boulevard|Bd|Chemin|Impasse|Allée|Place|Quai|Route|Ulica|ul\\.|Aleja|Al\\.|Plac|Osiedle|Strada|Bulevardul|Calea|Ulitsa|ulitsa|prospekt|Prospekt";
const UNIT = String.raw`(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Floor|Fl\.?|Room|Rm\.?|Bldg\.?|Building|#)\s?[A-Za-z]?\d+[A-Za-z]?`;

const NUM = String.raw`\d{1,6}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?`;
/** House number, 1–4 name words, an English street suffix; or a foreign street word + number. */
const STREET_RES: RegExp[] = [
  new RegExp(
    String.raw`\b${NUM}(?:,)?\s+(?:${CAP}\s+){0,4}(?:${SUFFIX_EN})\b\.?(?:\s+\d{1,5}\b)?(?:,?\s+${UNIT})?`,
    "gu",
  ),
  new RegExp(
    String.raw`\b(?:${NUM}\s+)?(?:${CAP}\s+)?\p{L}[\p{L}'’-]*(?:${SUFFIX_INTL})\s+${NUM}\b(?:,?\s+${UNIT})?`,
    "gu",
  ),
  new RegExp(String.raw`\b(?:${NUM}\s+)?${CAP}\s(?:${SUFFIX_INTL_WORD})\s+${NUM}\b(?:,?\s+${UNIT})?`, "gu"),
  new RegExp(String.raw`\b(?:${NUM}\s+)?${CAP}(?:${SUFFIX_INTL})\b(?=\s*(?:,|\n|$))`, "gu"),
  new RegExp(
    String.raw`\b(?:${NUM}\s+)?(?:${PREFIX_INTL})\s+(?:(?:d[aeiou]s?|de(?:l|la|los|las)?|di|du|des|la|le|les|van|von|der)\s+)?${CAP}(?:\s+${CAP}){0,3}(?:,?\s+${NUM}\b)(?:,?\s+${UNIT})?`,
    "gu",
  ),
  new RegExp(
    String.raw`\b(?:PSC|Unit|CMR)\s+\d{3,5},?\s+Box\s+\d{3,5}(?:\s*\n?\s*(?:APO|FPO|DPO)\s+A[AEP]\s+\d{5})?`,
    "g",
  ),
  new RegExp(
    String.raw`\b(?:USNS|USNV|USS|USCGC)\s+${CAP}(?:\s+${CAP})?\s*\n?\s*(?:FPO|APO|DPO)\s+A[AEP]\s+\d{5}`,
    "gu",
  ),
  new RegExp(String.raw`\b(?:APO|FPO|DPO)\s+A[AEP]\s+\d{5}\b`, "g"),
  new RegExp(String.raw`\b(?:Apt\.?|Apartment|Suite|Ste\.?)\s?[A-Za-z]?\d+[A-Za-z]?\b`, "gu"),
  new RegExp(String.raw`\bP\.?\s?O\.?\s+Box\s+\d{1,6}\b`, "gi"),
];

/** A cue, then a number and words up to the end of the line or sentence. */
const CUE_RE = new RegExp(
  String.raw`(?:\baddress(?:\s+is)?\s*(?::|is|to|at|-)?|\b(?:lives|living|located|based|office is|resides|moved|moving|arrived|meet you|drops you off|ship(?:ped)? it|send (?:it|a new one|them)?\s*to|sent to\?\s*user:|deliver(?:ed)? to|(?:station|office|shop|store|house|home) is)\s+(?:at|in|on|to)?)\s*(${NUM}[,]?\s+${WORD}(?:[ \t]+${WORD}){0,5})`,
  "giu",
);

/** A line that continues an address: a unit, or a place with an optional post code. */
const CONT_LINE = new RegExp(
  String.raw`^[ \t>]*,?[ \t]*(?:${UNIT}|(?:[A-Z0-9]{2,8}[ \t]+)?${CAP}(?:[ \t,]+${CAP}){0,3}(?:[ \t,]+[A-Z]{2})?(?:[ \t,]+[A-Z0-9]{2,5}(?:[ -]?[A-Z0-9]{3,4})?)?|[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?|\d{4,6}(?:[ \t]+${CAP}(?:[ \t]+${CAP}){0,2})?)[ \t]*,?[ \t]*$`,
  "u",
);

function extend(text: string, end: number): number {
  // The rest of the current line (", Springfield, IL 62704") when it is short and place-like.
  const nl = text.indexOf("\n", end);
  const rest = text.slice(end, nl < 0 ? text.length : nl);
  const restM =
    /^,?\s*(?:\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,2},?\s*)?(?:[A-Z]{2}\s+)?\d{4,6}(?:-\d{4})?/u.exec(
      rest,
    );
  if (restM) end += restM[0].length;
  let lines = 0;
  let at = text.indexOf("\n", end);
  while (at >= 0 && lines < 4) {
    const next = text.indexOf("\n", at + 1);
    const line = text.slice(at + 1, next < 0 ? text.length : next);
    if (line.trim().length === 0 || line.length > 48 || !CONT_LINE.test(line)) break;
    end = (next < 0 ? text.length : next) - (line.length - line.trimEnd().length);
    at = next;
    lines++;
  }
  return end;
}

/** A post code just before the street ("28245 Puruntie 82") belongs to the address. */
function extendBack(text: string, start: number): number {
  const base = Math.max(0, start - 12);
  const m = /(?<![\w.,-])\d{4,6},?[ \t]*\n?[ \t]*$/.exec(text.slice(base, start));
  return m && !/[\w.-]/.test(text[base + m.index - 1] ?? "") ? base + m.index : start;
}

export const ADDRESS: Detector = {
  name: "address",
  category: A,
  detect: (text) => {
    if (!/\d/.test(text)) return [];
    // Addresses hold a number near a capitalised word (or a cue word): look only there.
    const anchors: number[] = [];
    const res = CUE_WORDS.some((w) => text.includes(w)) ? [ANCHOR_NUM, ANCHOR_WORDS] : [ANCHOR_NUM];
    for (const re of res) {
      re.lastIndex = 0;
      let a: RegExpExecArray | null;
      while ((a = re.exec(text)) !== null) anchors.push(a.index);
    }
    // A foreign street word just before a number ("Puruntie 82"): checked at each " <digit>".
    SPACE_DIGIT.lastIndex = 0;
    let d: RegExpExecArray | null;
    while ((d = SPACE_DIGIT.exec(text)) !== null) {
      if (SUFFIX_END.test(text.slice(Math.max(0, d.index - 14), d.index))) anchors.push(d.index);
      else if (PREFIX_NEAR.test(text.slice(Math.max(0, d.index - 60), d.index))) anchors.push(d.index);
    }
    anchors.sort((x, y) => x - y);
    return inWindows(text, anchors, 90, 160, detectIn);
  },
};

/**
 * Where an address can start: a number before a capitalised word, a foreign street word before a
 * number, a foreign street prefix, or a cue word. Matching only near these keeps the many
 * patterns off ordinary prose and arithmetic.
 */
const ANCHOR_NUM = /\d[A-Za-z]?,?[ \t\n]{1,4}\p{Lu}/gu;
const ANCHOR_WORDS = new RegExp(
  String.raw`address|lives at|located at|office is at|corner of|arrived at|meet you at|off at|sent to|is on|send (?:it|a new one|them) to|PSC|[AFD]PO |Suite|Apt|P\.?O\.? Box`,
  "gu",
);
const CUE_WORDS = ["address", " at", "corner", "sent to", "is on", " to", "PSC", "PO", "Suite", "Apt", "Box"];
const SPACE_DIGIT = /[ \t]\d/g;
const PREFIX_NEAR = new RegExp(String.raw`(?:^|\s)(?:${PREFIX_INTL})\s[^\n]{0,50}$`, "u");
const SUFFIX_END = new RegExp(String.raw`\p{L}(?:${SUFFIX_INTL}|${SUFFIX_INTL_WORD})$`, "u");

function detectIn(text: string): Span[] {
  const out: Span[] = [];
  for (const re of STREET_RES) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const start = extendBack(text, m.index);
      out.push({ start, end: extend(text, m.index + m[0].length), category: A, detector: "address" });
    }
  }
  CUE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CUE_RE.exec(text)) !== null) {
    const v = m[1]!;
    const s = m.index + m[0].length - v.length;
    out.push({ start: s, end: extend(text, s + v.length), category: A, detector: "address" });
  }
  return out;
}
