/**
 * Street addresses. Written here: the libraries measured (redact-pii, openredaction) either miss
 * non-US formats or over-redact. A line is an address when a house number sits next to a street
 * word (English suffixes and their counterparts in other European languages: -strasse, -katu,
 * -vej, Rua, Via, Calle…), or when it is a US military address (PSC/Unit … Box, APO/FPO), or when a
 * cue ("address:", "lives at", "office is at") is followed by a number and capitalised words.
 * A found street line is extended over the following short lines that look like the rest of an
 * address (secondary unit, city, region, post code, country).
 */
import { addressCues } from "./secrets";
import { CATEGORY, inWindows, isSpace, type Detector, type Span } from "./types";

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

/** Articles inside a street's name after its prefix ("Rua da Prata", "Via dei Fiorentini", "Rue de la Paix"). */
const STREET_ARTICLE =
  "d[aeiou]s?|de(?:l|la|los|las)?|dei|degli|della|delle|dello|di|du|des|la|le|les|van|von|der";
const NUM = String.raw`\d{1,6}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?`;
/** One street of a corner: capitalised words and numbers, small words of street names between. */
const CORNER_WORD = String.raw`(?:\p{Lu}[\p{L}'’-]{2,}\.?|\d{1,5}[A-Za-z]{0,2})`;
const CORNER_STREET = String.raw`${CORNER_WORD}(?:[ \t]+(?:(?:${STREET_ARTICLE})[ \t]+)?${CORNER_WORD}){0,4}(?:[ \t]+str\b\.?)?`;

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
  // A house number first and a separate street word last, no number after it ("136 Filadelfeos Str.").
  new RegExp(String.raw`\b${NUM}\s+(?:${CAP}\s+){1,3}(?:${SUFFIX_INTL_WORD})(?![\p{L}\d])`, "gu"),
  new RegExp(
    String.raw`\b(?:${NUM}\s+)?(?:${PREFIX_INTL})\s+(?:(?:${STREET_ARTICLE})\s+)?${CAP}(?:\s+${CAP}){0,3}(?:,?\s+${NUM}\b)(?:,?\s+${UNIT})?`,
    "gu",
  ),
  // The number first, as in French and Spanish, and none after ("31 Rue de Tanger").
  new RegExp(
    String.raw`\b${NUM},?\s+(?:${PREFIX_INTL})\s+(?:(?:${STREET_ARTICLE})\s+)?${CAP}(?:\s+${CAP}){0,3}(?:,?\s+${UNIT})?`,
    "gu",
  ),
  // "the corner of Dalbraut 99 and Frederikke Coves", "the corner of Fifth and Main": two streets
  // of capitalised words (three letters or more: "the corner of A and B" is geometry) and numbers.
  new RegExp(String.raw`\bcorner of\s+(?:${CORNER_STREET})\s+and\s+(?:${CORNER_STREET})`, "gu"),
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

/**
 * Street types written in small letters, as French, Italian, Spanish, Portuguese and Catalan write
 * them inside a sentence ("8 rue des Lilas", "via Roma 10", "calle Mayor 5"). Many are ordinary
 * words in English too ("via the API", "route 66", "place 3 orders"), so each needs its shape: a
 * house number before the type and a capitalised name after it (the French order), or a
 * capitalised name after the type and a house number after the name (the Italian, Spanish and
 * Portuguese order). "via" in that order needs more still (English writes "via Python 3"): an
 * Italian word before it ("in via", "presso via"), an Italian article after it ("via dei …"), or a
 * post code and a city after the number.
 */
const LOWER_BEFORE = "rue|avenue|av\\.|bd|boulevard|chemin|impasse|allée|place|quai|route|rua|avenida|calle";
const LOWER_AFTER =
  "rue|avenue|boulevard|chemin|allée|quai|viale|piazza|piazzale|corso|vicolo|largo|strada|calle|c/|avenida|avda\\.|av\\.|paseo|plaza|camino|carretera|carrer|avinguda|passeig|ronda|rua|travessa|praça|alameda|estrada";
/** Articles of a street's name, one or two ("de la", "de los"), or an elided one glued to it ("d'Alésia", "de l'Opéra"). */
const LOWER_PARTICLES = String.raw`(?:(?:d[aeiou]s?|de(?:l|ls|la|las|los|les)?|dei|degli|della|delle|dello|dal|dalla|la|le|les|los|las|el)[ \t]+){0,2}(?:(?:d|l|dell)['’](?=\p{Lu}))?`;
/** A street's name after its type: capitalised words, articles between. */
/**
 * A capitalised word of a street's name, a small letter after its capital ("Roma", not "API"), no
 * dot, no unit word ("… des Lilas Apt. 5": the unit follows).
 */
const LOWER_CAP = String.raw`(?!(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Bldg|Building)\b)\p{Lu}\p{Ll}[\p{L}'’-]*`;
const LOWER_NAME = String.raw`${LOWER_PARTICLES}${LOWER_CAP}(?:[ \t]+${LOWER_PARTICLES}${LOWER_CAP}){0,3}`;
const LOWER_START = String.raw`(?<![\p{L}\p{N}_/.])`;
const LOWER_NUM_AFTER = String.raw`,?[ \t]+${NUM}(?![\p{L}\p{N}])(?:,?[ \t]+${UNIT})?`;
const LOWER_RES: RegExp[] = [
  new RegExp(
    String.raw`(?<![\p{L}\p{N}_.,/-])${NUM},?[ \t]+(?:${LOWER_BEFORE})[ \t]+${LOWER_NAME}(?:,?[ \t]+${UNIT})?`,
    "gu",
  ),
  new RegExp(String.raw`${LOWER_START}(?:${LOWER_AFTER})[ \t]+${LOWER_NAME}${LOWER_NUM_AFTER}`, "gu"),
  // "via": after an Italian word ("in via Roma 10"), or before an Italian article ("via della
  // Spiga 3"), or before a post code and a city ("via Roma 10, 20121 Milano").
  new RegExp(
    String.raw`(?<=(?:^|[^\p{L}])(?:in|presso|indirizzo:?|address:?)[ \t]+)via[ \t]+${LOWER_NAME}${LOWER_NUM_AFTER}`,
    "gu",
  ),
  new RegExp(
    String.raw`${LOWER_START}via[ \t]+(?:(?:d[ei]|del|dei|degli|della|delle|dello)[ \t]+|dell['’](?=\p{Lu}))${LOWER_CAP}(?:[ \t]+${LOWER_PARTICLES}${LOWER_CAP}){0,3}${LOWER_NUM_AFTER}`,
    "gu",
  ),
  new RegExp(
    String.raw`${LOWER_START}via[ \t]+${LOWER_NAME},?[ \t]+${NUM},[ \t]*(?=\d{5}[ \t]+\p{Lu})`,
    "gu",
  ),
];
/**
 * Words by their first letter (a–z; index 0–25), to be compared in place, without a slice. (A
 * packed array of arrays, every letter's present: a sparse one is slow to read.)
 */
function byFirstLetter(alternation: string): string[][] {
  const table = Array.from({ length: 26 }, (): string[] => []);
  for (const w of alternation.replace(/\\/g, "").split("|")) table[w.charCodeAt(0) - 97]!.push(w);
  return table;
}
/** The types of LOWER_BEFORE, for the anchor test at a number. */
const LOWER_BEFORE_WORDS = byFirstLetter(LOWER_BEFORE);
/** The types of LOWER_AFTER and "via", for the anchor test before a number. */
const LOWER_AFTER_WORDS = byFirstLetter(`${LOWER_AFTER}|via`);
/** Whether text[s, e) is one of the words of `table` (a small letter a–z at `s` assumed). */
function wordIn(table: string[][], text: string, s: number, e: number): boolean {
  const list = table[text.charCodeAt(s) - 97]!;
  for (let k = 0; k < list.length; k++) {
    const w = list[k]!;
    if (w.length === e - s && text.startsWith(w, s)) return true;
  }
  return false;
}

/** Small words inside a place name ("Soto del Barco", "Ostrov nad Ohrí", "Turkovice u Prelouce"). */
const PLACE_PARTICLE = "de|del|della|di|da|do|du|des|la|le|van|von|der|den|sur|nad|pod|u|v|am|im|an|en|i";
/** What quotes a line of an address: "> ", or the "??? " a mangled non-breaking space leaves. */
const LINE_PREFIX = /^[ \t>?]*/;

/** A line that continues an address: a unit, or a place with an optional post code. */
const CONT_LINE = new RegExp(
  String.raw`^[ \t>?]*,?[ \t]*(?:${UNIT}|(?:[A-Z0-9]{2,8}[ \t]+)?${CAP}(?:[ \t,]+(?:(?:${PLACE_PARTICLE})[ \t]+)?${CAP}){0,3}(?:[ \t,]+[A-Z]{2})?(?:[ \t,]+[A-Z0-9]{2,5}(?:[ -]?[A-Z0-9]{3,4})?)?|[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?|\d{4,6}(?:[ \t]+${CAP}(?:[ \t]+${CAP}){0,2})?)[ \t]*,?[ \t]*$`,
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
  else {
    // A city, a region, a country after commas ("…, Cite Guedouala, Tunisia", "…, Cyprus (Greek)
    // 72423"), or place words right after a unit ("Apt. 615 Moosleerau Switzerland"), up to where
    // the sentence goes on.
    const places =
      PLACES_AFTER.exec(rest) ?? (UNIT_END.test(text.slice(0, end)) ? UNIT_PLACES.exec(rest) : null);
    if (places) end += places[0].length;
  }
  let lines = 0;
  let at = text.indexOf("\n", end);
  while (at >= 0 && lines < 4) {
    const next = text.indexOf("\n", at + 1);
    const line = text.slice(at + 1, next < 0 ? text.length : next);
    if (line.trim().length === 0 && lines > 0 && next >= 0) {
      // One blank line, then the country and post code that end a block of lines.
      const after = text.indexOf("\n", next + 1);
      const last = text.slice(next + 1, after < 0 ? text.length : after);
      if (last.length <= 48 && COUNTRY_CODE_LINE.test(last))
        end = (after < 0 ? text.length : after) - (last.length - last.trimEnd().length);
      break;
    }
    if (line.trim().length === 0 || line.length > 48 || !CONT_LINE.test(line)) break;
    end = (next < 0 ? text.length : next) - (line.length - line.trimEnd().length);
    at = next;
    lines++;
  }
  return end;
}

/** A place name: capitalised words, small words between ("Soto del Barco"), "(Greek)". */
const PLACE = String.raw`${CAP}(?:[ \t]+(?:(?:${PLACE_PARTICLE})[ \t]+)?(?:${CAP}|\(\p{L}+\))){0,3}`;
/** Where a run of place names must stop: the end, a punctuation mark, or a word of the sentence. */
const PLACES_STOP = String.raw`(?=[ \t]*(?:[.?;,)]|$)|[ \t]+\p{Ll})`;
const PLACES_AFTER = new RegExp(
  String.raw`^(?:,[ \t]*${PLACE}){1,3}(?:[ \t]+\d{4,6}(?:-\d{4})?)?${PLACES_STOP}`,
  "u",
);
const UNIT_END = new RegExp(String.raw`${UNIT}$`, "u");
/** Place words after a unit that end the line ("Apt. 615 Moosleerau Switzerland"). */
const UNIT_PLACES = new RegExp(
  String.raw`^[ \t]+${PLACE}(?:[ \t]+\d{4,6})?(?=[ \t]*[.?!]?[ \t]*(?:\n|$))`,
  "u",
);

/** A country (or region) and a post code alone on a line: "Estonia 62488", "Cyprus (Greek) 13429". */
const COUNTRY_CODE_LINE = new RegExp(
  String.raw`^[ \t>?]*${CAP}(?:[ \t]+(?:${CAP}|\(\p{L}+\))){0,2}[ \t]+\d{4,6}[ \t]*$`,
  "u",
);

/** A post code just before the street ("28245 Puruntie 82") belongs to the address. */
function extendBack(text: string, start: number): number {
  const base = Math.max(0, start - 12);
  const m = /(?<![\w.,-])\d{4,6},?[ \t]*\n?[ \t]*$/.exec(text.slice(base, start));
  if (m && !/[\w.-]/.test(text[base + m.index - 1] ?? "")) return base + m.index;
  // A building number that starts the street's line ("515 385 Gemsbok St"), or one before a
  // street that starts with its own number ("lives at 846 31 Rue …").
  const ls = text.lastIndexOf("\n", start - 1) + 1;
  const head = text.slice(ls, start);
  const n = LINE_NUMBER.exec(head);
  if (n) return start - n[1]!.length;
  const c = text.charCodeAt(start);
  const d = c >= 48 && c <= 57 ? NUMBER_BEFORE.exec(head) : null;
  return d ? start - d[0].length : start;
}
const LINE_NUMBER = /^[ \t>?]*(\d{1,6}[A-Za-z]?[ \t]+)$/;
const NUMBER_BEFORE = /(?<![\w.,-])\d{1,6}[ \t]+$/;

/**
 * A street line written above a unit line, or before the unit on its own line, in the order of
 * any country ("20789 Allika 46", "515 385 Gemsbok St", "2224 Trenerys gate 232"): short, a
 * number at one end and words between.
 */
const STREET_LINE = new RegExp(
  String.raw`^(?:(?:\d{1,6}[A-Za-z]?[ \t]+)?(?:${WORD}[ \t]+){1,4}\d{1,5}[A-Za-z]?\.?|\d{1,6}[A-Za-z]?,?(?:[ \t]+[\p{L}\d'’.-]+){1,5})$`,
  "u",
);
const STREET_TAIL = new RegExp(
  String.raw`(?:^|[\s:?!])\d{1,6}[A-Za-z]?[ \t]+(?:${WORD}[ \t]+){1,4}\d{1,5}[A-Za-z]?\.?[ \t,]*$`,
  "u",
);
const TRAILING_BLANKS = /[ \t,]+$/;
const UNIT_START = new RegExp(String.raw`^${UNIT}\b`, "u");

/**
 * Where an address that starts with a unit ("Suite 501") really starts: at the street before it
 * on the same line, or at the street line above it, when there is one (see STREET_LINE).
 */
function streetBefore(text: string, start: number, end: number): number {
  if (!UNIT_START.test(text.slice(start, end))) return start;
  const ls = text.lastIndexOf("\n", start - 1) + 1;
  const head = text.slice(ls, start);
  const pre = LINE_PREFIX.exec(head)![0].length;
  if (pre < head.length) {
    const street = head.slice(pre).replace(TRAILING_BLANKS, "");
    if (street.length <= 48 && STREET_LINE.test(street)) return ls + pre;
    // Or the end of the line before the unit is a street in the order number, name, number
    // ("Can you validate this? 51709 Spinatsch 94 Apt. 615").
    const tail = STREET_TAIL.exec(head);
    return tail ? start - tail[0].length + tail[0].search(/\d/) : start;
  }
  if (ls < 2) return start;
  const ps = text.lastIndexOf("\n", ls - 2) + 1;
  const above = text.slice(ps, ls - 1);
  const abovePre = LINE_PREFIX.exec(above)![0].length;
  const street = above.slice(abovePre).trimEnd();
  return street.length > 0 && street.length <= 48 && STREET_LINE.test(street) ? ps + abovePre : start;
}

export const ADDRESS: Detector = {
  name: "address",
  category: A,
  detect: (text) => {
    // (A corner of two named streets may hold no number: "the corner of Fifth and Main".)
    if (!HAS_DIGIT.test(text) && !text.includes("corner of")) return [];
    // Addresses hold a number near a capitalised word (or a cue word): look only there.
    const anchors: number[] = [];
    // The cue words (ADDRESS_WORDS, in secrets.ts) are found by the secret rules' cue scan of the
    // same text, which a text pays once.
    let a: RegExpExecArray | null;
    ANCHOR_NUM.lastIndex = 0;
    while ((a = ANCHOR_NUM.exec(text)) !== null) {
      // "12 PM", "5 L/day", "18\n\nSo": a number before a capital is common in reasoning; it
      // anchors a window only when a street word follows within a few words.
      if (streetWordAfter(text, a.index + a[0].length - 1)) anchors.push(a.index);
    }
    for (const at of addressCues(text)) anchors.push(at);
    // A foreign street word just before a number ("Puruntie 82"), or a street prefix a few
    // capitalised words before it ("Rua Augusta, 123"): checked at each " <digit>", cheapest
    // test first (the character before the space, the case of the word before the number).
    // Street types in small letters ("8 rue des Lilas", "via Roma 10") anchor their own windows,
    // where only their own patterns run: a number followed by a type of LOWER_BEFORE, or a
    // capitalised word before the number with a type of LOWER_AFTER a few words before it.
    const lower: number[] = [];
    if (isDigit(text.charCodeAt(0)) && lowerTypeAfter(text, 0)) lower.push(0);
    SPACE_DIGIT.lastIndex = 0;
    while (SPACE_DIGIT.test(text)) {
      const at = SPACE_DIGIT.lastIndex - 2; // the blank (a match is two code units)
      const b = text.charCodeAt(at);
      if (b === 32 || b === 9) {
        if (suffixEnds(text, at)) anchors.push(at);
        else if (capitalisedBefore(text, at)) {
          if (PREFIX_NEAR.test(text.slice(Math.max(0, at - 60), at))) anchors.push(at);
          if (lowerTypeBefore(text, at)) lower.push(at);
        }
      } else if (b !== 10) continue; // (a number after a line break: "8 rue des Lilas" in an address block)
      if (lowerTypeAfter(text, at + 1)) lower.push(at + 1);
    }
    anchors.sort((x, y) => x - y);
    const out = inWindows(text, anchors, 90, 160, detectIn);
    if (lower.length === 0) return out;
    for (const s of inWindows(text, lower, 90, 160, detectLower)) out.push(s);
    return out;
  },
};

/**
 * Where an address can start: a number before a capitalised word, a foreign street word before a
 * number, a foreign street prefix, or a cue word. Matching only near these keeps the many
 * patterns off ordinary prose and arithmetic.
 */
const ANCHOR_NUM = /\d[A-Za-z]?,?[ \t\n]{1,4}\p{Lu}/gu;
/**
 * A blank and a digit. (Any white space: `\s` is scanned faster than `[ \t]`; only a space or a
 * tab counts, and a line break for a street type in small letters after the number.)
 */
const SPACE_DIGIT = /\s\d/g;
/** (A regex literal in a function makes a new object at each call.) */
const HAS_DIGIT = /\d/;
const PREFIX_NEAR = new RegExp(String.raw`(?:^|\s)(?:${PREFIX_INTL})\s[^\n]{0,50}$`, "u");

/** The street words of SUFFIX_INTL and SUFFIX_INTL_WORD as plain strings, by their last two characters. */
const SUFFIX_BY_LAST = new Map<number, string[]>();
/**
 * One bit per value of a key's low 16 bits, set for the keys of SUFFIX_BY_LAST: a clear bit (the
 * ending of nearly every word before a number) answers without the map lookup.
 */
const SUFFIX_KEY_BITS = new Uint8Array(1 << 13);
/** A small-integer key of a word's last two code units (words sharing one are all checked). */
function suffixKey(last: number, before: number): number {
  return (last << 11) ^ before;
}
export const SUFFIX_WORDS = `${SUFFIX_INTL}|${SUFFIX_INTL_WORD}`
  .replace(/(\p{L}*)\(\?:ss\|ß\)(\p{L}*)/gu, "$1ss$2|$1ß$2") // "stra(?:ss|ß)e" → "strasse|straße"
  .split("|")
  .map((w) => w.replace("\\.", "."));
for (const w of SUFFIX_WORDS) {
  // By the last two code units (every street word has at least two): a word before " <digit>"
  // in prose ("are 5", "the 3") rarely ends like one, and is rejected by one lookup.
  const last = suffixKey(w.charCodeAt(w.length - 1), w.charCodeAt(w.length - 2));
  SUFFIX_BY_LAST.set(last, [...(SUFFIX_BY_LAST.get(last) ?? []), w]);
  SUFFIX_KEY_BITS[(last & 0xffff) >> 3]! |= 1 << (last & 7);
}
const LETTER = /\p{L}/u;

/** Whether a letter and a foreign street word end just before `at` ("Puruntie", "Koskikatu"). */
export function suffixEnds(text: string, at: number): boolean {
  const list = at > 1 ? suffixList(suffixKey(text.charCodeAt(at - 1), text.charCodeAt(at - 2))) : undefined;
  if (!list) return false;
  for (const w of list) {
    const s = at - w.length;
    if (s > 0 && text.startsWith(w, s) && LETTER.test(text[s - 1]!)) return true;
  }
  return false;
}

/** Whether the word before `at` (after an optional comma) starts with a capital: a street name. */
/** The street words whose last two code units give `key`, if any. */
function suffixList(key: number): string[] | undefined {
  return (SUFFIX_KEY_BITS[(key & 0xffff) >> 3]! & (1 << (key & 7))) === 0
    ? undefined
    : SUFFIX_BY_LAST.get(key);
}

function capitalisedBefore(text: string, at: number): boolean {
  let i = at;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c !== 32 && c !== 9) break;
    i--;
  }
  if (i > 0 && text.charCodeAt(i - 1) === 44) i--;
  let s = i;
  while (s > 0 && !isSpace(text.charCodeAt(s - 1))) s--;
  if (s >= i) return false;
  const c = text.charCodeAt(s);
  return c < 128 ? c >= 65 && c <= 90 : UPPER_START.test(text[s]!);
}
const UPPER_START = /\p{Lu}/u;

/** Street words that can follow a house number, lower-cased: English suffixes, prefixes, "Box". */
const STREET_WORDS = new Set(
  `${SUFFIX_EN}|Meadow|Well|Box|${PREFIX_INTL}|${SUFFIX_WORDS.join("|")}`
    .replace(/\\/g, "")
    .toLowerCase()
    .split("|")
    .map((w) => w.replace(/\.$/, "")),
);

/**
 * Whether one of the (up to five) words from `at` is a street word ("Main Street", "Rua",
 * "Box") or ends in a foreign one ("Koskikatu"): a cheap test of a number-before-capital anchor.
 */
function streetWordAfter(text: string, at: number): boolean {
  let i = at;
  for (let k = 0; k < 5 && i < text.length; k++) {
    let e = i;
    while (e < text.length && !isSpace(text.charCodeAt(e))) e++;
    let we = e;
    while (we > i && ".,;:".includes(text[we - 1]!)) we--;
    const word = text.slice(i, we);
    if (STREET_WORDS.has(word.toLowerCase()) || suffixEnds(text, we) || suffixEnds(text, e)) return true;
    i = e;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  }
  return false;
}

function detectIn(text: string): Span[] {
  const out: Span[] = [];
  for (const re of STREET_RES) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const start = extendBack(text, streetBefore(text, m.index, m.index + m[0].length));
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

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Whether the number at `at` is followed (after an optional comma and blanks) by a street type of
 * LOWER_BEFORE and a blank ("8 rue ", "14, avenue "): read by hand, most numbers fail at the
 * first character after their blanks.
 */
function lowerTypeAfter(text: string, at: number): boolean {
  // Each character is read once; most numbers stop at the first test after their digits (no
  // blank after them) or at the pair test (no type's first two letters after the blank).
  const n = text.length;
  let i = at + 1; // (a digit at `at`)
  let c = 0;
  while (i < n && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
  if (c === 44 && i + 1 < n) c = text.charCodeAt(++i);
  if ((c !== 32 && c !== 9) || i >= n) return false;
  do i++;
  while (i < n && ((c = text.charCodeAt(i)) === 32 || c === 9));
  if (i + 1 >= n) return false;
  const p = (c - 97) * 26 + text.charCodeAt(i + 1) - 97;
  if (c < 97 || c > 122 || !(p >= 0 && p < 676) || LOWER_BEFORE_PAIRS[p] === 0) return false;
  let e = i + 2;
  while (e < n && e - i < 10 && !isSpace(text.charCodeAt(e))) e++;
  return e < n && e - i < 10 && wordIn(LOWER_BEFORE_WORDS, text, i, e);
}
/** The first two letters of LOWER_BEFORE's words ("ru", "av", "bd"…), by `first * 26 + second` (a = 0). */
const LOWER_BEFORE_PAIRS = new Uint8Array(26 * 26);
for (const w of LOWER_BEFORE.replace(/\\/g, "").split("|"))
  LOWER_BEFORE_PAIRS[(w.charCodeAt(0) - 97) * 26 + w.charCodeAt(1) - 97] = 1;

/**
 * Whether a street type of LOWER_AFTER or "via" stands before the capitalised word before `at`,
 * on its line and within 60 characters, with only capitalised words and articles between ("via
 * Roma 10", "paseo de Gracia 21", "rua Augusta, 1500"): read back word by word, and given up at
 * the first word that is none of these (in prose, the word before the capitalised one).
 */
function lowerTypeBefore(text: string, at: number): boolean {
  const stop = Math.max(0, at - 60);
  let i = at;
  for (let k = 0; k < 7 && i > stop; k++) {
    while (i > stop) {
      const c = text.charCodeAt(i - 1);
      if (c !== 32 && c !== 9 && c !== 44) break;
      i--;
    }
    let s = i;
    while (s > stop && !isSpace(text.charCodeAt(s - 1))) s--;
    if (s === i) return false;
    const c = text.charCodeAt(s);
    if (c >= 97 && c <= 122) {
      if (i - s <= 10 && wordIn(LOWER_AFTER_WORDS, text, s, i)) return true;
      // An article ("de", "della"), or one elided before the name ("d'Alésia", "dell'Orso").
      if (!wordIn(STREET_PARTICLES, text, s, i) && !elided(text, s, i)) return false;
    } else if (c < 128 ? c < 65 || c > 90 : !UPPER_START.test(text[s]!)) return false;
    i = s;
  }
  return false;
}
/** The articles of LOWER_PARTICLES, as words. */
const STREET_PARTICLES = byFirstLetter(
  "da|de|di|do|du|das|des|dos|del|dels|la|las|los|les|le|dei|degli|della|delle|dello|dal|dalla|el",
);
/** Whether text[s, e) starts with an elided article ("d'", "l'", "dell'"; a small letter at `s`). */
function elided(text: string, s: number, e: number): boolean {
  const c = text.charCodeAt(s);
  if (c !== 100 && c !== 108) return false;
  const q = c === 100 && e - s > 4 && text.startsWith("ell", s + 1) ? s + 4 : s + 1;
  if (q >= e) return false;
  const a = text.charCodeAt(q);
  return a === 39 || a === 0x2019;
}

/** A post code that ends a span after a comma ("…, 75011"), and the city's capitalised words after it. */
const POST_CODE_END = /,[ \t]*\d{4,5}$/;
const CITY_AFTER = new RegExp(
  String.raw`^[ \t]+${LOWER_CAP}(?:[ \t-]+(?:(?:${PLACE_PARTICLE})[ \t]+)?${LOWER_CAP}){0,2}`,
  "u",
);

function detectLower(text: string): Span[] {
  const out: Span[] = [];
  for (const re of LOWER_RES) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      // A building number or a post code before the street ("8116 56 rue La Boétie").
      const start = extendBack(text, m.index);
      let end = extend(text, m.index + m[0].length);
      // The city after a post code that ends the span ("…, 1050 Bruxelles", "…, 20121 Milano").
      if (POST_CODE_END.test(text.slice(Math.max(start, end - 8), end))) {
        const city = CITY_AFTER.exec(text.slice(end, end + 60));
        if (city) end += city[0].length;
      }
      out.push({ start, end, category: A, detector: "address" });
    }
  }
  return out;
}
