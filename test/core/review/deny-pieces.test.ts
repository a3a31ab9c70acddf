/**
 * The pigeonhole behind the review's fuzzy deny-term search: every stretch within the allowed
 * distance of a term holds one of its pieces intact, swaps of neighbours included, so every
 * single edit of a term, at every place, is found.
 */
import { describe, expect, it } from "vitest";
import { allowedDistance, denyMatcher, termPieces } from "../../../lambdas/core/review/deny";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

/** Every string one edit (insert, delete, substitute, swap of neighbours) away from `t`. */
function oneEdit(t: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= t.length; i++) {
    for (const c of "qz") out.add(t.slice(0, i) + c + t.slice(i));
    if (i < t.length) {
      out.add(t.slice(0, i) + t.slice(i + 1));
      out.add(t.slice(0, i) + (t[i] === "q" ? "z" : "q") + t.slice(i + 1));
      if (i + 1 < t.length && t[i] !== t[i + 1]) out.add(t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2));
    }
  }
  out.delete(t);
  return [...out];
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe("deny-term pieces", () => {
  it("cut k+1 pieces with one character between each two, as even as can be", () => {
    expect(termPieces("nightjar", 1)).toEqual(["nigh", "jar"]);
    expect(termPieces("bluefinchx", 2)).toEqual(["blu", "fin", "hx"]);
    expect(termPieces("kestr", 0)).toEqual(["kestr"]);
    for (let len = 1; len <= 40; len++)
      for (let max = 0; max <= 6; max++) {
        const k = allowedDistance(len, max);
        const p = termPieces("x".repeat(len), k);
        expect(p).toHaveLength(k + 1);
        expect(p.every((x) => x.length >= 1)).toBe(true);
        expect(p.join("").length).toBe(len - k);
      }
  });
  it("a swap of neighbours across the middle of a term is found (it damaged both halves before)", () => {
    const m = denyMatcher(["Nightjar"], [], 2);
    expect(m.find("the nigthjar rollout").map((h) => h.distance)).toEqual([1]);
    expect(m.find("the nihgtjar rollout").map((h) => h.distance)).toEqual([1]);
  });
  it("every single edit of random terms, at every place, is found within distance 1", () => {
    const r = rng(7);
    for (let n = 0; n < 60; n++) {
      const len = 5 + Math.floor(r() * 12);
      let term = "";
      for (let i = 0; i < len; i++) term += ALPHABET[Math.floor(r() * 26)];
      const m = denyMatcher([term], [], 2);
      for (const e of oneEdit(term)) {
        const hits = m.find(`see ${e} here`);
        expect(hits.length, `${term} → ${e}`).toBe(1);
        expect(hits[0]!.distance).toBeLessThanOrEqual(1);
      }
    }
  });
});
