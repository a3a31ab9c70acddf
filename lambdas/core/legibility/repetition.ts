/**
 * Repetition: the share of the window taken by sentences already said twice before in the same part
 * (a third copy is a loop; saying the answer twice is normal), and by word 6-grams already seen twice.
 * Counts carry across the windows of a part, so a loop that spans windows is still seen. The deflate
 * compression ratio is reported as a diagnostic (it also rises with ordinary formulaic maths).
 */
import { type PartContext, type SignalResult, type WindowAnalysis, pct, rising } from "./types";
import { round3 } from "./language";
import { I32 } from "./scratch";

const N = 6; // the n of the word n-grams (written out in repetitionSignal)

// Rolling 32-bit hashes of word ids instead of joined strings: the same counts, a fraction of the
// allocation. A collision (≈ n²/2³³ for n phrases) can only add repetition, never hide it. The hash
// of ids a, b, … is mix(…mix(mix(0x811c9dc5, a), b)…) with mix(h, id) = Math.imul(h ^ id, 0x9e3779b1)
// (sentences: in windows.ts; 6-grams: below), signed 32-bit results.

/**
 * Hash → times seen, for one part at a time: open addressing over one typed array (per slot the key,
 * then its generation stamp × 256 + count, so a probe reads one cache line), emptied in O(1) by
 * bumping the generation (a slot is in use only when its stamp is the current one). Counts
 * saturate at 255: only "seen at least twice" is ever asked. Each part starts on the smallest table
 * and moves to larger ones (kept for later parts) only as it fills them, so a short part's counts
 * sit in a few cache lines instead of being spread over a table sized for the longest part.
 */
export class PartCounts {
  /** Tables by size (2 << bits int32), reused across parts; a table never outlives its generation wrap. */
  private tables: (Int32Array | undefined)[] = [];
  /** The smallest table, where every part starts. */
  private first: Int32Array;
  private slots: Int32Array;
  private shift: number;
  private size = 0;
  private gen = 1;
  /** What the sweep in `reset` read (kept so the reads are not optimised away). */
  private swept = 0;
  constructor(private readonly minBits: number) {
    this.first = this.slots = this.table(minBits);
    this.shift = 32 - minBits;
  }
  private table(bits: number): Int32Array {
    // Filled up to `bits` first: no read past the array's end, no hole (either deoptimised reset).
    const tables = this.tables;
    while (tables.length <= bits) tables.push(undefined);
    let t = tables[bits];
    if (t === undefined) tables[bits] = t = new Int32Array(2 << bits);
    return t;
  }
  /** Forgets every count; `expected` (a guess of how many keys the part will count) sizes the first table. */
  reset(expected = 0): this {
    if (++this.gen >= 1 << 23) {
      // Stamps must stay below 2³¹: start the generations again on empty tables.
      this.tables = [];
      this.gen = 1;
      this.first = this.table(this.minBits);
    }
    // Do not keep the memory of one very long part for good.
    if (this.slots.length > 2 << 16) this.tables.length = 17;
    let bits = this.minBits;
    while (bits < 16 && 2 * expected > 1 << bits) bits++;
    const slots = bits === this.minBits ? this.first : this.table(bits);
    this.slots = slots;
    this.shift = 32 - bits;
    // Read the table through once, in order (cheap: the hardware streams it), rather than take a
    // cache miss at each random slot a part's counts land on: the other stages evict it between parts.
    if (slots.length <= 4096) {
      let t = 0;
      for (let q = 0; q < slots.length; q += 16) t ^= slots[q]!;
      this.swept ^= t;
    }
    this.size = 0;
    return this;
  }
  /** The count of h before this call, and one more. */
  bump(h: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const tag = this.gen << 8;
    let p = Math.imul(h, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const q = p << 1;
      const sc = slots[q + 1]!;
      if ((sc & ~255) !== tag) {
        slots[q] = h;
        slots[q + 1] = tag | 1;
        if (++this.size * 4 > slots.length) this.grow();
        return 0;
      }
      if (slots[q] === h) {
        const c = sc & 255;
        if (c < 255) slots[q + 1] = sc + 1;
        return c;
      }
      p = (p + 1) & mask;
    }
  }
  /**
   * `bump` for keys[0..n) in order, in one loop with the table's fields in locals: how many of them
   * had been seen at least twice before.
   */
  bumpAll(keys: Int32Array, n: number): number {
    let repeated = 0;
    let slots = this.slots;
    let mask = (slots.length >> 1) - 1;
    let shift = this.shift;
    const tag = this.gen << 8;
    for (let i = 0; i < n; i++) {
      const h = keys[i]!;
      let p = Math.imul(h, 0x9e3779b1) >>> shift;
      for (;;) {
        const q = p << 1;
        const sc = slots[q + 1]!;
        if ((sc & ~255) !== tag) {
          slots[q] = h;
          slots[q + 1] = tag | 1;
          if (++this.size * 4 > slots.length) {
            this.grow();
            slots = this.slots;
            mask = (slots.length >> 1) - 1;
            shift = this.shift;
          }
          break;
        }
        if (slots[q] === h) {
          const c = sc & 255;
          if (c < 255) slots[q + 1] = sc + 1;
          if (c >= 2) repeated++;
          break;
        }
        p = (p + 1) & mask;
      }
    }
    return repeated;
  }
  private grow(): void {
    const old = this.slots;
    const tag = this.gen << 8;
    this.shift--;
    // A reused table holds only stamps of earlier generations (it was last used by an earlier part).
    const slots = this.table(32 - this.shift);
    this.slots = slots;
    const mask = (slots.length >> 1) - 1;
    for (let q = 0; q < old.length; q += 2) {
      const sc = old[q + 1]!;
      if ((sc & ~255) !== tag) continue;
      let p = Math.imul(old[q]!, 0x9e3779b1) >>> this.shift;
      while ((slots[(p << 1) + 1]! & ~255) === tag) p = (p + 1) & mask;
      slots[p << 1] = old[q]!;
      slots[(p << 1) + 1] = sc;
    }
  }
}

// Smallest tables: a typical part has ~150 word 6-grams and ~15 sentences.
const ngramCounts = new PartCounts(9);
const sentenceCounts = new PartCounts(6);
/**
 * Empty counters for a new part of `chars` characters (shared: parts are scored one at a time). The
 * first tables are sized for about 5 characters a word and 60 a sentence; they grow if need be.
 */
export const partCounters = (chars = 0): { ngramCounts: PartCounts; sentenceCounts: PartCounts } => ({
  ngramCounts: ngramCounts.reset(chars / 5),
  sentenceCounts: sentenceCounts.reset(chars / 60),
});

const gramScratch = new I32();

export function repetitionSignal(w: WindowAnalysis, ctx: PartContext): SignalResult {
  // The per-part ids of the words and numbers, and each sentence's hash of them, come from the
  // window analysis (one pass with the vocabulary lookups).
  const sentenceCounts = ctx.sentenceCounts;
  const { sentenceHash, sentenceIdChars } = w;
  let repeatedChars = 0;
  let letterChars = 0;
  const sents = w.sentences;
  for (let s = 0; s < sents.n; s++) {
    const len = sents.end[s]! - sents.start[s]!;
    letterChars += len;
    if (sentenceIdChars[s]! < 12) continue; // "So 5." may recur legitimately
    if (sentenceCounts.bump(sentenceHash[s]!) >= 2) repeatedChars += len;
  }
  const sentShare = letterChars === 0 ? 0 : repeatedChars / letterChars;

  const ids = w.partIds;
  const nIds = w.nPartIds;
  // All the window's 6-gram hashes first (arithmetic only), then their counts in one loop.
  const grams = Math.max(0, nIds - N + 1);
  const hashes = gramScratch.get(grams);
  // The 6-gram hash mix(mix(…mix(0x811c9dc5, a0)…), a5), written out: the window of ids slides by one.
  let a1 = ids[0]!;
  let a2 = ids[1]!;
  let a3 = ids[2]!;
  let a4 = ids[3]!;
  let a5 = ids[4]!;
  for (let i = 0; i + N <= nIds; i++) {
    const a0 = a1;
    a1 = a2;
    a2 = a3;
    a3 = a4;
    a4 = a5;
    a5 = ids[i + 5]!;
    let h = Math.imul(0x811c9dc5 ^ a0, 0x9e3779b1);
    h = Math.imul(h ^ a1, 0x9e3779b1);
    h = Math.imul(h ^ a2, 0x9e3779b1);
    h = Math.imul(h ^ a3, 0x9e3779b1);
    h = Math.imul(h ^ a4, 0x9e3779b1);
    h = Math.imul(h ^ a5, 0x9e3779b1);
    hashes[i] = h;
  }
  const repeated = ctx.ngramCounts.bumpAll(hashes, grams);
  const gramShare = grams === 0 ? 0 : repeated / grams;
  const v = Math.max(sentShare, gramShare);
  return {
    value: round3(v),
    // A loop is wasteful but each copy is readable: a half-repeated window keeps ~0.45, a pure loop ~0.1.
    subscore: round3(v <= 0.5 ? 1 - 0.55 * rising(v, 0.15, 0.5) : 0.45 - 0.35 * rising(v, 0.5, 0.9)),
    explanation:
      v === 0
        ? "No sentence or phrase is repeated more than twice."
        : `${pct(sentShare)} of the text repeats a sentence already said twice; ${pct(gramShare)} of 6-word phrases recur a third time or more.`,
  };
}
