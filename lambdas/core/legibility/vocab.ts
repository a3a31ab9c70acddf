/**
 * Interned tokens: each distinct lower-cased word or number token gets a small integer id once,
 * with the facts the signals need about it (stop-word profile bits, dictionary facts), so a window
 * looks a word up once, without cutting out or lower-casing a substring for words already seen.
 * The table only ever holds pure functions of the word, so scores do not depend on what was scored
 * before; it is emptied between reasoning parts once it grows large (ids stay valid within a part).
 */
import { profileBitsOf } from "./functionwords";
import { FNV_PRIME, FNV_SEED, TOKEN_NON_ASCII, TOKEN_UPPER } from "./text";
import { type WordInfo, wordInfo } from "./wordinfo";

export class Entry {
  /** The token lower-cased (as `String.prototype.toLowerCase` does). */
  readonly str: string;
  /** Contains a curly apostrophe: its word form (`norm`) has a straight one instead. */
  readonly curly: boolean;
  /** Stop-word profile bits of the word form. */
  readonly bits: number;
  /** Repetition: the id of this token in the current part, valid when `stamp` is the part's. */
  stamp = 0;
  local = 0;
  private _info: WordInfo | undefined = undefined;
  private _clsLower = -1;
  constructor(
    str: string,
    readonly hash: number,
  ) {
    this.str = str;
    this.curly = str.includes("’");
    this.bits = profileBitsOf(this.norm);
  }
  /** The word as the dictionary signals read it: lower-cased, curly apostrophes straightened. */
  get norm(): string {
    return this.curly ? this.str.replace(/’/g, "'") : this.str;
  }
  /** Dictionary facts of the word form. */
  get info(): WordInfo {
    return (this._info ??= wordInfo(this.norm));
  }
  /** Word class of the lower-cased token itself (curly apostrophes kept), for the transition model. */
  get clsLower(): number {
    if (this._clsLower < 0) this._clsLower = this.curly ? wordInfo(this.str).cls : this.info.cls;
    return this._clsLower;
  }
}

const MAX = 200_000;
let entries: Entry[] = [];
let table = new Int32Array(1 << 14); // entry index + 1; 0 = empty
let shift = 32 - 14;

const slot = (h: number): number => Math.imul(h, 0x9e3779b1) >>> shift;

function grow(): void {
  const bits = 32 - shift + 1;
  table = new Int32Array(1 << bits);
  shift = 32 - bits;
  const mask = table.length - 1;
  for (let id = 0; id < entries.length; id++) {
    let p = slot(entries[id]!.hash);
    while (table[p] !== 0) p = (p + 1) & mask;
    table[p] = id + 1;
  }
}

/** A copy of s that does not keep alive the text it was cut from (V8 slices of 13+ characters do). */
const detached = (s: string): string => (s.length < 13 ? s : [...s].join(""));

function insert(str: string, h: number, p: number): number {
  const id = entries.length;
  entries.push(new Entry(detached(str), h));
  table[p] = id + 1;
  if (entries.length * 2 > table.length) grow();
  return id;
}

/** The id of `s`, an already lower-cased string. */
function internLower(s: string): number {
  let h = FNV_SEED;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  const mask = table.length - 1;
  let p = slot(h);
  let e: number;
  while ((e = table[p]!) !== 0) {
    const en = entries[e - 1]!;
    if (en.hash === h && en.str === s) return e - 1;
    p = (p + 1) & mask;
  }
  return insert(s, h, p);
}

/**
 * The id of `text.slice(a, b).toLowerCase()`, given the token's hash and flags from the tokeniser
 * (see `Tokens`): ASCII tokens are found without cutting them out of the text.
 */
export function internToken(text: string, a: number, b: number, h: number, flags: number): number {
  if ((flags & TOKEN_NON_ASCII) !== 0) return internLower(text.slice(a, b).toLowerCase());
  const mask = table.length - 1;
  const len = b - a;
  let p = slot(h);
  let e: number;
  outer: while ((e = table[p]!) !== 0) {
    const en = entries[e - 1]!;
    if (en.hash === h && en.str.length === len) {
      const s = en.str;
      if ((flags & TOKEN_UPPER) === 0) {
        if (text.startsWith(s, a)) return e - 1;
      } else {
        for (let i = 0; i < len; i++) {
          let c = text.charCodeAt(a + i);
          if (c >= 65 && c <= 90) c |= 32;
          if (s.charCodeAt(i) !== c) {
            p = (p + 1) & mask;
            continue outer;
          }
        }
        return e - 1;
      }
    }
    p = (p + 1) & mask;
  }
  return insert(text.slice(a, b).toLowerCase(), h, p);
}

/** The id of `text.slice(a, b).toLowerCase()`. */
export function intern(text: string, a: number, b: number): number {
  let h = FNV_SEED;
  let flags = 0;
  for (let i = a; i < b; i++) {
    let c = text.charCodeAt(i);
    if (c >= 128) return internLower(text.slice(a, b).toLowerCase());
    if (c >= 65 && c <= 90) {
      c |= 32;
      flags = TOKEN_UPPER;
    }
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return internToken(text, a, b, h, flags);
}

export const entry = (id: number): Entry => entries[id]!;

/** Empties the table once it is large. Call only between parts: ids do not survive it. */
export function trimVocabulary(): void {
  if (entries.length < MAX) return;
  entries = [];
  table = new Int32Array(1 << 14);
  shift = 32 - 14;
}
