import { describe, expect, it } from "vitest";
import { LATIN_PROFILES } from "../../../lambdas/core/legibility/functionwords";
import { profileBitsOf } from "../../../lambdas/core/legibility/functionwords";
import { stopBits } from "../../../lambdas/core/legibility/language";

// The prompt's language detection reads a run's stop-word bits from a small packed table; the
// definition is the profile bits of the lower-cased run.
const reference = (w: string): number => profileBitsOf(w.toLowerCase());

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("stopBits", () => {
  const words = Object.values(LATIN_PROFILES)
    .flat()
    .filter((w) => /^[a-z]+$/.test(w));

  it("gives each profile word its bits, in any case, inside longer text", () => {
    for (const w of words)
      for (const v of [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)]) {
        const text = `12 ${v} .`;
        expect(stopBits(text, 3, 3 + v.length)).toBe(reference(v));
        expect(stopBits(text, 3, 3 + v.length)).not.toBe(0);
      }
  });

  it("gives 0 to prefixes, extensions and random runs that are not profile words", () => {
    const r = rng(5);
    const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const cases: string[] = [];
    for (const w of words) cases.push(w.slice(0, -1), w + "s", "a" + w, w + w, w.slice(1));
    for (let n = 0; n < 50_000; n++) {
      const len = 1 + Math.floor(r() * 12);
      let s = "";
      for (let i = 0; i < len; i++) s += letters[Math.floor(r() * (r() < 0.5 ? 26 : letters.length))];
      cases.push(s);
    }
    for (let n = 0; n < 20_000; n++) {
      // Two-letter and three-letter runs hit the profile words often.
      let s = "";
      for (let i = 0; i < 2 + (n % 2); i++) s += "aeioulnrstdeqcp"[Math.floor(r() * 15)];
      cases.push(s);
    }
    for (const c of cases.filter((x) => x.length > 0)) expect(stopBits(c, 0, c.length)).toBe(reference(c));
  });
});
