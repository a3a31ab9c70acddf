/**
 * Lexical validity: the share of longer lower-case words (4+ letters; capitalised words may be names) that no English dictionary knows, with
 * glued words ("scuzzbrethren" = two real words run together) counted apart in the explanation.
 * Only meaningful for English windows; other languages get a neutral sub-score and a note.
 */
import { type SignalResult, type WindowAnalysis, falling, pct } from "./types";
import { round3 } from "./language";

export function lexicalSignal(w: WindowAnalysis): SignalResult {
  if (w.language !== "en") {
    return { value: 0, subscore: 1, explanation: "Not checked: the dictionary is English only." };
  }
  // Counted in the window analysis: lower-case words of 4+ letters, those out of the dictionary, glued ones.
  const { longLower: n, unknown: oov, glued } = w.english;
  if (n === 0) return { value: 0, subscore: 1, explanation: "No words of four letters or more to check." };
  const rate = oov / n;
  // Confidence: a handful of words cannot condemn a window.
  const conf = Math.min(1, n / 15);
  const subscore = 1 - conf * (1 - falling(rate, 0.04, 0.35));
  const gluedText = glued > 0 ? `, ${glued} of them look like words glued together` : "";
  return {
    value: round3(rate),
    subscore: round3(subscore),
    explanation: `${pct(rate)} of ${n} longer words are not in the English dictionary${gluedText}.`,
  };
}
