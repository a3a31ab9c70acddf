/**
 * Text preparation shared by every signal: masking (code, LaTeX/math, redaction placeholders are
 * blanked with spaces so offsets stay valid and they neither help nor hurt), a one-pass tokeniser,
 * sentence boundaries and Unicode-script classes. The tokeniser is defined by one regular
 * expression (TOKEN_RE) and implemented as a hand-written scanner over a table of character classes
 * that finds exactly its matches, without a substring per token (tested against the expression).
 * `Intl.Segmenter` is far too slow on long strings and needs no dictionary we could not ship.
 */
import { PLACEHOLDER_RE } from "../placeholder";
import { I32, U8 } from "./scratch";

/** Inline $math$ (see mayCloseInlineMath). */
const INLINE_MATH = /(?<![\\\w])\$(?=\S)[^$\n]{1,300}?(?<=\S)\$(?!\d)/g;
// Each expression with a string that any match contains: a text without it is not searched.
// (Masking only blanks characters, so what the original text lacks, the partly masked one lacks.)
export const MASKS: readonly (readonly [RegExp, string])[] = [
  [/```[\s\S]*?(?:```|$)/g, "```"], // fenced code (an unclosed fence runs to the end)
  [/~~~[\s\S]*?(?:~~~|$)/g, "~~~"],
  [/`[^`\n]{1,400}`/g, "`"], // inline code
  [/\$\$[\s\S]{0,4000}?\$\$/g, "$$"], // display math
  [/\\\[[\s\S]{0,4000}?\\\]/g, "\\["],
  [/\\\([\s\S]{0,1000}?\\\)/g, "\\("],
  [/\\begin\{([a-z*]+)\}[\s\S]{0,8000}?\\end\{\1\}/g, "\\begin{"],
  [INLINE_MATH, "$"], // inline $math$ (not "$2 and $3")
  [/\\[A-Za-z]+\*?(?:\{[^{}\n]{0,200}\})*/g, "\\"], // stray LaTeX commands such as \frac{a}{b}, \boxed{18}
  [new RegExp(PLACEHOLDER_RE.source, "g"), "\u27E6"],
];
/** The first characters of the masks' strings (` ~ $ \\ ⟦), and the bit of each mask's. */
const FIRSTS = [...new Set(MASKS.map(([, needs]) => needs[0]!))];
const FIRST_BIT = MASKS.map(([, needs]) => 1 << FIRSTS.indexOf(needs[0]!));
/**
 * Each expression, sticky (tried at one place only). Every match of a mask starts with the first
 * character of its string, so its matches are found by trying it where that character occurs.
 */
const STICKY = MASKS.map(([re]) => new RegExp(re.source, re.flags.replace("g", "") + "y"));

export interface Masked {
  text: string;
  maskedChars: number;
}

/** Blanks masked spans with spaces (same length, so offsets into the original stay valid). */
export function mask(text: string): Masked {
  let out = text;
  // Which first characters the text has (`includes` is the fastest scan); a mask whose string is
  // longer is searched for only when its first character is there.
  let present = 0;
  for (let k = 0; k < FIRSTS.length; k++) if (text.includes(FIRSTS[k]!)) present |= 1 << k;
  if (present === 0) return { text, maskedChars: 0 };
  blanked = 0;
  for (let k = 0; k < MASKS.length; k++) {
    const needs = MASKS[k]![1];
    if ((present & FIRST_BIT[k]!) === 0 || (needs.length > 1 && !text.includes(needs))) continue;
    out =
      k === PLACEHOLDER_MASK && PLACEHOLDERS_BY_HAND
        ? blankPlaceholders(out)
        : blankMatches(out, MASKS[k]![0], STICKY[k]!, needs[0]!);
  }
  return { text: out, maskedChars: blanked };
}

/**
 * False when inline $math$ (INLINE_MATH) surely does not match at the "$" at p: its [^$\n]{1,300}?
 * cannot pass a "$", so a match ends at the next "$", which must come at least two characters
 * later, on the same line, after a character that is not a space, tab or line break, and before
 * one that is not a digit (\d). Tried before the expression itself, which decides. `q` is the
 * position of that next "$" (`s.indexOf("$", p + 1)`), which the caller visits next anyway.
 */
function mayCloseInlineMath(s: string, p: number, q: number): boolean {
  if (q < p + 2) return false; // none (-1), or "$$"
  const before = s.charCodeAt(q - 1);
  if (before === 32 || before === 10 || before === 9) return false;
  const after = q + 1 < s.length ? s.charCodeAt(q + 1) : -1; // (nothing is read past the end)
  if (after >= 48 && after <= 57) return false;
  const nl = s.indexOf("\n", p + 1);
  return nl < 0 || nl > q;
}

/**
 * `s.replace(re, blank)` for the global `re` whose sticky copy is `sticky` and whose matches all
 * start with `first`. Only the places holding `first` are tried (instead of the expression at
 * every character) to learn whether there is any match; most texts with a mask's character have
 * no match of it (money amounts), and are returned as they are. Otherwise `replace` itself, which
 * makes a flat string (one built by concatenation would be a slow one to read character by character).
 */
function blankMatches(s: string, re: RegExp, sticky: RegExp, first: string): string {
  if (first === "$" && re === INLINE_MATH) {
    // Each "$" once: the next one (q) is both what mayCloseInlineMath looks at and the next to try.
    for (let p = s.indexOf("$"), q = p < 0 ? -1 : s.indexOf("$", p + 1); p >= 0;) {
      if (mayCloseInlineMath(s, p, q)) {
        sticky.lastIndex = p;
        if (sticky.test(s)) {
          re.lastIndex = 0;
          return s.replace(re, blank);
        }
      }
      p = q;
      q = p < 0 ? -1 : s.indexOf("$", p + 1);
    }
    return s;
  }
  for (let p = s.indexOf(first); p >= 0; p = s.indexOf(first, p + 1)) {
    sticky.lastIndex = p;
    if (sticky.test(s)) {
      re.lastIndex = 0;
      return s.replace(re, blank);
    }
  }
  return s;
}

/** The redaction placeholders' mask (the last), blanked by `blankPlaceholders` while its expression is this one. */
const PLACEHOLDER_MASK = MASKS.length - 1;
const PLACEHOLDERS_BY_HAND =
  MASKS[PLACEHOLDER_MASK]![0].source === "\\u27E6([A-Z][A-Z0-9_]*?)_(\\d+)\\u27E7" &&
  MASKS[PLACEHOLDER_MASK]![1] === "\u27E6";

/**
 * `s.replace(/\u27E6([A-Z][A-Z0-9_]*?)_(\d+)\u27E7/g, blank)` by hand (a redacted text's placeholders,
 * without a regex run and a call per match). Every character the expression allows between the
 * brackets is one of [A-Z0-9_], which "⟧" is not, so a match is "⟦", the whole run R of [A-Z0-9_]
 * after it, then "⟧", where R starts with a capital and ends with "_" and one or more digits (the
 * "_" not R's first character): R's digits at its end are all there is to \d+, and the character
 * before them must be the "_". No line break is inside a match: each is blanked by one repeat.
 */
function blankPlaceholders(s: string): string {
  const len = s.length;
  let pieces: string[] | undefined;
  let last = 0;
  for (let p = s.indexOf("\u27E6"); p >= 0; p = s.indexOf("\u27E6", p + 1)) {
    let j = p + 1;
    for (; j < len; j++) {
      const c = s.charCodeAt(j);
      if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) break;
    }
    if (j >= len || s.charCodeAt(j) !== 0x27e7) continue;
    const c0 = s.charCodeAt(p + 1);
    if (c0 < 65 || c0 > 90) continue; // an empty run, or one not starting with a capital
    let d = j;
    while (d > p + 2 && s.charCodeAt(d - 1) >= 48 && s.charCodeAt(d - 1) <= 57) d--;
    if (d === j || d - 1 < p + 2 || s.charCodeAt(d - 1) !== 95) continue;
    // A match: s[p, j]. (Pieces joined once below: join makes a flat string, unlike +.)
    pieces ??= [];
    pieces.push(s.slice(last, p), " ".repeat(j + 1 - p));
    blanked += j + 1 - p;
    last = j + 1;
  }
  if (pieces === undefined) return s;
  pieces.push(s.slice(last));
  return pieces.join("");
}

// Characters blanked so far by `blank` in the current `mask` (a plain function, not a closure per call).
let blanked = 0;

/** A masked span as spaces, its line breaks kept. */
function blank(m: string): string {
  blanked += m.length;
  return m.includes("\n") ? m.replace(/[^\n]/g, " ") : " ".repeat(m.length);
}

/** Script of one code point, coarse: what a reader would call "the writing system". */
export type Script =
  | "latin"
  | "han"
  | "kana"
  | "hangul"
  | "cyrillic"
  | "greek"
  | "arabic"
  | "hebrew"
  | "devanagari"
  | "thai"
  | "other";

export function scriptOf(cp: number): Script {
  if (cp < 0x250) return "latin";
  if (cp >= 0x4e00 && cp <= 0x9fff) return "han";
  if (cp >= 0x3400 && cp <= 0x4dbf) return "han";
  if (cp >= 0x3040 && cp <= 0x30ff) return "kana";
  if (cp >= 0xac00 && cp <= 0xd7af) return "hangul";
  if (cp >= 0x0400 && cp <= 0x052f) return "cyrillic";
  if (cp >= 0x0370 && cp <= 0x03ff) return "greek";
  if (cp >= 0x0600 && cp <= 0x06ff) return "arabic";
  if (cp >= 0x0590 && cp <= 0x05ff) return "hebrew";
  if (cp >= 0x0900 && cp <= 0x097f) return "devanagari";
  if (cp >= 0x0e00 && cp <= 0x0e7f) return "thai";
  if (cp >= 0x1e00 && cp <= 0x1eff) return "latin";
  if (cp >= 0xf900 && cp <= 0xfaff) return "han";
  return "other";
}

/** Scripts in a fixed order, so weights per script can live in small arrays. */
export const SCRIPTS: readonly Script[] = [
  "latin",
  "han",
  "kana",
  "hangul",
  "cyrillic",
  "greek",
  "arabic",
  "hebrew",
  "devanagari",
  "thai",
  "other",
];
export const SCRIPT_INDEX: ReadonlyMap<Script, number> = new Map(SCRIPTS.map((s, i) => [s, i] as const));
export const LATIN = 0;

/** Letters of ideographic and syllabic scripts carry about a word each: weigh them like 3 Latin letters. */
export function scriptWeight(s: Script): number {
  return s === "han" || s === "kana" || s === "hangul" ? 3 : 1;
}

export const enum Kind {
  Word = 0,
  Num = 1,
  End = 2,
  Comma = 3,
  Sym = 4,
}

/**
 * Tokens of a window as parallel arrays (no substring per token): kind and [start, end) offsets of
 * tokens 0..n-1. The arrays are scratch space, valid until the next `tokenize` (see scratch.ts).
 */
export interface Tokens {
  n: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /**
   * For word and number tokens: the hash (see `HASH_SEED`) of the token with A–Z lower-cased, and
   * flags: TOKEN_NON_ASCII (the hash is not set: the vocabulary lower-cases the token itself),
   * TOKEN_UPPER (it has capitals A–Z). Flags of any token: TOKEN_NL (see there).
   */
  hash: Int32Array;
  flags: Uint8Array;
  /**
   * For word tokens of up to 6 ASCII letters and number tokens of up to 7 ASCII digits (as the
   * tokeniser's fast paths find them), `packOf` of the lower-cased token; 0 for other tokens.
   */
  pack: Int32Array;
}

/**
 * The tokens' hash over UTF-16 code units (signed 32-bit): from HASH_SEED, h = (h << 5) + (h ^ c)
 * for each unit c (a bijection of h for each c, like h × 33 ^ c). Only the vocabulary reads it, and
 * only as its probe start and a first check; each step is a shift, an exclusive or and an add, two
 * cycles of dependency a character where a multiply-based hash (FNV-1a) takes four: the letter loop
 * of the tokeniser is bound by that chain.
 */
export const HASH_SEED = 0x811c9dc5 | 0;
export const TOKEN_NON_ASCII = 1;
export const TOKEN_UPPER = 2;
/** Any token: a line feed is among the whitespace between the token before and this one. */
export const TOKEN_NL = 4;
/** Word tokens: an apostrophe joins letters in it ("don't"). */
export const TOKEN_APOS = 8;

// What the scanners report besides the end of a token (set by scanWord and scanNumber).
let scanHash = 0;
let scanFlags = 0;

// The tokeniser's definition: one alternation, one pass. Letters (with marks and inner apostrophes)
// | numbers | sentence ends | commas | any other visible character. `tokenize` below is a
// hand-written scanner that finds exactly the matches of this expression; it runs the expression
// itself only where a surrogate pair (an astral code point) makes a decision.
const TOKEN_RE =
  /(\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*)|(\p{N}+(?:[.,]\p{N}+)*)|([.!?。！？]+)|([,;:，；：])|(\S)/gu;

// Character classes of UTF-16 code units, as the expression sees them (computed lazily from the
// same Unicode properties, one code unit at a time; surrogates are left to the expression).
const C_L = 1;
const C_M = 2;
const C_N = 4;
const C_WS = 8;
const C_END = 16;
const C_COMMA = 32;
const C_APOS = 64;
const C_SURR = 128;
const C_DONE = 256;
const CLASS = new Uint16Array(0x10000);

function classify(c: number): number {
  let k = C_DONE;
  if (c >= 0xd800 && c <= 0xdfff) k |= C_SURR;
  else {
    const ch = String.fromCharCode(c);
    if (/\p{L}/u.test(ch)) k |= C_L;
    if (/\p{M}/u.test(ch)) k |= C_M;
    if (/\p{N}/u.test(ch)) k |= C_N;
    if (/\s/u.test(ch)) k |= C_WS;
    if (".!?。！？".includes(ch)) k |= C_END;
    if (",;:，；：".includes(ch)) k |= C_COMMA;
    if (ch === "'" || ch === "’") k |= C_APOS;
  }
  CLASS[c] = k;
  return k;
}
for (let c = 0; c < 128; c++) classify(c);

/**
 * ASCII characters by what can start there: a letter, a digit, whitespace, a one-character symbol
 * token, or something else (sentence ends, commas: the general path). Derived from CLASS.
 */
const A_LETTER = 1;
const A_DIGIT = 2;
const A_WS = 3;
const A_SYM = 4;
const A_OTHER = 5;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const k = CLASS[c]!;
  ASCII[c] =
    (k & C_L) !== 0
      ? A_LETTER
      : (k & C_N) !== 0
        ? A_DIGIT
        : (k & C_WS) !== 0
          ? A_WS
          : (k & (C_END | C_COMMA)) === 0
            ? A_SYM
            : A_OTHER;
}

const cls = (c: number): number => {
  const k = CLASS[c]!;
  return k !== 0 ? k : classify(c);
};

/** Whether UTF-16 code unit c is a letter (\p{L}) or a surrogate (half of a code point, maybe a letter). */
export const letterOrSurrogate = (c: number): boolean => (cls(c) & (C_L | C_SURR)) !== 0;

/**
 * End of the word token starting at i, or -1 when a surrogate decides (left to the expression).
 * Hashes the token on the way (ASCII letters lower-cased), for the vocabulary.
 */
function scanWord(src: Uint16Array, i: number, len: number): number {
  let h = HASH_SEED;
  let f = 0;
  let c = src[i]!;
  if (c >= 128) f = TOKEN_NON_ASCII;
  else if (c < 97) {
    f = TOKEN_UPPER;
    c |= 32;
  }
  h = ((h << 5) + (h ^ c)) | 0;
  let j = i + 1;
  // Lower-case ASCII letters first (most of any word), then the general case:
  // [\p{L}\p{M}]* — the ASCII ones are the letters A–Z, a–z.
  for (; j < len; j++) {
    c = src[j]!;
    if (c < 97 || c > 122) break;
    h = ((h << 5) + (h ^ c)) | 0;
  }
  for (; j < len; j++) {
    c = src[j]!;
    if ((cls(c) & (C_L | C_M)) === 0) break;
    if (c >= 128) f |= TOKEN_NON_ASCII;
    else if (c < 97) {
      f |= TOKEN_UPPER;
      c |= 32;
    }
    h = ((h << 5) + (h ^ c)) | 0;
  }
  for (;;) {
    scanHash = h;
    scanFlags = f;
    if (j >= len) return j;
    const a = src[j]!;
    const k = cls(a);
    if ((k & C_SURR) !== 0) return -1;
    if ((k & C_APOS) === 0 || j + 1 >= len) return j;
    const k2 = cls(src[j + 1]!);
    if ((k2 & C_SURR) !== 0) return -1;
    if ((k2 & C_L) === 0) return j;
    // (?:['’]\p{L}+)
    f |= TOKEN_APOS;
    if (a >= 128) f |= TOKEN_NON_ASCII;
    h = ((h << 5) + (h ^ a)) | 0;
    for (j++; j < len; j++) {
      c = src[j]!;
      if ((cls(c) & C_L) === 0) break;
      if (c >= 128) f |= TOKEN_NON_ASCII;
      else if (c < 97) {
        f |= TOKEN_UPPER;
        c |= 32;
      }
      h = ((h << 5) + (h ^ c)) | 0;
    }
  }
}

/** End of the number token starting at i, or -1 when a surrogate decides. Hashes it on the way. */
function scanNumber(src: Uint16Array, i: number, len: number): number {
  let h = HASH_SEED;
  let f = 0;
  let j = i;
  for (; j < len; j++) {
    const c = src[j]!;
    if ((cls(c) & C_N) === 0) break;
    if (c >= 128) f = TOKEN_NON_ASCII;
    h = ((h << 5) + (h ^ c)) | 0;
  }
  for (;;) {
    scanHash = h;
    scanFlags = f;
    if (j >= len) return j;
    const c = src[j]!;
    if ((cls(c) & C_SURR) !== 0) return -1;
    if ((c !== 46 && c !== 44) || j + 1 >= len) return j;
    const k2 = cls(src[j + 1]!);
    if ((k2 & C_SURR) !== 0) return -1;
    if ((k2 & C_N) === 0) return j;
    h = ((h << 5) + (h ^ c)) | 0;
    for (j++; j < len; j++) {
      const d = src[j]!;
      if ((cls(d) & C_N) === 0) break;
      if (d >= 128) f = TOKEN_NON_ASCII;
      h = ((h << 5) + (h ^ d)) | 0;
    }
  }
}

const tokKind = new U8();
const tokStart = new I32();
const tokEnd = new I32();
const tokHash = new I32();
const tokFlags = new U8();
const tokPack = new I32();

/** Packed keys: words of up to PACK_LETTERS letters a–z, numbers of up to PACK_DIGITS digits (tagged). */
const PACK_LETTERS = 6;
const PACK_DIGITS = 7;
const PACK_NUM = 1 << 30;

/**
 * The packed key of a lower-cased token: for 1–6 letters a–z, letter k (a = 1 … z = 26) at bits
 * 5k; for 1–7 digits, digit k (0 = 1 … 9 = 10) at bits 4k, with bit 30 set; 0 for anything else.
 * Each code is non-zero, so the key says the token exactly (its length too): equal keys, equal
 * tokens. The tokeniser computes it for the tokens of its ASCII fast paths (see `Tokens.pack`).
 */
export function packOf(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let k = 0;
  const c0 = s.charCodeAt(0);
  if (c0 >= 97 && c0 <= 122) {
    if (n > PACK_LETTERS) return 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 97 || c > 122) return 0;
      k |= (c - 96) << (5 * i);
    }
    return k;
  }
  if (c0 >= 48 && c0 <= 57) {
    if (n > PACK_DIGITS) return 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return 0;
      k |= (c - 47) << (4 * i);
    }
    return k | PACK_NUM;
  }
  return 0;
}

/** Bit 31: the key of a long word (see longPackLo), never that of a short word or a number. */
export const PACK_LONG = 1 << 31;

/**
 * The keys of a word of 7–12 letters a–z (0 for anything else): `longPackLo`, its first six letters
 * as `packOf` packs them, with PACK_LONG; `longPackHi`, letters 7–12 the same way (letter 7 at bit 0).
 * Each code is non-zero, so the two keys say the word exactly.
 */
export function longPackLo(s: string): number {
  if (longPackHi(s) === 0) return 0;
  let k = 0;
  for (let i = 0; i < PACK_LETTERS; i++) k |= (s.charCodeAt(i) - 96) << (5 * i);
  return k | PACK_LONG;
}
export function longPackHi(s: string): number {
  const n = s.length;
  if (n <= PACK_LETTERS || n > 2 * PACK_LETTERS) return 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 97 || c > 122) return 0;
    if (i >= PACK_LETTERS) k |= (c - 96) << (5 * (i - PACK_LETTERS));
  }
  return k;
}

// The code units of the text being tokenised, and the same memory as bytes (see unitsOf).
let units = new Uint16Array(1024);
let unitBytes = Buffer.from(units.buffer);

/**
 * The UTF-16 code units of `text` at [0, text.length) of a scratch array, valid until the next call:
 * one native copy, after which each character is read as an array element instead of through
 * `charCodeAt` (which inspects the string's representation each time).
 */
export function unitsOf(text: string): Uint16Array {
  if (units.length < text.length) {
    units = new Uint16Array(Math.max(text.length, units.length * 2));
    unitBytes = Buffer.from(units.buffer);
  }
  unitBytes.write(text, 0, "utf16le");
  return units;
}

/** The code units of the text last tokenised (`unitsOf(text)`, kept by `tokenize`): scratch, valid until the next `tokenize` or `unitsOf`. */
export const tokenizedUnits = (): Uint16Array => units;

/** The default table of `tokenize`: it stands for "no table" (nothing is read). */
const NO_TABLE = new Int32Array(32);
// Where tokenize leaves what it read from the table (so the reads are not optimised away).
let _touched = 0;

/**
 * The tokens of `text` (scratch arrays, see `Tokens`), and its sentences (see `tokenizedSentences`).
 *
 * `table` and `shift` (the vocabulary's records and probe shift: see vocab.ts, slots of 16 int32 whose
 * field 1 is never 0 when in use) change nothing in the result: for each word and number token with
 * an ASCII hash h, the tokeniser reads `table[((Math.imul(h, 0x9e3779b1) >>> shift) << 4) + 1]`, the
 * first place the vocabulary will probe for it, once every token is found, in a loop that does
 * little else — so the cache misses of a window's distinct words overlap with each other instead of
 * each waiting behind the lookup before it. Without a table it reads nothing.
 */
export function tokenize(text: string, table: Int32Array = NO_TABLE, shift = 31): Tokens {
  const len = text.length;
  const src = unitsOf(text);
  let tt = 0;
  const kind = tokKind.get(len);
  const start = tokStart.get(len);
  const end = tokEnd.get(len);
  const hash = tokHash.get(len);
  const flags = tokFlags.get(len);
  const pack = tokPack.get(len);
  let n = 0;
  let i = 0;
  let nl = 0; // TOKEN_NL for the next token
  // The sentences (see `sentences`), found on the way: tokens [from, n) are the open sentence,
  // closed before a token after a line break (not a sentence end) and after a sentence end
  // followed by whitespace (or a CJK one).
  sStart = tsStart.get(len + 1);
  sEnd = tsEnd.get(len + 1);
  sFrom = tsFrom.get(len + 1);
  sTo = tsTo.get(len + 1);
  sN = 0;
  let from = 0;
  while (i < len) {
    const c = src[i]!;
    if (c === 32) {
      i++; // the commonest whitespace, without the class lookup
      continue;
    }
    if (c < 128) {
      // ASCII fast paths: a run of ASCII letters (or digits) ended by an ASCII character that cannot
      // continue the token is the whole token; anything else goes to the general scanners below.
      const a = ASCII[c]!;
      if (a === A_LETTER) {
        let h = ((HASH_SEED << 5) + (HASH_SEED ^ (c | 32))) | 0;
        let f = c < 97 ? TOKEN_UPPER : 0;
        // The packed key (see packOf): letters 1–26, 5 bits each, of words of up to 6 letters.
        let pk = (c | 32) - 96;
        let sh = 5;
        let j = i + 1;
        let d = 0;
        for (; j < len; j++) {
          d = src[j]!;
          if (((d | 32) - 97) >>> 0 >= 26) break; // not A–Z or a–z
          if (d < 97) f = TOKEN_UPPER;
          h = ((h << 5) + (h ^ (d | 32))) | 0;
          if (sh < 30) {
            pk |= ((d | 32) - 96) << sh;
            sh += 5;
          }
        }
        if (j >= len || (d < 128 && d !== 39)) {
          kind[n] = Kind.Word;
          start[n] = i;
          end[n] = j;
          hash[n] = h;
          pack[n] = j - i <= PACK_LETTERS ? pk : 0;
          if (nl !== 0 && n > from) {
            closeSentence(from, n, start, end);
            from = n;
          }
          flags[n] = f | nl;
          nl = 0;
          n++;
          i = d === 32 ? j + 1 : j; // (a space that ended it is skipped here, not read again)
          continue;
        }
      } else if (a === A_DIGIT) {
        let h = ((HASH_SEED << 5) + (HASH_SEED ^ c)) | 0;
        // The packed key: digits 1–10, 4 bits each, of numbers of up to 7 digits, tagged.
        let pk = PACK_NUM | (c - 47);
        let sh = 4;
        let j = i + 1;
        let d = 0;
        for (; j < len; j++) {
          d = src[j]!;
          if (d < 48 || d > 57) break;
          h = ((h << 5) + (h ^ d)) | 0;
          if (sh < 28) {
            pk |= (d - 47) << sh;
            sh += 4;
          }
        }
        // A "." or "," ends the number unless a number character follows it ("3.5", "1,000"): an
        // ASCII one that is not a digit ("42.", "5, 6") is no number character (others: scanNumber).
        if (
          j >= len ||
          (d < 128 &&
            ((d !== 46 && d !== 44) ||
              j + 1 >= len ||
              (src[j + 1]! < 128 && (src[j + 1]! < 48 || src[j + 1]! > 57))))
        ) {
          kind[n] = Kind.Num;
          start[n] = i;
          end[n] = j;
          hash[n] = h;
          pack[n] = j - i <= PACK_DIGITS ? pk : 0;
          if (nl !== 0 && n > from) {
            closeSentence(from, n, start, end);
            from = n;
          }
          flags[n] = nl;
          nl = 0;
          n++;
          i = d === 32 ? j + 1 : j;
          continue;
        }
      } else if (a === A_WS) {
        if (c === 10) nl = TOKEN_NL;
        i++;
        continue;
      } else if (a === A_SYM) {
        kind[n] = Kind.Sym;
        start[n] = i;
        end[n] = i + 1;
        hash[n] = 0;
        pack[n] = 0;
        if (nl !== 0 && n > from) {
          closeSentence(from, n, start, end);
          from = n;
        }
        flags[n] = nl;
        nl = 0;
        n++;
        i++;
        continue;
      }
    }
    const k = cls(c);
    if ((k & C_WS) !== 0) {
      i++;
      continue;
    }
    let j: number;
    let kd: Kind;
    scanFlags = 0;
    if ((k & C_L) !== 0) {
      kd = Kind.Word;
      j = scanWord(src, i, len);
    } else if ((k & C_N) !== 0) {
      kd = Kind.Num;
      j = scanNumber(src, i, len);
    } else if ((k & C_END) !== 0) {
      kd = Kind.End;
      j = i + 1;
      while (j < len && (cls(src[j]!) & C_END) !== 0) j++;
    } else if ((k & C_COMMA) !== 0) {
      kd = Kind.Comma;
      j = i + 1;
    } else if ((k & C_SURR) !== 0) {
      j = -1;
      kd = Kind.Sym;
    } else {
      kd = Kind.Sym;
      j = i + 1;
    }
    if (j < 0) {
      // A surrogate pair decides: the expression itself, from here (only whitespace was skipped).
      TOKEN_RE.lastIndex = i;
      const m = TOKEN_RE.exec(text);
      if (m === null) break;
      kd =
        m[1] !== undefined
          ? Kind.Word
          : m[2] !== undefined
            ? Kind.Num
            : m[3] !== undefined
              ? Kind.End
              : m[4] !== undefined
                ? Kind.Comma
                : Kind.Sym;
      i = m.index;
      j = m.index + m[0].length;
      scanFlags = TOKEN_NON_ASCII; // not hashed: the vocabulary reads the token itself
    }
    if (nl !== 0 && n > from && kd !== Kind.End) {
      closeSentence(from, n, start, end);
      from = n;
    }
    kind[n] = kd;
    start[n] = i;
    end[n] = j;
    hash[n] = scanHash;
    pack[n] = 0;
    flags[n] = scanFlags | nl;
    nl = 0;
    n++;
    if (kd === Kind.End) {
      // "3.5" is a number token already; "e.g." stays one sentence only if no space follows.
      const after = j < len ? src[j]! : -1;
      if (after === -1 || after === 32 || after === 10 || after === 13 || after === 9 || src[i]! > 0x3000) {
        closeSentence(from, n, start, end);
        from = n;
      }
    }
    i = j;
  }
  if (n > from) closeSentence(from, n, start, end);
  // Each word and number token's first vocabulary slot, read in a loop of its own: with only these
  // loads and the few operations per token between them in flight, many misses overlap (interleaved
  // with the scan, a miss soon blocks the scan's own work behind it).
  if (table !== NO_TABLE)
    for (let t = 0; t < n; t++)
      if (kind[t]! <= Kind.Num && (flags[t]! & TOKEN_NON_ASCII) === 0)
        tt ^= table[((Math.imul(hash[t]!, 0x9e3779b1) >>> shift) << 4) + 1]!;
  _touched ^= tt;
  tokSentences.n = sN;
  tokSentences.start = sStart;
  tokSentences.end = sEnd;
  tokSentences.from = sFrom;
  tokSentences.to = sTo;
  return { n, kind, start, end, hash, flags, pack };
}

// The sentence arrays of the running `tokenize`, and the number of sentences in them.
let sStart: Int32Array = new Int32Array(0);
let sEnd = sStart;
let sFrom = sStart;
let sTo = sStart;
let sN = 0;

/** Appends the sentence of tokens [from, to) (not empty). */
function closeSentence(from: number, to: number, start: Int32Array, end: Int32Array): void {
  sStart[sN] = start[from]!;
  sEnd[sN] = end[to - 1]!;
  sFrom[sN] = from;
  sTo[sN] = to;
  sN++;
}

const tsStart = new I32();
const tsEnd = new I32();
const tsFrom = new I32();
const tsTo = new I32();
const tokSentences: Sentences = {
  n: 0,
  start: tsStart.a,
  end: tsEnd.a,
  from: tsFrom.a,
  to: tsTo.a,
};

/**
 * The sentences of the text last tokenised (`sentences(text, tokenize(text))`, found by the
 * tokeniser on the way): scratch, valid until the next `tokenize`.
 */
export const tokenizedSentences = (): Sentences => tokSentences;

/** Sentences 0..n-1 as parallel arrays: text offsets [start, end) and token ranges [from, to) (scratch, like `Tokens`). */
export interface Sentences {
  n: number;
  start: Int32Array;
  end: Int32Array;
  from: Int32Array;
  to: Int32Array;
}

const sentStart = new I32();
const sentEnd = new I32();
const sentFrom = new I32();
const sentTo = new I32();

/** Sentences end at . ! ? (and their CJK forms) or at a line break. */
export function sentences(text: string, tokens: Tokens): Sentences {
  const nt = tokens.n;
  const { kind, start: ts, end: te, flags } = tokens;
  const cap = nt + 1;
  const out: Sentences = {
    n: 0,
    start: sentStart.get(cap),
    end: sentEnd.get(cap),
    from: sentFrom.get(cap),
    to: sentTo.get(cap),
  };
  const { start: ss, end: se, from: sf, to: st } = out;
  let ns = 0;
  let from = 0;
  // Closes the sentence of tokens [from, to) (if not empty) at each `to` below.
  for (let i = 0; i < nt; i++) {
    let to = -1;
    if (kind[i] === Kind.End) {
      // "3.5" is a number token already; "e.g." stays one sentence only if no space follows.
      const after = text.charCodeAt(te[i]!);
      if (
        Number.isNaN(after) ||
        after === 32 ||
        after === 10 ||
        after === 13 ||
        after === 9 ||
        text.charCodeAt(ts[i]!) > 0x3000
      )
        to = i + 1;
    } else if (i > from && (flags[i]! & TOKEN_NL) !== 0) to = i; // a line break before token i
    if (to < 0) continue;
    if (to > from) {
      ss[ns] = ts[from]!;
      se[ns] = te[to - 1]!;
      sf[ns] = from;
      st[ns] = to;
      ns++;
    }
    from = to;
  }
  if (nt > from) {
    ss[ns] = ts[from]!;
    se[ns] = te[nt - 1]!;
    sf[ns] = from;
    st[ns] = nt;
    ns++;
  }
  out.n = ns;
  return out;
}
