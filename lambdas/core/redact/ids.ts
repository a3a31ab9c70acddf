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
 *   after a cue ("National Insurance", "NINO", "NI number");
 * - more numbers with a check digit (`digitIds` below), read only inside the digit clusters that
 *   pii.ts finds once per text: on their own when their written form and their check make a chance
 *   match rare — a Brazilian CPF `ddd.ddd.ddd-dd` or CNPJ `dd.ddd.ddd/dddd-dd` (two mod-11
 *   digits), an Indian Aadhaar in 4-4-4 groups (first digit 2–9, Verhoeff), a Swedish personnummer
 *   `YYMMDD-NNNN` (a real date, Luhn), a Finnish HETU `DDMMYY-NNNC` (check character mod 31), a
 *   Norwegian fødselsnummer (a real date, the century its individual number allows, both mod-11
 *   digits), a Belgian national number `YY.MM.DD-SSS.CC` (key 97); and only after their cue the
 *   compact or bare forms and the numbers whose shape is too common — a Dutch BSN (the 11-test),
 *   a Polish PESEL (a birth date with the century in the month, weighted check), a Canadian SIN
 *   (Luhn), an Australian TFN (weighted mod 11), a Danish CPR (a real date: it has no check
 *   since 2007). (A HETU with a letter or `+` for its century, `010594Y9032`, is in no cluster of
 *   seven digits, and a scan of every text for it would cost 3 % of the redaction: the review's
 *   second pass, which reads around runs of six digits, looks for it);
 * - an Indian PAN (`ABCPE1234F`: five letters whose fourth is the holder's type, four digits, a
 *   letter) after its cue ("PAN", "Permanent Account Number").
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

// ── Numbers with a check digit, read inside digit clusters ────────────────────────────────────

/** The code unit at `i`, or -1 outside the text (no read past its ends: see oob13-edges.test.ts). */
const codeAt = (text: string, i: number) => (i >= 0 && i < text.length ? text.charCodeAt(i) : -1);
const isDigitAt = (text: string, i: number) => {
  const c = codeAt(text, i);
  return c >= 48 && c <= 57;
};
const isWordAt = (text: string, i: number) => {
  const c = codeAt(text, i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
};

/** Whether `y-m-d` exists in the Gregorian calendar (any year). */
function dayExists(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > DAYS[m - 1]!) return false;
  return !(m === 2 && d === 29 && (y % 4 !== 0 || (y % 100 === 0 && y % 400 !== 0)));
}

/** Whether `d` (digits) passes the Luhn test. */
function luhnOk(d: string): boolean {
  let sum = 0;
  for (let i = d.length - 1, dbl = false; i >= 0; i--, dbl = !dbl) {
    let v = d.charCodeAt(i) - 48;
    if (dbl && (v *= 2) > 9) v -= 9;
    sum += v;
  }
  return sum % 10 === 0;
}

/** Σ digit × weight over `weights.length` digits of `d` from `from`. */
function weighted(d: string, weights: readonly number[], from = 0): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (d.charCodeAt(from + i) - 48) * weights[i]!;
  return sum;
}

/** Dutch BSN: 9 × d1 + 8 × d2 + … + 2 × d8 − d9 ≡ 0 (mod 11), the "11-proef". */
export function bsnValid(d: string): boolean {
  const sum = weighted(d, [9, 8, 7, 6, 5, 4, 3, 2]) - (d.charCodeAt(8) - 48);
  return sum > 0 && sum % 11 === 0;
}

/** Polish PESEL: a birth date (century in the month: +80 1800s, +0, +20, +40, +60) and the check. */
export function peselValid(d: string): boolean {
  const check = (10 - (weighted(d, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10;
  if (check !== d.charCodeAt(10) - 48) return false;
  const mm = +d.slice(2, 4);
  const century = [1900, 2000, 2100, 2200, 1800][Math.floor(mm / 20)]!;
  return dayExists(century + +d.slice(0, 2), mm % 20, +d.slice(4, 6));
}

/** The two check digits of a Brazilian CPF's first nine digits. */
export function cpfChecks(first9: string): string {
  const one = ((weighted(first9, [10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  const two = ((weighted(first9 + one, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  return `${one}${two}`;
}

/** The two check digits of a Brazilian CNPJ's first twelve digits. */
export function cnpjChecks(first12: string): string {
  const digit = (s: number) => (s % 11 < 2 ? 0 : 11 - (s % 11));
  const one = digit(weighted(first12, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
  const two = digit(weighted(first12 + one, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
  return `${one}${two}`;
}

/** Verhoeff's dihedral group table (row-major) and permutation table. */
const VERHOEFF_D =
  "0123456789123406789523401789563401289567401239567859876043216598710432765982104387659321049876543210";
const VERHOEFF_P = "01234567891576283094580379614289160435279453126870428657390127938064157046913258";

/** Whether `d` ends in its Verhoeff check digit (Aadhaar). */
export function verhoeffValid(d: string): boolean {
  let c = 0;
  for (let i = 0; i < d.length; i++) {
    const p = VERHOEFF_P.charCodeAt((i % 8) * 10 + d.charCodeAt(d.length - 1 - i) - 48) - 48;
    c = VERHOEFF_D.charCodeAt(c * 10 + p) - 48;
  }
  return c === 0;
}

/** Swedish personnummer `YYMMDDNNNN`: Luhn over the ten digits; a real date (day +60: samordningsnummer). */
function swedishValid(d10: string, coordination: boolean): boolean {
  if (!luhnOk(d10)) return false;
  let day = +d10.slice(4, 6);
  if (coordination && day > 60) day -= 60;
  const yy = +d10.slice(0, 2);
  const mm = +d10.slice(2, 4);
  return dayExists(1900 + yy, mm, day) || dayExists(2000 + yy, mm, day);
}

/** Norwegian fødselsnummer: a real date in the century its individual number allows, both checks. */
export function norwegianValid(d: string, special: boolean): boolean {
  const k = (s: number) => (s % 11 === 0 ? 0 : 11 - (s % 11));
  const k1 = k(weighted(d, [3, 7, 6, 1, 8, 9, 4, 5, 2]));
  if (k1 === 10 || k1 !== d.charCodeAt(9) - 48) return false;
  const k2 = k(weighted(d, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]));
  if (k2 === 10 || k2 !== d.charCodeAt(10) - 48) return false;
  let dd = +d.slice(0, 2);
  let mm = +d.slice(2, 4);
  // D-numbers (day + 40) and H-numbers (month + 40) only after a cue.
  if (special && dd > 40) dd -= 40;
  else if (special && mm > 40) mm -= 40;
  const yy = +d.slice(4, 6);
  const ind = +d.slice(6, 9);
  const century = ind < 500 ? 1900 : ind < 750 && yy >= 54 ? 1800 : yy < 40 ? 2000 : ind >= 900 ? 1900 : 0;
  return century > 0 && dayExists(century + yy, mm, dd);
}

const HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
/** The century a HETU's separator names (0: none). */
function hetuCentury(sep: string): number {
  if (sep === "+") return 1800;
  if (sep === "-" || (sep >= "U" && sep <= "Y")) return 1900;
  return sep >= "A" && sep <= "F" ? 2000 : 0;
}

/** Finnish HETU `DDMMYY`, separator, `ZZZ`, check: a real date, ZZZ 002–999, the mod 31 character. */
export function hetuValid(v: string): boolean {
  const century = hetuCentury(v[6]!);
  if (century === 0 || !dayExists(century + +v.slice(4, 6), +v.slice(2, 4), +v.slice(0, 2))) return false;
  if (+v.slice(7, 10) < 2) return false;
  return HETU_CHECK[+(v.slice(0, 6) + v.slice(7, 10)) % 31] === v[10];
}

/** Belgian national number `YYMMDDSSSCC`: key 97 (a "2" before the nine digits for births from 2000). */
export function belgianValid(d: string): boolean {
  const mm = +d.slice(2, 4) % 20;
  const dd = +d.slice(4, 6);
  const seq = +d.slice(6, 9);
  if (mm > 12 || dd > 31 || seq === 0 || seq === 999 || +d.slice(2, 4) > 52) return false;
  const n = +d.slice(0, 9);
  const key = +d.slice(9, 11);
  return 97 - (n % 97) === key || 97 - ((2e9 + n) % 97) === key;
}

/** Australian TFN (9 digits): Σ digit × (1 4 3 7 5 8 6 9 10) ≡ 0 (mod 11). */
export function tfnValid(d: string): boolean {
  return weighted(d, [1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 === 0;
}

/** Canadian SIN: Luhn (after its cue: the government's sample `046 454 286` starts with 0). */
function sinValid(d: string): boolean {
  return luhnOk(d);
}

/** Danish CPR `DDMMYYSSSS`: a real date (no check digit since 2007). */
function cprValid(d: string): boolean {
  const dd = +d.slice(0, 2);
  const mm = +d.slice(2, 4);
  const yy = +d.slice(4, 6);
  return dayExists(1900 + yy, mm, dd) || dayExists(2000 + yy, mm, dd);
}

// The cues of the numbers that need one, read in the 48 characters before the number.
const BSN_CUE = /\b(?:bsn|burgerservice-?nummer|sofi-?nummer|citizen service number)\b/i;
const PESEL_CUE = /\bpesel\b/i;
const CPF_CUE = /\bcpf\b/i;
const CNPJ_CUE = /\bcnpj\b/i;
const AADHAAR_CUE = /\baadh?aa?r|\bUIDAI\b|\bUID\b|आधार/i;
const SE_CUE = /person-?(?:nummer|nr)|samordningsnummer|\bpnr\b/i;
const CPR_CUE = /\bcpr\b|cpr-?n|personnummer|\bpnr\b/i;
const NO_CUE = /f(?:ø|o|oe)dselsnummer|\bfnr\b|\bf\.nr|d-nummer|personnummer/i;
const BE_CUE =
  /rijksregister|\bregistre national|num[ée]ro national|\bniss\b|\binsz\b|national (?:register|registration) number/i;
const SIN_CUE = /\bSIN\b|social insurance|\bNAS\b|assurance sociale/i;
const TFN_CUE = /\btfn\b|tax file number/i;

function cued(re: RegExp, text: string, at: number): boolean {
  return re.test(text.slice(Math.max(0, at - 48), at));
}

// Written forms, tried (sticky) where a run of digits starts inside a cluster.
const D3_GROUPS = /(\d{3})([ .-]?)(\d{3})\2(\d{3})/y;
const BSN_4_2_3 = /(\d{4})\.(\d{2})\.(\d{3})/y;
const CPF_FORM = /(\d{3})\.(\d{3})\.(\d{3})-(\d{2})/y;
const CNPJ_FORM = /(\d{2})\.(\d{3})\.(\d{3})\/(\d{4})-(\d{2})/y;
const BE_FORM = /(\d{2})\.(\d{2})\.(\d{2})-(\d{3})\.(\d{2})/y;
const AADHAAR_FORM = /([2-9]\d{3})([ -])(\d{4})\2(\d{4})/y;
const DATE_DASH_4 = /(\d{6}|\d{8})-(\d{4})/y;
const HETU_FORM = /\d{6}-\d{3}[0-9A-FHJ-NPR-Y]/y;
const NO_GROUPED = /(\d{6}) (\d{5})/y;

function at(re: RegExp, text: string, p: number): RegExpExecArray | null {
  re.lastIndex = p;
  return re.exec(text);
}

/**
 * Whether a number read from `s` to `e` stands alone: no letter, digit, `+` or `_` glued to it, and
 * no separator with a digit beyond it on either side (a piece of a longer number, a date, a
 * version). `spaced`: a blank and a digit beyond it count too (the next group of a longer run).
 */
function standsAlone(text: string, s: number, e: number, spaced: boolean): boolean {
  if (s > 0) {
    const b = codeAt(text, s - 1);
    if (isWordAt(text, s - 1) || b === 43) return false;
    if ((b === 46 || b === 45 || b === 47 || b === 44 || (spaced && b === 32)) && isDigitAt(text, s - 2))
      return false;
  }
  const a = codeAt(text, e);
  if (isWordAt(text, e)) return false;
  return !((a === 46 || a === 45 || a === 47 || a === 44 || (spaced && a === 32)) && isDigitAt(text, e + 1));
}

/**
 * Whether `dddddd-dddd` from `s` to `e` may be a date and a time (`241130-1432`, a log's or a
 * backup's stamp) rather than a personnummer or a HETU: its last four digits are a time and its
 * first six a date of 2000–2029 read `YYMMDD`, or it is glued to a path or a file name (`/`, `.`,
 * `-` or `:` beside it, a letter after a dot).
 */
function stampLike(text: string, s: number, e: number): boolean {
  const b = codeAt(text, s - 1);
  const a = codeAt(text, e);
  if (b === 47 || b === 46 || b === 45 || b === 58 || a === 47 || a === 45 || a === 58) return true;
  if (a === 46 && isWordAt(text, e + 1)) return true;
  const hh = +text.slice(s + 7, s + 9);
  const mi = +text.slice(s + 9, s + 11);
  const yy = +text.slice(s, s + 2);
  return (
    hh <= 23 &&
    mi <= 59 &&
    yy < 30 &&
    dayExists(2000 + yy, +text.slice(s + 2, s + 4), +text.slice(s + 4, s + 6))
  );
}

/** Whether all three 4-digit groups are years (`2019 2020 2021`): a list, not an Aadhaar. */
function yearGroups(m: RegExpExecArray): boolean {
  return [m[1]!, m[3]!, m[4]!].every((g) => g >= "1900" && g <= "2099");
}

/** The id that starts at `p` (the first digit of a run of `run` digits), pushed onto `out`; its end or -1. */
function idAt(text: string, p: number, run: number, out: Span[]): number {
  let m: RegExpExecArray | null;
  const take = (end: number) => (out.push(span(p, end)), end);
  switch (run) {
    case 2:
      if ((m = at(CNPJ_FORM, text, p)) && standsAlone(text, p, p + m[0].length, false)) {
        const d = m[1]! + m[2]! + m[3]! + m[4]! + m[5]!;
        if (!/^(\d)\1+$/.test(d) && cnpjChecks(d.slice(0, 12)) === d.slice(12)) return take(p + m[0].length);
      }
      if ((m = at(BE_FORM, text, p)) && standsAlone(text, p, p + m[0].length, false)) {
        if (belgianValid(m.slice(1).join(""))) return take(p + m[0].length);
      }
      return -1;
    case 3:
      if ((m = at(CPF_FORM, text, p)) && standsAlone(text, p, p + m[0].length, false)) {
        const d = m[1]! + m[2]! + m[3]!;
        if (!/^(\d)\1+$/.test(d) && cpfChecks(d) === m[4]) return take(p + m[0].length);
      }
      if ((m = at(D3_GROUPS, text, p)) && standsAlone(text, p, p + m[0].length, m[2] === " ")) {
        if (nine(m[1]! + m[3]! + m[4]!, text, p, m[2] !== "-")) return take(p + m[0].length);
      }
      return -1;
    case 4:
      if ((m = at(BSN_4_2_3, text, p)) && standsAlone(text, p, p + m[0].length, false)) {
        if (bsnValid(m[1]! + m[2]! + m[3]!) && cued(BSN_CUE, text, p)) return take(p + m[0].length);
      }
      if ((m = at(AADHAAR_FORM, text, p)) && standsAlone(text, p, p + m[0].length, true)) {
        const d = m[1]! + m[3]! + m[4]!;
        if (verhoeffValid(d) && (!yearGroups(m) || cued(AADHAAR_CUE, text, p))) return take(p + m[0].length);
      }
      return -1;
    case 6:
    case 8:
      if ((m = at(DATE_DASH_4, text, p)) && standsAlone(text, p, p + m[0].length, false)) {
        const d = m[1]! + m[2]!;
        // `YYMMDD-NNNN` on its own, unless it may be a stamp; `YYYYMMDD-NNNN` (a build stamp's
        // shape too) and a samordningsnummer after a cue.
        if (d.length === 10 && swedishValid(d, false) && !stampLike(text, p, p + 11))
          return take(p + m[0].length);
        if (
          cued(SE_CUE, text, p) &&
          swedishValid(d.slice(-10), true) &&
          (d.length === 10 || /^(?:19|20)/.test(d))
        )
          return take(p + m[0].length);
        if (d.length === 10 && cprValid(d) && cued(CPR_CUE, text, p)) return take(p + m[0].length);
      }
      if (run === 6) {
        if ((m = at(HETU_FORM, text, p)) && standsAlone(text, p, p + m[0].length, false) && hetuValid(m[0]))
          if (!isDigitAt(text, p + 10) || !stampLike(text, p, p + 11)) return take(p + m[0].length);
        if ((m = at(NO_GROUPED, text, p)) && standsAlone(text, p, p + m[0].length, true)) {
          if (
            norwegianValid(m[1]! + m[2]!, false) ||
            (norwegianValid(m[1]! + m[2]!, true) && cued(NO_CUE, text, p))
          )
            return take(p + m[0].length);
        }
      }
      return -1;
    case 9:
    case 10:
    case 11:
    case 12:
    case 14:
      if (!standsAlone(text, p, p + run, false)) return -1;
      if (bareNumber(text.slice(p, p + run), text, p)) return take(p + run);
      return -1;
  }
  return -1;
}

/** Nine digits after their cue: a BSN, a Canadian SIN, an Australian TFN. `plain`: not dashed (a BSN is not). */
function nine(d: string, text: string, p: number, plain: boolean): boolean {
  if (/^(\d)\1+$/.test(d)) return false;
  return (
    (plain && bsnValid(d) && cued(BSN_CUE, text, p)) ||
    (sinValid(d) && cued(SIN_CUE, text, p)) ||
    (tfnValid(d) && cued(TFN_CUE, text, p))
  );
}

/** A run of digits written without separators: an id whose check holds, after its cue (a Norwegian number without). */
function bareNumber(d: string, text: string, p: number): boolean {
  if (/^(\d)\1+$/.test(d)) return false;
  switch (d.length) {
    case 9:
      return nine(d, text, p, true);
    case 10:
      return (swedishValid(d, true) && cued(SE_CUE, text, p)) || (cprValid(d) && cued(CPR_CUE, text, p));
    case 11:
      // A Norwegian fødselsnummer holds two checks and a date: about three random numbers in ten
      // thousand pass, and the others' single check digits need their cue.
      return (
        norwegianValid(d, false) ||
        (peselValid(d) && cued(PESEL_CUE, text, p)) ||
        (cpfChecks(d.slice(0, 9)) === d.slice(9) && cued(CPF_CUE, text, p)) ||
        (belgianValid(d) && cued(BE_CUE, text, p)) ||
        (norwegianValid(d, true) && cued(NO_CUE, text, p))
      );
    case 12:
      return (
        (d[0]! >= "2" && verhoeffValid(d) && cued(AADHAAR_CUE, text, p)) ||
        (/^(?:19|20)/.test(d) && swedishValid(d.slice(2), true) && cued(SE_CUE, text, p))
      );
    case 14:
      return cnpjChecks(d.slice(0, 12)) === d.slice(12) && cued(CNPJ_CUE, text, p);
  }
  return false;
}

/**
 * The ids above found inside the text's digit clusters (pii.ts, found once per text and shared):
 * at each run of digits that starts in one, the written forms its length allows are tried.
 */
function digitIds(text: string, found: readonly DigitCluster[], out: Span[]): void {
  for (const c of found) {
    if (c.digits < 8) continue;
    for (let p = c.start; p < c.end; p++) {
      if (!isDigitAt(text, p) || (p > 0 && isDigitAt(text, p - 1))) continue;
      let e = p + 1;
      while (isDigitAt(text, e)) e++;
      const end = idAt(text, p, e - p, out);
      p = end > 0 ? end : e;
    }
  }
}

const PAN_RE = new RegExp(`${NOT_GLUED_BEFORE}[A-Z]{3}([A-Z])[A-Z]\\d{4}[A-Z]${NOT_GLUED_AFTER}`, "g");
const PAN_CUE = /\bPAN\b|permanent account number/i;
/** The fourth letter of a PAN: the holder's type (P a person, C a company, H, F, A, T, B, L, J, G). */
const PAN_HOLDER = "ABCFGHJLPT";

/**
 * A PAN after its cue; one whose fourth letter is no holder type (the documents' `ABCDE1234F`)
 * only right after it ("PAN: ", "PAN no. ").
 */
function pan(m: RegExpExecArray, text: string): boolean {
  const near = PAN_HOLDER.includes(m[1]!) ? 48 : 14;
  return PAN_CUE.test(text.slice(Math.max(0, m.index - near), m.index));
}

// ── All ─────────────────────────────────────────────────────────────────────────────────────────

function collect(re: RegExp, text: string, ok: (m: RegExpExecArray) => boolean, out: Span[]): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) if (ok(m)) out.push(span(m.index, m.index + m[0].length));
}

/** A run of seven digits or more, with blanks, dots or dashes between them (pii.ts's `clusters`). */
export interface DigitCluster {
  start: number;
  end: number;
  digits: number;
}

/**
 * The national identity numbers of `text` (see above). `found`: the text's runs of seven digits
 * or more (the phone, card and SSN detectors' clusters, found once per text and handed in, so
 * that this module needs nothing of pii.ts), which every format but the NINO, the codice fiscale
 * and the PAN holds.
 */
export function nationalIds(text: string, found: readonly DigitCluster[]): Span[] {
  const out: Span[] = [];
  if (found.length > 0) {
    collect(CN_RE, text, cnId, out);
    collect(DNI_RE, text, (m) => dni(m, text), out);
    collect(NIR_RE, text, nir, out);
    if (STEUER_CUE.test(text)) collect(STEUER_RE, text, (m) => steuerId(m[0], m.index, text), out);
    digitIds(text, found, out);
  }
  // Two capitals and three pairs of digits; six capitals and the code's digits and month letter;
  // five capitals, four digits and a capital (a PAN). (Most texts hold none: one scan for all,
  // LETTER_HINTS, says so.)
  if (LETTER_HINTS.test(text)) {
    if (NINO_HINT.test(text)) collect(NINO_RE, text, (m) => nino(m, text), out);
    if (CF_HINT.test(text)) collect(CF_RE, text, (m) => codiceFiscale(m[0]), out);
    if (PAN_HINT.test(text)) collect(PAN_RE, text, (m) => pan(m, text), out);
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
export const PAN_HINT = /[A-Z]{5}\d{4}[A-Z]/;
/**
 * ID_HINTS or PAN_HINT, in one regex (the PAN's five capitals are two and three, like the codice
 * fiscale's six): what nationalIds asks first, at the cost of ID_HINTS alone (a test compares them).
 */
export const LETTER_HINTS = new RegExp(
  `[A-Z]{2}(?:${NINO_HINT.source.slice("[A-Z]{2}".length)}|[A-Z]{3}(?:[A-Z]${CF_HINT.source.slice("[A-Z]{6}".length)}|${PAN_HINT.source.slice("[A-Z]{5}".length)}))`,
);
