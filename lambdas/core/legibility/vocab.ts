/**
 * Interned tokens: each distinct lower-cased word or number token gets a small integer id once,
 * with the facts the signals need about it (stop-word profile bits, dictionary facts), so a window
 * looks a word up once, without cutting out or lower-casing a substring for words already seen.
 *
 * The table is its own record store: an open-addressing hash table of 64-byte slots, and a token's
 * id is its slot. A slot holds the hash, the length, every fact the signals read and the characters
 * of a short ASCII token (for the exact-match check), so looking a word up and reading all its facts
 * touches that slot's cache line(s) only. Inside the pipeline the other stages evict the scorer's
 * data between transcripts; one line per distinct word instead of one per fact array is what makes
 * the lookups cheap there. Ids change when the table grows, so it grows only in `reserve`, which the
 * window analysis calls before it hands out any id (see windows.ts).
 *
 * The table only ever holds pure functions of the word, so scores do not depend on what was scored
 * before; it is emptied between reasoning parts once it grows large (ids stay valid within a part).
 */
import { dictionary } from "./dictionary";
import { profileBitsOf } from "./functionwords";
import { NUMBER_WORDS } from "./numberwords";
import { HASH_SEED, TOKEN_NON_ASCII, TOKEN_UPPER, longPackHi, longPackLo, packOf } from "./text";
import { wordInfo } from "./wordinfo";

// Imported constants read per token, as module-local ones (see windows.ts).
const SEED = HASH_SEED;
const NON_ASCII = TOKEN_NON_ASCII;
const UPPER = TOKEN_UPPER;

/**
 * Slot layout: the int32 fields of id (slot) `id` start at `id << SHIFT` in `V.rec`. (The tokeniser's
 * reads ahead of the lookups assume this SHIFT and R_META: see `tokenize`.)
 */
export const SHIFT = 4;
/** Hash of the lower-cased token (as the tokeniser computes it: see HASH_SEED). */
export const R_HASH = 0;
/**
 * The token's length (bits 0–15, capped at 0xffff) | facts (the F_* bits below, 16–23) | stop-word
 * profile bits of the word form (bits 24–30, read as `>>> PROFILE`). 0 = empty slot.
 */
export const R_META = 1;
/**
 * Syllables of the word form (bits 0–15) | the word class of the lower-cased token itself, curly
 * apostrophes kept, renumbered as the transition model's table is (`pos`, see dictionary.ts) << 16
 * (with F_INFO; see `ensureInfo`).
 */
export const R_SC = 2;
/** Repetition: the id of this token in the current part, valid when the stamp is the part's. */
export const R_STAMP = 3;
export const R_LOCAL = 4;
/**
 * The token's packed key: `packOf` for short ASCII words and numbers; for words of 7–12 letters
 * a–z, `longPackLo` (with R_PACK2 = `longPackHi`); 0 for other tokens.
 */
export const R_PACK = 5;
export const R_PACK2 = 6;
/** The characters of an inline token start at byte 28 of the slot (up to 36 of them). */
const CHARS = 28;
const INLINE_MAX = 64 - CHARS;

export const LEN_MASK = 0xffff;
export const F_CURLY = 1 << 16; // the token has a curly apostrophe: its word form has a straight one
export const F_INFO = 1 << 17; // the dictionary facts below (and R_SC) are computed
export const F_KNOWN = 1 << 18;
export const F_GLUED = 1 << 19;
export const F_FN = 1 << 20;
const F_INLINE = 1 << 21; // the slot holds the token's characters (ASCII, at most INLINE_MAX)
const F_USED = 1 << 22; // the slot is in use
export const F_NUMWORD = 1 << 23; // the token is an English number word (see numberwords.ts)
export const PROFILE = 24;

/** Entries at which the table is emptied between parts (at most half the slots are used). */
const MAX = 120_000;
const FIRST_BITS = 12;

/** Per-id (per-slot) data. Both are replaced when the table grows: read them through `V` after `reserve`. */
export const V = {
  /** The lower-cased token (as `String.prototype.toLowerCase` gives it); "" for an empty slot. */
  str: new Array<string>(1 << FIRST_BITS).fill(""),
  rec: new Int32Array((1 << FIRST_BITS) << SHIFT),
};
/** The same memory as `V.rec`, byte by byte (the inline characters). */
let bytes = new Uint8Array(V.rec.buffer);
let n = 0;
let bits = FIRST_BITS;
let shift = 32 - FIRST_BITS;

const slot = (h: number): number => Math.imul(h, 0x9e3779b1) >>> shift;

/**
 * The table's probe: a token of hash h is first looked for at slot `Math.imul(h, 0x9e3779b1) >>>
 * probeShift()`, then at the next slots (& probeMask()). Valid until the table grows (see `reserve`).
 */
export const probeShift = (): number => shift;
export const probeMask = (): number => (1 << bits) - 1;

/** Rebuilds the table with 2^b slots (ids change). */
function rehash(b: number): void {
  const old = V.rec;
  const oldStr = V.str;
  const rec = new Int32Array((1 << b) << SHIFT);
  const str = new Array<string>(1 << b).fill("");
  bits = b;
  shift = 32 - b;
  const mask = (1 << b) - 1;
  for (let o = 0, id = 0; o < old.length; o += 1 << SHIFT, id++) {
    if (old[o + R_META] === 0) continue;
    let p = slot(old[o + R_HASH]!);
    while (rec[(p << SHIFT) + R_META] !== 0) p = (p + 1) & mask;
    rec.set(old.subarray(o, o + (1 << SHIFT)), p << SHIFT);
    str[p] = oldStr[id]!;
  }
  V.rec = rec;
  V.str = str;
  bytes = new Uint8Array(rec.buffer);
}

/**
 * Makes room for `k` more entries, so that the next `k` interned tokens do not move any id (ids
 * change only here). Call before handing out ids that must stay valid together.
 */
export function reserve(k: number): void {
  let b = bits;
  while ((n + k) * 2 > 1 << b) b++;
  if (b !== bits) rehash(b);
}

/** A copy of s that does not keep alive the text it was cut from (V8 slices of 13+ characters do). */
const detached = (s: string): string => (s.length < 13 ? s : [...s].join(""));

/** Adds `str` (lower-cased, hash `h`) at the empty slot `p`, found by the caller's probe. */
function insert(str: string, h: number, p: number): number {
  if ((n + 1) * 2 > 1 << bits) {
    // Only when the caller did not reserve: grow, then find the new empty slot.
    rehash(bits + 1);
    const mask = (1 << bits) - 1;
    p = slot(h);
    while (V.rec[(p << SHIFT) + R_META] !== 0) p = (p + 1) & mask;
  }
  n++;
  const rec = V.rec;
  const o = p << SHIFT;
  const s = detached(str);
  V.str[p] = s;
  const curly = s.includes("’");
  let inline = s.length <= INLINE_MAX;
  for (let i = 0; i < s.length && inline; i++) if (s.charCodeAt(i) >= 128) inline = false;
  if (inline) {
    const at = (o << 2) + CHARS;
    for (let i = 0; i < s.length; i++) bytes[at + i] = s.charCodeAt(i);
  }
  rec[o + R_HASH] = h;
  rec[o + R_META] =
    Math.min(s.length, LEN_MASK) |
    F_USED |
    (curly ? F_CURLY : 0) |
    (inline ? F_INLINE : 0) |
    (NUMBER_WORDS.has(s) ? F_NUMWORD : 0) |
    (profileBitsOf(curly ? s.replace(/’/g, "'") : s) << PROFILE);
  rec[o + R_SC] = 0;
  rec[o + R_STAMP] = 0;
  rec[o + R_LOCAL] = 0;
  const pk = packOf(s);
  const long = pk === 0 ? longPackHi(s) : 0;
  rec[o + R_PACK] = long !== 0 ? longPackLo(s) : pk;
  rec[o + R_PACK2] = long;
  return p;
}

/** The id of `s`, an already lower-cased string, with its hash `h`. */
function internLower(s: string, h: number): number {
  const rec = V.rec;
  const str = V.str;
  const mask = (1 << bits) - 1;
  let p = slot(h);
  for (;;) {
    const o = p << SHIFT;
    if (rec[o + R_META] === 0) return insert(s, h, p);
    if (rec[o + R_HASH] === h && str[p] === s) return p;
    p = (p + 1) & mask;
  }
}

function hashOf(s: string): number {
  let h = SEED;
  for (let i = 0; i < s.length; i++) h = ((h << 5) + (h ^ s.charCodeAt(i))) | 0;
  return h;
}

/**
 * The id of `text.slice(a, b).toLowerCase()`, given the token's hash, flags and packed key from the
 * tokeniser (see `Tokens`; a key of 0 says nothing): ASCII tokens of up to 36 characters are found
 * without cutting them out of the text, and a token with a packed key by that key alone (equal
 * keys, equal tokens: no character compared). `units`, when given, are the text's code units
 * (`unitsOf(text)`), read instead of the text.
 */
export function internToken(
  text: string,
  a: number,
  b: number,
  h: number,
  flags: number,
  pk = 0,
  units?: Uint16Array,
): number {
  if (pk !== 0) {
    const rec = V.rec;
    const mask = (1 << bits) - 1;
    for (let p = slot(h); ; p = (p + 1) & mask) {
      const o = p << SHIFT;
      if (rec[o + R_META] === 0) return insert(text.slice(a, b).toLowerCase(), h, p);
      if (rec[o + R_PACK] === pk) return p;
    }
  }
  const len = b - a;
  if ((flags & NON_ASCII) !== 0) {
    const s = text.slice(a, b).toLowerCase();
    return internLower(s, hashOf(s));
  }
  if (len > INLINE_MAX) return internLower(text.slice(a, b).toLowerCase(), h);
  const rec = V.rec;
  const mask = (1 << bits) - 1;
  const want = len | F_USED | F_INLINE;
  let p = slot(h);
  for (;;) {
    const o = p << SHIFT;
    const meta = rec[o + R_META]!;
    if (meta === 0) return insert(text.slice(a, b).toLowerCase(), h, p);
    if (rec[o + R_HASH] === h && (meta & (LEN_MASK | F_USED | F_INLINE)) === want) {
      const at = (o << 2) + CHARS;
      let i = 0;
      if (units !== undefined) {
        if ((flags & UPPER) === 0) {
          while (i < len && bytes[at + i] === units[a + i]) i++;
        } else {
          for (; i < len; i++) {
            let c = units[a + i]!;
            if (c >= 65 && c <= 90) c |= 32;
            if (bytes[at + i] !== c) break;
          }
        }
      } else if ((flags & UPPER) === 0) {
        while (i < len && bytes[at + i] === text.charCodeAt(a + i)) i++;
      } else {
        for (; i < len; i++) {
          let c = text.charCodeAt(a + i);
          if (c >= 65 && c <= 90) c |= 32;
          if (bytes[at + i] !== c) break;
        }
      }
      if (i === len) return p;
    }
    p = (p + 1) & mask;
  }
}

/** The id of `text.slice(a, b).toLowerCase()`. */
export function intern(text: string, a: number, b: number): number {
  let h = SEED;
  let flags = 0;
  for (let i = a; i < b; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return internToken(text, a, b, 0, NON_ASCII);
    if (c >= 65 && c <= 90) {
      c |= 32;
      flags = UPPER;
    }
    h = ((h << 5) + (h ^ c)) | 0;
  }
  return internToken(text, a, b, h, flags);
}

/** Computes the dictionary facts of entry `id` (its word form, and its token's class) if not yet done. */
export function ensureInfo(id: number): void {
  const rec = V.rec;
  const o = id << SHIFT;
  const f = rec[o + R_META]!;
  if ((f & F_INFO) !== 0) return;
  const s = V.str[id]!;
  const curly = (f & F_CURLY) !== 0;
  const info = wordInfo(curly ? s.replace(/’/g, "'") : s);
  rec[o + R_META] =
    f | F_INFO | (info.known ? F_KNOWN : 0) | (info.glued ? F_GLUED : 0) | (info.fn ? F_FN : 0);
  const pos = dictionary().transitions.pos;
  rec[o + R_SC] = (info.syllables & 0xffff) | (pos[curly ? wordInfo(s).cls : info.cls]! << 16);
}

/** Empties the table once it is large. Call only between parts: ids do not survive it. */
export function trimVocabulary(): void {
  if (n < MAX) return;
  n = 0;
  bits = FIRST_BITS;
  shift = 32 - FIRST_BITS;
  V.str = new Array<string>(1 << FIRST_BITS).fill("");
  V.rec = new Int32Array((1 << FIRST_BITS) << SHIFT);
  bytes = new Uint8Array(V.rec.buffer);
}
