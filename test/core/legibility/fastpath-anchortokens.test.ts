import { describe, expect, it } from "vitest";
import { anchoringSignal } from "../../../lambdas/core/legibility/anchoring";
import { partCounters } from "../../../lambdas/core/legibility/repetition";
import { Kind, TOKEN_APOS, TOKEN_NON_ASCII, tokenize } from "../../../lambdas/core/legibility/text";
import { analyseWindow } from "../../../lambdas/core/legibility/windows";
import { NUMBER_WORDS } from "../../../lambdas/core/legibility/numberwords";

// Anchoring over an unmasked one-window part reads only the tokens the window analysis lists; the
// definition is every token (tested against the regular expressions in anchoring.test.ts).
const PIECES = [
  "3",
  "16",
  "1,000",
  "2.5",
  "sixteen",
  "Sixteen",
  "THREE",
  "three",
  "thre",
  "threes",
  "twenty",
  "twenty-one",
  "hundred",
  "one",
  "On",
  "ten",
  "don't",
  "it’s",
  "seven's",
  "naïve",
  "İ",
  "\u212Aen",
  "sIxteen\u0130",
  "eggs",
  "the",
  "and",
  "中文",
  "=",
  ".",
  "\n",
  "$",
  "x",
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("anchoring over the listed tokens", () => {
  it("lists exactly the numbers, number words and words with a non-ASCII character or apostrophe", () => {
    const ctx = { expected: "en", fromPrompt: false, ...partCounters(), partStamp: -7, wordIdCount: 0 };
    const s = "Sixteen eggs, 3 hens and it’s naïve: twenty 2.5 the ten.";
    const w = analyseWindow(s, 0, ctx);
    const listed = Array.from(w.anchorTokens.at.subarray(0, w.anchorTokens.n));
    const t = tokenize(s);
    const want: number[] = [];
    for (let i = 0; i < t.n; i++) {
      const k = t.kind[i]!;
      const word = s.slice(t.start[i], t.end[i]).toLowerCase();
      if (
        k === Kind.Num ||
        (k === Kind.Word && ((t.flags[i]! & (TOKEN_NON_ASCII | TOKEN_APOS)) !== 0 || NUMBER_WORDS.has(word)))
      )
        want.push(i);
    }
    expect(listed).toEqual(want);
  });

  it("finds what reading every token finds, on random texts", () => {
    const r = rng(9);
    const text = (n: number) => {
      let s = "";
      for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)]! + (r() < 0.7 ? " " : "");
      return s;
    };
    let checked = 0;
    for (let k = 0; k < 5_000; k++) {
      const prompt = text(2 + Math.floor(r() * 10));
      const reasoning = text(Math.floor(r() * 60));
      const ctx = { expected: "en", fromPrompt: false, ...partCounters(), partStamp: -8 - k, wordIdCount: 0 };
      const w = analyseWindow(reasoning, 0, ctx);
      const listed = anchoringSignal(prompt, reasoning, w.tokens, w.anchorTokens);
      const all = anchoringSignal(prompt, reasoning, w.tokens);
      expect(listed).toEqual(all);
      expect(listed).toEqual(anchoringSignal(prompt, reasoning));
      if (listed && listed.value > 0) checked++;
    }
    expect(checked).toBeGreaterThan(500);
  });
});
