/**
 * "Real words used oddly" (o3-style "disclaim vantage parted illusions marinade"): a word-class
 * bigram model. Each English function word is its own class; content words fall into frequency
 * bands (top 2k, top 10k, known, unknown); numbers, commas and sentence ends are classes. The
 * transition log-probabilities come from the Brown corpus (data/lexicon.ts). Real prose alternates
 * function and content words in regular ways; strings of rare content words with no glue between
 * them are improbable under the model even when every word is in the dictionary.
 * value = mean surprisal in bits per transition; the sub-score falls as it rises.
 */
import { type SignalResult, type WindowAnalysis, falling } from "./types";
import { round3 } from "./language";

/** Bits per transition below which text reads as ordinary prose, and above which as word salad. */
export const ODDNESS_GOOD = 4.6;
export const ODDNESS_BAD = 6.4;

/**
 * Mean surprisal of an English window's word-class transitions, and their number. The window
 * analysis sums them in its English pass (see `englishPass` in windows.ts): each Latin word is its
 * class, numbers, sentence ends and commas are classes, symbols and non-Latin words break the chain.
 */
export function oddnessBits(w: WindowAnalysis): { bits: number; n: number } {
  const { oddBits: sum, oddTransitions: n } = w.english;
  return { bits: n === 0 ? 0 : sum / n, n };
}

/**
 * `x.toFixed(1)` for 0 ≤ x < 1e6, without its general algorithm: x × 10 rounded is the exact
 * choice unless the product is within rounding error of a tie, which goes to `toFixed` itself.
 */
export function fixed1(x: number): string {
  const r = x * 10;
  const f = r - Math.floor(r);
  if (!(x >= 0 && x < 1e6) || Math.abs(f - 0.5) < 1e-6) return x.toFixed(1);
  const n = Math.round(r);
  return `${Math.floor(n / 10)}.${n % 10}`;
}

export function oddnessSignal(w: WindowAnalysis): SignalResult {
  if (w.language !== "en")
    return { value: 0, subscore: 1, explanation: "Not checked: the model is English only." };
  const { bits, n } = oddnessBits(w);
  if (n < 5) return { value: round3(bits), subscore: 1, explanation: "Too few words to judge word order." };
  const conf = Math.min(1, n / 30);
  const subscore = 1 - conf * (1 - falling(bits, ODDNESS_GOOD, ODDNESS_BAD));
  const how =
    bits <= ODDNESS_GOOD
      ? "like ordinary English"
      : bits >= ODDNESS_BAD
        ? "like words strung together at random"
        : "less regular than ordinary English";
  return {
    value: round3(bits),
    subscore: round3(subscore),
    explanation: `Word order is ${how} (${fixed1(bits)} bits per word-class transition; edited English ≈ 4).`,
  };
}
