/**
 * Wallet recovery phrases (BIP-39 mnemonics): twelve or more words of the standard English word
 * list in a row, as a wallet shows them ("abandon ability able …", numbered "1. abandon 2. ability",
 * comma-separated, one a line). Whoever reads one owns the wallet: it is a secret with no keyword
 * beside it more often than not (a file's content, a tool's output), and no other rule sees it —
 * its words are ordinary words.
 *
 * The list holds many common words ("that", "have", "about", "people"), but not the words prose
 * cannot go twelve words without ("the", "and", "of", "to", "a", "is"…): twelve list words in a row
 * do not occur in the real CoTs or the labelled sets of ../shared/benchmarks/ (bench:redaction).
 * The checksum (the last word's bits) is not required: a phrase copied with a typo in its last
 * word still opens the wallet after a few guesses.
 *
 * Cost: one pass over the text's characters; the list is looked up only for a run of twelve words
 * of the list's shape (3–8 lower-case letters), which prose rarely makes.
 */
import { brotliDecompressSync } from "node:zlib";
import { unpack91 } from "../pack";
import { SEED_WORDS_BROTLI } from "./seed-phrase-data";
import { CATEGORY, type Detector, type Span } from "./types";

/** The fewest words a phrase has (BIP-39: 12, 15, 18, 21 or 24). */
export const SEED_MIN_WORDS = 12;
/** The most words one phrase takes (a longer run is split: two phrases side by side). */
const SEED_MAX_WORDS = 24;

let WORDS: Set<string> | undefined;

/** The list, one word a line in its order (exported for the data test). */
export function seedWordsText(): string {
  return new TextDecoder().decode(brotliDecompressSync(unpack91(SEED_WORDS_BROTLI)));
}

function words(): Set<string> {
  return (WORDS ??= new Set(seedWordsText().split("\n")));
}

/**
 * A bit for each (first three letters, length) that a word of the list has: a word without its bit
 * is no word of the list ("the", "and", "with", "her" have none), and costs no look-up to rule out.
 */
let SHAPES: Uint8Array = new Uint8Array(0);

/** Fills SHAPES, at the first text long enough to hold a phrase. */
function shapes(): Uint8Array {
  if (SHAPES.length > 0) return SHAPES;
  const bits = new Uint8Array((26 * 26 * 26 * 6) / 8 + 1);
  for (const w of words()) {
    const k = shapeIndex(w, 0, w.length);
    bits[k >> 3]! |= 1 << (k & 7);
  }
  return (SHAPES = bits);
}

function shapeIndex(text: string, ws: number, len: number): number {
  const a = text.charCodeAt(ws) - 97;
  const b = text.charCodeAt(ws + 1) - 97;
  const c = text.charCodeAt(ws + 2) - 97;
  return ((a * 26 + b) * 26 + c) * 6 + len - 3;
}

/** Whether the lower-case word `text[ws, ws + len)` may be a word of the list (3 to 8 letters and its bit set). */
function mayBeListed(text: string, ws: number, len: number): boolean {
  if (len < 3 || len > 8) return false;
  const k = shapeIndex(text, ws, len);
  // (SHAPES is filled before any word is looked at: see seedPhraseSpans.)
  return (SHAPES[k >> 3]! & (1 << (k & 7))) !== 0;
}

/**
 * Character classes of ASCII (0 for every other character): a lower-case letter; a gap between
 * two words (spaces, tabs, line breaks, commas); what may stand right before a phrase's first word
 * (quotes, brackets, `=`, `:`, `>`, a list number's `.` or `)`); what may stand right after its
 * last word (quotes, brackets, a full stop); a digit.
 */
const LOWER = 1;
const GAP = 2;
const OPENER = 4;
const CLOSER = 8;
const DIGIT = 16;
const CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (const ch of " \n\t\r,") CLASS[ch.charCodeAt(0)] = GAP;
for (const ch of `"'\`([{=:>.)`) CLASS[ch.charCodeAt(0)]! |= OPENER;
for (const ch of `"'\`)]}.`) CLASS[ch.charCodeAt(0)]! |= CLOSER;

function classOf(c: number): number {
  return c < 128 ? CLASS[c]! : 0;
}

/**
 * Where a number of a numbered list ends ("12." or "12)" then a gap), from its first digit at `i`;
 * -1 when `i` does not start one.
 */
function numberingEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i < 2 && classOf(text.charCodeAt(j)) === DIGIT) j++;
  if (j < text.length && isNumberMark(text.charCodeAt(j))) j++;
  return j < text.length && classOf(text.charCodeAt(j)) === GAP ? j : -1;
}

/** Where the next run of list-shaped words ends (see `seedPhraseSpans`), and how many it holds. */
let runWords = 0;

/**
 * The end of the run of list-shaped words starting at the word at `w` (3–8 lower-case letters, not
 * glued to a letter, digit or other character, with only gaps and list numbers between them);
 * the number of its words in `runWords`.
 */
function runFrom(text: string, w: number): number {
  const n = text.length;
  let count = 0;
  let end = w;
  let i = w;
  for (;;) {
    // A word at i?
    const s = i;
    while (i < n && classOf(text.charCodeAt(i)) === LOWER) i++;
    const len = i - s;
    if (!mayBeListed(text, s, len) || (i < n && (classOf(text.charCodeAt(i)) & (GAP | CLOSER)) === 0)) break;
    count++;
    end = i;
    // The gap after it (and a list number inside the gap).
    while (i < n) {
      const k = classOf(text.charCodeAt(i));
      if (k === GAP) i++;
      else if (k === DIGIT) {
        const j = numberingEnd(text, i);
        if (j < 0) break;
        i = j;
      } else break;
    }
    if (i === end) break; // no gap: the run ends with this word
  }
  runWords = count;
  return end;
}

/** The phrases among the words of `text[from, to)` (a run of list-shaped words). */
function phrasesIn(text: string, from: number, to: number, out: Span[]): void {
  const list = words();
  const at: number[] = [];
  for (let i = from; i < to;) {
    while (i < to && classOf(text.charCodeAt(i)) !== LOWER) i++;
    const s = i;
    while (i < to && classOf(text.charCodeAt(i)) === LOWER) i++;
    if (i > s) at.push(s, i);
  }
  let first = -1;
  const flush = (last: number) => {
    if (first >= 0 && (last - first) / 2 >= SEED_MIN_WORDS)
      out.push({ start: at[first]!, end: at[last - 1]!, category: CATEGORY.secret, detector: "seed-phrase" });
    first = -1;
  };
  for (let k = 0; k < at.length; k += 2) {
    if (!list.has(text.slice(at[k]!, at[k + 1]!))) flush(k);
    else if (first < 0) first = k;
    else if ((k - first) / 2 === SEED_MAX_WORDS) {
      // A longer run is two phrases side by side.
      flush(k);
      first = k;
    }
  }
  flush(at.length);
}

/** The fewest characters a phrase spans: twelve words of three letters and the gaps between them. */
const MIN_SPAN = SEED_MIN_WORDS * 4 - 1;

/** Whether `text[ws, we)` (lower-case letters) may be a word of a phrase, as `runFrom` takes one. */
function listShaped(text: string, ws: number, we: number): boolean {
  return (
    mayBeListed(text, ws, we - ws) &&
    (ws === 0 || (classOf(text.charCodeAt(ws - 1)) & (GAP | OPENER)) !== 0) &&
    (we === text.length || (classOf(text.charCodeAt(we)) & (GAP | CLOSER)) !== 0)
  );
}

/** A list number's mark: `.`, `)` or `:` after its digits. */
function isNumberMark(c: number): boolean {
  return c === 46 || c === 41 || c === 58;
}

/**
 * The start of the word before the word at `ws` in a run of list-shaped words (gaps and list
 * numbers between them, as `runFrom` reads them forward), or -1.
 */
function previousWord(text: string, ws: number): number {
  let i = ws - 1;
  let gap = false;
  for (;;) {
    while (i >= 0 && classOf(text.charCodeAt(i)) === GAP) {
      i--;
      gap = true;
    }
    // "… abandon 2. ability": a list number, with a gap before it, is part of the gap.
    if (!gap || i < 0) break;
    let j = isNumberMark(text.charCodeAt(i)) ? i - 1 : i;
    const last = j;
    while (j >= 0 && last - j < 2 && classOf(text.charCodeAt(j)) === DIGIT) j--;
    if (j === last || j < 0 || classOf(text.charCodeAt(j)) !== GAP) break;
    i = j;
  }
  if (!gap || i < 0 || classOf(text.charCodeAt(i)) !== LOWER) return -1;
  const we = i + 1;
  while (i >= 0 && classOf(text.charCodeAt(i)) === LOWER) i--;
  return listShaped(text, i + 1, we) ? i + 1 : -1;
}

/**
 * Every phrase of `text`. A phrase spans at least MIN_SPAN characters, so the text is probed that
 * far ahead of where a phrase could still start, as a string search skips (`computeMayHoldSecret`
 * does the same for tokens): a character no phrase holds (a capital, most punctuation), a word of
 * another shape ("a", "is", "the" is of the shape but "thereafter" is not) rules out every phrase
 * that would cover it, and the probe moves on; a list-shaped word is followed back and forth to
 * the ends of its run, which the list then judges. Prose is read a character in four or so (tested
 * against a plain left-to-right reading).
 */
export function seedPhraseSpans(text: string): Span[] {
  const n = text.length;
  if (n >= MIN_SPAN) shapes();
  let out: Span[] | undefined;
  let lo = 0; // every phrase starting before `lo` has been found
  while (lo + MIN_SPAN - 1 < n) {
    let p = lo + MIN_SPAN - 1;
    // In a gap or a list number: the word after it (a phrase covering p holds that word too).
    while (p < n) {
      const k = classOf(text.charCodeAt(p));
      if (k !== GAP && k !== DIGIT && !isNumberMark(text.charCodeAt(p))) break;
      p++;
    }
    if (p >= n) break;
    if (classOf(text.charCodeAt(p)) !== LOWER) {
      lo = p + 1;
      continue;
    }
    let ws = p;
    while (ws > 0 && classOf(text.charCodeAt(ws - 1)) === LOWER) ws--;
    let we = p + 1;
    while (we < n && classOf(text.charCodeAt(we)) === LOWER) we++;
    if (!listShaped(text, ws, we)) {
      lo = we;
      continue;
    }
    let first = ws;
    for (let q = previousWord(text, first); q >= lo; q = previousWord(text, first)) first = q;
    let end = runFrom(text, first);
    if (end < we) end = runFrom(text, (first = ws)); // (read back otherwise than forward: from the word)
    if (runWords >= SEED_MIN_WORDS) phrasesIn(text, first, end, (out ??= []));
    lo = end;
  }
  return out ?? [];
}

export const SEED_PHRASE: Detector = {
  name: "seed-phrase",
  category: CATEGORY.secret,
  detect: (text) => seedPhraseSpans(text),
};
