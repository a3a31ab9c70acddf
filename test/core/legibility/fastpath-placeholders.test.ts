import { describe, expect, it } from "vitest";
import { PLACEHOLDER_RE } from "../../../lambdas/core/placeholder";
import { mask } from "../../../lambdas/core/legibility/text";

// The placeholder mask's definition: the expression replaced globally, each match blanked with
// spaces. `mask` blanks placeholders with a hand-written scan (blankPlaceholders).
function reference(text: string): { text: string; maskedChars: number } {
  let maskedChars = 0;
  const out = text.replace(new RegExp(PLACEHOLDER_RE.source, "g"), (m) => {
    maskedChars += m.length;
    return " ".repeat(m.length);
  });
  return { text: out, maskedChars };
}

const PIECES = [
  "\u27E6",
  "\u27E7",
  "\u27E6EMAIL_1\u27E7",
  "\u27E6SECRET_12\u27E7",
  "\u27E6A_B_3\u27E7",
  "EMAIL",
  "PERSON",
  "A",
  "Z",
  "a",
  "_",
  "__",
  "0",
  "7",
  "42",
  "_9",
  "X1",
  " ",
  "\n",
  "é",
  "中",
  "word",
  ".",
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("placeholder mask", () => {
  it("blanks exactly what the global replacement blanks, on random texts of placeholder pieces", () => {
    const r = rng(11);
    for (let n = 0; n < 30_000; n++) {
      let s = "";
      const len = Math.floor(r() * 24);
      for (let i = 0; i < len; i++) s += PIECES[Math.floor(r() * PIECES.length)]!;
      expect(mask(s)).toEqual(reference(s));
    }
  });

  it("handles the edges of a placeholder", () => {
    for (const s of [
      "\u27E6\u27E7",
      "\u27E6_1\u27E7",
      "\u27E6A_\u27E7",
      "\u27E6A1\u27E7",
      "\u27E6A_1\u27E7",
      "\u27E6AB_1_\u27E7",
      "\u27E6A__1\u27E7",
      "\u27E6a_1\u27E7",
      "\u27E6A_1",
      "x\u27E6A_1\u27E7y\u27E6\u27E6B_22\u27E7\u27E7",
      "\u27E6A_1 \u27E7",
      "\u27E6" + "Q".repeat(5000) + "_1\u27E7",
    ])
      expect(mask(s)).toEqual(reference(s));
  });
});
