/**
 * Personal identifiers the redaction finds by their cue (`redact/cued.ts`), checked again here by
 * other means: the redaction starts from the value (a digit-led scan) and looks back for a cue;
 * this check starts from the cue words and looks ahead for a value, and has its own site list,
 * date shapes and cue words. It reads the published text, placeholders included (a placeholder is
 * never a value: values are made of letters and digits, a placeholder starts with `⟦`).
 *
 * | finds | code | verdict |
 * |---|---|---|
 * | a full date after a birth cue ("DOB:", "born on", "date of birth", "geboren", "né le"…) | `residual_birth_date` | BLOCK |
 * | an identity document's or a medical record's number after its cue (passport, driver's licence, MRN, national insurance, tax id, VIN) | `residual_id_number` | BLOCK |
 * | an account, customer, member, policy, patient, employee or student ID or number | `residual_account_id` | NEEDS_HUMAN |
 * | the handle in a person's profile link (LinkedIn, Facebook, Instagram, X/Twitter, TikTok…) | `residual_profile_link` | NEEDS_HUMAN |
 * | precise coordinates near "my home", "she lives"…; a post code right after a redacted address, a street line right before one | `residual_location` | NEEDS_HUMAN |
 *
 * Why these verdicts: a date of birth or an identity document's number after its label is
 * personal data whatever the context (as a name after a form label is); an account number or a
 * profile handle may be a test fixture's or a public figure's, and a post code next to a
 * redacted street narrows it to a few houses but names none: a human decides.
 */

export interface CuedHit {
  code:
    | "residual_birth_date"
    | "residual_id_number"
    | "residual_account_id"
    | "residual_profile_link"
    | "residual_location";
  what: string;
}

// ------------------------------------------------------------------ profile links

/** Hosts of personal profiles and the path before the handle (`""`: the handle is the first segment). */
const PROFILE_HOSTS: readonly [RegExp, string][] = [
  [/linkedin\.com\/(?:in|pub)\//gi, "a LinkedIn profile"],
  [/(?<![\w-])(?:facebook|fb)\.com\/(?!profile\.php)/gi, "a Facebook profile"],
  [/(?<![\w-])facebook\.com\/profile\.php\?id=(?=\d)/gi, "a Facebook profile"],
  [/(?<![\w-])instagram\.com\//gi, "an Instagram profile"],
  [/(?<![\w-])(?:twitter|x)\.com\/(?!@)/gi, "an X (Twitter) profile"],
  [/(?<![\w-])(?:tiktok|youtube|medium)\.com\/@/gi, "a TikTok, YouTube or Medium profile"],
  [/(?<![\w-])threads\.(?:net|com)\/@/gi, "a Threads profile"],
  [/(?<![\w-])bsky\.app\/profile\//gi, "a Bluesky profile"],
  [/(?<![\w-])reddit\.com\/u(?:ser)?\//gi, "a Reddit profile"],
];

/** First path segments of those sites that are their own pages. */
const NOT_HANDLES = new Set(
  `home explore search i intent share sharer hashtag settings notifications messages login signup
  privacy tos about help p reel reels stories groups pages events watch marketplace gaming policies
  legal accounts developers business ads dialog plugins jobs company school feed public topics lists
  communities status terms cookies careers press blog news docs api apps download live videos photos
  photo.php permalink.php media tags explore trending discover direct tv r c s oauth static`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Whether a slash follows `.com`, `.net` or `.app` somewhere (the hosts of PROFILE_HOSTS): one
 * native search per slash and a few code units compared (fractions put many slashes in reasoning).
 */
function hostSlash(text: string): boolean {
  let i = text.indexOf("/", 4);
  while (i >= 0) {
    if (text.charCodeAt(i - 4) === 46) {
      const a = text.charCodeAt(i - 3);
      const b = text.charCodeAt(i - 2);
      const c = text.charCodeAt(i - 1);
      if (
        (a === 99 && b === 111 && c === 109) || // com
        (a === 110 && b === 101 && c === 116) || // net
        (a === 97 && b === 112 && c === 112) // app
      )
        return true;
    }
    i = text.indexOf("/", i + 1);
  }
  return false;
}

/**
 * What `hostSlash` needs (`.com/`, `.net/`, `.app/`), and what `BIRTH_CUES` needs (one of them in
 * any case: every alternative holds one), for the review's screen pass (`commands.ts`, `deny.ts`).
 */
export const PROFILE_LITERALS = [".com/", ".net/", ".app/"];
export const BIRTH_LITERALS = [
  "birth",
  "dob",
  "d.o.b",
  "born",
  "geboren",
  "geburtsdatum",
  "naissance",
  "nacimiento",
  "nacid",
  "nascita",
  "nata il",
  "nato il",
  " le ",
];

function profileHits(text: string, out: CuedHit[]): void {
  if (!hostSlash(text)) return;
  for (const [re, what] of PROFILE_HOSTS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 101);
      const seg = /^[\p{L}\p{N}_%][\p{L}\p{N}_.%-]*/u.exec(rest);
      if (seg === null) continue;
      const handle = seg[0].replace(/[.-]+$/, "");
      if (handle.length < 2 || NOT_HANDLES.has(handle.toLowerCase())) continue;
      out.push({ code: "residual_profile_link", what: `a person's handle in ${what} link` });
      return;
    }
  }
}

// ------------------------------------------------------------------ dates of birth

const BIRTH_CUES =
  /\b(?:date[ _-]?of[ _-]?birth|birth[ _-]?date|birthday|dob|d\.o\.b|born|geboren|geburtsdatum|date de naissance|fecha de nacimiento|nacid[ao]|data di nascita|nat[ao] il)|\bn[ée]e? le /gi;
const MONTH_WORDS =
  "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre";
/** A day, a month and a year, in figures or with the month's name, at the start of the string. */
const FULL_DATE = new RegExp(
  String.raw`^(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d\d(?!\d)|(?:19|20)\d\d[/.-]\d{1,2}[/.-]\d{1,2}(?!\d)|\d{1,2}(?:st|nd|rd|th|\.)?\s+(?:of\s+|de\s+)?(?:${MONTH_WORDS})\.?,?\s+(?:de\s+)?(?:19|20)\d\d|(?:${MONTH_WORDS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d)`,
  "iu",
);

function birthHits(text: string, out: CuedHit[]): void {
  BIRTH_CUES.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BIRTH_CUES.exec(text)) !== null) {
    // A full date starting at a word of the cue's line, within 40 characters of it.
    const from = m.index + m[0].length;
    const line = text.slice(from, from + 72).split("\n", 1)[0]!;
    if (dateAtWordStart(line, 40)) {
      out.push({ code: "residual_birth_date", what: "a date of birth" });
      return;
    }
    if (headerCell(text, m.index, from) && dateBelow(text, from)) {
      out.push({ code: "residual_birth_date", what: "a date of birth in a table's column" });
      return;
    }
  }
}

/** Whether a full date starts at a word of `line`, within its first `limit` characters. */
function dateAtWordStart(line: string, limit: number): boolean {
  for (let k = 0; k < Math.min(line.length, limit); k++) {
    if (k > 0 && /[\p{L}\p{N}]/u.test(line[k - 1]!)) continue;
    if (FULL_DATE.test(line.slice(k))) return true;
  }
  return false;
}

/** A header's cell: a short name (a letter first, up to four words), in quotes or not. */
const HEADER_CELL = /^\s*["'`]?[A-Za-z][\w.]*(?: [\w.]+){0,3}["'`]?\s*$/;

/**
 * Whether the cue `text[s, e)` is a whole cell of a header line (`name,dob,zip`,
 * `| date_of_birth |`): the line splits at one separator into two cells or more, each a short
 * name, and the cue's cell is the cue alone.
 */
function headerCell(text: string, s: number, e: number): boolean {
  const lineStart = text.lastIndexOf("\n", s - 1) + 1;
  const nl = text.indexOf("\n", e);
  const line = text.slice(lineStart, nl < 0 ? text.length : nl);
  for (const sep of [",", ";", "|", "\t"]) {
    if (!line.includes(sep)) continue;
    const cells = line
      .split(sep)
      .filter((c, i, all) => !(sep === "|" && (i === 0 || i === all.length - 1) && !c.trim()));
    if (cells.length < 2 || !cells.every((c) => HEADER_CELL.test(c))) continue;
    const cue = text.slice(s, e).toLowerCase();
    if (
      cells.some(
        (c) =>
          c
            .trim()
            .replace(/^["'`]|["'`]$/g, "")
            .toLowerCase() === cue,
      )
    )
      return true;
  }
  return false;
}

/** Whether one of the three lines after the one holding `at` has a full date at a word's start. */
function dateBelow(text: string, at: number): boolean {
  let nl = text.indexOf("\n", at);
  for (let k = 0; k < 3 && nl >= 0; k++) {
    const next = text.indexOf("\n", nl + 1);
    if (dateAtWordStart(text.slice(nl + 1, next < 0 ? text.length : next), Infinity)) return true;
    nl = next;
  }
  return false;
}

// ------------------------------------------------------------------ identifiers

/** Cue words, the kind they announce, and whether the ID word ("number", "ID") must follow. */
const ID_CUES =
  /\b(?:(passport|driver'?s? ?licen[cs]e|driving licen[cs]e|licen[cs]e plate|medical record|national insurance|tax|vehicle identification|reisepass|führerschein|personalausweis)|(MRN|VIN|NHS)|(patient|member|membership|policy|account|customer|client|employee|student|subscriber|insurance|claim))(?=[ _#:."'-])/gi;
const ID_WORD = /^[ _-]?(?:id|identifier|identification|number|num|no\.?|nr\.?|#)(?![a-z])/i;
/**
 * After the cue: "number", "no.", "is", ":", "#" in any order, then the value; also as a JSON key
 * and its value (`"passport_number": "X…"`, `'mrn': '…'`).
 */
const ID_VALUE =
  /^(?:[ \t_"']*(?:numbers?|num|no\.?|nr\.?|#|:|=|is|was|id)[ \t"']*)*[ \t:#="'-]*([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){3,24})(?![\w⟦-])/i;

function idHits(text: string, out: CuedHit[]): void {
  ID_CUES.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ID_CUES.exec(text)) !== null) {
    // Acronyms count in capitals only ("vin" is wine, "nhs" a word nobody writes small).
    // (In small letters as a JSON key: `"mrn": "…"`.)
    if (
      m[2] !== undefined &&
      m[2] !== m[2].toUpperCase() &&
      !/^["'][ \t]*[:=]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))
    )
      continue;
    let rest = text.slice(m.index + m[0].length, m.index + m[0].length + 60);
    if (m[3] !== undefined) {
      const w = ID_WORD.exec(rest);
      if (w === null) continue;
      rest = rest.slice(w[0].length);
    }
    if (m[1] !== undefined && /^tax$/i.test(m[1])) {
      const w = ID_WORD.exec(rest);
      if (w === null) continue;
      rest = rest.slice(w[0].length);
    }
    const v = ID_VALUE.exec(rest);
    if (v === null) continue;
    const value = v[1]!;
    const alnum = value.replace(/-/g, "");
    if (!/\d/.test(alnum) || alnum.length < 5 || alnum.length > 20) continue;
    out.push(
      m[3] !== undefined
        ? { code: "residual_account_id", what: `an identifier after "${m[3].toLowerCase()}"` }
        : { code: "residual_id_number", what: "an identity document's or a record's number after its label" },
    );
    return;
  }
}

// ------------------------------------------------------------------ locations

const LAT_LONG = /(?<![\d.])[-+]?\d{1,2}\.\d{3,}°?\s*[NS]?\s*[,;/ ]\s*[-+]?\d{1,3}\.\d{3,}(?![\d.])/g;
const PERSONAL_PLACE =
  /\b(?:my|our|his|her|their|your) (?:\w+ )?(?:home|house|apartment|flat|place|address|residence|backyard|yard)\b|\b(?:i|we|he|she|they) (?:live|lives|lived|reside|resides)\b|\b(?:lives|living|resides) (?:at|in|near)\b/i;
/** A post code right after a redacted address: UK, Canadian, Dutch, German with a city, US ZIP. */
const CODE_AFTER_ADDRESS =
  /⟦ADDRESS_\d+⟧[ \t]*,?[ \t]*\n?[ \t]*(?:[A-Z][\p{L}'.-]+(?:[ \t]+[A-Z][\p{L}'.-]+){0,2}[ \t]*,?[ \t]*\n?[ \t]*)?(?:[A-Z]{2}[ \t]+)?(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{4} ?[A-Z]{2}(?![\w])|\d{5}(?:-\d{4})?)(?![\w])/u;

/**
 * A street written number, name, number ("20789 Allika 46", "2224 Trenerys gate 232") or number,
 * name, street word ("515 Gemsbok St") on the line above a redacted address or just before it on
 * its line: an address block whose street line the redaction left ("⟦ADDRESS_1⟧" then being only
 * its unit and city). The name starts with a capital, so "3 of 4" is none.
 */
const STREET_BEFORE_ADDRESS =
  /(?:^|[\s>:])\d{1,6}[A-Za-z]?[ \t]+\p{Lu}[\p{L}'’.-]*(?:[ \t]+[\p{L}'’.-]+){0,3}[ \t]+(?:\d{1,5}[A-Za-z]?\.?|St|Rd|Ave|Street|Road|Avenue|Lane|Drive|Way|Gate)[ \t]*,?[ \t]*(?:\r?\n[ \t>?]*)?⟦ADDRESS_\d+⟧/u;

/**
 * Where a text says it gives a place to find someone or send something, just before a number:
 * "lives at", "address is", "sent to", "drops you off at"…
 */
const ADDRESS_CUE_BEFORE =
  /(?:\baddress(?:es)?(?:\s+is|\s*:)|\blives?\s+(?:at|on)|\bliving\s+at|\blocated\s+at|\b(?:sent|send(?:\s+(?:it|them|a new one))?|deliver(?:ed)?|return(?:ed)?|ship(?:ped)?(?:\s+it)?|mail(?:ed)?(?:\s+it)?)\s+to|\bdrops?\s+you\s+off\s+at|\bmeet\s+(?:me|you|us)\s+at|\b(?:office|home|house|flat|apartment|restaurant|shop|store)\s+is\s+(?:at|on))(?:\s+it\s+is)?[ \t:]+$/i;
/**
 * A house number before a capitalised word, maybe after a building number ("12 Baker", "846 31
 * Rue"): where a street may start. Most numbers of reasoning ("12 apples", "3 = x") are none.
 */
const NUMBER_BEFORE_CAPITAL =
  /(?<![\w.])\d{1,6}[A-Za-z]?,?[ \t]+(?:\d{1,5}[ \t]+)?[A-Z\u00C0-\u00DE\u0100-\u024F\u0370-\u03FF\u0400-\u042F]/g;
/**
 * What follows such a cue when it is a street: a house number and a capitalised name ("12 Baker
 * Street", "846 31 Rue …"), or a number, a name and a number ("72134 Coronilla 3599").
 */
const STREET_AFTER_CUE =
  /^(?:\d{1,6}[A-Za-z]?,?[ \t]+){1,2}\p{Lu}[\p{L}'’.-]+|^\d{1,6}[ \t]+\p{Lu}[\p{L}'’.-]*[ \t]+\p{L}[\p{L}'’.-]*[ \t]+\d{1,5}\b/u;

/**
 * A street left after a cue that announces an address (the redaction took none of it): found at
 * each number before a capital, then the cue looked for just before it.
 */
function cuedAddress(text: string, out: CuedHit[]): void {
  NUMBER_BEFORE_CAPITAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUMBER_BEFORE_CAPITAL.exec(text)) !== null) {
    const at = m.index;
    if (!ADDRESS_CUE_BEFORE.test(text.slice(Math.max(0, at - 48), at))) continue;
    if (STREET_AFTER_CUE.test(text.slice(at, at + 80))) {
      out.push({ code: "residual_location", what: "a street after a word that announces an address" });
      return;
    }
  }
}

function coordinateHits(text: string, out: CuedHit[]): void {
  LAT_LONG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LAT_LONG.exec(text)) !== null) {
    const lat = Math.abs(parseFloat(m[0]));
    if (lat > 90) continue;
    const lineStart = text.lastIndexOf("\n", m.index) + 1;
    const lineEnd = text.indexOf("\n", m.index + m[0].length);
    const near = text.slice(
      Math.max(lineStart, m.index - 120),
      lineEnd < 0 ? m.index + 160 : Math.min(lineEnd, m.index + 160),
    );
    if (PERSONAL_PLACE.test(near)) {
      out.push({ code: "residual_location", what: "precise coordinates of a person's home" });
      return;
    }
  }
}

// ------------------------------------------------------------------ entry

/**
 * The cued personal identifiers still in `text` (the published string, placeholders included), at
 * most one hit per kind. Cheap for most texts: the number checks run only when a four-digit run
 * or a numeric date is present (or a decimal with three places); the profile check only with a host's
 * `.com/`, `.net/` or `.app/`.
 */
export function findCuedPii(text: string, mayProfile = true, mayBirth = true): CuedHit[] {
  const out: CuedHit[] = [];
  if (mayProfile) profileHits(text, out);
  if (text.includes("⟦ADDRESS_")) {
    if (CODE_AFTER_ADDRESS.test(text))
      out.push({ code: "residual_location", what: "a post code right after a redacted address" });
    else if (STREET_BEFORE_ADDRESS.test(text))
      out.push({ code: "residual_location", what: "a street line right before a redacted address" });
  }
  if (out.length === 0 || out[out.length - 1]!.code !== "residual_location") cuedAddress(text, out);
  if (!HAS_FIGURES.test(text)) return out;
  if (mayBirth && DATE_FIGURES.test(text)) birthHits(text, out);
  if (ID_FIGURES.test(text)) idHits(text, out);
  if (out.length === 0 || out[out.length - 1]!.code !== "residual_location") coordinateHits(text, out);
  return out;
}

/** Four digits in a row, three decimals or a numeric date (`3/12/84`): every date, identifier and coordinate above holds one. */
const HAS_FIGURES = /\d(?:\d{3}|\.\d{3}|[/.-]\d\d?[/.-]\d)/;
/** A numeric date or a year of 1900–2099: a date of birth holds one. */
const DATE_FIGURES = /\d[/.-]\d\d?[/.-]\d|(?<!\d)(?:19|20)\d\d(?!\d)/;
/**
 * Five digits, or four before a letter or a hyphen: the identifiers looked for hold one (a
 * passport's `X12345678`, a licence's `2270-66-1551`); four digits after a letter alone
 * (`AB1234`) are not looked for.
 */
const ID_FIGURES = /\d{4}[\dA-Za-z-]/;
