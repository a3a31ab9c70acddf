/**
 * Function-word density: the share of words that are closed-class English words (the, of, is, so…).
 * Fluent prose sits near 45 %; terse-but-followable reasoning (gpt-oss: "She eats 3, bakes 4 =>
 * uses 7") near 25–35 %, which is still fully legible, so the sub-score only falls below ~18 %, where
 * text stops reading as sentences (word lists, token soup, telegraphic codes).
 */
import { type SignalResult, type WindowAnalysis, pct, rising } from "./types";
import { round3 } from "./language";

export function functionWordSignal(w: WindowAnalysis): SignalResult {
  if (w.language !== "en")
    return { value: 0, subscore: 1, explanation: "Not checked: the word list is English only." };
  const n = w.nWords;
  if (n === 0) return { value: 0, subscore: 1, explanation: "No words to check." };
  const f = w.english.functionWords; // counted in the window analysis
  const d = f / n;
  const conf = Math.min(1, n / 40);
  const subscore = 1 - conf * (1 - rising(d, 0.03, 0.15));
  return {
    value: round3(d),
    subscore: round3(subscore),
    explanation: `${pct(d)} of words are function words (fluent English ≈ 45 %, terse notes ≈ 25–35 %).`,
  };
}
