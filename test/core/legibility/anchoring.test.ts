import { describe, expect, it } from "vitest";
import { anchoringSignal } from "../../../lambdas/core/legibility/anchoring";
import { round3 } from "../../../lambdas/core/legibility/language";
import { NUMBER_WORDS } from "../../../lambdas/core/legibility/numberwords";
import { pct, rising } from "../../../lambdas/core/legibility/types";
import { tokenize } from "../../../lambdas/core/legibility/text";

// The scanner against the signal's definition, written with regular expressions.
function numbers(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.match(/\d+(?:,\d{3})*(?:\.\d+)?/g) ?? []) {
    const n = Number(m.replace(/,/g, ""));
    if (Number.isFinite(n)) out.add(String(n));
  }
  return out;
}

function reference(prompt: string, reasoning: string) {
  if (!prompt || reasoning.length < 40) return undefined;
  const want = numbers(prompt);
  if (want.size < 2) return undefined;
  const have = numbers(reasoning);
  for (const w of reasoning.toLowerCase().match(/[a-z]+/g) ?? []) {
    const v = NUMBER_WORDS.get(w);
    if (v !== undefined) have.add(v);
  }
  let found = 0;
  for (const v of want) if (have.has(v)) found++;
  const share = found / want.size;
  return {
    value: round3(share),
    subscore: round3(rising(share, 0, 0.34)),
    explanation:
      share === 0
        ? `None of the prompt's ${want.size} numbers appear in the reasoning${/\d/.test(reasoning) ? "" : ", which contains no digits at all"}.`
        : `${pct(share)} of the prompt's ${want.size} numbers appear in the reasoning.`,
  };
}

const PIECES = [
  "3",
  "16",
  "0",
  "007",
  "12",
  "1,000",
  "1,0000",
  "2,50",
  "3.5",
  "3.",
  ".5",
  "12.50",
  "1,234.5",
  "99999999999999999",
  "1234567890123456",
  "2,000,000",
  "x",
  "eggs",
  "sixteen",
  "Sixteen",
  "SIXTEEN",
  "twelve",
  "dozen",
  "half",
  "twice",
  "three",
  "thre",
  "threee",
  "hundred",
  "thousand",
  "one",
  "on",
  "OnE",
  "ten",
  "tens",
  "İ",
  "\u212A",
  "sIxteen\u0130",
  "\u212Aen",
  "twent\u0130",
  "²",
  "٣",
  "١٢",
  ",",
  ".",
  " ",
  "\n",
  "-",
  "$",
  "%",
  "a",
  "the",
  "twentyfive",
  "5th",
  "don't",
  "ten's",
  "twelve’s",
  "’",
  "'",
  "e\u0301",
  "six\u0301",
  "\u{1D7D9}",
  "\u{1D400}",
  "12\u{1D7D9}",
  "3,5",
  "1.2.3",
];

describe("anchoring", () => {
  it("counts the prompt's numbers like its regular-expression definition", () => {
    let seed = 3;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const text = (n: number) => {
      let s = "";
      for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)]! + (rnd() < 0.7 ? " " : "");
      return s;
    };
    let checked = 0;
    for (let k = 0; k < 20_000; k++) {
      const prompt = text(2 + Math.floor(rnd() * 12));
      // The same prompt again, now and then (the last prompt's numbers are kept).
      for (let r = rnd() < 0.2 ? 2 : 1; r > 0; r--) {
        const reasoning = text(Math.floor(rnd() * 60));
        const want = reference(prompt, reasoning);
        if (want) checked++;
        expect(anchoringSignal(prompt, reasoning)).toEqual(want);
        // Token by token (as for an unmasked one-window part) gives the same.
        expect(anchoringSignal(prompt, reasoning, tokenize(reasoning))).toEqual(want);
      }
    }
    expect(checked).toBeGreaterThan(5_000);
  });
});
