import { describe, expect, it } from "vitest";
import { MASKS, mask } from "../../../lambdas/core/legibility/text";

// The masking's definition: each expression replaced globally, in order, each masked span blanked
// with spaces (line breaks kept). `mask` tries each expression only where its first character is.
function reference(text: string): { text: string; maskedChars: number } {
  let out = text;
  let maskedChars = 0;
  for (const [re, needs] of MASKS) {
    if (!text.includes(needs)) continue;
    re.lastIndex = 0;
    out = out.replace(re, (m) => {
      maskedChars += m.length;
      return m.includes("\n") ? m.replace(/[^\n]/g, " ") : " ".repeat(m.length);
    });
  }
  return { text: out, maskedChars };
}

const PIECES = [
  "$",
  "$$",
  "$5",
  "$x$",
  "$ab c$",
  "$7$8",
  "x$",
  "$\n",
  "\t$",
  "_$",
  "1$",
  " $ ",
  "\\$",
  "a$",
  "`",
  "```",
  "~~~",
  "~",
  "\\",
  "\\[",
  "\\]",
  "\\(",
  "\\)",
  "\\frac",
  "{1}",
  "{",
  "}",
  "\\begin{align}",
  "\\end{align}",
  "\\end{eq}",
  "\u27E6",
  "\u27E7",
  "EMAIL_1",
  "SECRET",
  "_2",
  "x",
  "word",
  "5",
  " ",
  "\n",
  "\t",
  "中",
  "é",
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("mask", () => {
  it("blanks exactly what the global replacements blank, on random texts of mask characters", () => {
    const r = rng(7);
    for (let n = 0; n < 20_000; n++) {
      let s = "";
      const len = Math.floor(r() * 40);
      for (let i = 0; i < len; i++) s += PIECES[Math.floor(r() * PIECES.length)]!;
      expect(mask(s)).toEqual(reference(s));
    }
  });

  it("handles long spans, unclosed fences and the 300-character limit of inline maths", () => {
    for (const s of [
      "",
      "no masks here",
      "```js\nlet x = 1;\n",
      "a $" + "y".repeat(299) + "$ b",
      "a $" + "y".repeat(300) + "$ b",
      "$$" + "z".repeat(5000) + "$$",
      "\\begin{a}" + "q".repeat(8001) + "\\end{a} \\begin{b}x\\end{b}",
      "$5 and $6 and $7$",
      "\u27E6EMAIL_1\u27E7\u27E6X_22\u27E7",
    ])
      expect(mask(s)).toEqual(reference(s));
  });
});
