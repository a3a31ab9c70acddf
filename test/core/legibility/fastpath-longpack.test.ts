import { describe, expect, it } from "vitest";
import { Kind, longPackHi, longPackLo, packOf } from "../../../lambdas/core/legibility/text";
import { R_PACK, R_PACK2, SHIFT, V } from "../../../lambdas/core/legibility/vocab";
import { analyseWindow } from "../../../lambdas/core/legibility/windows";
import { partCounters } from "../../../lambdas/core/legibility/repetition";

// Words of 7–12 ASCII letters are found in the vocabulary by two packed keys read from their code
// units (no call, no character comparison): the keys must say the lower-cased word exactly, and the
// window analysis must give each such token the id of its own lower-cased text.

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("long packed keys", () => {
  it("are set for 7–12 letters a–z only, and differ from every short key", () => {
    for (const w of ["abcdefg", "zzzzzzzzzzzz", "answers", "therefore", "multiplying"]) {
      expect(longPackHi(w), w).not.toBe(0);
      expect(longPackLo(w) < 0, w).toBe(true); // bit 31: never a short word's or a number's key
    }
    for (const w of [
      "",
      "abcdef",
      "abcdefghijklm",
      "Answers",
      "answer's",
      "1234567",
      "café-au",
      "answers1",
    ]) {
      expect(longPackHi(w), w).toBe(0);
      expect(longPackLo(w), w).toBe(0);
    }
    expect(packOf("abcdef") | 0).not.toBe(longPackLo("abcdefg"));
  });

  it("are equal exactly for equal words", () => {
    const r = rng(3);
    const seen = new Map<string, string>();
    for (let n = 0; n < 50_000; n++) {
      const len = 7 + Math.floor(r() * 6);
      let w = "";
      for (let i = 0; i < len; i++) w += "abcdefghijklmnopqrstuvwxyz"[Math.floor(r() * (r() < 0.5 ? 3 : 26))];
      const key = `${longPackLo(w)}:${longPackHi(w)}`;
      expect(seen.get(key) ?? w).toBe(w);
      seen.set(key, w);
    }
  });

  it("find each long word's own entry in the window analysis", () => {
    const r = rng(8);
    const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let stamp = 1 << 20;
    let long = 0;
    for (let k = 0; k < 300; k++) {
      const words: string[] = [];
      for (let i = 0; i < 60; i++) {
        const len = 1 + Math.floor(r() * 14);
        let w = "";
        // Few letters often, so that words recur in other cases and lengths.
        for (let j = 0; j < len; j++) w += letters[Math.floor(r() * (r() < 0.7 ? 2 : letters.length))];
        words.push(w, r() < 0.1 ? "don't" : r() < 0.1 ? "3.5" : ",");
      }
      const text = words.join(" ");
      const c = partCounters(text.length);
      const ctx = { expected: "en", fromPrompt: true, ...c, partStamp: ++stamp, wordIdCount: 0 };
      const w = analyseWindow(text, 0, ctx);
      const t = w.tokens;
      for (let i = 0; i < t.n; i++) {
        if (t.kind[i] !== Kind.Word) continue;
        const lower = text.slice(t.start[i], t.end[i]).toLowerCase();
        const id = w.tokenId[i]!;
        expect(V.str[id]).toBe(lower);
        if (longPackHi(lower) !== 0) {
          long++;
          expect(V.rec[(id << SHIFT) + R_PACK]).toBe(longPackLo(lower));
          expect(V.rec[(id << SHIFT) + R_PACK2]).toBe(longPackHi(lower));
        }
      }
    }
    expect(long).toBeGreaterThan(1000);
  });
});
