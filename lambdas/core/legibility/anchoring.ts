/**
 * Prompt anchoring (part level): does the reasoning mention the numbers the prompt gives? A legible
 * CoT about "16 eggs" says 16 somewhere (or "sixteen"); reasoning that never does while the prompt
 * has several numbers is talking in a code (e.g. digits replaced by words). Computed once per
 * reasoning part and applied to each of its windows. Neutral when the prompt has fewer than two
 * numbers or the reasoning is very short.
 */
import { type SignalResult, pct, rising } from "./types";
import { round3 } from "./language";

const WORDS =
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(
    " ",
  );
const TENS: Record<string, number> = {
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  half: 0.5,
  twice: 2,
  double: 2,
  triple: 3,
  dozen: 12,
};

/** Number word → its value as a string: one Map lookup per word instead of a list scan. */
const NUMBER_WORDS = new Map<string, string>([
  ...WORDS.map((w, i) => [w, String(i)] as const),
  ...Object.entries(TENS).map(([w, n]) => [w, String(n)] as const),
]);
const DIGITS = /\d+(?:,\d{3})*(?:\.\d+)?/g;
const LETTER_RUN = /[a-z]+/g;
const CASED_RUN = /[A-Za-z\u0130\u212A]+/g;
const PLAIN_RUN = /^[A-Za-z]+$/;

function numbersIn(text: string, withWords: boolean): Set<string> {
  const out = new Set<string>();
  DIGITS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIGITS.exec(text)) !== null) {
    const n = Number(m[0].includes(",") ? m[0].replace(/,/g, "") : m[0]);
    if (Number.isFinite(n)) out.add(String(n));
  }
  if (withWords) {
    // The runs of /[a-z]+/ in text.toLowerCase(), without lower-casing the whole text: only A–Z,
    // İ (→ "i̇") and the Kelvin sign (→ "k") lower-case to ASCII letters, so runs of those, each
    // lower-cased and re-split, are exactly those runs. Number words are 3–9 letters long.
    CASED_RUN.lastIndex = 0;
    while ((m = CASED_RUN.exec(text)) !== null) {
      const run = m[0];
      if (run.length < 3) continue;
      if (PLAIN_RUN.test(run)) {
        if (run.length <= 9) addWord(run.toLowerCase(), out);
        continue;
      }
      for (const w of run.toLowerCase().match(LETTER_RUN) ?? []) addWord(w, out);
    }
  }
  return out;
}

function addWord(w: string, out: Set<string>): void {
  if (w.length < 3 || w.length > 9) return;
  const v = NUMBER_WORDS.get(w);
  if (v !== undefined) out.add(v);
}

export function anchoringSignal(prompt: string | undefined, reasoning: string): SignalResult | undefined {
  if (!prompt || reasoning.length < 40) return undefined;
  const want = numbersIn(prompt, false);
  if (want.size < 2) return undefined;
  const have = numbersIn(reasoning, true);
  let found = 0;
  for (const n of want) if (have.has(n)) found++;
  const share = found / want.size;
  const digits = /\d/.test(reasoning);
  // A third of the prompt's numbers is plenty (not every given number is needed); none is a code.
  const subscore = rising(share, 0, 0.34);
  return {
    value: round3(share),
    subscore: round3(subscore),
    explanation:
      share === 0
        ? `None of the prompt's ${want.size} numbers appear in the reasoning${digits ? "" : ", which contains no digits at all"}.`
        : `${pct(share)} of the prompt's ${want.size} numbers appear in the reasoning.`,
  };
}
