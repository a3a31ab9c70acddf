/**
 * Structure: the share of symbols among visible characters (after code and maths are masked) and the
 * mean sentence length. Arithmetic ("30/6 = 5") is normal in reasoning, so only a high symbol share
 * or run-on "sentences" of 60+ words count against a window.
 */
import { Kind } from "./text";
import { type SignalResult, type WindowAnalysis, falling, pct } from "./types";
import { round3 } from "./language";

export function structureSignal(w: WindowAnalysis): SignalResult {
  let visible = 0;
  let sym = 0;
  for (const t of w.tokens) {
    visible += t.text.length;
    if (t.kind === Kind.Sym) sym += t.text.length;
  }
  if (visible === 0)
    return { value: 0, subscore: 1, explanation: "Nothing to check once code and maths are set aside." };
  const symRatio = sym / visible;
  let words = 0;
  let sents = 0;
  for (const s of w.sentences) {
    let n = 0;
    for (let i = s.from; i < s.to; i++) if (w.tokens[i]!.kind === Kind.Word) n++;
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
