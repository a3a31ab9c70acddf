import { describe, expect, it } from "vitest";
import { PartCounts } from "../../../lambdas/core/legibility/repetition";

// The typed-array counter against a Map, over parts of very different sizes (tables grow, are
// reused by later parts, and must forget everything between parts).
function check(c: PartCounts, rnd: () => number, parts: number): void {
  let wrong = 0;
  let bumps = 0;
  for (let part = 0; part < parts; part++) {
    c.reset(rnd() < 0.5 ? 0 : rnd() * 5000);
    const ref = new Map<number, number>();
    const n = rnd() < 0.8 ? Math.floor(rnd() * 300) : Math.floor(rnd() * 20_000);
    const distinct = 1 + Math.floor(rnd() * n);
    for (let i = 0; i < n; i++) {
      const h = Math.imul(Math.floor(rnd() * distinct) + part, 0x9e3779b1) | 0;
      const before = ref.get(h) ?? 0;
      if (c.bump(h) !== Math.min(before, 255)) wrong++;
      bumps++;
      ref.set(h, before + 1);
    }
  }
  expect({ wrong, some: bumps > 0 }).toEqual({ wrong: 0, some: true });
}

describe("PartCounts", () => {
  it("counts a batch like one key at a time", () => {
    let seed = 8;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const a = new PartCounts(6);
    const b = new PartCounts(6);
    for (let part = 0; part < 200; part++) {
      const size = rnd() * 3000;
      a.reset(size);
      b.reset(size);
      for (let batch = 0; batch < 4; batch++) {
        const n = Math.floor(rnd() * 2000);
        const keys = new Int32Array(n);
        const distinct = 1 + Math.floor(rnd() * n);
        for (let i = 0; i < n; i++) keys[i] = Math.imul(Math.floor(rnd() * distinct), 0x9e3779b1);
        let want = 0;
        for (let i = 0; i < n; i++) if (b.bump(keys[i]!) >= 2) want++;
        expect(a.bumpAll(keys, n)).toBe(want);
      }
    }
  });
  it("counts like a Map, part after part", () => {
    let seed = 5;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    check(new PartCounts(9), rnd, 300);
    check(new PartCounts(6), rnd, 300);
  });
  it("still counts after its generation stamps wrap", () => {
    let seed = 9;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const c = new PartCounts(6);
    check(c, rnd, 5);
    for (let i = 0; i < 1 << 23; i++) c.reset();
    check(c, rnd, 20);
  });
});
