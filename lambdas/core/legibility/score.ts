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

const W_LANGUAGE = WEIGHTS.language!;
const W_LEXICAL = WEIGHTS.lexical!;
const W_FUNCTION_WORDS = WEIGHTS.function_words!;
const W_REPETITION = WEIGHTS.repetition!;
const W_STRUCTURE = WEIGHTS.structure!;
const W_ANCHORING = WEIGHTS.anchoring!;

const factor = (s: number, sub: number, w: number): number =>
  w > 0 && sub !== 1 ? s * Math.pow(Math.max(sub, 1e-6), w) : s;

/**
 * The product of `windowScore` before rounding, for a window of the scorer's own signals: its
 * record's keys are always language, lexical, function_words, repetition, structure, oddness,
 * readability, then anchoring when there is one (its sub-score here is 1 when there is none, which
 * leaves the product as it is, as does a weight of 0). The same factors in the same order, from the
 * sub-scores, without walking the record's keys and looking each weight up by name.
 */
export function subscoreProduct(
  language: number,
  lexical: number,
  functionWords: number,
  repetition: number,
  structure: number,
  anchoring: number,
): number {
  let s = factor(1, language, W_LANGUAGE);
  s = factor(s, lexical, W_LEXICAL);
  s = factor(s, functionWords, W_FUNCTION_WORDS);
  s = factor(s, repetition, W_REPETITION);
  s = factor(s, structure, W_STRUCTURE);
  return factor(s, anchoring, W_ANCHORING);
}

/** `windowScore` of the scorer's own signal records (see subscoreProduct). */
export function scoreOfSignals(signals: Record<string, SignalResult>): number {
  const s = subscoreProduct(
    signals.language!.subscore,
    signals.lexical!.subscore,
    signals.function_words!.subscore,
    signals.repetition!.subscore,
    signals.structure!.subscore,
    signals.anchoring === undefined ? 1 : signals.anchoring.subscore,
  );
  return Math.round(s * 1000) / 10;
}
