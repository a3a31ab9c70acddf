/**
 * `suffixEnds` (a foreign street word, after a letter, ends just before a place), its street
 * words looked up by their last two characters, against the plain definition on random texts.
 */
import { describe, expect, it } from "vitest";
import { SUFFIX_WORDS, suffixEnds } from "../../../lambdas/core/redact/address";

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
