import { describe, expect, it } from "vitest";
import { pack91, unpack91 } from "../../lambdas/core/pack";

describe("pack91 / unpack91: bytes as text for the bundles' built-in data", () => {
  it("gives back every byte string, of every length to 300 and a large one", () => {
    let x = 12345;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    for (let n = 0; n <= 300; n++) {
      const b = Uint8Array.from({ length: n }, rnd);
      expect(Array.from(unpack91(pack91(b))), `length ${n}`).toEqual(Array.from(b));
    }
    const big = Uint8Array.from({ length: 100_000 }, rnd);
    expect(Buffer.from(unpack91(pack91(big))).equals(Buffer.from(big))).toBe(true);
    // All zeros and all ones (the alphabet's first and last characters).
    for (const v of [0, 255]) {
      const b = new Uint8Array(77).fill(v);
      expect(Array.from(unpack91(pack91(b)))).toEqual(Array.from(b));
    }
  });

  it("writes text that sits in a quoted literal as it is, 1.23 characters a byte", () => {
    const b = Uint8Array.from({ length: 13_000 }, (_, i) => (i * 7919) & 255);
    const t = pack91(b);
    expect(t).toMatch(/^[!#-&(-[\]-~]*$/);
    expect(t.length / b.length).toBeCloseTo(16 / 13, 2);
  });

  it("rejects a character outside the alphabet", () => {
    expect(() => unpack91('ab"d')).toThrow(/outside the alphabet/);
    expect(() => unpack91("abcé")).toThrow(/outside the alphabet/);
    expect(() => unpack91("ab c")).toThrow(/outside the alphabet/);
  });
});
