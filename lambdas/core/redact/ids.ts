/**
 * National identity numbers whose check digit (or letter) makes a chance match rare, redacted as
 * `SSN` (the category of national ids: the placeholders' categories are fixed in `types.ts`):
 * - a Chinese resident identity number: 18 characters, a province code, a birth date that exists
 *   and the ISO 7064 mod 11-2 check character (`X` for 10);
 * - a Spanish DNI (8 digits and their letter, mod 23) or NIE (`X`/`Y`/`Z`, 7 digits, the letter);
 *   a DNI whose digits are a date (`20241130A`, a batch name) or a round number (`21000000B`,
 *   bytes) only with a cue;
 * - an Italian codice fiscale: 16 characters in the code's structure (month letter, day 1–31 or
 *   41–71, digits possibly replaced by the letters L–V) and its check letter;
 * - a French social security number (NIR): 15 digits — sex, year, month, department (Corsica
 *   `2A`/`2B`), commune, order — and the key `97 − n mod 97`, grouped as written or not (not
 *   grouped, from 1 or 2 only: an American Express card has 15 digits too);
 * - a German tax id (Steuer-ID): 11 digits with the ISO 7064 mod 11,10 check digit and its digit
 *   rule (one digit twice or three times in the first ten), only after a cue ("Steuer-ID", "IdNr",
 *   "tax id"): eleven digits are too common a shape;
 * - a UK National Insurance number: two letters with the official prefix rules (no D, F, I, Q,
 *   U, V; no O second; not BG, GB, KN, NK, NT, TN, ZZ), six digits and a suffix A–D; written in
 *   its groups (`AB 12 34 56 C`) on its own, compact (`AB123456C`) or without the suffix only
 *   after a cue ("National Insurance", "NINO", "NI number").
 */
import { CATEGORY, type Span } from "./types";

const NOT_GLUED_BEFORE = "(?<![A-Za-z0-9])";
/**
 * A blank between groups: a space, or a no-break, narrow or thin space (French typography
 * writes `AB 12 34 56 C` and `1 85 05 …` with them).
 */
const BLANK = "[ \\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000]";
const NOT_GLUED_AFTER = "(?![A-Za-z0-9])";

function span(start: number, end: number): Span {
  return { start, end, category: CATEGORY.ssn, detector: "ssn" };
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `yyyymmdd` names a day from 1900 to 2099. */
function realDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  if (d > DAYS[m - 1]!) return false;
  return !(m === 2 && d === 29 && (y % 4 !== 0 || (y % 100 === 0 && y % 400 !== 0)));
}

// ── China ───────────────────────────────────────────────────────────────────────────────────────

const CN_RE = new RegExp(
  `${NOT_GLUED_BEFORE}(\\d{6})(?:${BLANK}|-)?(\\d{8})(?:${BLANK}|-)?(\\d{3}[0-9Xx])${NOT_GLUED_AFTER}`,
  "g",
);
const CN_PROVINCES = new Set(
  "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83".split(
    " ",
  ),
);
const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = "10X98765432";

/** The check character of a Chinese resident identity number's first 17 digits. */
export function cnCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * CN_WEIGHTS[i]!;
  return CN_CHECK[sum % 11]!;
}

function cnId(m: RegExpExecArray): boolean {
  const region = m[1]!;
  const birth = m[2]!;
  const rest = m[3]!;
  if (!CN_PROVINCES.has(region.slice(0, 2))) return false;
  if (!realDate(+birth.slice(0, 4), +birth.slice(4, 6), +birth.slice(6, 8))) return false;
  // One kind of separator or none (`110101 19900307 4514`).
  const seps = m[0].replace(/[0-9Xx]/g, "");
  if (seps.length === 1 || (seps.length === 2 && seps[0] !== seps[1])) return false;
  return cnCheck(region + birth + rest.slice(0, 3)) === rest[3]!.toUpperCase();
}

// ── Spain ───────────────────────────────────────────────────────────────────────────────────────

const ES_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
const DNI_RE = new RegExp(
  `${NOT_GLUED_BEFORE}(?:([XYZ])-?(\\d{7})|(\\d{8}))-?([A-Z])${NOT_GLUED_AFTER}`,
  "g",
);
const DNI_CUE = /\b(?:dni|nie|nif|documento|identidad|id card|identity)\b/i;

/** The letter of a Spanish DNI number (an NIE's with X/Y/Z read as 0/1/2). */
export function dniLetter(n: number): string {
  return ES_LETTERS[n % 23]!;
}

function dni(m: RegExpExecArray, text: string): boolean {
  const number = m[3] ?? String("XYZ".indexOf(m[1]!)) + m[2]!;
  if (dniLetter(+number) !== m[4]) return false;
  if (/^(\d)\1+$/.test(number)) return false;
  // Eight digits that are a date (`20241130A`: a batch or a build) or a round number with a unit
  // (`21000000B`, bytes), unless a cue says DNI.
  if (
    m[3] !== undefined &&
    (number.endsWith("000") || realDate(+number.slice(0, 4), +number.slice(4, 6), +number.slice(6, 8)))
  )
    return DNI_CUE.test(text.slice(Math.max(0, m.index - 40), m.index));
  return true;
}

// ── Italy ───────────────────────────────────────────────────────────────────────────────────────

/** A digit of the code, or the letter that replaces it (omocodia: L–V for 0–9). */
const CF_D = "[0-9LMNP-V]";
const CF_RE = new RegExp(
  `${NOT_GLUED_BEFORE}[A-Z]{6}${CF_D}{2}[ABCDEHLMPRST]${CF_D}{2}[A-Z]${CF_D}{3}[A-Z]${NOT_GLUED_AFTER}`,
  "g",
);
/** Values of the characters in odd positions (1st, 3rd…), for digits 0–9 then letters A–Z. */
const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/** The check letter of a codice fiscale's first 15 characters. */
export function cfCheck(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 65; // digit or letter, 0-based
    sum += i % 2 === 0 ? CF_ODD[v]! : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}

const OMOCODIA = "LMNPQRSTUV";

function cfDigits(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 10 + (ch <= "9" ? +ch : OMOCODIA.indexOf(ch));
  return n;
}

function codiceFiscale(v: string): boolean {
  const day = cfDigits(v.slice(9, 11));
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return false;
  return cfCheck(v.slice(0, 15)) === v[15];
}

// ── France ──────────────────────────────────────────────────────────────────────────────────────

const NIR_RE = new RegExp(
  `${NOT_GLUED_BEFORE}([1-478])((?:${BLANK}|\\.)?)(\\d{2})\\2(\\d{2})\\2(\\d{2}|2[AB])\\2(\\d{3})\\2(\\d{3})\\2(\\d{2})${NOT_GLUED_AFTER}`,
  "g",
);

/** The key of a NIR's first 13 characters (Corsica's `2A`/`2B` read as 19/18). */
export function nirKey(first13: string): number {
  const n = Number(first13.replace(/2A/, "19").replace(/2B/, "18"));
  return 97 - (n % 97);
}

function nir(m: RegExpExecArray): boolean {
  // Written without groups, 15 digits from 3 or more may be a card (American Express: 34, 37).
  if (m[2] === "" && m[1] !== "1" && m[1] !== "2") return false;
  const month = +m[4]!;
  // 01–12; 20 and 30–42 and 50–99 for births whose month is unknown or records converted.
  if (month === 0 || (month > 12 && month < 20) || (month > 20 && month < 30) || (month > 42 && month < 50))
    return false;
  const first13 = m[1]! + m[3]! + m[4]! + m[5]! + m[6]! + m[7]!;
  return nirKey(first13) === +m[8]!;
}

// ── Germany ─────────────────────────────────────────────────────────────────────────────────────

const STEUER_RE = new RegExp(`${NOT_GLUED_BEFORE}[1-9](?:(?:${BLANK}|/)?\\d){10}${NOT_GLUED_AFTER}`, "g");
const STEUER_CUE =
  /steuer-?\s?id|steuer-?identifikations|identifikationsnummer|\bidnr\b|\bid-nr\b|\btax\s?id\b|\btin\b|steuerliche/i;

/** The ISO 7064 mod 11,10 check digit of a Steuer-ID's first ten digits. */
export function steuerCheck(first10: string): number {
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (first10.charCodeAt(i) - 48 + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

function steuerId(v: string, at: number, text: string): boolean {
  const d = v.replace(/\D/g, "");
  if (d.length !== 11) return false;
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 10; i++) counts[d.charCodeAt(i) - 48]!++;
  const repeated = counts.filter((c) => c > 1);
  if (repeated.length !== 1 || repeated[0]! > 3) return false;
  if (steuerCheck(d.slice(0, 10)) !== +d[10]!) return false;
  return STEUER_CUE.test(text.slice(Math.max(0, at - 48), at));
}

// ── United Kingdom ──────────────────────────────────────────────────────────────────────────────

const NINO_RE = new RegExp(
  `${NOT_GLUED_BEFORE}([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])(${BLANK}?)(\\d{2})\\2(\\d{2})\\2(\\d{2})(?:\\2([A-D]))?${NOT_GLUED_AFTER}`,
  "g",
);
const NINO_BAD_PREFIX = new Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]);
const NINO_CUE = /national\s+insurance|\bNINO\b|\bNI\s*(?:no\b|num|#|:)|\bNI\b/i;

function nino(m: RegExpExecArray, text: string): boolean {
  if (NINO_BAD_PREFIX.has(m[1]!)) return false;
  if (m[2] !== "" && m[6] !== undefined) return true;
  const before = text.slice(Math.max(0, m.index - 40), m.index);
  // "ni" is a word of French and Spanish: the short cue counts in capitals only.
  return NINO_CUE.test(before) && (/national|nino/i.test(before) || /\bNI\b/.test(before));
}

// ── All ─────────────────────────────────────────────────────────────────────────────────────────

function collect(re: RegExp, text: string, ok: (m: RegExpExecArray) => boolean, out: Span[]): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) if (ok(m)) out.push(span(m.index, m.index + m[0].length));
}

/**
 * The national identity numbers of `text` (see above). `digits`: whether the text holds a run of
 * seven digits or more (with blanks, dots or dashes between them: the phone, card and SSN
 * detectors' clusters, found once per text), which every format but the NINO and the codice
 * fiscale holds.
 */
export function nationalIds(text: string, digits: boolean): Span[] {
  const out: Span[] = [];
  if (digits) {
    collect(CN_RE, text, cnId, out);
    collect(DNI_RE, text, (m) => dni(m, text), out);
    collect(NIR_RE, text, nir, out);
    if (STEUER_CUE.test(text)) collect(STEUER_RE, text, (m) => steuerId(m[0], m.index, text), out);
  }
  // Two capitals and three pairs of digits; six capitals and the code's digits and month letter.
  // (Most texts hold neither: one scan for both, ID_HINTS, says so.)
  if (ID_HINTS.test(text)) {
    if (NINO_HINT.test(text)) collect(NINO_RE, text, (m) => nino(m, text), out);
    if (CF_HINT.test(text)) collect(CF_RE, text, (m) => codiceFiscale(m[0]), out);
  }
  return out;
}
export const NINO_HINT = new RegExp(`[A-Z]{2}${BLANK}?\\d\\d${BLANK}?\\d\\d${BLANK}?\\d\\d`);
export const CF_HINT = /[A-Z]{6}[0-9LMNP-V]{2}[ABCDEHLMPRST]/;
/**
 * NINO_HINT or CF_HINT, in one regex: both start with two capitals (the codice fiscale's six are
 * two and four), and what follows is either's rest, so it matches exactly where one of them does
 * (a test compares them). Half the cost of the two scans.
 */
export const ID_HINTS = new RegExp(
  `[A-Z]{2}(?:${NINO_HINT.source.slice("[A-Z]{2}".length)}|[A-Z]{4}${CF_HINT.source.slice("[A-Z]{6}".length)})`,
);
