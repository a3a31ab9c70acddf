/**
 * Repetition: the share of the window taken by sentences already said twice before in the same part
 * (a third copy is a loop; saying the answer twice is normal), and by word 6-grams already seen twice.
 * Counts carry across the windows of a part, so a loop that spans windows is still seen. The deflate
 * compression ratio is reported as a diagnostic (it also rises with ordinary formulaic maths).
 */
import { type PartContext, type SignalResult, type WindowAnalysis, pct, rising } from "./types";
import { round3 } from "./language";
import { entry } from "./vocab";

const N = 6;

// Rolling 32-bit hashes of word ids instead of joined strings: the same counts, a fraction of the
// allocation. A collision (≈ n²/2³³ for n phrases) can only add repetition, never hide it.
// Signed 32-bit results stay small integers in V8 (unsigned ones above 2³¹ become heap numbers,
// which make every Map operation on them slower); the mapping to the unsigned hash is one to one.
const mix = (h: number, id: number): number => Math.imul(h ^ id, 0x9e3779b1);

export function repetitionSignal(w: WindowAnalysis, ctx: PartContext): SignalResult {
  // Per-part ids 1, 2, … in order of first appearance, kept on the vocabulary entries.
  const nt = w.tokens.n;
  const { start, end } = w.tokens;
  const ids = new Int32Array(nt);
  let nIds = 0;
  const tokenId = new Int32Array(nt).fill(-1);
  for (let i = 0; i < nt; i++) {
    const g = w.tokenId[i]!;
    if (g < 0) continue; // not a word or number
    const e = entry(g);
    if (e.stamp !== ctx.partStamp) {
      e.stamp = ctx.partStamp;
      e.local = ++ctx.wordIdCount;
    }
    tokenId[i] = e.local;
    ids[nIds++] = e.local;
  }
  const sentenceCounts = (ctx.sentenceHashes ??= new Map());
  let repeatedChars = 0;
  let letterChars = 0;
  const sents = w.sentences;
  for (let s = 0; s < sents.n; s++) {
    let h = 0x811c9dc5;
    let chars = 0;
    const to = sents.to[s]!;
    for (let i = sents.from[s]!; i < to; i++) {
      const id = tokenId[i]!;
      if (id < 0) continue;
      h = mix(h, id);
      chars += end[i]! - start[i]! + 1;
    }
    const len = sents.end[s]! - sents.start[s]!;
    letterChars += len;
    if (chars < 12) continue; // "So 5." may recur legitimately
    const seen = sentenceCounts.get(h) ?? 0;
    sentenceCounts.set(h, seen + 1);
    if (seen >= 2) repeatedChars += len;
  }
  const sentShare = letterChars === 0 ? 0 : repeatedChars / letterChars;

  let grams = 0;
  let repeated = 0;
  for (let i = 0; i + N <= nIds; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + N; j++) h = mix(h, ids[j]!);
    const seen = ctx.ngramCounts.get(h) ?? 0;
    ctx.ngramCounts.set(h, seen + 1);
    grams++;
    if (seen >= 2) repeated++;
  }
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
