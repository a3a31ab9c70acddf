/**
 * Fuzzy matching of the lab's deny terms over published text: case, spacing, punctuation,
 * camelCase, diacritics, Unicode look-alikes and digit-for-letter swaps are folded away, then a
 * window of consecutive words is compared with the term by edit distance (Damerau, adjacent
 * swaps count one). Distance 0 is the term itself (BLOCK: the first pass must have removed it);
 * a small distance is a near miss a human should look at. A word is also read as its parts
 * where a digit meets a letter (`Bluefinch2026`, `2Bluefinch`, `Kestrel-7b`: the term itself),
 * while letters that continue a word (`Bluefinches`) keep it whole.
 *
 * Cost: a match within distance k shares an exact piece of the term when the term is cut into
 * k+1 pieces (pigeonhole), so distances are computed only around those pieces' occurrences.
 * Most texts hold no piece at all: one automaton pass over the text proves it (folding
 * character by character, without normalising or splitting it), and where a piece is there, a
 * bound on the distance around it must allow a match before the words are built.
 */
import { COMMAND_CLASS, COMMAND_STEP } from "./commands";
import { FOREIGN_UNITS, HINT_CLASS, HINT_STEP } from "./keywords";
import { NUMBER_CLASS, NUMBER_STEP, numberUnit } from "./number-gates";
import { RUN_MASK } from "./secrets";
import { hiddenUnits, screenedVisible } from "./screened";

/** Letters from other scripts that look like Latin ones (Cyrillic, Greek; lower-cased first). */
const LOOKALIKE: Record<string, string> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ї: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  һ: "h",
  ӏ: "l",
  ԛ: "q",
  ԝ: "w",
  ɡ: "g",
  ı: "i",
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  μ: "u",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
  // Latin small capitals and letter variants.
  ɑ: "a",
  ᴀ: "a",
  ʙ: "b",
  ᴄ: "c",
  ᴅ: "d",
  ᴇ: "e",
  ɢ: "g",
  ʜ: "h",
  ɪ: "i",
  ᴊ: "j",
  ᴋ: "k",
  ʟ: "l",
  ᴍ: "m",
  ɴ: "n",
  ᴏ: "o",
  ᴘ: "p",
  ɾ: "r",
  ʀ: "r",
  ᴛ: "t",
  ᴜ: "u",
  ᴠ: "v",
  ᴡ: "w",
  ʏ: "y",
  ᴢ: "z",
};
/**
 * Capitals of other scripts that look like Latin capitals, folded before lower-casing: Cherokee
 * capitals lower-case to letters nobody maps, and so do a few Greek ones (Ζ). Capitals whose
 * small letter maps to the same Latin letter are here too (Α, Κ…).
 */
const UPPER_LOOKALIKE: Record<string, string> = {
  Α: "A",
  Β: "B",
  Ε: "E",
  Ζ: "Z",
  Ι: "I",
  Κ: "K",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
  Χ: "X",
  Ꭰ: "D",
  Ꭱ: "R",
  Ꭲ: "T",
  Ꭵ: "I",
  Ꭹ: "Y",
  Ꭺ: "A",
  Ꭻ: "J",
  Ꭼ: "E",
  Ꮃ: "W",
  Ꮇ: "M",
  Ꮋ: "H",
  Ꮍ: "Y",
  Ꮎ: "O",
  Ꮐ: "G",
  Ꮒ: "H",
  Ꮓ: "Z",
  Ꮟ: "B",
  Ꮢ: "R",
  Ꮤ: "W",
  Ꮥ: "S",
  Ꮩ: "V",
  Ꮪ: "S",
  Ꮮ: "L",
  Ꮯ: "C",
  Ꮲ: "P",
  Ꮶ: "K",
  Ᏼ: "B",
};
/**
 * Greek capitals that look like one Latin capital while their small letter looks like another
 * (Η like H, η like n; Ν like N, ν like v): in a word in capitals (`ΝIGΗTJAR`), the capital's
 * look-alike; in a word with small letters (`Ηightjar`, the capital of `ηightjar`), the small
 * letter's, as before. The folding depends on the word, so `unitFold` leaves them to the full path.
 */
const UPPER_IN_CAPS: Record<string, string> = { Η: "H", Ν: "N", Υ: "Y", Μ: "M" };
const UPPER_LOOKALIKE_RE = new RegExp(`[${Object.keys(UPPER_LOOKALIKE).join("")}]`, "g");
const UPPER_IN_CAPS_RE = new RegExp(`[${Object.keys(UPPER_IN_CAPS).join("")}]`, "g");
const HAS_LOWER = /\p{Ll}/u;
/** A word with its look-alike capitals made Latin, then lower-cased. */
function lowerOf(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  let w = word.replace(UPPER_LOOKALIKE_RE, (ch) => UPPER_LOOKALIKE[ch]!);
  if (!HAS_LOWER.test(w)) w = w.replace(UPPER_IN_CAPS_RE, (ch) => UPPER_IN_CAPS[ch]!);
  return w.toLowerCase();
}
/** Digits and signs written for letters. */
const LEET: Record<string, string> = {
  "0": "o",
  "1": "l",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};

/**
 * Characters nothing shows (Unicode's default-ignorable code points): soft hyphen, ZWSP/ZWNJ/ZWJ,
 * marks of direction, word joiner, isolates, variation selectors, Hangul fillers, BOM, tags…
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}@$]+/gu;
/** Splits `ProjectFalcon` → Project, Falcon (not `FALCON`, not digits: `Fa1con` stays whole). */
const CAMEL = /(?<=\p{Ll})(?=\p{Lu})/u;

export interface Token {
  norm: string;
}

/** Lower-case words with nothing to fold (no look-alike, no digit or sign that reads as a letter). */
const NOTHING_TO_FOLD = /^[a-z2689]*$/;
// eslint-disable-next-line no-control-regex -- a range that starts at NUL on purpose
const ASCII = /^[\x00-\x7F]*$/;
/** In ASCII, camelCase is a lower-case letter followed by an upper-case one. */
const ASCII_CAMEL = /[a-z][A-Z]/;

/** Characters LEET maps (all ASCII; LOOKALIKE's keys are all non-ASCII). */
const LEET_CHARS = /[013457@$]/g;

function fold(word: string): string {
  const lower = lowerOf(word);
  if (NOTHING_TO_FOLD.test(lower)) return lower;
  // An ASCII word can only need LEET: one native replace instead of a loop over its characters.
  if (ASCII.test(lower)) return lower.replace(LEET_CHARS, (ch) => LEET[ch]!);
  let out = "";
  for (const ch of lower) out += LOOKALIKE[ch] ?? LEET[ch] ?? ch;
  return out;
}

/** Marks and invisible characters removed, compatibility forms folded (ASCII text is its own). */
function cleanText(text: string): string {
  return text.normalize("NFKD").replace(MARKS, "").replace(INVISIBLE, "").normalize("NFKC");
}

/** The folded words of a cleaned text. */
function wordsOf(clean: string, ascii: boolean): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(clean)) !== null) {
    const word = m[0];
    if (!ASCII_CAMEL.test(word) && (ascii || ASCII.test(word))) out.push(fold(word));
    else for (const p of unspaced(word)) for (const w of p.split(CAMEL)) if (w) out.push(fold(w));
  }
  return out;
}

/**
 * Letters of scripts that put no space between words (Script_Extensions: the length mark ー
 * and the iteration marks are Kana's and Han's too). Korean spaces its phrases but glues its
 * particles on (`블루핀치의`): its syllables are read the same way. From U+0E00 (Thai) on only:
 * the spacing modifier letters Bopomofo shares (ʼ, ˊ) are written in Latin words too.
 */
const UNSPACED_CLASS =
  "\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\p{scx=Hangul}\\p{scx=Bopomofo}\\p{scx=Yi}" +
  "\\p{scx=Thai}\\p{scx=Lao}\\p{scx=Khmer}\\p{scx=Myanmar}\\p{scx=Tibetan}\\p{scx=Tai_Le}" +
  "\\p{scx=New_Tai_Lue}\\p{scx=Tai_Tham}\\p{scx=Tai_Viet}\\p{scx=Balinese}\\p{scx=Javanese}";
const UNSPACED = new RegExp(`(?!\\p{N})[${UNSPACED_CLASS}]`, "u");
/** Per BMP unit, once seen: 1 an unspaced letter, 2 not (0 not yet known). */
const UNSPACED_UNIT = new Uint8Array(0x10000);
/** Whether one code point (as a string) is a letter (no digit: `Kestrel-7๑`) of an unspaced script. */
function isUnspaced(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x0e00) return false;
  if (ch.length > 1) return UNSPACED.test(ch);
  let k = UNSPACED_UNIT[c]!;
  if (k === 0) k = UNSPACED_UNIT[c] = UNSPACED.test(ch) ? 1 : 2;
  return k === 1;
}

/**
 * A (non-ASCII) word with each letter of an unspaced script made a word of its own: such a text
 * runs its words together (`我们的夜鹰模型`, `夜鹰API`, `内部服务wiki`), so any of its letters may
 * end one word and the next start another. Windows of consecutive words then find a term wherever
 * it stands, as they find `Night jar`. Other words come back whole.
 */
function unspaced(word: string): string[] {
  if (!UNSPACED.test(word)) return [word];
  const out: string[] = [];
  let run = "";
  for (const ch of word) {
    if (!isUnspaced(ch)) run += ch;
    else {
      if (run) out.push(run);
      run = "";
      out.push(ch);
    }
  }
  if (run) out.push(run);
  return out;
}

const HEXLIKE = /^[0-9a-f]+$/i;
/** Is this character (of a lower-cased word) a digit, as written (before LEET folding)? */
const DIGIT = /^\p{N}$/u;

/**
 * A word cut where a digit meets a letter as written (`bluefinch2026` → bluefinch, 2026;
 * `2bluefinch` → 2, bluefinch; `bluefinches` stays whole), each part folded: a lab's codename
 * with a version glued on is the codename. The parts join to `fold(word)`, or the word stays
 * whole (a character whose folding depends on the whole word).
 */
export function cutWord(word: string): string[] {
  const folded = fold(word);
  // A long hex string (a hash, a commit) is data, not a name with a version: a short term made
  // of the letters a–f would be found in too many of them.
  if (word.length >= 12 && HEXLIKE.test(word)) return [folded];
  const lower = lowerOf(word);
  const parts: string[] = [];
  let from = 0;
  let prev: boolean | undefined;
  let i = 0;
  for (const ch of lower) {
    const digit = DIGIT.test(ch);
    if (prev !== undefined && digit !== prev) {
      parts.push(fold(lower.slice(from, i)));
      from = i;
    }
    prev = digit;
    i += ch.length;
  }
  if (parts.length === 0) return [folded];
  parts.push(fold(lower.slice(from)));
  return parts.join("") === folded ? parts : [folded];
}

/**
 * The folded words of a cleaned text (`wordsOf`), and the same words cut where a digit meets a
 * letter (`cutWord`), with the word each part comes from.
 */
function partsOf(clean: string, ascii: boolean): { words: string[]; parts: string[]; of: number[] } {
  const words: string[] = [];
  const parts: string[] = [];
  const of: number[] = [];
  const add = (raw: string) => {
    const cut = cutWord(raw);
    for (const p of cut) {
      parts.push(p);
      of.push(words.length);
    }
    words.push(cut.length === 1 ? cut[0]! : cut.join(""));
  };
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(clean)) !== null) {
    const word = m[0];
    if (!ASCII_CAMEL.test(word) && (ascii || ASCII.test(word))) add(word);
    else if (!UNSPACED.test(word)) {
      for (const w of word.split(CAMEL)) if (w) add(w);
    } else {
      // `unspaced(word)`, without its array: a text of Chinese is a word per character.
      let run = "";
      for (const ch of word) {
        if (!isUnspaced(ch)) {
          run += ch;
          continue;
        }
        if (run) for (const w of run.split(CAMEL)) if (w) add(w);
        run = "";
        // An unspaced letter has no case, no look-alike and is no digit: `cutWord(ch)` is `[ch]`.
        parts.push(ch);
        of.push(words.length);
        words.push(ch);
      }
      if (run) for (const w of run.split(CAMEL)) if (w) add(w);
    }
  }
  return { words, parts, of };
}

/** The folded words of a text, in order. */
export function tokenize(text: string): string[] {
  // ASCII text has no marks, no invisible characters and nothing NFKD/NFKC would change.
  const ascii = ASCII.test(text);
  return wordsOf(ascii ? text : cleanText(text), ascii);
}

/** Upper-case sigma lower-cases by context (final ς or σ): the only such character. */
const SIGMA = 0x03a3;
const WORD_CHAR = /^[\p{L}\p{N}@$]$/u;
const IS_MARK = /^\p{M}$/u;
/** Conjoining jamo: NFKC composes them with their neighbours (the only non-marks it composes). */
const JAMO = /[\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/;

/** What each ASCII character adds to the joined folded words: its folded code, or 0 (none). */
const ASCII_FOLD = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (WORD_CHAR.test(ch)) ASCII_FOLD[c] = fold(ch).charCodeAt(0);
}

/**
 * What a non-ASCII UTF-16 unit adds to the joined folded words, on its own: `null` when that
 * depends on its neighbours (a surrogate, Σ, jamo NFKC composes, a non-mark NFKD reorders), so
 * the text takes the full path. Filled on first sight of each character.
 */
const UNIT_FOLD = new Int32Array(0x10000);
const UNKNOWN = 0;
const NEIGHBOURS = -1;
const NOTHING = -2;
/** Contributions longer than one unit, at `-(code) - 3` (`ﬁ` → fi). */
const LONGER: string[] = [];

function unitCode(c: number): number {
  const add = unitFold(c);
  if (add === null) return NEIGHBOURS;
  if (add === "") return NOTHING;
  if (add.length === 1) return add.charCodeAt(0);
  LONGER.push(add);
  return -(LONGER.length - 1) - 3;
}

function unitFold(c: number): string | null {
  if (c >= 0xd800 && c <= 0xdfff) return null;
  const ch = String.fromCharCode(c);
  if (UPPER_IN_CAPS[ch] !== undefined) return null; // folded by its word (`lowerOf`)
  if (IS_MARK.test(ch)) return ""; // removed before anything else looks at the text
  if (c >= 0xac00 && c <= 0xd7a3) return ch; // a Hangul syllable: NFKD to jamo, NFKC back
  const d = ch.normalize("NFKD");
  for (const x of d) {
    // A non-mark with a combining class would be reordered around a neighbour's marks.
    if (!IS_MARK.test(x) && (x + "\u0334").normalize("NFD") !== x + "\u0334") return null;
  }
  const r = d.replace(MARKS, "").replace(INVISIBLE, "");
  if (JAMO.test(r)) return null;
  let out = "";
  for (const x of r.normalize("NFKC")) {
    if (x.charCodeAt(0) === SIGMA) return null;
    if (WORD_CHAR.test(x)) out += fold(x);
  }
  return out;
}

/**
 * A DFA over code units (Aho–Corasick) that is in an accepting state exactly when the units read
 * so far end with one of the pieces: one table step per unit instead of a search per piece.
 */
interface PieceAutomaton {
  /** The next state: `delta[state * width + symbol]`. */
  delta: Int32Array;
  width: number;
  /** Symbols of the non-ASCII units the pieces hold (ASCII units are their own symbol). */
  extra: Map<number, number>;
  /** The symbol of every other unit. */
  other: number;
  accept: Uint8Array;
  /**
   * The step on a raw ASCII character, folding included, over the classes of `classes` (its bits
   * from DENY_AT on): the next state's row offset (`state << shift`) or -1 when that state
   * accepts, so a step is one load and one sign test: `rows[row + (classes[c] >> DENY_AT)]`.
   */
  rows: Int32Array;
  /** log2 of a row's width (a power of two: a state is `row >> shift`). */
  shift: number;
  /** Every screen's class of each ASCII unit, packed (see `screenClasses`). */
  classes: Int32Array;
}

function pieceAutomaton(pieces: readonly string[]): PieceAutomaton {
  const extra = new Map<number, number>();
  const pieceUnits = new Set<number>();
  for (const p of pieces)
    for (let i = 0; i < p.length; i++) {
      const u = p.charCodeAt(i);
      pieceUnits.add(u);
      if (u >= 128 && !extra.has(u)) extra.set(u, 128 + extra.size);
    }
  const other = 128 + extra.size;
  const width = other + 1;
  const symbol = (u: number) => (u < 128 ? u : (extra.get(u) ?? other));
  // The trie of the pieces.
  const go: Map<number, number>[] = [new Map()];
  const ends: boolean[] = [false];
  for (const p of pieces) {
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const a = symbol(p.charCodeAt(i));
      let t = go[s]!.get(a);
      if (t === undefined) {
        t = go.length;
        go.push(new Map());
        ends.push(false);
        go[s]!.set(a, t);
      }
      s = t;
    }
    ends[s] = true;
  }
  // Breadth first: failure links, then every transition.
  const delta = new Int32Array(go.length * width);
  const accept = new Uint8Array(go.length);
  const fail = new Int32Array(go.length);
  const queue: number[] = [];
  for (let a = 0; a < width; a++) {
    const t = go[0]!.get(a);
    if (t !== undefined) {
      delta[a] = t;
      queue.push(t);
    }
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    accept[s] = ends[s] || accept[fail[s]!] === 1 ? 1 : 0;
    for (let a = 0; a < width; a++) {
      const t = go[s]!.get(a);
      if (t !== undefined) {
        fail[t] = delta[fail[s]! * width + a]!;
        delta[s * width + a] = t;
        queue.push(t);
      } else delta[s * width + a] = delta[fail[s]! * width + a]!;
    }
  }
  // Raw ASCII: a character folds to one symbol or adds nothing (and takes no step). Characters
  // that fold to no symbol of a piece step alike, and so do those that add nothing: a row holds
  // a column per symbol of the pieces (and those two), not 128.
  const column = new Int32Array(128);
  const columns = new Map<number, number>();
  for (let c = 0; c < 128; c++) {
    const f = ASCII_FOLD[c]!;
    // -1: no step; `other` for a word character no piece holds.
    const sym = f === 0 ? -1 : f < 128 && !pieceUnits.has(f) ? other : f;
    let k = columns.get(sym);
    if (k === undefined) columns.set(sym, (k = columns.size));
    column[c] = k;
  }
  let shift = 0;
  while (1 << shift < columns.size) shift++;
  const rows = new Int32Array(go.length << shift);
  for (let st = 0; st < go.length; st++)
    for (const [sym, k] of columns) {
      const to = sym === -1 ? st : delta[st * width + sym]!;
      rows[(st << shift) + k] = accept[to] === 1 ? -1 : to << shift;
    }
  return { delta, width, extra, other, accept, rows, shift, classes: screenClasses(column) };
}

/** Where each screen's class sits in a packed class (`screenClasses`). */
const HINT_AT = 1;
const COMMAND_AT = 7;
const NUMBER_AT = 13;
const DENY_AT = 16;
if (Math.max(...HINT_CLASS) >= 64 || Math.max(...COMMAND_CLASS) >= 64 || Math.max(...NUMBER_CLASS) >= 8)
  throw new Error("screen classes: too many");

/**
 * Each ASCII unit's classes for every screen of the pass, in one integer (one load per unit):
 * bit 0 a token character of the secret scan's runs (`RUN_MASK`), then the keyword literals'
 * (`HINT_CLASS`), the command literals' (`COMMAND_CLASS`) and the number gates' (`NUMBER_CLASS`)
 * classes, and from DENY_AT on the pieces' (`deny`).
 */
function screenClasses(deny: Int32Array): Int32Array {
  const out = new Int32Array(128);
  for (let c = 0; c < 128; c++)
    out[c] =
      (RUN_MASK[c]! & 1) |
      (HINT_CLASS[c]! << HINT_AT) |
      (COMMAND_CLASS[c]! << COMMAND_AT) |
      (NUMBER_CLASS[c]! << NUMBER_AT) |
      (deny[c]! << DENY_AT);
  return out;
}
/** The classes for a pass without pieces (`restFrom` alone). */
const NO_PIECE_CLASSES = screenClasses(new Int32Array(128));

let scratch = new Uint16Array(4096);
const MAX_SCRATCH = 1 << 21;

/**
 * The words of a text, folded and joined (what `find` searches for pieces), built one unit at a
 * time without normalising or splitting the text; `undefined` when a character's contribution
 * depends on its neighbours. Folding and lower-casing are per character (Σ aside), marks and
 * invisible characters vanish, and the NFKD/NFKC round trip is per character unless jamo or a
 * reordering non-mark take part: so this equals `tokenize(text).join("")`.
 */
export function joinedFolded(text: string): string | undefined {
  // (No automaton to run: `scanJoined(text, NO_PIECES, true)` without its steps.)
  const need = text.length * 2 + 64;
  let buf = scratch;
  if (buf.length < need) {
    buf = new Uint16Array(need);
    if (need <= MAX_SCRATCH) scratch = buf;
  }
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      // Written without a branch (a unit that folds to nothing is written and then overwritten):
      // spaces and punctuation come at no pattern a branch predictor could follow.
      const f = ASCII_FOLD[c]!;
      buf[n] = f;
      n += (f + 0xffff) >>> 16;
      continue;
    }
    let code = UNIT_FOLD[c]!;
    if (code === UNKNOWN) code = UNIT_FOLD[c] = unitCode(c);
    if (code === NOTHING) continue;
    if (code === NEIGHBOURS) return undefined;
    if (code > 0) {
      if (n + 1 > buf.length) return undefined;
      buf[n++] = code;
      continue;
    }
    const add = LONGER[-code - 3]!;
    if (n + add.length > buf.length) return undefined;
    for (let k = 0; k < add.length; k++) buf[n++] = add.charCodeAt(k);
  }
  return Buffer.from(buf.buffer, buf.byteOffset, n * 2).toString("utf16le");
}

/**
 * Does a piece occur in `joinedFolded(text)`? The automaton run on the text itself, one table
 * step per ASCII character and nothing built: `undefined` when the text takes the full path.
 * The ASCII loop is a function of its own: it stays a tight loop, and the first unit outside
 * ASCII hands over to `anyPieceFrom` (mixing both in one loop made the ASCII steps ~3× dearer).
 */
function anyPiece(text: string, A: PieceAutomaton): boolean | undefined {
  const { rows, classes } = A;
  // The state's row offset (state << shift), never negative here.
  let row = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return anyPieceFrom(text, A, i, row);
    row = rows[row + (classes[c]! >> DENY_AT)]!;
    if (row < 0) return true;
  }
  return false;
}

/** `anyPiece` from unit `i` on, in the state whose row offset is `row`. */
function anyPieceFrom(text: string, A: PieceAutomaton, i: number, row: number): boolean | undefined {
  const { delta, width, extra, other, accept, rows, shift, classes } = A;
  const n = text.length;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      row = rows[row + (classes[c]! >> DENY_AT)]!;
      if (row < 0) return true;
      continue;
    }
    let code = UNIT_FOLD[c]!;
    if (code === UNKNOWN) code = UNIT_FOLD[c] = unitCode(c);
    if (code === NOTHING) continue;
    if (code === NEIGHBOURS) return undefined;
    if (code > 0 && code < 128) {
      // Folded to an ASCII word character, which folds to itself: one raw step.
      row = rows[row + (classes[code]! >> DENY_AT)]!;
      if (row < 0) return true;
      continue;
    }
    let s = row >> shift;
    const add = code > 0 ? String.fromCharCode(code) : LONGER[-code - 3]!;
    for (let k = 0; k < add.length; k++) {
      const u = add.charCodeAt(k);
      s = delta[s * width + (u < 128 ? u : (extra.get(u) ?? other))]!;
      if (accept[s] === 1) return true;
    }
    row = s << shift;
  }
  return false;
}

/** `screen`'s answer: a piece of a term may occur (`find` must look). */
export const SCREEN_PIECE = 1;
/** `screen`'s answer: a run of the secret scan's token characters at least `runMin` long occurs. */
export const SCREEN_RUN = 2;
/** `screen`'s answer: what every hit of `findKeywordHits` needs occurs (`HINT_STEP`). */
export const SCREEN_HINT = 4;
/**
 * Where `screens`' answer holds the groups of literals of `COMMAND_STEP` found (`commands.ts`):
 * `(answer >> SCREEN_COMMANDS_AT) & 1023`, of which `& 3` is `screenCommands(text)`.
 */
export const SCREEN_COMMANDS_AT = 3;
/** Where `screens`' answer holds the number checks' gates (`number-gates.ts`): `(answer >> SCREEN_NUMBERS_AT) & 7`. */
export const SCREEN_NUMBERS_AT = 13;

/**
 * The answer from the screens' final state (`cmd`, `num`: the command literals' and the number
 * gates' values OR-ed).
 */
function answer(long: number, hint: number, cmd: number, num: number): number {
  return (
    (long < 0 ? SCREEN_RUN : 0) |
    ((hint & 1) !== 0 ? SCREEN_HINT : 0) |
    ((cmd & 1023) << SCREEN_COMMANDS_AT) |
    ((num & 7) << SCREEN_NUMBERS_AT)
  );
}

/**
 * One pass over a text for five screens at once: `anyPiece` (SCREEN_PIECE when it is not
 * `false`); "is there a run of token characters (`RUN_MASK`) at least `runMin` long"
 * (SCREEN_RUN), so the secret scan's `longRuns` reads only the texts that hold one; "does a
 * keyword literal occur" (SCREEN_HINT, `HINT_STEP`); which of the command readings' literals
 * occur (`COMMAND_STEP`, at SCREEN_COMMANDS_AT); and the number checks' gates (`NUMBER_STEP`, at
 * SCREEN_NUMBERS_AT). The run length is kept without a branch
 * (`long` turns negative once it reaches `runMin`), and so are the literal automata's states.
 */
function screenText(text: string, A: PieceAutomaton, runMin: number): number {
  const { rows, classes } = A;
  const hintStep = HINT_STEP;
  const cmdStep = COMMAND_STEP;
  const numStep = NUMBER_STEP;
  let row = 0;
  let run = 0;
  let long = 0;
  let hv = 0;
  let hint = 0;
  let cv = 0;
  let cmd = 0;
  let nv = 0;
  let num = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return screenFrom(text, A, runMin, i, row, run, long, hv, hint, cv, cmd, nv, num);
    const k = classes[c]!;
    run = (run + 1) & -(k & 1);
    long |= runMin - 1 - run;
    hv = hintStep[(hv >> 2) + ((k >> HINT_AT) & 63)]!;
    hint |= hv;
    cv = cmdStep[(cv >> 10) + ((k >> COMMAND_AT) & 63)]!;
    cmd |= cv;
    nv = numStep[(nv >> 3) + ((k >> NUMBER_AT) & 7)]!;
    num |= nv;
    row = rows[row + (k >> DENY_AT)]!;
    if (row < 0)
      return SCREEN_PIECE | restFrom(text, classes, runMin, i + 1, run, long, hv, hint, cv, cmd, nv, num);
  }
  // Every unit was read, and was ASCII: nothing invisible (see `screened.ts`).
  screenedVisible(text);
  return answer(long, hint, cmd, num);
}

/** `screenText` from unit `i` on (the text holds units outside ASCII; unit `i` is one). */
function screenFrom(
  text: string,
  A: PieceAutomaton,
  runMin: number,
  i: number,
  row: number,
  run: number,
  long: number,
  hv: number,
  hint: number,
  cv: number,
  cmd: number,
  nv: number,
  num: number,
): number {
  const { delta, width, extra, other, accept, rows, shift, classes } = A;
  const cmdStep = COMMAND_STEP;
  const numStep = NUMBER_STEP;
  // Whether a unit read is one that may be invisible (see `screened.ts`).
  const hiddenUnit = hiddenUnits();
  let hidden = 0;
  for (;;) {
    // Unit i is outside ASCII. No token character and no literal holds one (white space there
    // may still carry a keyword on to its value: the pending bit of `HINT_STEP`'s value).
    const c = text.charCodeAt(i);
    hidden |= hiddenUnit[c]!;
    run = 0;
    // (A unit of a foreign password label passes the keyword screen: see FOREIGN_UNITS.)
    hint |= ((hv >> 1) & 1) | FOREIGN_UNITS[c]!;
    hv = 0;
    // (The command literals step on a unit outside ASCII as on its low 7 bits: `screenCommands`.)
    cv = cmdStep[(cv >> 10) + ((classes[c & 127]! >> COMMAND_AT) & 63)]!;
    cmd |= cv;
    nv = numStep[(nv >> 3) + ((classes[numberUnit(c)]! >> NUMBER_AT) & 7)]!;
    num |= nv;
    let code = UNIT_FOLD[c]!;
    if (code === UNKNOWN) code = UNIT_FOLD[c] = unitCode(c);
    if (code === NEIGHBOURS)
      return SCREEN_PIECE | restFrom(text, classes, runMin, i + 1, run, long, hv, hint, cv, cmd, nv, num);
    if (code > 0 && code < 128) {
      row = rows[row + (classes[code]! >> DENY_AT)]!;
      if (row < 0)
        return SCREEN_PIECE | restFrom(text, classes, runMin, i + 1, run, long, hv, hint, cv, cmd, nv, num);
    } else if (code !== NOTHING) {
      let s = row >> shift;
      const add = code > 0 ? String.fromCharCode(code) : LONGER[-code - 3]!;
      for (let k = 0; k < add.length; k++) {
        const u = add.charCodeAt(k);
        s = delta[s * width + (u < 128 ? u : (extra.get(u) ?? other))]!;
        if (accept[s] === 1)
          return SCREEN_PIECE | restFrom(text, classes, runMin, i + 1, run, long, hv, hint, cv, cmd, nv, num);
      }
      row = s << shift;
    }
    // The ASCII units up to the next other one, in a tight loop of their own.
    at.row = row;
    at.run = run;
    at.long = long;
    at.hv = hv;
    at.hint = hint;
    at.cv = cv;
    at.cmd = cmd;
    at.nv = nv;
    at.num = num;
    const stop = asciiSteps(text, rows, classes, runMin, i + 1);
    ({ row, run, long, hv, hint, cv, cmd, nv, num, i } = at);
    if (stop === END) {
      if (hidden === 0) screenedVisible(text);
      return answer(long, hint, cmd, num);
    }
    if (stop === PIECE_AT)
      return SCREEN_PIECE | restFrom(text, classes, runMin, i + 1, run, long, hv, hint, cv, cmd, nv, num);
  }
}

/** The screens' state between `asciiSteps` and its caller (no object per call). */
const at = { i: 0, row: 0, run: 0, long: 0, hv: 0, hint: 0, cv: 0, cmd: 0, nv: 0, num: 0 };
const END = 0;
const OTHER_AT = 1;
const PIECE_AT = 2;

/**
 * `screenText`'s ASCII steps from unit `i`, in the state held in `at`: END at the end of the
 * text, OTHER_AT at a unit outside ASCII (`at.i`, not stepped), PIECE_AT where a piece ends
 * (`at.i`, stepped); `at` holds the state then.
 */
function asciiSteps(text: string, rows: Int32Array, classes: Int32Array, runMin: number, i: number): number {
  const hintStep = HINT_STEP;
  const cmdStep = COMMAND_STEP;
  const numStep = NUMBER_STEP;
  let { row, run, long, hv, hint, cv, cmd, nv, num } = at;
  const n = text.length;
  let stop = END;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      stop = OTHER_AT;
      break;
    }
    const k = classes[c]!;
    run = (run + 1) & -(k & 1);
    long |= runMin - 1 - run;
    hv = hintStep[(hv >> 2) + ((k >> HINT_AT) & 63)]!;
    hint |= hv;
    cv = cmdStep[(cv >> 10) + ((k >> COMMAND_AT) & 63)]!;
    cmd |= cv;
    nv = numStep[(nv >> 3) + ((k >> NUMBER_AT) & 7)]!;
    num |= nv;
    row = rows[row + (k >> DENY_AT)]!;
    if (row < 0) {
      stop = PIECE_AT;
      break;
    }
  }
  at.i = i;
  at.row = row;
  at.run = run;
  at.long = long;
  at.hv = hv;
  at.hint = hint;
  at.cv = cv;
  at.cmd = cmd;
  at.nv = nv;
  at.num = num;
  return stop;
}

/** The run and literal screens carried on from unit `i` (stopping once all have answered). */
function restFrom(
  text: string,
  classes: Int32Array,
  runMin: number,
  i: number,
  run: number,
  long: number,
  hv: number,
  hint: number,
  cv: number,
  cmd: number,
  nv: number,
  num: number,
): number {
  const hintStep = HINT_STEP;
  const cmdStep = COMMAND_STEP;
  const numStep = NUMBER_STEP;
  const n = text.length;
  // Whether every screen has answered is asked once per 64 units (the answers only grow: steps
  // past that point change none of them).
  while (i < n && (long >= 0 || (hint & 1) === 0 || (cmd & 1023) !== 1023 || (num & 7) !== 7)) {
    const stop = Math.min(n, i + 64);
    for (; i < stop; i++) {
      const c = text.charCodeAt(i);
      const k = classes[c & 127]!;
      cv = cmdStep[(cv >> 10) + ((k >> COMMAND_AT) & 63)]!;
      cmd |= cv;
      if (c < 128) {
        nv = numStep[(nv >> 3) + ((k >> NUMBER_AT) & 7)]!;
        num |= nv;
        run = (run + 1) & -(k & 1);
        long |= runMin - 1 - run;
        hv = hintStep[(hv >> 2) + ((k >> HINT_AT) & 63)]!;
        hint |= hv;
      } else {
        nv = numStep[(nv >> 3) + ((classes[numberUnit(c)]! >> NUMBER_AT) & 7)]!;
        num |= nv;
        run = 0;
        hint |= ((hv >> 1) & 1) | FOREIGN_UNITS[c]!;
        hv = 0;
      }
    }
  }
  return answer(long, hint, cmd, num);
}

/**
 * `joinedFolded(text)` while running the pieces' automaton over it: `null` when no piece
 * occurs in it (and `all` is false), without building the string.
 */
function scanJoined(text: string, A: PieceAutomaton, all: boolean): string | null | undefined {
  // Room for every unit to add two (a longer expansion that does not fit takes the full path);
  // the shared buffer grows to a bounded size only, a longer text gets its own.
  const need = text.length * 2 + 64;
  let buf = scratch;
  if (buf.length < need) {
    buf = new Uint16Array(need);
    if (need <= MAX_SCRATCH) scratch = buf;
  }
  const { delta, width, extra, other, accept } = A;
  let n = 0;
  let s = 0;
  let found = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const f = ASCII_FOLD[c]!;
      if (f !== 0) {
        buf[n++] = f;
        s = delta[s * width + f]!;
        if (accept[s] === 1) found = true;
      }
      continue;
    }
    let code = UNIT_FOLD[c]!;
    if (code === UNKNOWN) code = UNIT_FOLD[c] = unitCode(c);
    if (code === NOTHING) continue;
    if (code === NEIGHBOURS) return undefined;
    const add = code > 0 ? String.fromCharCode(code) : LONGER[-code - 3]!;
    if (n + add.length > buf.length) return undefined;
    for (let k = 0; k < add.length; k++) {
      const u = add.charCodeAt(k);
      buf[n++] = u;
      s = delta[s * width + (u < 128 ? u : (extra.get(u) ?? other))]!;
      if (accept[s] === 1) found = true;
    }
  }
  if (!found && !all) return null;
  return Buffer.from(buf.buffer, buf.byteOffset, n * 2).toString("utf16le");
}

/**
 * Three rows of the distance tables below, shared (no arrays per call: `find` computes many
 * distances per text holding a piece); grown to the longest row asked for.
 */
let rows = new Int32Array(3 * 64);
function rowsFor(width: number): Int32Array {
  if (rows.length < 3 * width) rows = new Int32Array(3 * width * 2);
  return rows;
}

/** Optimal-string-alignment distance, giving up (returning max+1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  const w = n + 1;
  const r = rowsFor(w);
  // Rows at offsets p2 (two back), p (previous), c (current), rotated per row.
  let p2 = 0;
  let p = w;
  let c = 2 * w;
  for (let j = 0; j <= n; j++) {
    r[p2 + j] = 0;
    r[p + j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    r[c] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const ai1 = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(r[p + j]! + 1, r[c + j - 1]! + 1, r[p + j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && ai1 === bj) v = Math.min(v, r[p2 + j - 2]! + 1);
      r[c + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = p2;
    p2 = p;
    p = c;
    c = t;
  }
  return r[p + n]!;
}

/**
 * The least distance between `term` and any stretch of `text` (optimal string alignment, the
 * stretch free to start and end anywhere), or more than `max` once it must be.
 */
export function stretchDistance(text: string, term: string, max: number): number {
  return stretchIn(text, 0, text.length, term, max);
}

/** `stretchDistance(text.slice(from, to), term, max)`, without the slice. */
function stretchIn(text: string, from: number, to: number, term: string, max: number): number {
  const n = to - from;
  const w = n + 1;
  const r = rowsFor(w);
  let p2 = 0;
  let p = w;
  let c = 2 * w;
  for (let j = 0; j <= n; j++) {
    r[p2 + j] = 0;
    r[p + j] = 0;
  }
  for (let i = 1; i <= term.length; i++) {
    r[c] = i;
    let rowMin = i;
    const t = term.charCodeAt(i - 1);
    const t1 = i > 1 ? term.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const x = text.charCodeAt(from + j - 1);
      let v = Math.min(r[p + j]! + 1, r[c + j - 1]! + 1, r[p + j - 1]! + (t === x ? 0 : 1));
      if (i > 1 && j > 1 && t === text.charCodeAt(from + j - 2) && t1 === x)
        v = Math.min(v, r[p2 + j - 2]! + 1);
      r[c + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const k = p2;
    p2 = p;
    p = c;
    c = k;
  }
  let best = max + 1;
  for (let j = 0; j <= n; j++) if (r[p + j]! < best) best = r[p + j]!;
  return best;
}

/**
 * Can a window around one of the term's pieces in `joined` be within its distance? A window
 * holds the word the piece starts in and is at most as long as the term plus its distance,
 * so it lies within that length on either side of the piece: the least distance to any stretch
 * there bounds the window's from below.
 */
function nearAPiece(joined: string, t: { joined: string; k: number; pieces: readonly string[] }): boolean {
  const reach = t.joined.length + t.k;
  let from = 0;
  let to = -1;
  const at: number[] = [];
  for (const piece of t.pieces) {
    for (let i = joined.indexOf(piece); i >= 0; i = joined.indexOf(piece, i + 1)) at.push(i);
  }
  at.sort(ascending);
  for (const i of at) {
    const lo = Math.max(0, i - reach);
    const hi = Math.min(joined.length - 1, i + reach);
    if (lo <= to + 1) to = Math.max(to, hi);
    else {
      if (nearIn(joined, from, to, t)) return true;
      from = lo;
      to = hi;
    }
  }
  return nearIn(joined, from, to, t);
}

const ascending = (a: number, b: number) => a - b;

/** Is some stretch of `joined[from..to]` within the term's distance? (No stretch when empty.) */
function nearIn(joined: string, from: number, to: number, t: { joined: string; k: number }): boolean {
  return to >= from && stretchIn(joined, from, to + 1, t.joined, t.k) <= t.k;
}

/**
 * Allowed distance for a folded term of this length: exact up to 4, then 1, then `max` — but
 * never more than `(len - 1) / 2`, so that `termPieces` can always cut k+1 pieces with gaps.
 */
export function allowedDistance(len: number, max: number): number {
  if (len <= 4) return 0;
  if (len <= 8) return Math.min(1, max);
  return Math.min(max, Math.floor((len - 1) / 2));
}

/**
 * The term cut into k+1 pieces, as even as can be, with one character left out between each two.
 * One edit damages at most one piece — a swap of two neighbours included, which touches two
 * characters: across a gap it damages the piece on one side only (without gaps, a swap across
 * the boundary of two pieces damaged both, and "nigthjar" was missed for "nightjar"). So a
 * stretch within distance k holds one piece intact (pigeonhole). Needs len ≥ 2k+1
 * (`allowedDistance` sees to it).
 */
export function termPieces(joined: string, k: number): string[] {
  if (k <= 0) return [joined];
  const avail = joined.length - k;
  const base = Math.floor(avail / (k + 1));
  const extra = avail % (k + 1);
  const pieces: string[] = [];
  let at = 0;
  for (let p = 0; p <= k; p++) {
    const size = base + (p < extra ? 1 : 0);
    pieces.push(joined.slice(at, at + size));
    at += size + 1;
  }
  return pieces;
}

/**
 * A deny-term hit: the term's index (never its text) and the distance; `glued` when the term
 * itself is the start or the end of a longer word (then `distance` is above the term's limit).
 */
export interface DenyHit {
  term: number;
  distance: number;
  glued?: true;
}

/** Shortest folded term found as the start or end of a longer word (shorter ones are in too many words). */
export const GLUED_MIN_LENGTH = 5;

export interface DenyMatcher {
  /**
   * For each hit: the index of the deny term (never its text) and the distance. `screened`:
   * `screen` found a piece in this text (so the pre-check for one is skipped; same answer).
   */
  find(text: string, screened?: boolean): DenyHit[];
  /**
   * One pass over a text for the review's screens (see `screenText`): without SCREEN_PIECE,
   * `find(text)` is empty; without SCREEN_RUN, the text holds no run of token characters at
   * least `runMin` long (`longRuns(text, runMin)` is empty); without SCREEN_HINT,
   * `findKeywordHits(text)` is empty.
   */
  screen(text: string, runMin: number): number;
  /**
   * `screen`'s pass, also answering which groups of literals of `COMMAND_STEP` occur (the
   * command readings', the account names', the user folders', the e-mail addresses', the
   * profile links', the dates of birth's, the controls', the escapes' and the split keys') and which gates of the number
   * checks hold: `screen(text, runMin) | (groups << SCREEN_COMMANDS_AT) | (numberGates(text) <<
   * SCREEN_NUMBERS_AT)` (`commands.ts`, `number-gates.ts`), where `groups & 3` is
   * `screenCommands(text)`.
   */
  screens(text: string, runMin: number): number;
}

/** Matchers by policy: a lab's terms are the same for every transcript (a few labs at a time). */
const MATCHERS = new Map<string, DenyMatcher>();
const MAX_MATCHERS = 64;
/**
 * The matcher last returned for a deny-term list, by the list itself: the same policy object
 * comes back for every transcript of a lab, and comparing its terms with a copy costs less than
 * building the key (a list changed in place is caught by the comparison).
 */
const LAST = new WeakMap<
  readonly string[],
  {
    deny: string[];
    allow: string[];
    exact: string[];
    maxDistance: number;
    fuzzy: number;
    matcher: DenyMatcher;
  }
>();
function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The matcher for these terms, built once per distinct policy (it holds no per-text state).
 * `exactTerms` (the lab's internal domains, for the review) are matched at distance 0 only (and
 * as the start or end of a longer word); their hits are numbered after the deny terms'
 * (`denyTerms.length + j`). One matcher for both: one screen pass over each text. Only the first
 * `fuzzy` deny terms are looked for at a distance; the others (the codenames taken out of the
 * lab's terms, `codenames.ts`) at distance 0, as found or as the start or end of a longer word:
 * their short pieces ("blue", "inch" of "bluefinch") would send most texts to the edit-distance
 * search.
 */
export function denyMatcher(
  denyTerms: readonly string[],
  allowTerms: readonly string[],
  maxDistance: number,
  exactTerms: readonly string[] = [],
  fuzzy = denyTerms.length,
): DenyMatcher {
  const last = LAST.get(denyTerms);
  if (
    last &&
    last.maxDistance === maxDistance &&
    last.fuzzy === fuzzy &&
    sameTerms(last.deny, denyTerms) &&
    sameTerms(last.allow, allowTerms) &&
    sameTerms(last.exact, exactTerms)
  )
    return last.matcher;
  const key = JSON.stringify([denyTerms, allowTerms, maxDistance, exactTerms, fuzzy]);
  let m = MATCHERS.get(key);
  if (!m) {
    m = buildMatcher(denyTerms, allowTerms, maxDistance, exactTerms, fuzzy);
    if (MATCHERS.size >= MAX_MATCHERS) MATCHERS.delete(MATCHERS.keys().next().value!);
    MATCHERS.set(key, m);
  }
  LAST.set(denyTerms, {
    deny: [...denyTerms],
    allow: [...allowTerms],
    exact: [...exactTerms],
    maxDistance,
    fuzzy,
    matcher: m,
  });
  return m;
}

function buildMatcher(
  denyTerms: readonly string[],
  allowTerms: readonly string[],
  maxDistance: number,
  exactTerms: readonly string[],
  fuzzy: number,
): DenyMatcher {
  const terms = [...denyTerms, ...exactTerms]
    .map((t, i) => {
      const words = tokenize(t);
      const joined = words.join("");
      const k = i < Math.min(fuzzy, denyTerms.length) ? allowedDistance(joined.length, maxDistance) : 0;
      return { i, words: words.length, joined, k, pieces: termPieces(joined, k) };
    })
    // One letter of an unspaced script is a word (`鹰`); one Latin letter is in every word.
    .filter((t) => t.joined.length >= 2 || (t.joined.length === 1 && isUnspaced(t.joined)));
  const allowed = allowTerms.map((a) => tokenize(a)).filter((a) => a.length > 0);
  const automaton = pieceAutomaton([...new Set(terms.flatMap((t) => t.pieces))]);

  function screens(text: string, runMin: number): number {
    // Without terms, `find` finds nothing: only the runs and literals are screened.
    return terms.length === 0
      ? restFrom(text, NO_PIECE_CLASSES, runMin, 0, 0, 0, 0, 0, 0, 0, 0, 0)
      : screenText(text, automaton, runMin);
  }
  return {
    screen: (text: string, runMin: number) => screens(text, runMin) & 7,
    screens,
    find(text: string, screened = false) {
      if (terms.length === 0) return [];
      // A text whose joined folded words hold no piece of any term holds no match (pigeonhole):
      // most texts, and the words need not be built for them.
      if (!screened && anyPiece(text, automaton) === false) return [];
      // Where the screen saw a piece, `scanJoined` would find it again (or stop at the same unit
      // whose contribution depends on its neighbours): the joined words are built without the
      // automaton.
      const joined = screened ? joinedFolded(text) : scanJoined(text, automaton, false);
      if (joined === null) return [];
      if (joined !== undefined) {
        // Every window is a stretch of the joined words around a piece: when no stretch there
        // is within a term's distance, no window is either.
        let near = false;
        for (const t of terms) if ((near = nearAPiece(joined, t))) break;
        if (!near) return [];
      }
      const ascii = ASCII.test(text);
      const clean = ascii ? text : cleanText(text);
      const { words: whole, parts: words, of } = partsOf(clean, ascii);
      if (words.length === 0) return [];
      // Words inside an allow term ("Orion Nebula") can take part in no window.
      const maskedWhole = new Uint8Array(whole.length);
      for (const a of allowed) {
        const first = a[0]!;
        for (let i = 0; i + a.length <= whole.length; i++) {
          if (whole[i] === first && a.every((w, k) => whole[i + k] === w))
            maskedWhole.fill(1, i, i + a.length);
        }
      }
      // Windows are of parts: whole words, or a word's letters without the digits glued to them
      // (`Bluefinch2026`), or its digits without the letters (`Kestrel-7b`): see `cutWord`.
      const masked = new Uint8Array(words.length);
      for (let i = 0; i < words.length; i++) masked[i] = maskedWhole[of[i]!]!;
      const starts: number[] = [];
      let hay = "";
      for (const w of words) {
        starts.push(hay.length);
        hay += w;
      }
      const wordAt = (pos: number) => {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid]! <= pos) lo = mid;
          else hi = mid - 1;
        }
        return lo;
      };
      const hits: DenyHit[] = [];
      for (const t of terms) {
        let best = Infinity;
        const tried = new Set<string>();
        for (const piece of t.pieces) {
          for (let at = hay.indexOf(piece); at >= 0 && best > 0; at = hay.indexOf(piece, at + 1)) {
            const w = wordAt(at);
            const max = t.joined.length + t.k;
            // Windows of parts that contain part w and are about as long as the term.
            for (let i = w, left = 0; i >= 0 && !masked[i]; i--) {
              left += words[i]!.length;
              if (left > max) break;
              let cand = words.slice(i, w + 1).join("");
              for (let j = w; j < words.length && !masked[j]; j++) {
                if (j > w) cand += words[j]!;
                if (cand.length > max) break;
                if (cand.length < t.joined.length - t.k) continue;
                const key = `${i}:${j}`;
                if (tried.has(key)) continue;
                tried.add(key);
                const d = editDistance(cand, t.joined, t.k);
                if (d < best) best = d;
              }
            }
          }
        }
        if (best <= t.k) hits.push({ term: t.i, distance: best });
        else if (t.joined.length >= GLUED_MIN_LENGTH) {
          // The term as the start or the end of a longer word (`nightjarv2`, `nightjarxl`,
          // `xlnightjar`): not the term as written, but worth a human's look.
          const len = t.joined.length;
          for (let at = hay.indexOf(t.joined); at >= 0; at = hay.indexOf(t.joined, at + 1)) {
            const w = wordAt(at);
            const e = wordAt(at + len - 1);
            if (masked[w] || masked[e]) continue;
            const startsPart = starts[w] === at;
            const endsPart = starts[e]! + words[e]!.length === at + len;
            if (startsPart !== endsPart) {
              hits.push({ term: t.i, distance: best, glued: true });
              break;
            }
          }
        }
      }
      return hits;
    },
  };
}
