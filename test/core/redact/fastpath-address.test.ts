/**
 * `suffixEnds` (a foreign street word, after a letter, ends just before a place), its street
 * words looked up by their last two characters, against the plain definition on random texts.
 */
import { describe, expect, it } from "vitest";
import {
  ADDRESS,
  PREFIX_ANY,
  SUFFIX_WORDS,
  spaceDigitAnchors,
  suffixEnds,
} from "../../../lambdas/core/redact/address";

function plain(text: string, at: number): boolean {
  return SUFFIX_WORDS.some((w) => {
    const s = at - w.length;
    return s > 0 && text.startsWith(w, s) && /\p{L}/u.test(text[s - 1]!);
  });
}

describe("suffixEnds", () => {
  it("agrees with the plain definition at every place of random texts", () => {
    let seed = 17;
    const r = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pieces = [
      ...SUFFIX_WORDS,
      ..."a|e|t|x|Ü|é| |5|.|-|Puruntie|Koskikatu|are|the|tie|út|str.".split("|"),
    ];
    let hits = 0;
    for (let n = 0; n < 5000; n++) {
      let t = "";
      for (let k = 0, len = 1 + Math.floor(r() * 6); k < len; k++)
        t += pieces[Math.floor(r() * pieces.length)]!;
      for (let at = 0; at <= t.length; at++) {
        const want = plain(t, at);
        if (want) hits++;
        expect(suffixEnds(t, at), `${JSON.stringify(t)} @${at}`).toBe(want);
      }
    }
    expect(hits).toBeGreaterThan(1000);
  });
});

describe("spaceDigitAnchors", () => {
  it("finds the same places as the visit of every ' <digit>' on random texts", () => {
    let seed = 29;
    const r = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const words = [
      ...SUFFIX_WORDS,
      ..."Rua|Via|Calle|Place|Route|Av.|ul.|Al.|Bd|Plac|careful.|Augusta|Main|x|Ü|é|𝐀|tie|út|Puruntie".split(
        "|",
      ),
    ];
    const gaps = [" ", "  ", "\t", "\n", ", ", " + ", " = ", ".", "-", ""];
    const digits = ["5", "12", "7B"];
    const groups = [words, gaps, digits];
    let found = 0;
    let fast = 0;
    let fastFound = 0;
    for (let n = 0; n < 20000; n++) {
      let t = "";
      for (let k = 0, len = 1 + Math.floor(r() * 14); k < len; k++) {
        const g = groups[(k + n) % 3]!;
        t += g[Math.floor(r() * g.length)]!;
      }
      const want = spaceDigitAnchors(t, true);
      found += want.length;
      if (!PREFIX_ANY.test(t)) {
        fast++;
        fastFound += want.length;
      }
      expect(spaceDigitAnchors(t), JSON.stringify(t)).toEqual(want);
    }
    expect(found).toBeGreaterThan(1000);
    expect(fast).toBeGreaterThan(2000);
    expect(fastFound).toBeGreaterThan(300);
    expect(ADDRESS.detect("She lives on Koskikatu 5 in Oulu.", { internalDomains: [] }).length).toBe(1);
  });
});
