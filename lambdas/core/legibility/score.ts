/**
 * Combining signals. Each window's score is 100 × Π subscoreᵢ^weightᵢ — a weighted geometric mean
 * without normalisation, so one clearly failing signal pulls the window down on its own (a CoT that
 * is half Chinese is not rescued by perfect spelling). The transcript's score is a low percentile of
 * its window scores, so a short burst of gibberish in a long clean CoT still shows.
 * Weights were calibrated on half of the benchmark rows (see docs/legibility.md).
 */
import type { SignalResult } from "./types";

/** Weight of each signal in the window score; 0 = diagnostic only. */
export const WEIGHTS: Readonly<Record<string, number>> = {
  language: 1.2,
  lexical: 1.0,
  repetition: 1.0,
  anchoring: 1.2,
  function_words: 0.4,
  structure: 0.6,
  oddness: 0,
  readability: 0,
};

/** The percentile of window scores that becomes the transcript's score. */
export const TRANSCRIPT_PERCENTILE = 0.1;

export function windowScore(signals: Record<string, SignalResult>): number {
  let s = 1;
  for (const name in signals) {
    const w = WEIGHTS[name] ?? 0;
    const sub = signals[name]!.subscore;
    // (1 ** w is 1 exactly: most signals of most windows leave the product as it is.)
    if (w > 0 && sub !== 1) s *= Math.pow(Math.max(sub, 1e-6), w);
  }
  return Math.round(s * 1000) / 10;
}

/** Nearest-rank low percentile; with fewer than ten windows this is the minimum. */
export function lowPercentile(scores: readonly number[], p = TRANSCRIPT_PERCENTILE): number {
  if (scores.length === 0) return 0;
  const sorted = [...scores].sort((a, b) => a - b);
  return sorted[Math.floor(p * (sorted.length - 1))]!;
}
