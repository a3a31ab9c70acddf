/**
 * Flesch reading ease — a diagnostic only (weight 0): it rewards short words and sentences, so it
 * cannot tell terse-but-clear notes from token soup, and it means nothing outside English.
 */
import { type SignalResult, type WindowAnalysis } from "./types";
import { round3 } from "./language";

export function readabilitySignal(w: WindowAnalysis): SignalResult {
  let sents = 0;
  for (let s = 0; s < w.sentences.n; s++) if (w.sentenceWordTokens[s]! > 0) sents++;
  const n = w.nWords;
  if (n === 0 || sents === 0 || w.language !== "en")
    return { value: 0, subscore: 1, explanation: "Diagnostic only; not computed for this window." };
  const syl = w.english.syllables; // counted in the window analysis
  const fre = 206.835 - 1.015 * (n / sents) - 84.6 * (syl / n);
  return {
    value: round3(fre),
    subscore: 1,
    explanation: `Flesch reading ease ${Math.round(fre)} (diagnostic only, not in the score).`,
  };
}
