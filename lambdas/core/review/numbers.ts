/**
 * Personal numbers written as JSON numbers (`{"card_number": 4539…, "phone": 1415…}` in a tool
 * call's arguments or a tool's result): the secret scan reads only runs with letters, and the
 * first pass's detectors read text, so a bare number there was never looked at. Only a number in
 * a JSON value's place (after `:`, `[` or `,`, before `,`, `]` or `}`) of a text that starts like
 * JSON is read, and judged by its shape alone:
 * - a payment card: 13–19 digits, an issuer's prefix (Visa, Mastercard, Amex, Discover, JCB,
 *   Diners, UnionPay) and a valid Luhn check digit;
 * - a phone number: 10 digits in the North American plan (area and exchange not starting with 0
 *   or 1), or 11 with the country code 1 before them;
 * - a US social security number: 9 digits, area not 000, 666 or 9xx, group not 00, serial not 0000.
 * A Unix time (10 digits from 1) or in milliseconds (13 digits from 1) takes none of these shapes.
 *
 * In any text, a card number written in a card's groups (4-4-4-4, 4-4-4-4-3, Amex 4-6-5, Diners
 * 4-6-4) with any of the separators a disguise uses — dots, slashes, a mix, an invisible or thin
 * space, an underscore, a colon or a comma — and an issuer's prefix and Luhn check is a card too
 * (`hasGroupedCard`); so is an IBAN in groups of four (any of those separators, one kind), checked
 * by its country's length and mod 97. In any text, a US social security number in its 3-2-4
 * groups with one separator twice (`-`, `.`, `_`, `:`, `/`; a blank or a comma only after "SSN" or
 * "social security") is an SSN shape (`findNumberHits`).
 */

import { findNationalNumbers } from "./national";
import { NUMBERS_DIGITS4 } from "./number-gates";

export interface NumberHit {
  kind: "card" | "phone" | "ssn";
  /** Written in its groups in the text (`123.45.6789`), not as a JSON number. */
  grouped?: true;
  /** What the reason says, when the kind's plain words do not fit (another country's number). */
  what?: string;
}

const JSON_START = /^\s*[[{]/;
const NUMBER = /(?<=[:[,]\s*)-?(\d{9,19})(?![\d.eE])(?=\s*[,\]}])/g;
const LONG_DIGITS = /\d{9}/;

function luhn(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let v = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return sum % 10 === 0;
}

const ISSUER = /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|6011|64[4-9]|65|35|3(?:0[0-5]|[68])|62)/;
const NANP = /^1?[2-9]\d\d[2-9]\d{6}$/;
const SSN = /^(?!000|666|9)\d{3}(?!00)\d{2}(?!0000)\d{4}$/;

/** What a run of digits is shaped like, if anything personal. */
export function numberKind(d: string): NumberHit["kind"] | undefined {
  if (d.length >= 13 && ISSUER.test(d) && luhn(d)) return "card";
  if ((d.length === 10 || (d.length === 11 && d[0] === "1")) && NANP.test(d)) return "phone";
  if (d.length === 9 && SSN.test(d)) return "ssn";
  return undefined;
}

/**
 * Card, phone and SSN shapes among the JSON numbers of a JSON-looking text, and an SSN in its
 * groups in any text (each kind once).
 */
export function findNumberHits(text: string, gates?: number): NumberHit[] {
  const out = findNumberHitsUs(text, gates);
  // Phone numbers in international or European form, and other countries' national ids
  // (`national.ts`).
  for (const k of findNationalNumbers(text, gates))
    out.push(
      k === "phone"
        ? { kind: "phone", grouped: true, what: "a phone number (international or European form)" }
        : { kind: "ssn", grouped: true, what: "a national identity number (with a valid check character)" },
    );
  return out;
}

function findNumberHitsUs(text: string, gates?: number): NumberHit[] {
  // (Nine digits in a row and every grouped SSN hold four digits in a row.)
  if (gates !== undefined && (gates & NUMBERS_DIGITS4) === 0) return [];
  if (!JSON_START.test(text) || !LONG_DIGITS.test(text))
    return hasGroupedSsn(text) ? [{ kind: "ssn", grouped: true }] : [];
  const kinds = new Set<NumberHit["kind"]>();
  NUMBER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUMBER.exec(text)) !== null) {
    const k = numberKind(m[1]!);
    if (k !== undefined) kinds.add(k);
  }
  const out: NumberHit[] = [...kinds].map((kind) => ({ kind }));
  if (!kinds.has("ssn") && hasGroupedSsn(text)) out.push({ kind: "ssn", grouped: true });
  return out;
}

/**
 * Separators between a card's groups: space, `-`, `.`, `/`, and spaces or characters nothing shows
 * (one or two), or one underscore, colon or comma (a comma and a blank is a list of numbers).
 */
const SEP = "(?:(?:[ .\\/\\-]|[\\u00A0\\u00AD\\u2000-\\u200F\\u202F\\u205F-\\u2064\\uFEFF]){1,2}|[_:,])";
/**
 * Not inside a longer run of groups: no digit group (or `::`, IPv6) glued on by a separator
 * (`1,2345,6789,…`, `2401:4900:1234:5678::1`).
 */
const GROUPED = new RegExp(
  `(?<![\\w.\\/-]|\\d[,:])(?:\\d{4}${SEP}\\d{4}${SEP}\\d{4}${SEP}\\d{4}(?:${SEP}\\d{3})?|\\d{4}${SEP}\\d{6}${SEP}\\d{4,5})(?![\\w\\/-]|[.,:][\\d:])`,
  "g",
);
/** Four digits and a separator: what every grouped card starts with (one quick search first). */
const GROUP_HINT = new RegExp(`\\d{4}${SEP}\\d{4}`);
/**
 * Two digits, a separator, four digits: what every grouped card, IBAN (in `IBAN_LENGTH`) and SSN
 * holds. One search per text, shared by `groupedAccount` and `hasGroupedSsn` (the review asks
 * both of the same text in turn), rules most texts out for both.
 */
const NUMBER_HINT = new RegExp(`\\d\\d${SEP}\\d{4}`);
let hintText: string | undefined;
let hintValue = false;

function numberHint(text: string): boolean {
  if (text !== hintText) {
    hintText = text;
    hintValue = NUMBER_HINT.test(text);
  }
  return hintValue;
}

/**
 * Is there a card number, or an IBAN, in its groups in `text`? (Both are account numbers a
 * first pass should have replaced: see `groupedAccount` for which; `gates` as `NUMBER_STEP` found
 * them, when known.)
 */
export function hasGroupedCard(text: string): boolean {
  return groupedAccount(text) !== undefined;
}

/**
 * The kind of the first account number in its groups in `text`: a card, else an IBAN. (The IBAN
 * of every country in `IBAN_LENGTH` holds two groups of four digits side by side, so the cards'
 * hint gates both.)
 */
export function groupedAccount(text: string, gates?: number): "card" | "iban" | undefined {
  // (Every grouped card and IBAN holds `NUMBER_HINT`, so four digits in a row.)
  if (gates !== undefined && (gates & NUMBERS_DIGITS4) === 0) return undefined;
  if (!numberHint(text) || !GROUP_HINT.test(text)) return undefined;
  GROUPED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = GROUPED.exec(text)) !== null) {
    const d = m[0].replace(/\D/g, "");
    if (d.length >= 13 && d.length <= 19 && ISSUER.test(d) && luhn(d) && !listOfNumbers(text, m))
      return "card";
  }
  return hasGroupedIban(text) ? "iban" : undefined;
}

/** Groups joined by commas right inside brackets: a list (`[5432,6379,8080,9200]`), not a card. */
function listOfNumbers(text: string, m: RegExpExecArray): boolean {
  if (!m[0].includes(",")) return false;
  const open = text[m.index - 1];
  const close = text[m.index + m[0].length];
  return open === "[" || open === "(" || open === "{" || close === "]" || close === ")" || close === "}";
}

/**
 * An IBAN in groups of four: country letters and check digits, then groups of four letters or
 * digits (the last of one to four) with one kind of separator.
 */
const IBAN_GROUPED =
  /(?<![A-Za-z0-9])([A-Z]{2})(\d{2})([ _:,./-])((?:[A-Z0-9]{4}\3){2,7}[A-Z0-9]{1,4})(?![A-Za-z0-9]|[ _:,./-][A-Z0-9])/g;

/** The length of an IBAN by country (ISO 13616 registry; the countries most often seen). */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24,
  AE: 23,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  TN: 24,
  TR: 26,
  UA: 29,
  VG: 24,
  XK: 20,
};

/** The remainder of an IBAN (country and check digits moved to the end) divided by 97. */
function ibanRemainder(iban: string): number {
  const s = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65) rem = (rem * 100 + (c - 55)) % 97;
    else rem = (rem * 10 + (c - 48)) % 97;
  }
  return rem;
}

function hasGroupedIban(text: string): boolean {
  IBAN_GROUPED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IBAN_GROUPED.exec(text)) !== null) {
    const iban = m[1]! + m[2]! + m[4]!.split(m[3]!).join("");
    if (IBAN_LENGTH[m[1]!] === iban.length && ibanRemainder(iban) === 1) return true;
  }
  return false;
}

/**
 * A social security number in its groups: 3-2-4 with one separator twice, not inside a longer
 * run of digit groups; the area, group and serial as `SSN` above.
 */
const SSN_GROUPED =
  /(?<![\w.,:/-]|\d[.,:/ -])(\d{3})([-._:/, ])(\d{2})\2(\d{4})(?![\w/-]|[.,:][\d:]|[ -]\d)/g;
const SSN_CUE = /\b(?:ssn|social security)\b/i;

/** Is there an SSN in its groups in `text` (see above)? */
export function hasGroupedSsn(text: string): boolean {
  if (!numberHint(text)) return false;
  SSN_GROUPED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SSN_GROUPED.exec(text)) !== null) {
    if (!SSN.test(m[1]! + m[3]! + m[4]!)) continue;
    const sep = m[2]!;
    if (sep !== " " && sep !== ",") return true;
    if (SSN_CUE.test(text.slice(Math.max(0, m.index - 40), m.index))) return true;
  }
  return false;
}
