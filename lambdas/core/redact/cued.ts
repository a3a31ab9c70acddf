/**
 * Personal identifiers that are personal data because of what stands next to them (pii9):
 * - `profile-url` (USER): the handle in a person's profile link on a social or professional
 *   network (`linkedin.com/in/<handle>`, `facebook.com/<handle>`, `x.com/<handle>`,
 *   `tiktok.com/@<handle>`…); the site's own pages (`x.com/home`, `facebook.com/groups/…`) stay,
 *   and so do code hosts (`github.com/<org>/<repo>`: public code, everywhere in reasoning).
 * - `dob` (DOB): a full date (day, month and year) after a birth cue ("DOB:", "date of birth",
 *   "born on", "birthday", "geboren", "né le", "fecha de nacimiento"…). A bare date, or a year
 *   alone ("born in 1984"), is not.
 * - `cued-id` (ID): an identifier right after its cue ("passport number is X12345678", "MRN
 *   00482913", "driver's license D1234567", "policy no. 12-3456-789", "VIN …", "licence plate
 *   …"): letters and digits or digits, 5–20 of them, at least one digit. A qualifier that is not an
 *   identity document by itself (patient, member, policy, account, customer, employee, student…)
 *   needs an ID word after it ("patient ID", "account number"). A 17-character VIN without a cue
 *   is taken when its check digit holds.
 * - `coordinates` (ADDRESS): a latitude/longitude pair with three or more decimals next to a
 *   personal cue ("my home", "her apartment", "I live", "lives at").
 * - `postcode` (ADDRESS): a post code of a strict shape (UK, Canada, the Netherlands with its
 *   city, Germany with its city, US ZIP after a state) right after a street address, taken into
 *   the address's span.
 *
 * Cost: one digit-led scan finds every candidate for the last four (a date, a four-digit run, a
 * decimal with three places, the end of a UK or Canadian post code); the cue is then looked for
 * in the few dozen characters before each candidate. Profile links need `com/` or a few other
 * fixed strings. A text with neither costs two native searches.
 */
import { ADDRESS } from "./address";
import { CATEGORY, isSpace, type Detector, type Span } from "./types";

// ---------------------------------------------------------------- profile links

/** The path prefixes of personal profiles, by site (lower case, after the host). */
const PROFILE_RE =
  /(?<![\w.@-])(?:https?:\/\/)?(?:(?:www|m|mobile|[a-z]{2}(?:-[a-z]{2})?)\.)?(linkedin\.com\/(?:in|pub)\/|(?:facebook|fb|instagram|twitter|x|threads|pinterest|snapchat|tumblr)\.(?:com|net)\/(?:add\/)?@?|(?:tiktok|youtube|medium)\.com\/@|reddit\.com\/u(?:ser)?\/|bsky\.app\/profile\/|(?:vk|ok)\.com\/|t\.me\/)(profile\.php\?id=)?([\p{L}\p{N}_.%-]{2,100})/giu;

/** First path segments that are a site's own pages, not a person's handle. */
const SITE_PAGES = new Set(
  (
    "home search explore i intent share sharer sharer.php hashtag settings notifications messages login " +
    "logout signup register tos privacy about help p reel reels stories story groups pages page events " +
    "watch marketplace gaming policies policy legal accounts account developers developer business ads " +
    "dialog plugins tr compose jobs company school feed directory public hashtags topics topic " +
    "lists list communities community status terms cookies contact support careers press blog news " +
    "docs api apps app download downloads en fr de es it pt ja ko zh ru live videos video photos photo " +
    "photo.php permalink.php story.php media tags tag places place trending discover pin pins " +
    "ideas today r c s joinchat addstickers share.php shareArticle oauth auth static assets"
  )
    .toLowerCase()
    .split(" "),
);

/**
 * Whether a slash of `text` follows `com`, `net` or `t.me` or `app` (`bsky.app/profile/`) or comes
 * before `@`: one native search per slash, and a text without one (most) costs one search.
 */
function mayHoldProfile(text: string): boolean {
  for (let i = text.indexOf("/"); i >= 0; i = text.indexOf("/", i + 1)) {
    const a = unitAt(text, i - 1);
    if (
      (a === 109 && unitAt(text, i - 2) === 111 && unitAt(text, i - 3) === 99) || // com/
      (a === 116 && unitAt(text, i - 2) === 101 && unitAt(text, i - 3) === 110) || // net/
      unitAt(text, i + 1) === 64 || // /@
      (a === 101 && text.startsWith("t.me", i - 4)) ||
      (a === 112 && text.startsWith("app", i - 3))
    )
      return true;
  }
  return false;
}

function profileSpans(text: string): Span[] {
  if (!mayHoldProfile(text)) return [];
  const out: Span[] = [];
  PROFILE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PROFILE_RE.exec(text)) !== null) {
    let handle = m[3]!;
    // A sentence's full stop or a trailing hyphen is not part of the handle.
    while (handle.length > 0 && ".-".includes(handle[handle.length - 1]!)) handle = handle.slice(0, -1);
    if (handle.length < 2) continue;
    if (m[2] === undefined) {
      if (SITE_PAGES.has(handle.toLowerCase())) continue;
      if (/\.(?:php|html?|aspx?|js|css|png|jpe?g|gif|svg|xml|json)$/i.test(handle)) continue;
    } else if (!/^\d+$/.test(handle)) continue;
    const start = m.index + m[0].length - m[3]!.length;
    out.push({ start, end: start + handle.length, category: CATEGORY.user, detector: "profile-url" });
  }
  return out;
}

// ---------------------------------------------------------------- candidates

/**
 * Every candidate of the number-led rules, found in one scan that starts at a digit: a run of
 * four digits (an id, a year, a Dutch or German post code), a decimal with three places (a
 * coordinate), a numeric date, a digit before a capital and a capital or digit (the end of a UK
 * or Canadian post code: `6XE`, `0B1`).
 */
const CANDIDATE = /\d(?:\d{3}|\.\d{3}|[./-]\d\d?[./-]\d|[A-Z][A-Z\d](?![\w]))/g;

/**
 * The UTF-16 unit of `text` at `i`, or -1 before its start or past its end (where charCodeAt gives
 * NaN, or 0 after `| 0`: every test of the unit here is false for all three). A read outside the
 * text deoptimised the scanner, and V8 then called charCodeAt out of line for every later text.
 */
function unitAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

// ---------------------------------------------------------------- dates of birth

const MONTHS =
  "jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|f[ée]vrier|mar(?:ch|s|zo)?|m[äa]rz|apr(?:il)?|avril|abril|aprile|may|mai|mayo|maggio|june?|juni|juin|junio|giugno|july?|juli|juillet|julio|luglio|aug(?:ust)?|ao[ûu]t|agosto|sep(?:t(?:ember)?)?|septembre|septiembre|settembre|oct(?:ober)?|okt(?:ober)?|octobre|octubre|ottobre|nov(?:ember)?|novembre|noviembre|dec(?:ember)?|dez(?:ember)?|d[ée]cembre|diciembre|dicembre|enero|febrero|gennaio|febbraio";
/** A numeric date starting at the candidate: d/m/y or m/d/y (one separator twice), or y-m-d. */
const NUMERIC_DATE =
  /(\d{1,4})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d)|(\d{4})([./-])(\d{1,2})\6(\d{1,2})(?!\d)/y;
/** The words of a written date before its year ("12 March ", "March 12, ", "12. März ", "12 de marzo de "). */
const WRITTEN_BEFORE_YEAR = new RegExp(
  String.raw`(?:(?<!\d)\d{1,2}(?:st|nd|rd|th|er|\.|º)?\s+(?:of\s+|de\s+)?(?:${MONTHS})\.?,?\s+(?:de\s+)?|(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+)$`,
  "iu",
);
/** A birth cue and what may stand between it and the date ("DOB: ", "date of birth. It's ", "born on "). */
const BIRTH_CUE_BEFORE =
  /(?:\b(?:dob|date\s+of\s+birth|birth\s*date|birthday|born|geboren|geburtsdatum|geburtstag|date\s+de\s+naissance|n[ée]e?\s+le|fecha\s+de\s+nacimiento|nacid[oa]|data\s+di\s+nascita|nat[oa]\s+(?:il|a))(?![\p{L}\p{N}])|\bd\.o\.b\.?|\bgeb\.)[^\d\n]{0,32}$/iu;

/** Whether `.`, `/` or `-` stands among the 2–5 characters after `at` (a numeric date's first separator). */
function dateSeparatorNear(text: string, at: number): boolean {
  for (let i = at + 1; i <= at + 4 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 47 || c === 45) return true;
  }
  return false;
}

function numericDate(text: string, at: number): RegExpExecArray | null {
  NUMERIC_DATE.lastIndex = at;
  return NUMERIC_DATE.exec(text);
}

function validDate(d: number, m: number, y: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1900 && y <= 2100;
}

function year(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n > 30 ? 1900 + n : 2000 + n) : n;
}

/** The date at `at` (numeric) or ending with the year at `at` (written): its span, or undefined. */
function dateAt(text: string, cand: number): [number, number] | undefined {
  // (The scan may land on a date's second digit: "03/12" is found at "3/12".)
  const at = cand > 0 && isDigit(text.charCodeAt(cand - 1)) ? cand - 1 : cand;
  const m = dateSeparatorNear(text, at) ? numericDate(text, at) : null;
  if (m !== null && (at === 0 || !isAlnum(text.charCodeAt(at - 1)))) {
    if (m[1] !== undefined) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const y = year(m[4]!);
      if (m[1].length <= 2 && (validDate(a, b, y) || validDate(b, a, y))) return [at, at + m[0].length];
      if (m[1].length === 4 && m[4]!.length <= 2 && validDate(Number(m[4]), b, a))
        return [at, at + m[0].length];
    } else if (validDate(Number(m[8]), Number(m[7]), Number(m[5]))) return [at, at + m[0].length];
  }
  // A written date: a word, a full stop or a comma, a blank, then the year.
  const w1 = at >= 2 ? text.charCodeAt(at - 2) : 0;
  if (
    isSpace(unitAt(text, at - 1)) &&
    (w1 === 44 || w1 === 46 || w1 > 64) &&
    !isAlnum(unitAt(text, at + 4))
  ) {
    const y = Number(text.slice(at, at + 4));
    if (y < 1900 || y > 2100) return undefined;
    const before = text.slice(Math.max(0, at - 32), at);
    const w = WRITTEN_BEFORE_YEAR.exec(before);
    if (w !== null) return [at - before.length + w.index, at + 4];
  }
  return undefined;
}

// ---------------------------------------------------------------- cued identifiers

/**
 * Cues that name an identity document or a record on their own ("passport X1…", "MRN 0048…"),
 * then what may stand between the cue and the value ("number", "no.", "#", "is", ":").
 */
const CONNECTOR = String.raw`(?:[ \t_:#=."'-]*(?:id(?:entification)?|identifier|numbers?|num|no|nr|n°|nº|#|card|is|was|:|=))*[ \t:#=."'-]*`;
const STRONG_CUE = new RegExp(
  String.raw`(?:\b(?:passport|driver'?s?[\s_-]*licen[cs]e|driving[\s_-]*licen[cs]e|licen[cs]e[\s_-]*plate|number[\s_-]*plate|registration[\s_-]*plate|car[\s_-]*plate|plate[\s_-]*number|medical[\s_-]*record|health[\s_-]*(?:card|insurance)|national[\s_-]*insurance|social[\s_-]*insurance|vehicle[\s_-]*identification|reisepass|f[üu]hrerschein|personalausweis|passeport|pasaporte|passaporto)|\b(?:MRN|VIN|NHS|DL|NI|TIN|SIN))${CONNECTOR}$`,
  "i",
);
/**
 * The acronyms of STRONG_CUE count in capitals ("tin", "ni", "dl" are words or units); `mrn` and
 * `nhs` in any case, the others in small letters as a JSON key (`"vin": …`).
 */
const ACRONYM_CUE = new RegExp(String.raw`\b(?:mrn|vin|nhs|dl|ni|tin|sin)${CONNECTOR}$`, "i");
const ACRONYM_CUE_CAPS = new RegExp(
  String.raw`\b(?:MRN|VIN|NHS|DL|NI|TIN|SIN|[Mm]rn|[Nn]hs|(?:[Vv]in|[Dd]l|[Nn]i|[Tt]in|[Ss]in)(?=["'][ \t]*[:=]))${CONNECTOR}$`,
);
/** A qualifier, then an ID word ("patient ID", "account number", "policy no."), then the connector. */
const QUALIFIED_CUE = new RegExp(
  String.raw`\b(?:patient|member(?:ship)?|policy|account|customer|client|employee|staff|student|subscriber|insurance|insured|tax(?:payer)?|beneficiary|claim|case|personnel|badge)[\s_-]*(?:id(?:entification)?|identifier|number|num|no\.?|nr\.?|n°|nº|#)${CONNECTOR}$`,
  "i",
);
/** A plate's cue, after which the value may hold one space ("ABC 1234"). */
const PLATE_CUE = /\b(?:(?:licen[cs]e|number|registration|car)[\s_-]*plate|plate[\s_-]*number)/i;

const VIN_VALUE: Record<string, number> = {};
for (const [i, c] of [..."ABCDEFGH"].entries()) VIN_VALUE[c] = i + 1;
for (const [i, c] of [..."JKLMN"].entries()) VIN_VALUE[c] = i + 1;
VIN_VALUE["P"] = 7;
VIN_VALUE["R"] = 9;
for (const [i, c] of [..."STUVWXYZ"].entries()) VIN_VALUE[c] = i + 2;
for (let d = 0; d <= 9; d++) VIN_VALUE[String(d)] = d;
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** Whether a 17-character VIN's check digit (its ninth character) holds (ISO 3779, North America). */
export function vinCheck(vin: string): boolean {
  if (vin.length !== 17) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = VIN_VALUE[vin[i]!];
    if (v === undefined) return false;
    sum += v * VIN_WEIGHTS[i]!;
  }
  const r = sum % 11;
  return vin[8] === (r === 10 ? "X" : String(r));
}

/** The token (letters, digits, inner hyphens) around `at`: [start, end). */
function tokenAround(text: string, at: number): [number, number] {
  let s = at;
  while (
    s > 0 &&
    (isAlnum(text.charCodeAt(s - 1)) ||
      (text.charCodeAt(s - 1) === 45 && s > 1 && isAlnum(text.charCodeAt(s - 2))))
  )
    s--;
  let e = at;
  while (
    e < text.length &&
    (isAlnum(text.charCodeAt(e)) || (text.charCodeAt(e) === 45 && isAlnum(unitAt(text, e + 1))))
  )
    e++;
  return [s, e];
}

/** The start of a group of 1–4 capitals and digits and a space just before `s`, or `s`. */
function groupBefore(text: string, s: number): number {
  if (s < 2 || text.charCodeAt(s - 1) !== 32) return s;
  let g = s - 1;
  while (g > 0 && s - 1 - g < 4) {
    const c = text.charCodeAt(g - 1);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) break;
    g--;
  }
  if (g === s - 1 || (g > 0 && isAlnum(text.charCodeAt(g - 1)))) return s;
  return g;
}

/** Letters and digits in `v` (hyphens aside), and whether a digit is among them. */
function idShaped(v: string): boolean {
  let n = 0;
  let digits = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    if (c !== 45 && c !== 32) n++;
  }
  return digits > 0 && n >= 5 && n <= 20;
}

/** The cued identifier whose token holds `at`, if its cue stands right before it. */
/** A VIN without a cue: 17 characters of its alphabet, a letter among them, whose check digit holds. */
function bareVin(text: string, s: number, e: number): Span | undefined {
  if (e - s !== 17) return undefined;
  const v = text.slice(s, e);
  return vinCheck(v) && /[A-Z]/.test(v)
    ? { start: s, end: e, category: CATEGORY.id, detector: "cued-id" }
    : undefined;
}

function cuedIdAt(text: string, at: number): Span | undefined {
  const [s, e0] = tokenAround(text, at);
  let e = e0;
  if (!cueWordBefore(text, s)) {
    // A plate in two groups ("plate ABC 1234"): the cue stands before the first.
    const g = groupBefore(text, s);
    if (g < s && cueWordBefore(text, g) && PLATE_CUE.test(text.slice(Math.max(0, g - 48), g))) {
      if (idShaped(text.slice(g, e))) return { start: g, end: e, category: CATEGORY.id, detector: "cued-id" };
      return undefined;
    }
    return bareVin(text, s, e);
  }
  const before = text.slice(Math.max(0, s - 48), s);
  const strong = STRONG_CUE.test(before) && (!ACRONYM_CUE.test(before) || ACRONYM_CUE_CAPS.test(before));
  if (!strong && !QUALIFIED_CUE.test(before)) {
    return bareVin(text, s, e);
  }
  // A plate may be written in two groups ("AB12 CDE", "ABC 1234").
  if (PLATE_CUE.test(before)) {
    const next = /^ [A-Z0-9]{1,4}(?![\w-])/.exec(text.slice(e, e + 6));
    if (next !== null) e += next[0].length;
  }
  if (!idShaped(text.slice(s, e))) return undefined;
  return { start: s, end: e, category: CATEGORY.id, detector: "cued-id" };
}

// ---------------------------------------------------------------- coordinates

/** A latitude and longitude with three or more decimals, from the start of the latitude. */
const COORDS =
  /[-+−]?(\d{1,2}\.\d{3,})°?(?:\s*[NS](?!\w))?\s*[,/; ]\s*([-+−]?)(\d{1,3}\.\d{3,})(?![\d.])°?(?:\s*[EW](?!\w))?/y;
/** A personal cue near coordinates: a home or a place of one's own, or someone living there. */
const HOME_CUE =
  /\b(?:(?:my|our|her|his|their|your)\s+(?:(?:new|own|current|old|family|parents'?|mom'?s|mother'?s|dad'?s|father'?s)\s+)?(?:home|house|flat|apartment|place|address|residence|location|backyard|yard|farm|cabin)|(?:I|we|she|he|they|you)\s+(?:live|lives|lived|reside|resides|stay|stays)|(?:lives|living|resides|residing)\s+(?:at|in|near|by)|home\s+(?:address|coordinates|location))\b/i;

function coordinatesAt(text: string, at: number): Span | undefined {
  let s = at;
  while (s > 0 && isDigit(text.charCodeAt(s - 1))) s--;
  if (s > 0 && "-+−".includes(text[s - 1]!)) s--;
  if (s > 0 && (isAlnum(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 46)) return undefined;
  COORDS.lastIndex = s;
  const m = COORDS.exec(text);
  if (m === null) return undefined;
  if (Number(m[1]) > 90 || Number(m[3]) > 180) return undefined;
  const e = s + m[0].length;
  const ls = text.lastIndexOf("\n", s) + 1;
  let le = text.indexOf("\n", e);
  if (le < 0) le = text.length;
  const around = text.slice(Math.max(ls, s - 100), Math.min(le, e + 100));
  if (!HOME_CUE.test(around)) return undefined;
  return { start: s, end: e, category: CATEGORY.address, detector: "coordinates" };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// ---------------------------------------------------------------- post codes after an address

/** The outward part of a UK post code before its inward `6XE`, and a Canadian post code's first half. */
const UK_OUTWARD = /(?<![\w-])(?:[A-Z]{1,2}\d[A-Z\d]?) ?$/;
const CA_FIRST = /(?<![\w-])[ABCEGHJKLMNPRSTVXY]\d[A-Z] ?$/;
/** Dutch `1234 AB` and German `12345` before a city, from the candidate's first digit. */
const NL_CODE =
  /\d{4} ?(?!S[ADS]\b)[A-Z]{2}(?![\w-])(?:[ \t]+\p{Lu}[\p{L}'’-]+(?:[ \t-]\p{Lu}[\p{L}'’-]+)?)?/uy;
const DE_CODE =
  /\d{5}(?:[ \t]+\p{Lu}[\p{L}'’.-]+(?:[ \t-](?:a\.|am|an|im|in|\p{Lu}[\p{L}'’.-]+)){0,2})(?=$|[\s,.;)])/uy;
const US_CODE = /(?<=(?<![\w-])[A-Z]{2},?[ \t]+)\d{5}(?:-\d{4})?(?![\w-])/y;
/** What may stand between an address and its post code: a city, a region, commas, one line break. */
const BETWEEN =
  /^[ \t]*,?[ \t]*(?:\n[ \t]*)?(?:\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,3}[ \t]*,?[ \t]*(?:\n[ \t]*)?)?(?:[A-Z]{2}[ \t]+)?$/u;

/** The post code whose candidate is at `at`: [start, end) of the code (with a city after it where one is written so). */
function postcodeAt(text: string, at: number): [number, number] | undefined {
  if (at > 0 && isAlnum(text.charCodeAt(at - 1))) {
    // `6XE` / `0B1`: only as the second half of a UK or Canadian code.
    return undefined;
  }
  const c1 = unitAt(text, at + 1);
  if (c1 >= 65 && c1 <= 90) {
    const head = text.slice(Math.max(0, at - 5), at);
    const third = unitAt(text, at + 2);
    const m = third >= 65 && third <= 90 ? UK_OUTWARD.exec(head) : CA_FIRST.exec(head);
    return m === null ? undefined : [at - m[0].length, at + 3];
  }
  // After four digits: a fifth (German, US), or a blank or a capital (Dutch).
  const c4 = unitAt(text, at + 4);
  if (isDigit(c4) || c4 === 32 || (c4 >= 65 && c4 <= 90))
    for (const re of [US_CODE, DE_CODE, NL_CODE]) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (m !== null) return [at, at + m[0].length];
    }
  // Any other code of 4–6 digits after a place's name, a comma or a line break ("…\n Iceland
  // 72399", ", 04494"): the address before it decides (`addressBefore`).
  let e = at;
  while (e < text.length && isDigit(text.charCodeAt(e))) e++;
  if (e - at < 4 || e - at > 6 || isAlnum(unitAt(text, e)) || unitAt(text, e) === 45) return undefined;
  return placeBefore(text, at) ? [at, e] : undefined;
}

/** Whether a comma, a line break or a capitalised word stands before `at` (blanks aside). */
function placeBefore(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  if (i === at || i === 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c === 44 || c === 10) return true;
  let w = i;
  while (w > 0 && /\p{L}/u.test(text[w - 1]!)) w--;
  return w < i && /\p{Lu}/u.test(text[w]!);
}

/** The address before a post code at [ps, pe), extended over it: the new span, or undefined. */
function addressBefore(text: string, ps: number, pe: number): Span | undefined {
  let ws = Math.max(0, ps - 200);
  while (ws > 0 && ws < ps && !/\s/.test(text[ws - 1]!)) ws++;
  const window = text.slice(ws, pe);
  let best: Span | undefined;
  for (const a of ADDRESS.detect(window, { internalDomains: [] })) {
    const end = a.end + ws;
    if (end > pe) continue;
    if (end > ps || BETWEEN.test(text.slice(end, ps)))
      if (best === undefined || a.start < best.start) best = a;
  }
  if (best === undefined) return undefined;
  return { start: best.start + ws, end: pe, category: CATEGORY.address, detector: "postcode" };
}

// ---------------------------------------------------------------- the scan

/**
 * The last word of a cue and its connector, lower-cased, as it can stand right before a value
 * ("passport X…", "number: 12…", "ID #4…", "is D12…"): a value after any other word has no cue,
 * and is rejected without the cue patterns.
 */
const CUE_LAST_WORDS = new Set(
  (
    "passport license licence plate record insurance card id identification identifier number numbers num " +
    "no nr n° nº is was mrn vin nhs dl ni tin sin reisepass führerschein fuhrerschein personalausweis " +
    "passeport pasaporte passaporto"
  ).split(" "),
);

/** 1 for the characters that end a cue's last word on its left (blanks, punctuation, `_`). */
const WORD_END = new Uint8Array(256);
for (const c of " \t\n\r:#=.,;()'\"_-") WORD_END[c.charCodeAt(0)] = 1;

/** Whether the word before `s` (after blanks and `:#=.-`) may end a cue: see CUE_LAST_WORDS. */
function cueWordBefore(text: string, s: number): boolean {
  let i = s;
  while (i > 0 && i > s - 8) {
    const c = text.charCodeAt(i - 1);
    if (c === 35) return true; // "#"
    if (
      c === 32 ||
      c === 9 ||
      c === 58 ||
      c === 61 ||
      c === 46 ||
      c === 45 ||
      c === 10 ||
      c === 34 ||
      c === 39
    )
      i--;
    else break;
  }
  let w = i;
  while (w > 0 && i - w < 16 && !WORD_END[text.charCodeAt(w - 1) & 0xff]) w--;
  return w < i && CUE_LAST_WORDS.has(text.slice(w, i).toLowerCase());
}

let memoText: string | undefined;
let memoSpans: Span[] = [];

/** The spans of the number-led rules in `text` (remembered for the last text: four detectors share them). */
function numberLed(text: string): Span[] {
  if (text === memoText) return memoSpans;
  memoText = text;
  memoSpans = numberLedSpans(text);
  return memoSpans;
}

function numberLedSpans(text: string): Span[] {
  const out: Span[] = [];
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text)) !== null) {
    const at = m.index;
    const found = numberLedAt(text, at, m[0]);
    if (found !== undefined) {
      out.push(found);
      if (found.end > CANDIDATE.lastIndex) CANDIDATE.lastIndex = found.end;
      continue;
    }
    // The rest of this token holds no other candidate of its own.
    const [, e] = tokenAround(text, at);
    if (e > CANDIDATE.lastIndex) CANDIDATE.lastIndex = e;
  }
  return out;
}

function numberLedAt(text: string, at: number, cand: string): Span | undefined {
  const date = dateAt(text, at);
  if (date !== undefined && BIRTH_CUE_BEFORE.test(text.slice(Math.max(0, date[0] - 48), date[0])))
    return { start: date[0], end: date[1], category: CATEGORY.dob, detector: "dob" };
  if (cand.charCodeAt(1) === 46 && cand.length === 5) {
    const c = coordinatesAt(text, at);
    if (c !== undefined) return c;
  }
  const code = postcodeAt(text, at);
  if (code !== undefined) {
    const a = addressBefore(text, code[0], code[1]);
    if (a !== undefined) return a;
  }
  return cuedIdAt(text, at);
}

function only(detector: string): (text: string) => Span[] {
  return (text) => {
    const all = numberLed(text);
    if (all.length === 0) return all;
    return all.filter((s) => s.detector === detector).map((s) => ({ ...s }));
  };
}

export const PROFILE_URL: Detector = { name: "profile-url", category: CATEGORY.user, detect: profileSpans };
/** The four rules below share one scan of the text (`numberLed`). */
export const DOB: Detector = { name: "dob", category: CATEGORY.dob, detect: only("dob") };
export const CUED_ID: Detector = { name: "cued-id", category: CATEGORY.id, detect: only("cued-id") };
export const COORDINATES: Detector = {
  name: "coordinates",
  category: CATEGORY.address,
  detect: only("coordinates"),
};
export const POSTCODE: Detector = { name: "postcode", category: CATEGORY.address, detect: only("postcode") };

export const CUED_DETECTORS: Detector[] = [PROFILE_URL, DOB, CUED_ID, COORDINATES, POSTCODE];
