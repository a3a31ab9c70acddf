/**
 * Personal numbers of other countries than the US, for the review (written apart from the first
 * pass's detectors, which it checks):
 * - a phone number in international form (`+33 6 12 34 56 78`, `+49 (0)30 1234567`,
 *   `0044 20 7946 0958`): `+` or `00`, a country code, then 7–13 more digits in groups;
 * - a phone number in a European national form: a trunk `0`, an area or mobile prefix, then
 *   groups with one kind of separator, or a dash or slash after the area code and blanks after
 *   (`06 12 34 56 78`, `06.12.34.56.78`, `030 12345678`, `030/12345678`, `020 7946 0958`,
 *   `07700 900123`, `06-12345678`, `070-123 45 67`, `0171 / 234 56 78`), 10 to 12 digits in all;
 *   not five pairs counting by one step (`01 02 03 04 05`), not inside a run of hex pairs;
 * - a national identity number whose check character holds: a Chinese resident identity number
 *   (mod 11-2, a real birth date, a province), a Spanish DNI or NIE (mod 23 letter), an Italian
 *   codice fiscale (check letter), a French NIR (key 97), a UK National Insurance number (prefix
 *   rules; in its groups, or compact after a cue), a German Steuer-ID (mod 11,10; after a cue);
 *   and, on their own, a Brazilian CPF `ddd.ddd.ddd-dd` or CNPJ `dd.ddd.ddd/dddd-dd` (two mod-11
 *   digits), an Indian Aadhaar in 4-4-4 groups (Verhoeff), a Swedish personnummer `YYMMDD-NNNN`
 *   (Luhn, a date; not a date-and-time stamp), a Finnish HETU with any century sign
 *   (`DDMMYY-NNNC`, `DDMMYYANNNC`: mod 31), a Norwegian fødselsnummer (two mod-11 digits, a date),
 *   a Belgian national number `YY.MM.DD-SSS.CC` (key 97); after their cue a Dutch BSN (11-test)
 *   and a Polish PESEL (weighted check, a date).
 * Each found kind is reported once per text, without its value.
 */

import { NUMBERS_CAPS6, NUMBERS_RUN6 } from "./number-gates";

export type NationalKind = "phone" | "national id";

/**
 * No-break, narrow and thin spaces between a number's groups (French typography: `06 12 34 56 78`
 * with U+202F): runs take them, and each window reads them as blanks.
 */
const TYPOGRAPHIC = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/;
const TYPOGRAPHIC_ALL = new RegExp(TYPOGRAPHIC.source, "g");

function blank(piece: string): string {
  return TYPOGRAPHIC.test(piece) ? piece.replace(TYPOGRAPHIC_ALL, " ") : piece;
}

const isD = (c: number) => c >= 48 && c <= 57;
const isAZ = (c: number) => c >= 65 && c <= 90;
const isAlnum = (c: number) => isD(c) || isAZ(c) || (c >= 97 && c <= 122);

/**
 * Six digits or more in a row, with up to three blanks, dots, dashes, slashes or parentheses
 * between them (`0171 / 234`): every shape below but the codice fiscale holds such a run, so
 * only the text around each (`windowsOf`) is read, and most texts have none.
 */
const RUN6 = /\d(?:[ ./()\u00A0\u2000-\u200A\u202F\u205F\u3000-]{0,3}\d){5,}/g;
/** Six digits with at most one such character between them: a quicker first test (RUN6 finds more). */
const HINT6 = /\d(?:[ ./()\u00A0\u2000-\u200A\u202F\u205F\u3000-]?\d){5}/;
/** What a window holds before its run (a cue, a `+`, a prefix of letters) and after it. */
const BEFORE = 56;
const AFTER = 8;

const isSpaceCode = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The pieces of `text` around its runs of six digits or more, with `BEFORE`/`AFTER` characters
 * of context, widened to a blank (so that no word is cut: a match glued to letters stays glued),
 * overlapping pieces merged; and the longest run's digit count.
 */
function windowsOf(text: string, gates?: number): { pieces: string[]; longest: number } {
  const pieces: string[] = [];
  let longest = 0;
  // (`NUMBERS_RUN6` is what HINT6 matches, found by the review's screen pass: `number-gates.ts`.)
  if (gates !== undefined ? (gates & NUMBERS_RUN6) === 0 : !HINT6.test(text)) return { pieces, longest };
  let from = -1;
  let to = -1;
  RUN6.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RUN6.exec(text)) !== null) {
    let n = 0;
    for (let i = 0; i < m[0].length; i++) if (isD(m[0].charCodeAt(i))) n++;
    if (n > longest) longest = n;
    let a = Math.max(0, m.index - BEFORE);
    while (a > 0 && a > m.index - BEFORE - 40 && !isSpaceCode(text.charCodeAt(a - 1))) a--;
    let b = Math.min(text.length, m.index + m[0].length + AFTER);
    while (b < text.length && b < m.index + m[0].length + AFTER + 40 && !isSpaceCode(text.charCodeAt(b))) b++;
    if (from >= 0 && a <= to) to = Math.max(to, b);
    else {
      if (from >= 0) pieces.push(blank(text.slice(from, to)));
      from = a;
      to = b;
    }
  }
  if (from >= 0) pieces.push(blank(text.slice(from, to)));
  return { pieces, longest };
}

// ── phone numbers ───────────────────────────────────────────────────────────────────────────────

const INTERNATIONAL =
  /(?<![\w+])(?:\+|00)([1-9]\d{0,2})(?:[ .-]?\(0\))?((?:[ .-]?\d{1,5}){2,7})(?![\w]|[.,/-]\d)/g;
const NATIONAL =
  /(?<![\w.,/+-])(0[1-9]\d{0,4})( ?[/-] ?|[ .])(\d{2,8})(?:([ .-])(\d{2,8}))?(?:\4(\d{2,8}))?(?:\4(\d{2,8}))?(?![\w]|[ .,/:-]\d)/g;

function international(text: string): boolean {
  if (!text.includes("+") && !text.includes("00")) return false;
  INTERNATIONAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = INTERNATIONAL.exec(text)) !== null) {
    const rest = m[2]!.replace(/\D/g, "").length;
    if (rest < 7 || rest > 13) continue;
    // `+33 6 12 34 56 78`, not `+1 2 3 4 5 6 7`: groups of two digits or more.
    if (!/\d\d/.test(m[2]!)) continue;
    // `00` written in the middle of a number or a list is no exit code.
    if (m[0].startsWith("00") && !/[ .-]/.test(m[2]!.slice(0, 2))) continue;
    return true;
  }
  return false;
}

/** Five pairs counting up or down by one step (`01 02 03 04 05`): a list. */
function evenSteps(groups: string[]): boolean {
  if (groups.length !== 5 || groups.some((g) => g.length !== 2)) return false;
  const d = Number(groups[1]) - Number(groups[0]);
  for (let i = 2; i < 5; i++) if (Number(groups[i]) - Number(groups[i - 1]) !== d) return false;
  return true;
}

/** A pair of hex digits with a digit in it next to position `at` (direction `dir`) after a blank. */
function hexPairBeside(text: string, at: number, dir: 1 | -1): boolean {
  const blank = text.charCodeAt(at);
  if (blank !== 32 && blank !== 9) return false;
  const a = text[at + dir] ?? "";
  const b = text[at + 2 * dir] ?? "";
  const third = text.charCodeAt(at + 3 * dir);
  if (!/^[0-9A-Fa-f]$/.test(a) || !/^[0-9A-Fa-f]$/.test(b) || isAlnum(third)) return false;
  return /\d/.test(a + b);
}

function national(text: string): boolean {
  NATIONAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NATIONAL.exec(text)) !== null) {
    const groups = [m[1]!, m[3]!, m[5], m[6], m[7]].filter((g): g is string => g !== undefined);
    const digits = groups.join("").length;
    if (digits < 10 || digits > 12) continue;
    const first = m[2]!.trim();
    const rest = m[4];
    // After the area code a dash or a slash may differ from the blanks between the other groups
    // (`020-123 4567`, `0171 / 234 56 78`); a blank or a dot is the only separator.
    if (rest !== undefined && rest !== m[2] && !(first !== "" && first !== "." && rest === " ")) continue;
    // A slash stands after the area code only (`030/12345678`): dates and fractions have more.
    if (first === "/" && rest !== undefined && rest !== " ") continue;
    // A spaced dash or slash in a formula is a minus or a division (`x = 05 - 46808486`).
    if (m[2]!.length > 1 && /[=+*×÷]/.test(text.slice(Math.max(0, m.index - 24), m.index + m[0].length + 12)))
      continue;
    if (evenSteps(groups)) continue;
    const end = m.index + m[0].length;
    if (
      groups.every((g) => g.length === 2) &&
      (hexPairBeside(text, end, 1) || hexPairBeside(text, m.index - 1, -1))
    )
      continue;
    // Nor a piece of a longer run of groups (`… 12 06 12 34 56 78`).
    if (/\d[ .-]$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    return true;
  }
  return false;
}

// ── national identity numbers ───────────────────────────────────────────────────────────────────

const CN = /(?<![A-Za-z0-9])([1-8]\d)(\d{4})(?:[ -]?)(\d{8})(?:[ -]?)(\d{3})([\dXx])(?![A-Za-z0-9])/g;
const CN_REGIONS = "11121314152122233132333435363741424344454650515253546162636465718182";

function dayExists(y: number, mo: number, d: number): boolean {
  if (y < 1900 || y > 2099 || mo < 1 || mo > 12 || d < 1) return false;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= last;
}

function chineseId(text: string): boolean {
  CN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CN.exec(text)) !== null) {
    const p = m[1]!;
    let known = false;
    for (let i = 0; i < CN_REGIONS.length && !known; i += 2) known = CN_REGIONS.slice(i, i + 2) === p;
    if (!known) continue;
    const b = m[3]!;
    if (!dayExists(Number(b.slice(0, 4)), Number(b.slice(4, 6)), Number(b.slice(6)))) continue;
    const body = p + m[2]! + b + m[4]!;
    // ISO 7064 mod 11-2: weights 2^(17-i) mod 11.
    let s = 0;
    let w = 1;
    for (let i = 16; i >= 0; i--) {
      w = (w * 2) % 11;
      s += Number(body[i]) * w;
    }
    const check = (12 - (s % 11)) % 11;
    const want = check === 10 ? "X" : String(check);
    if (m[5]!.toUpperCase() === want) return true;
  }
  return false;
}

const DNI = /(?<![A-Za-z0-9])([XYZ]-?\d{7}|\d{8})-?([A-HJ-NP-TV-Z])(?![A-Za-z0-9])/g;
const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
const ID_CUE = /\b(?:dni|nie|nif|documento|identidad)\b/i;

function spanishId(text: string): boolean {
  DNI.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DNI.exec(text)) !== null) {
    const raw = m[1]!.replace("-", "");
    const lead = "XYZ".indexOf(raw[0]!);
    const num = lead >= 0 ? lead * 1e7 + Number(raw.slice(1)) : Number(raw);
    if (DNI_LETTERS.charAt(num % 23) !== m[2]) continue;
    if (/^(\d)\1{7}$/.test(raw)) continue;
    // Eight digits that read as a date (`20241130A`) or a round number with a unit (`21000000B`)
    // need a cue.
    const dated =
      lead < 0 &&
      (raw.endsWith("000") ||
        dayExists(Number(raw.slice(0, 4)), Number(raw.slice(4, 6)), Number(raw.slice(6))));
    if (dated && !ID_CUE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    return true;
  }
  return false;
}

const CF =
  /(?<![A-Za-z0-9])[A-Z]{6}[\dLMNP-V]{2}[A-EHLMPR-T][\dLMNP-V]{2}[A-Z][\dLMNP-V]{3}[A-Z](?![A-Za-z0-9])/g;
const CF_HINT = /[A-Z]{6}[\dLMNP-V]{2}[A-EHLMPR-T]/;
/** The odd-position value of 0–9 and A–Z, in that order (the code's published table). */
const CF_ODD = "BAFHJNPRTVCESULDGIMOQKWZYX";

function italianCode(text: string): boolean {
  CF.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CF.exec(text)) !== null) {
    const v = m[0];
    const dayText = v.slice(9, 11).replace(/[L-V]/g, (ch) => String("LMNPQRSTUV".indexOf(ch)));
    const day = Number(dayText);
    if (!(day >= 1 && day <= 31) && !(day >= 41 && day <= 71)) continue;
    let s = 0;
    for (let i = 0; i < 15; i++) {
      const ch = v[i]!;
      const idx = ch <= "9" ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55; // 0–9 then A=10…
      if (i % 2 === 0) s += CF_ODD.charCodeAt(idx < 10 ? idx : idx - 10) - 65;
      else s += idx < 10 ? idx : idx - 10;
    }
    if (String.fromCharCode(65 + (s % 26)) === v[15]) return true;
  }
  return false;
}

const NIR =
  /(?<![A-Za-z0-9])([12378])([ .]?)(\d\d)\2(0[1-9]|1[0-2]|20|3\d|4[0-2]|[5-9]\d)\2(\d\d|2[AaBb])\2(\d{3})\2(\d{3})\2(\d\d)(?![A-Za-z0-9])/g;

function frenchNir(text: string): boolean {
  NIR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NIR.exec(text)) !== null) {
    // 15 digits in one run from 3 on may be a card (American Express): from 1 or 2 only.
    if (m[2] === "" && m[1] !== "1" && m[1] !== "2") continue;
    const dep = m[5]!.toUpperCase();
    const digits = m[1]! + m[3]! + m[4]! + (dep === "2A" ? "19" : dep === "2B" ? "18" : dep) + m[6]! + m[7]!;
    // The remainder of 13 digits by 97, one digit at a time.
    let rem = 0;
    for (let i = 0; i < digits.length; i++) rem = (rem * 10 + digits.charCodeAt(i) - 48) % 97;
    if (97 - rem === Number(m[8])) return true;
  }
  return false;
}

const NINO = /(?<![A-Za-z0-9])([A-Z]{2})( ?)(\d\d)\2(\d\d)\2(\d\d)(?:\2([A-D]))?(?![A-Za-z0-9])/g;
/** A cue for a compact number; "NI" in capitals only ("ni" is a French and Spanish word). */
const NINO_CUE = /national insurance|\bnino\b/i;
const NI = /\bNI\b/;

function ukNino(text: string): boolean {
  NINO.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NINO.exec(text)) !== null) {
    const p = m[1]!;
    if ("DFIQUV".includes(p[0]!) || "DFIOQUV".includes(p[1]!)) continue;
    if (["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].includes(p)) continue;
    if (m[2] === " " && m[6] !== undefined) return true;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (NINO_CUE.test(before) || NI.test(before)) return true;
  }
  return false;
}

const STEUER = /(?<![A-Za-z0-9])([1-9](?:[ /]?\d){10})(?![A-Za-z0-9])/g;
const STEUER_CUE = /steuer-?\s?id|identifikationsnummer|\bid-?nr\b|\btax\s?id\b|\btin\b/i;

function germanTaxId(text: string): boolean {
  if (!STEUER_CUE.test(text)) return false;
  STEUER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = STEUER.exec(text)) !== null) {
    if (!STEUER_CUE.test(text.slice(Math.max(0, m.index - 48), m.index))) continue;
    const d = m[1]!.replace(/\D/g, "");
    const seen = new Map<string, number>();
    for (const ch of d.slice(0, 10)) seen.set(ch, (seen.get(ch) ?? 0) + 1);
    const many = [...seen.values()].filter((n) => n > 1);
    if (many.length !== 1 || many[0]! > 3) continue;
    let p = 10;
    for (let i = 0; i < 10; i++) {
      const s = (Number(d[i]) + p) % 10 || 10;
      p = (s * 2) % 11;
    }
    if ((11 - p) % 10 === Number(d[10])) return true;
  }
  return false;
}

// Numbers of more countries, checked apart from the redaction's ids.ts.

const digitsOf = (s: string) => s.replace(/\D/g, "");
const dot = (d: string, w: number[]) => w.reduce((a, x, i) => a + x * (d.charCodeAt(i) - 48), 0);
const allSame = (d: string) => /^(\d)\1*$/.test(d);

/** Brazil: `ddd.ddd.ddd-dd` (CPF) or `dd.ddd.ddd/dddd-dd` (CNPJ) with both check digits. */
const CPF = /(?<![\w./-])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\w]|[./-]\d)/g;
const CNPJ = /(?<![\w./-])\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}(?![\w]|[./-]\d)/g;

function brazilian(text: string): boolean {
  for (const m of text.matchAll(CPF)) {
    const d = digitsOf(m[0]);
    if (allSame(d)) continue;
    let ok = true;
    for (let n = 9; n <= 10 && ok; n++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += (d.charCodeAt(i) - 48) * (n + 1 - i);
      ok = ((s * 10) % 11) % 10 === d.charCodeAt(n) - 48;
    }
    if (ok) return true;
  }
  for (const m of text.matchAll(CNPJ)) {
    const d = digitsOf(m[0]);
    if (allSame(d)) continue;
    let ok = true;
    for (let n = 12; n <= 13 && ok; n++) {
      let s = 0;
      // Weights 2…9 from the right, starting again at 2 after 9.
      for (let i = n - 1, w = 2; i >= 0; i--, w = w === 9 ? 2 : w + 1) s += (d.charCodeAt(i) - 48) * w;
      const r = s % 11;
      ok = (r < 2 ? 0 : 11 - r) === d.charCodeAt(n) - 48;
    }
    if (ok) return true;
  }
  return false;
}

/** India: an Aadhaar in 4-4-4 groups (first digit 2–9) whose Verhoeff digit holds, not three years. */
const AADHAAR = /(?<![\w+.,/-]|\d )[2-9]\d{3}([ -])\d{4}\1\d{4}(?![\w]|[ .,/-]\d)/g;
/** Verhoeff: the dihedral group D5's product and the position permutation's powers, built once. */
const D5: number[][] = [];
for (let a = 0; a < 10; a++) {
  D5.push([]);
  for (let b = 0; b < 10; b++) {
    // Elements 0–4 rotations, 5–9 reflections.
    const r = (x: number) => x < 5;
    const v =
      r(a) && r(b)
        ? (a + b) % 5
        : r(a)
          ? 5 + ((a + b - 5) % 5)
          : r(b)
            ? 5 + ((a - b + 5) % 5)
            : (a - b + 5) % 5;
    D5[a]!.push(v);
  }
}
const PERM: number[][] = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]];
for (let i = 1; i < 8; i++) PERM.push(PERM[i - 1]!.map((x) => [1, 5, 7, 6, 2, 8, 3, 0, 9, 4][x]!));

function aadhaar(text: string): boolean {
  for (const m of text.matchAll(AADHAAR)) {
    const d = digitsOf(m[0]);
    if ([0, 4, 8].every((i) => /^(?:19|20)\d\d$/.test(d.slice(i, i + 4)))) continue;
    let c = 0;
    for (let i = 0; i < 12; i++) c = D5[c]![PERM[i % 8]![d.charCodeAt(11 - i) - 48]!]!;
    if (c === 0) return true;
  }
  return false;
}

function isDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `YYMMDD` and `HHMM` of 2000–2029: a date-and-time stamp (`241130-1432`) rather than an id. */
function stamp(six: string, four: string): boolean {
  const yy = Number(six.slice(0, 2));
  return (
    yy < 30 &&
    isDate(2000 + yy, Number(six.slice(2, 4)), Number(six.slice(4))) &&
    Number(four.slice(0, 2)) < 24 &&
    Number(four.slice(2)) < 60
  );
}

/** Sweden: `YYMMDD-NNNN` with a date and the Luhn digit; Finland: a HETU with its century sign. */
const DATE_ID = /(?<![\w./:-])(\d{6})([-+A-FU-Y])(\d{3})([0-9A-FHJ-NPR-Y])(?![\w/:-]|\.\w)/g;
const HETU_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY";

function nordicDated(text: string): boolean {
  for (const m of text.matchAll(DATE_ID)) {
    const [six, sign, three, last] = [m[1]!, m[2]!, m[3]!, m[4]!];
    const digitLast = last >= "0" && last <= "9";
    if (sign === "-" && digitLast && stamp(six, three + last)) continue;
    if (sign === "-" && digitLast) {
      const d = six + three + last;
      let s = 0;
      for (let i = 0; i < 10; i++) {
        const v = (d.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
        s += v > 9 ? v - 9 : v;
      }
      const yy = Number(six.slice(0, 2));
      const mm = Number(six.slice(2, 4));
      const dd = Number(six.slice(4));
      if (s % 10 === 0 && (isDate(1900 + yy, mm, dd) || isDate(2000 + yy, mm, dd))) return true;
    }
    const century = sign === "+" ? 1800 : "-UVWXY".includes(sign) ? 1900 : 2000;
    const [dd, mm, yy] = [0, 2, 4].map((i) => Number(six.slice(i, i + 2)));
    if (!isDate(century + yy!, mm!, dd!) || Number(three) < 2) continue;
    if (HETU_CHARS[Number(six + three) % 31] === last) return true;
  }
  return false;
}

/** Norway: eleven digits (`DDMMYY NNNNN` or not grouped), a date in the individual number's century, two checks. */
const NORWAY = /(?<![\w.,/+-])(\d{6}) ?(\d{5})(?![\w]|[.,/-]\d)/g;

function norwegian(text: string): boolean {
  for (const m of text.matchAll(NORWAY)) {
    const d = m[1]! + m[2]!;
    const c1 = (11 - (dot(d, [3, 7, 6, 1, 8, 9, 4, 5, 2]) % 11)) % 11;
    const c2 = (11 - (dot(d, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11)) % 11;
    if (c1 === 10 || c2 === 10 || c1 !== Number(d[9]) || c2 !== Number(d[10])) continue;
    const yy = Number(d.slice(4, 6));
    const ind = Number(d.slice(6, 9));
    let century = 0;
    if (ind <= 499) century = 1900;
    else if (ind <= 749 && yy >= 54) century = 1800;
    else if (yy <= 39) century = 2000;
    else if (ind >= 900) century = 1900;
    if (century && isDate(century + yy, Number(d.slice(2, 4)), Number(d.slice(0, 2)))) return true;
  }
  return false;
}

/** Belgium: `YY.MM.DD-SSS.CC`, key 97 of the nine digits (with a 2 before them from 2000). */
const BELGIUM = /(?<![\w.,/-])\d\d\.\d\d\.\d\d-\d{3}\.\d\d(?![\w]|[.,/-]\d)/g;

function belgian(text: string): boolean {
  for (const m of text.matchAll(BELGIUM)) {
    const d = digitsOf(m[0]);
    if (Number(d.slice(2, 4)) % 20 > 12 || Number(d.slice(4, 6)) > 31) continue;
    let r = 0;
    let r2 = 2;
    for (let i = 0; i < 9; i++) {
      r = (r * 10 + d.charCodeAt(i) - 48) % 97;
      r2 = (r2 * 10 + d.charCodeAt(i) - 48) % 97;
    }
    const key = Number(d.slice(9));
    if (97 - r === key || 97 - r2 === key) return true;
  }
  return false;
}

/** After their cue: a Dutch BSN (11-test) and a Polish PESEL (a date with the century in the month, check). */
const BSN = /(?<![\w.,/-])(\d{9}|\d{4}\.\d\d\.\d{3}|\d{3}([ .])\d{3}\2\d{3})(?![\w]|[.,/-]\d)/g;
const BSN_CUE = /\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)\b/i;
const PESEL = /(?<![\w.,/-])\d{11}(?![\w]|[.,/-]\d)/g;
const PESEL_CUE = /\bpesel\b/i;

function cuedIds(text: string): boolean {
  if (BSN_CUE.test(text))
    for (const m of text.matchAll(BSN)) {
      const d = digitsOf(m[0]);
      let s = -(d.charCodeAt(8) - 48);
      for (let i = 0; i < 8; i++) s += (9 - i) * (d.charCodeAt(i) - 48);
      if (s > 0 && s % 11 === 0 && BSN_CUE.test(text.slice(Math.max(0, m.index - 48), m.index))) return true;
    }
  if (PESEL_CUE.test(text))
    for (const m of text.matchAll(PESEL)) {
      const d = m[0];
      const check = (10 - (dot(d, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10;
      if (check !== Number(d[10])) continue;
      const mm = Number(d.slice(2, 4));
      const century = { 0: 1900, 1: 2000, 2: 2100, 3: 2200, 4: 1800 }[Math.floor(mm / 20)] ?? 0;
      if (!isDate(century + Number(d.slice(0, 2)), mm % 20, Number(d.slice(4, 6)))) continue;
      if (PESEL_CUE.test(text.slice(Math.max(0, m.index - 48), m.index))) return true;
    }
  return false;
}

/** The numbers above in one window (`longest`: its longest run's digits; a HETU's run is six). */
function moreIds(w: string, longest: number): boolean {
  if (nordicDated(w)) return true;
  return longest >= 9 && (brazilian(w) || aadhaar(w) || norwegian(w) || belgian(w) || cuedIds(w));
}

/**
 * The kinds of such numbers in `text` (each once). `gates`: what `NUMBER_STEP` (`number-gates.ts`)
 * found in the text, when known.
 */
export function findNationalNumbers(text: string, gates?: number): NationalKind[] {
  const out: NationalKind[] = [];
  const { pieces, longest } = windowsOf(text, gates);
  let phone = false;
  let id = false;
  for (const w of pieces) {
    phone ||= international(w) || (longest >= 10 && national(w));
    id ||=
      ukNino(w) ||
      (longest >= 7 && (chineseId(w) || spanishId(w) || frenchNir(w) || germanTaxId(w))) ||
      moreIds(w, longest);
  }
  if (phone) out.push("phone");
  // A codice fiscale holds at most three digits in a row: looked for where six capitals stand.
  if (
    id ||
    ((gates === undefined || (gates & NUMBERS_CAPS6) !== 0) && CF_HINT.test(text) && italianCode(text))
  )
    out.push("national id");
  return out;
}
