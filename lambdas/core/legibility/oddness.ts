/**
 * "Real words used oddly" (o3-style "disclaim vantage parted illusions marinade"): a word-class
 * bigram model. Each English function word is its own class; content words fall into frequency
 * bands (top 2k, top 10k, known, unknown); numbers, commas and sentence ends are classes. The
 * transition log-probabilities come from the Brown corpus (data/lexicon.ts). Real prose alternates
 * function and content words in regular ways; strings of rare content words with no glue between
 * them are improbable under the model even when every word is in the dictionary.
 * value = mean surprisal in bits per transition; the sub-score falls as it rises.
 */
import { C_BOS, C_COMMA, C_END, C_NUM, N_CLASSES } from "./classes";
import { dictionary } from "./dictionary";
import { Kind } from "./text";
import { type SignalResult, type WindowAnalysis, falling } from "./types";
import { round3 } from "./language";
import { R_SC, SHIFT, V } from "./vocab";

// Imported bindings read per token, as module-local constants (see windows.ts).
const K_WORD = Kind.Word;
const K_NUM = Kind.Num;
const K_END = Kind.End;
const K_COMMA = Kind.Comma;
const V_ = V;
const BOS = C_BOS;
const NUM = C_NUM;
const END = C_END;
const COMMA = C_COMMA;
const NC = N_CLASSES;
const SC = R_SC; // the word class in the high 16 bits
const SH = SHIFT;

/** Bits per transition below which text reads as ordinary prose, and above which as word salad. */
export const ODDNESS_GOOD = 4.6;
export const ODDNESS_BAD = 6.4;

export function oddnessBits(w: WindowAnalysis): { bits: number; n: number } {
  const { codes, bits: codeBits } = dictionary().transitions;
  const { kind } = w.tokens;
  const rec = V_.rec;
  let prev = BOS;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < w.tokens.n; i++) {
    const k = kind[i]!;
    let c: number;
    if (k === K_WORD) {
      if (w.tokenLatin[i] === 0) {
        prev = -1;
        continue;
      }
      c = rec[(w.tokenId[i]! << SH) + SC]! >> 16;
    } else if (k === K_NUM) c = NUM;
    else if (k === K_END) c = END;
    else if (k === K_COMMA) c = COMMA;
    else {
      prev = -1; // symbols (=, +, /, parentheses) break the chain: maths is not prose
      continue;
    }
    if (prev >= 0 && !(prev === NUM && c === NUM)) {
      sum += codeBits[codes[prev * NC + c]!]!;
      n++;
    }
    prev = c === END ? BOS : c;
  }
  return { bits: n === 0 ? 0 : sum / n, n };
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
    explanation: `Word order is ${how} (${bits.toFixed(1)} bits per word-class transition; edited English ≈ 4).`,
  };
}
