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
 * space — and an issuer's prefix and Luhn check is a card too (`findGroupedCards`).
 */

export interface NumberHit {
  kind: "card" | "phone" | "ssn";
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

/** Card, phone and SSN shapes among the JSON numbers of a JSON-looking text (each kind once). */
export function findNumberHits(text: string): NumberHit[] {
  if (!JSON_START.test(text) || !LONG_DIGITS.test(text)) return [];
  const kinds = new Set<NumberHit["kind"]>();
  NUMBER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUMBER.exec(text)) !== null) {
    const k = numberKind(m[1]!);
    if (k !== undefined) kinds.add(k);
  }
  return [...kinds].map((kind) => ({ kind }));
}

/** Separators between a card's groups: space, `-`, `.`, `/`, and spaces or characters nothing shows. */
const SEP = "(?:[ .\\/\\-]|[\\u00A0\\u00AD\\u2000-\\u200F\\u202F\\u205F-\\u2064\\uFEFF]){1,2}";
const GROUPED = new RegExp(
  `(?<![\\w.\\/-])(?:\\d{4}${SEP}\\d{4}${SEP}\\d{4}${SEP}\\d{4}(?:${SEP}\\d{3})?|\\d{4}${SEP}\\d{6}${SEP}\\d{4,5})(?![\\w\\/-]|\\.\\d)`,
  "g",
);
/** Four digits and a separator: what every grouped card starts with (one quick search first). */
const GROUP_HINT = new RegExp(`\\d{4}${SEP}\\d{4}`);

/** Is there a card number, in its groups, in `text`? */
export function hasGroupedCard(text: string): boolean {
  if (!GROUP_HINT.test(text)) return false;
  GROUPED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = GROUPED.exec(text)) !== null) {
    const d = m[0].replace(/\D/g, "");
    if (d.length >= 13 && d.length <= 19 && ISSUER.test(d) && luhn(d)) return true;
  }
  return false;
}
