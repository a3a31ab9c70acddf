import { describe, expect, it } from "vitest";
import { sentences, tokenize, tokenizedSentences } from "../../../lambdas/core/legibility/text";

// The tokeniser finds the sentences on the way; `sentences` (over the finished tokens) defines them.
const PIECES = [
  "a",
  "Ab",
  "word",
  ".",
  "!",
  "?",
  "...",
  "。",
  "！",
  "\n",
  " ",
  "\r",
  "\t",
  "5",
  "3.5",
  "1,000",
  ",",
  "：",
  "中",
  "😀",
  "\u2028",
  "x.y",
  "é",
  "'",
  "=",
  "…",
  "\u3000",
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const plain = (x: { n: number; start: Int32Array; end: Int32Array; from: Int32Array; to: Int32Array }) => {
  const out: number[][] = [];
  for (let i = 0; i < x.n; i++) out.push([x.start[i]!, x.end[i]!, x.from[i]!, x.to[i]!]);
  return out;
};

describe("tokenizedSentences", () => {
  it("are the sentences of the tokens, on random texts of sentence ends, line breaks and words", () => {
    const r = rng(11);
    for (let n = 0; n < 30_000; n++) {
      let s = "";
      const len = Math.floor(r() * 24);
      for (let i = 0; i < len; i++) s += PIECES[Math.floor(r() * PIECES.length)]!;
      const t = tokenize(s);
      const fused = plain(tokenizedSentences());
      expect(fused).toEqual(plain(sentences(s, t)));
    }
  });

  it("keep a sentence end right after a line break in the sentence before it", () => {
    const s = "a b\n!! c. d";
    const t = tokenize(s);
    const fused = plain(tokenizedSentences());
    expect(fused).toEqual(plain(sentences(s, t)));
    expect(fused[0]).toEqual([0, 6, 0, 3]);
  });
});
