/**
 * The lab's deny terms written in an encoding a model uses in its reasoning, tool calls and
 * results: base64 (also base64url), hex, rot13, or reversed. Written apart from the redaction's
 * matcher (this is the check on it).
 *
 * Nothing is decoded: per policy, each term's encodings are turned into patterns once, and a text
 * costs one search of one regular expression, each pattern looked for from its rarest character
 * (`rareFirst`); rot13 and reversed forms are exact terms of the deny matcher (`deny.ts`), found in
 * its screen pass.
 *
 * - base64: a text in which the term's bytes start at byte offset 0, 1 or 2 of a 3-byte group
 *   encodes them to characters of which those wholly made of the term's bits are the same whatever
 *   comes before or after: the *stable part*. Any base64 text holding the term holds one of the
 *   three stable parts (standard or URL alphabet). Base64 is case-sensitive: the term is encoded as
 *   written, in lower case, upper case and capitalised.
 * - hex: the term's UTF-8 bytes as pairs of hex digits, either digit case and either letter case
 *   of the term (an ASCII letter's two cases differ in one bit of the high digit: `[46]e` is `N`
 *   or `n`).
 * - rot13 and reversed: the term's letters rotated by 13 or written backwards, in any case, as a
 *   word of its own (letters beside it make another word; digits may stay glued, a version).
 *
 * Short terms: a term needs `MIN_BYTES` bytes (UTF-8), and rot13 or reversed `MIN_LETTERS` letters
 * and digits. At 5 bytes every stable part holds at least 6 base64 characters (36 bits: one
 * position of a random base64 text matches one of them with odds 2^-36) and the hex form 10 digits
 * (40 bits, 35 with the letter cases); a reversed or rot13 word of 4 letters is an English word
 * too often ("star", "evil", "gnat").
 */

/** Bytes (UTF-8) a term needs for its base64 and hex forms to be looked for. */
export const MIN_BYTES = 5;
/** Letters and digits a term needs for its rot13 and reversed forms to be looked for. */
export const MIN_LETTERS = 5;

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function utf8(s: string): number[] {
  return [...new TextEncoder().encode(s)];
}

/** Base64 characters of `bytes` placed at byte offset `r` (0–2) that depend on its bits only. */
export function stablePart(bytes: readonly number[], r: number): string {
  const bits = 8 * (r + bytes.length);
  const from = Math.ceil((8 * r) / 6);
  const to = Math.floor(bits / 6); // exclusive
  let out = "";
  for (let k = from; k < to; k++) {
    let v = 0;
    for (let b = 0; b < 6; b++) {
      const bit = 6 * k + b - 8 * r; // bit index inside the term's bytes
      const byte = bytes[bit >> 3]!;
      v = (v << 1) | ((byte >> (7 - (bit & 7))) & 1);
    }
    out += B64[v];
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

function caseForms(term: string): string[] {
  const lower = term.toLowerCase();
  const capital = lower.replace(
    /(^|[^\p{L}\p{N}])(\p{L})/gu,
    (_, a: string, b: string) => a + b.toUpperCase(),
  );
  return [...new Set([term, lower, term.toUpperCase(), capital])];
}

/** The base64 patterns of a term: each case form's stable parts, both alphabets. */
function base64Patterns(term: string): string[] {
  const out = new Set<string>();
  for (const form of caseForms(term)) {
    const bytes = utf8(form);
    for (let r = 0; r < 3; r++) {
      const part = stablePart(bytes, r);
      out.add(escape(part));
      out.add(escape(part.replace(/\+/g, "-").replace(/\//g, "_")));
    }
  }
  return [...out];
}

const hexDigit = (d: number) => {
  const c = d.toString(16);
  return /[a-f]/.test(c) ? `[${c}${c.toUpperCase()}]` : c;
};

/** The hex pattern of a term: any digit case, any letter case of the term. */
function hexPattern(term: string): string {
  let out = "";
  for (const b of utf8(term.toLowerCase())) {
    const letter = b >= 0x61 && b <= 0x7a;
    out += letter ? `[${(b >> 4) - 2}${b >> 4}]` : hexDigit(b >> 4);
    out += hexDigit(b & 15);
  }
  return out;
}

const rot13 = (s: string) =>
  s.replace(/[a-z]/gi, (c) => {
    const base = c <= "Z" ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });

const alnum = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, "").toLowerCase();

/**
 * The rot13 and reversed forms of the terms, each with the index of its term: the deny-term
 * matcher looks for them as exact terms (so in any case, spacing and look-alike letters, a version
 * glued on), in the same screen pass as the terms themselves. A palindrome, or a term without an
 * ASCII letter to rotate, is left out: its form is the term, which the deny-term check has.
 */
export function rotatedAndReversed(terms: readonly string[]): { form: string; term: number }[] {
  const out: { form: string; term: number }[] = [];
  const seen = new Set<string>();
  terms.forEach((term, i) => {
    const t = term.trim();
    const plain = alnum(t);
    // (A number reversed is another number, no code name written backwards.)
    if ([...plain].length < MIN_LETTERS || !/\p{L}/u.test(plain)) return;
    for (const form of [rot13(t), [...t].reverse().join("")]) {
      const key = alnum(form);
      if (key === plain || seen.has(key)) continue;
      seen.add(key);
      out.push({ form, term: i });
    }
  });
  return out;
}

/** The base64 and hex patterns of one term (none when it is too short to be told from chance). */
export function termPatterns(term: string): string[] {
  const t = term.trim();
  if (utf8(t).length < MIN_BYTES) return [];
  return [...base64Patterns(t), hexPattern(t)];
}

export interface EncodedMatcher {
  /** Indexes of the terms found in base64 or hex in `text` (each once, in order). */
  find(text: string): number[];
}

const NONE: EncodedMatcher = { find: () => [] };

/**
 * Base64 and hex characters from the rarest in reasoning and tool output to the commonest
 * (counted on the benchmark corpus; one not listed is rarer still).
 */
const RANK = "_QUXYGROEDVCN9qjFPJBzAL/-8KW7HIM+xS6T54v312kg0bwpyfumcdlhnriosate";

/** A pattern's units: a class (`[46]`), an escaped character or a character. */
const UNIT = /\[[^\]]*\]|\\.|./g;

/**
 * A pattern written from its rarest character on, the ones before it in a look-behind: the regular
 * expression engine skips through a text to the few places where that character stands (as the
 * redaction's gate does for terms) instead of trying every pattern at every place.
 */
function rareFirst(pattern: string): string {
  const units = pattern.match(UNIT) ?? [];
  const rank = (u: string) => (u.startsWith("[") ? Infinity : RANK.indexOf(u.replace(/^\\/, "")));
  let k = 0;
  for (let i = 1; i < units.length; i++) if (rank(units[i]!) < rank(units[k]!)) k = i;
  if (k === 0) return pattern;
  return `${units[k]!}(?<=${units.slice(0, k + 1).join("")})${units.slice(k + 1).join("")}`;
}

function build(terms: readonly string[]): EncodedMatcher {
  const perTerm = terms.map((t) => termPatterns(t));
  if (perTerm.every((p) => p.length === 0)) return NONE;
  // One search for all on every text; which term, only where one is.
  const fast = new RegExp(perTerm.flatMap((p) => p.map(rareFirst)).join("|"));
  const each = perTerm.map((p) => (p.length ? new RegExp(p.join("|")) : null));
  const which = (text: string) => {
    const out: number[] = [];
    for (let i = 0; i < each.length; i++) if (each[i]?.test(text)) out.push(i);
    return out;
  };
  return { find: (text: string) => (fast.test(text) ? which(text) : []) };
}

/** The matcher last built for a term list, by the list (the same list comes with every text). */
const LAST = new WeakMap<readonly string[], { copy: string[]; matcher: EncodedMatcher }>();

export function encodedMatcher(terms: readonly string[]): EncodedMatcher {
  const last = LAST.get(terms);
  if (last && last.copy.length === terms.length && last.copy.every((t, i) => t === terms[i]))
    return last.matcher;
  const matcher = build(terms);
  LAST.set(terms, { copy: [...terms], matcher });
  return matcher;
}

/** The rot13 and reversed forms last built for a term list, by the list. */
const FORMS = new WeakMap<readonly string[], { copy: string[]; forms: { form: string; term: number }[] }>();

/** `rotatedAndReversed(terms)`, the same array for the same list. */
export function encodedForms(terms: readonly string[]): { form: string; term: number }[] {
  const last = FORMS.get(terms);
  if (last && last.copy.length === terms.length && last.copy.every((t, i) => t === terms[i]))
    return last.forms;
  const forms = rotatedAndReversed(terms);
  FORMS.set(terms, { copy: [...terms], forms });
  return forms;
}
