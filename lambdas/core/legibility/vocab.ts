/**
 * Interned tokens: each distinct lower-cased word or number token gets a small integer id once,
 * with the facts the signals need about it (stop-word profile bits, dictionary facts), so a window
 * looks a word up once, without cutting out or lower-casing a substring for words already seen.
 * Facts live in typed arrays indexed by id (`V`), compact enough to stay in cache.
 * The table only ever holds pure functions of the word, so scores do not depend on what was scored
 * before; it is emptied between reasoning parts once it grows large (ids stay valid within a part).
 */
import { profileBitsOf } from "./functionwords";
import { FNV_PRIME, FNV_SEED, TOKEN_NON_ASCII, TOKEN_UPPER } from "./text";
import { wordInfo } from "./wordinfo";

// Imported constants read per token, as module-local ones (see windows.ts).
const SEED = FNV_SEED;
const PRIME = FNV_PRIME;
const NON_ASCII = TOKEN_NON_ASCII;
const UPPER = TOKEN_UPPER;

/** Bits of `V.facts`. */
export const F_CURLY = 1; // the token has a curly apostrophe: its word form has a straight one
export const F_INFO = 2; // the dictionary facts below are computed
export const F_KNOWN = 4;
export const F_GLUED = 8;
export const F_FN = 16;

const MAX = 200_000;

/** Per-id data. Arrays are replaced when they grow: read them through `V` after the last intern. */
export const V = {
  /** The lower-cased token (as `String.prototype.toLowerCase` gives it). */
  str: [] as string[],
  hash: new Int32Array(1024),
  /** Length of `str`. */
  len: new Int32Array(1024),
  /** Stop-word profile bits of the word form. */
  bits: new Uint8Array(1024),
  facts: new Uint8Array(1024),
  syllables: new Int32Array(1024),
  /** Word class of the word form, and of the lower-cased token itself (curly apostrophes kept). */
  cls: new Int16Array(1024),
  clsLower: new Int16Array(1024),
  /** Repetition: the id of this token in the current part, valid when `stamp` is the part's. */
  stamp: new Int32Array(1024),
  local: new Int32Array(1024),
  /**
   * Per id, two numbers side by side (one cache line for the exact-match check): the length of
   * `str`, and where it starts in `pool` (ASCII tokens only; -1 otherwise).
   */
  lenAt: new Int32Array(2048),
};
let n = 0;
/** The characters of the ASCII entries, one after another. */
let pool = new Uint8Array(1 << 16);
let poolLen = 0;
/**
 * Open addressing, two numbers per slot: the entry's hash, then its id + 1 (0 = empty), so a probe
 * that meets another word rejects it without reading the entry.
 */
let table = new Int32Array(2 << 14);
let shift = 32 - 14;

const slot = (h: number): number => Math.imul(h, 0x9e3779b1) >>> shift;

function grown<T extends Int32Array | Uint8Array | Int16Array>(a: T, make: (n: number) => T): T {
  const b = make(a.length * 2);
  b.set(a);
  return b;
}

function growEntries(): void {
  V.hash = grown(V.hash, (k) => new Int32Array(k));
  V.len = grown(V.len, (k) => new Int32Array(k));
  V.bits = grown(V.bits, (k) => new Uint8Array(k));
  V.facts = grown(V.facts, (k) => new Uint8Array(k));
  V.syllables = grown(V.syllables, (k) => new Int32Array(k));
  V.cls = grown(V.cls, (k) => new Int16Array(k));
  V.clsLower = grown(V.clsLower, (k) => new Int16Array(k));
  V.stamp = grown(V.stamp, (k) => new Int32Array(k));
  V.local = grown(V.local, (k) => new Int32Array(k));
  V.lenAt = grown(V.lenAt, (k) => new Int32Array(k));
}

function growTable(): void {
  const bits = 32 - shift + 1;
  table = new Int32Array(2 << bits);
  shift = 32 - bits;
  const mask = (1 << bits) - 1;
  for (let id = 0; id < n; id++) {
    const h = V.hash[id]!;
    let p = slot(h);
    while (table[2 * p + 1] !== 0) p = (p + 1) & mask;
    table[2 * p] = h;
    table[2 * p + 1] = id + 1;
  }
}

/** A copy of s that does not keep alive the text it was cut from (V8 slices of 13+ characters do). */
const detached = (s: string): string => (s.length < 13 ? s : [...s].join(""));

function insert(str: string, h: number, p: number): number {
  const id = n++;
  if (id >= V.hash.length) growEntries();
  const s = detached(str);
  V.str.push(s);
  V.hash[id] = h;
  V.len[id] = s.length;
  const curly = s.includes("’");
  V.bits[id] = profileBitsOf(curly ? s.replace(/’/g, "'") : s);
  V.facts[id] = curly ? F_CURLY : 0;
  V.stamp[id] = 0;
  let ascii = true;
  for (let i = 0; i < s.length && ascii; i++) if (s.charCodeAt(i) >= 128) ascii = false;
  if (ascii) {
    if (poolLen + s.length > pool.length) {
      const b = new Uint8Array(Math.max(pool.length * 2, poolLen + s.length));
      b.set(pool.subarray(0, poolLen));
      pool = b;
    }
    V.lenAt[2 * id + 1] = poolLen;
    for (let i = 0; i < s.length; i++) pool[poolLen++] = s.charCodeAt(i);
  } else V.lenAt[2 * id + 1] = -1;
  V.lenAt[2 * id] = s.length;
  table[2 * p] = h;
  table[2 * p + 1] = id + 1;
  if (n * 4 > table.length) growTable();
  return id;
}

/** The id of `s`, an already lower-cased string. */
function internLower(s: string): number {
  let h = SEED;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), PRIME);
  const mask = (table.length >> 1) - 1;
  let p = slot(h);
  let e: number;
  while ((e = table[2 * p + 1]!) !== 0) {
    if (table[2 * p] === h && V.str[e - 1] === s) return e - 1;
    p = (p + 1) & mask;
  }
  return insert(s, h, p);
}

/**
 * The id of `text.slice(a, b).toLowerCase()`, given the token's hash and flags from the tokeniser
 * (see `Tokens`): ASCII tokens are found without cutting them out of the text.
 */
export function internToken(text: string, a: number, b: number, h: number, flags: number): number {
  if ((flags & NON_ASCII) !== 0) return internLower(text.slice(a, b).toLowerCase());
  const t = table;
  const mask = (t.length >> 1) - 1;
  const len = b - a;
  const lenAt = V.lenAt;
  let p = slot(h);
  let e: number;
  while ((e = t[2 * p + 1]!) !== 0) {
    const id = e - 1;
    if (t[2 * p] === h && lenAt[2 * id] === len) {
      const at = lenAt[2 * id + 1]!;
      if (at >= 0) {
        let i = 0;
        if ((flags & UPPER) === 0) {
          while (i < len && pool[at + i] === text.charCodeAt(a + i)) i++;
        } else {
          for (; i < len; i++) {
            let c = text.charCodeAt(a + i);
            if (c >= 65 && c <= 90) c |= 32;
            if (pool[at + i] !== c) break;
          }
        }
        if (i === len) return id;
      }
    }
    p = (p + 1) & mask;
  }
  return insert(text.slice(a, b).toLowerCase(), h, p);
}

/** The id of `text.slice(a, b).toLowerCase()`. */
export function intern(text: string, a: number, b: number): number {
  let h = SEED;
  let flags = 0;
  for (let i = a; i < b; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return internLower(text.slice(a, b).toLowerCase());
    if (c >= 65 && c <= 90) {
      c |= 32;
      flags = UPPER;
    }
    h = Math.imul(h ^ c, PRIME);
  }
  return internToken(text, a, b, h, flags);
}

/** Computes the dictionary facts of entry `id` (its word form, and its token's class) if not yet done. */
export function ensureInfo(id: number): void {
  const f = V.facts[id]!;
  if ((f & F_INFO) !== 0) return;
  const s = V.str[id]!;
  const curly = (f & F_CURLY) !== 0;
  const info = wordInfo(curly ? s.replace(/’/g, "'") : s);
  V.facts[id] = f | F_INFO | (info.known ? F_KNOWN : 0) | (info.glued ? F_GLUED : 0) | (info.fn ? F_FN : 0);
  V.syllables[id] = info.syllables;
  V.cls[id] = info.cls;
  V.clsLower[id] = curly ? wordInfo(s).cls : info.cls;
}

/** Empties the table once it is large. Call only between parts: ids do not survive it. */
export function trimVocabulary(): void {
  if (n < MAX) return;
  n = 0;
  V.str = [];
  for (const k of ["hash", "len", "syllables", "stamp", "local"] as const) V[k] = new Int32Array(1024);
  V.lenAt = new Int32Array(2048);
  V.bits = new Uint8Array(1024);
  V.facts = new Uint8Array(1024);
  V.cls = new Int16Array(1024);
  V.clsLower = new Int16Array(1024);
  pool = new Uint8Array(1 << 16);
  poolLen = 0;
  table = new Int32Array(2 << 14);
  shift = 32 - 14;
}
