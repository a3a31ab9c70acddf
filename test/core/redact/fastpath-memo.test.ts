/**
 * person.ts's word memo (open addressing by a 32-bit hash of the word's code units): every word
 * kept is found again, by content and place in the text, whatever the collisions, the growth and
 * the emptying at its bound; a word never kept is not found.
 */
import { describe, expect, it } from "vitest";
import { WordMemo } from "../../../lambdas/core/redact/person";

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

describe("WordMemo", () => {
  it("finds what it keeps, checks each hit by content, and stays within its bound", () => {
    const memo = new WordMemo<{ word: string; n: number }>(1024);
    const kept = new Map<string, number>();
    let seed = 7;
    const r = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    // "Aa" and "BB" share a hash (×31): collisions must not confuse the words.
    const words = ["Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa"];
    for (let i = 0; i < 3000; i++) words.push(`W${Math.floor(r() * 1e6).toString(36)}`);
    let n = 0;
    for (const w of words) {
      const text = `x ${w} y`;
      const got = memo.get(text, 2, 2 + w.length, hash(w));
      if (got) {
        expect(got.word).toBe(w);
        expect(got.n).toBe(kept.get(w));
      } else {
        const f = { word: w, n: n++ };
        memo.add(hash(w), f);
        kept.set(w, f.n);
      }
      expect(memo.size).toBeLessThanOrEqual(512);
      expect(memo.hashes.length).toBeLessThanOrEqual(1024);
    }
    // The last words kept (since the memo was last emptied) are found; others by their own content only.
    const w = words[words.length - 1]!;
    expect(memo.get(`${w}!`, 0, w.length, hash(w))?.word).toBe(w);
    expect(memo.get("Ab", 0, 2, hash("Ab"))).toBeUndefined();
    const small = new WordMemo<{ word: string }>(16);
    expect(hash("Aa")).toBe(hash("BB"));
    small.add(hash("Aa"), { word: "Aa" });
    small.add(hash("BB"), { word: "BB" });
    expect(small.get("xBB", 1, 3, hash("BB"))?.word).toBe("BB");
    expect(small.get("Aa", 0, 2, hash("Aa"))?.word).toBe("Aa");
    expect(small.get("Ab", 0, 2, hash("Aa"))).toBeUndefined();
  });

  it("keeps every word through growth (the code-unit pool and the table grow)", () => {
    const memo = new WordMemo<{ word: string }>(1 << 14);
    const words = Array.from({ length: 3000 }, (_, i) => `Name${i}x${"y".repeat(i % 17)}`);
    for (const w of words) memo.add(hash(w), { word: w });
    for (const w of words) expect(memo.get(`(${w})`, 1, 1 + w.length, hash(w))?.word).toBe(w);
    expect(memo.get("Name1x", 0, 6, hash("Name1x"))).toBeUndefined();
  });
});
