import { describe, expect, it } from "vitest";
import { Kind, packOf, tokenize } from "../../../lambdas/core/legibility/text";
import { V, internToken, reserve } from "../../../lambdas/core/legibility/vocab";

// Short ASCII words and numbers are found in the vocabulary by their packed key instead of by
// comparing characters: the key must say the lower-cased token exactly.
const PIECES = [
  "a",
  "I",
  "the",
  "The",
  "THE",
  "thE",
  "answer",
  "Answer",
  "answers",
  "zzzzzz",
  "zzzzzzz",
  "aaaaaa",
  "b",
  "0",
  "00",
  "000",
  "1",
  "10",
  "100",
  "9999999",
  "99999999",
  "1234567",
  "12345678",
  "3.5",
  "1,000",
  "don't",
  "it’s",
  "é",
  "café",
  "x²",
  "中",
  ".",
  ",",
  " ",
  "\n",
  "=",
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("packed keys", () => {
  it("are equal exactly for equal short tokens (every word of up to 3 letters, numbers of up to 3 digits)", () => {
    const seen = new Map<number, string>();
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const all: string[] = [];
    for (const x of letters) {
      all.push(x);
      for (const y of letters) {
        all.push(x + y);
        for (const z of letters) all.push(x + y + z);
      }
    }
    for (let k = 0; k < 1000; k++) all.push(String(k), "0" + k, "00" + k);
    for (const w of ["zzzzzz", "aaaaaa", "abcdef", "9999999", "0000000", "1234567"]) all.push(w);
    for (const w of all) {
      const k = packOf(w);
      expect(k, w).not.toBe(0);
      expect(seen.get(k) ?? w, w).toBe(w);
      seen.set(k, w);
    }
    for (const w of ["", "abcdefg", "12345678", "Ab", "a1", "1a", "é", "it's", "3.5"])
      expect(packOf(w), w).toBe(0);
  });

  it("are what the tokeniser gives its word and number tokens, and find the same ids", () => {
    const r = rng(21);
    for (let n = 0; n < 4_000; n++) {
      let s = "";
      const len = 1 + Math.floor(r() * 16);
      for (let i = 0; i < len; i++) s += PIECES[Math.floor(r() * PIECES.length)]! + (r() < 0.6 ? " " : "");
      const t = tokenize(s);
      reserve(t.n);
      for (let i = 0; i < t.n; i++) {
        if (t.kind[i] !== Kind.Word && t.kind[i] !== Kind.Num) continue;
        const lower = s.slice(t.start[i], t.end[i]).toLowerCase();
        const pk = t.pack[i]!;
        if (pk !== 0) expect(pk).toBe(packOf(lower));
        // Plain ASCII tokens of the fast paths (ended by an ASCII character that cannot continue
        // them: for numbers, a "." or "," counts when what follows it is not a digit, "42." "5, 6") carry their key.
        const next = s.charCodeAt(t.end[i]!);
        const after = s.charCodeAt(t.end[i]! + 1);
        const fast =
          Number.isNaN(next) ||
          (next < 128 &&
            (t.kind[i] === Kind.Word
              ? next !== 39
              : (next !== 46 && next !== 44) ||
                Number.isNaN(after) ||
                (after < 128 && !(after >= 48 && after <= 57))));
        if (fast && /^(?:[a-z]{1,6}|[0-9]{1,7})$/.test(lower)) expect(pk, lower).toBe(packOf(lower));
        const byKey = internToken(s, t.start[i]!, t.end[i]!, t.hash[i]!, t.flags[i]!, pk);
        const byChars = internToken(s, t.start[i]!, t.end[i]!, t.hash[i]!, t.flags[i]!);
        expect(byKey).toBe(byChars);
        expect(V.str[byKey]).toBe(lower);
      }
    }
  });
});
