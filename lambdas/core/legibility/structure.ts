/**
 * Structure: the share of symbols among visible characters (after code and maths are masked) and the
 * mean sentence length. Arithmetic ("30/6 = 5") is normal in reasoning, so only a high symbol share
 * or run-on "sentences" of 60+ words count against a window.
 */
import { type SignalResult, type WindowAnalysis, falling, pct } from "./types";
import { round3 } from "./language";

export function structureSignal(w: WindowAnalysis): SignalResult {
  const visible = w.visibleChars;
  const sym = w.symbolChars;
  if (visible === 0)
    return { value: 0, subscore: 1, explanation: "Nothing to check once code and maths are set aside." };
  const symRatio = sym / visible;
  let words = 0;
  let sents = 0;
  for (let s = 0; s < w.sentences.n; s++) {
    const n = w.sentenceWordTokens[s]!;
    if (n > 0) {
      words += n;
      sents++;
    }
  }
  const meanLen = sents === 0 ? 0 : words / sents;
  const subscore = Math.min(falling(symRatio, 0.15, 0.4), falling(meanLen, 45, 120));
  return {
    value: round3(symRatio),
    subscore: round3(subscore),
    explanation: `${pct(symRatio)} of visible characters are symbols; sentences average ${Math.round(meanLen)} words.`,
  };
}
