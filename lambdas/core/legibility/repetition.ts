/**
 * Repetition: the share of the window taken by sentences already said twice before in the same part
 * (a third copy is a loop; saying the answer twice is normal), and by word 6-grams already seen twice.
 * Counts carry across the windows of a part, so a loop that spans windows is still seen. The deflate
 * compression ratio is reported as a diagnostic (it also rises with ordinary formulaic maths).
 */
import { Kind } from "./text";
import { type PartContext, type SignalResult, type WindowAnalysis, pct, rising } from "./types";
import { round3 } from "./language";

const N = 6;

// Rolling 32-bit hashes of word ids instead of joined strings: the same counts, a fraction of the
// allocation. A collision (≈ n²/2³³ for n phrases) can only add repetition, never hide it.
// Signed 32-bit results stay small integers in V8 (unsigned ones above 2³¹ become heap numbers,
// which make every Map operation on them slower); the mapping to the unsigned hash is one to one.
const mix = (h: number, id: number): number => Math.imul(h ^ id, 0x9e3779b1);

export function repetitionSignal(w: WindowAnalysis, ctx: PartContext): SignalResult {
  const ids: number[] = [];
  const tokenId = new Int32Array(w.tokens.length).fill(-1);
  for (let i = 0; i < w.tokens.length; i++) {
    const t = w.tokens[i]!;
    if (t.kind !== Kind.Word && t.kind !== Kind.Num) continue;
    // The window pass already lower-cased most words.
    const k = w.tokenWord[i]!;
    const key = k >= 0 ? w.words[k]! : t.text.toLowerCase();
    let id = ctx.wordIds.get(key);
    if (id === undefined) ctx.wordIds.set(key, (id = ctx.wordIds.size + 1));
    tokenId[i] = id;
    ids.push(id);
  }
  const sentenceCounts = (ctx.sentenceHashes ??= new Map());
  let repeatedChars = 0;
  let letterChars = 0;
  for (const s of w.sentences) {
    let h = 0x811c9dc5;
    let chars = 0;
    for (let i = s.from; i < s.to; i++) {
      const id = tokenId[i]!;
      if (id < 0) continue;
      h = mix(h, id);
      chars += w.tokens[i]!.text.length + 1;
    }
    const len = s.end - s.start;
    letterChars += len;
    if (chars < 12) continue; // "So 5." may recur legitimately
    const seen = sentenceCounts.get(h) ?? 0;
    sentenceCounts.set(h, seen + 1);
    if (seen >= 2) repeatedChars += len;
  }
  const sentShare = letterChars === 0 ? 0 : repeatedChars / letterChars;

  let grams = 0;
  let repeated = 0;
  for (let i = 0; i + N <= ids.length; i++) {
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
