/**
 * The lone-word shortcut of the person scan looks the lower-case word after a capitalised one up
 * among PARTICLE's words by a key made of its letters (`particleKey`, five bits a letter): the
 * keys must tell every word of up to five letters apart, and the scan must give the spans of its
 * plain form wherever such a word, a particle or a near miss, follows a name.
 */
import { describe, expect, it } from "vitest";
import {
  PARTICLE_WORDS,
  particleKey,
  personSpans,
  personSpansPlain,
} from "../../../lambdas/core/redact/person";

let seed = 4242;
function rnd(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
function pick<T>(a: readonly T[]): T {
  return a[Math.floor(rnd() * a.length)]!;
}
function randomWord(n: number): string {
  let w = "";
  for (let i = 0; i < n; i++) w += String.fromCharCode(97 + Math.floor(rnd() * 26));
  return w;
}

describe("particleKey", () => {
  it("gives distinct keys to distinct words of up to five letters", () => {
    const seen = new Map<number, string>();
    const words = new Set<string>(PARTICLE_WORDS);
    for (let i = 0; i < 20000; i++) words.add(randomWord(1 + Math.floor(rnd() * 5)));
    for (const p of PARTICLE_WORDS) {
      // near misses: one letter changed, added or dropped
      for (let i = 0; i < p.length; i++) words.add(p.slice(0, i) + "z" + p.slice(i + 1));
      words.add(p.slice(1));
      words.add(p + "a");
    }
    for (const w of words) {
      const k = particleKey(w);
      const other = seen.get(k);
      expect(other === undefined || other === w).toBe(true);
      seen.set(k, w);
    }
  });
});

describe("person scan with particle-like words after a name", () => {
  const names = ["Janet", "Maria", "Smith", "Noort", "Berg", "Katelyn", "So", "Then"];
  const after = [
    ...PARTICLE_WORDS,
    ...PARTICLE_WORDS.map((p) => p + "s"),
    ...PARTICLE_WORDS.map((p) => p.slice(1)),
    "the",
    "we",
    "is",
    "dell",
    "dellas",
    "vans",
    "ibnx",
    "a",
    "zzzzzzz",
    "abcdefghijk",
  ];
  const gaps = [" ", "  ", "\t", " \t "];
  it("matches the plain scan", () => {
    for (let i = 0; i < 4000; i++) {
      let s = pick(names);
      const n = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < n; k++)
        s += pick(gaps) + pick(after) + pick(gaps) + pick([...names, "x", "9", "."]);
      expect(personSpans(s)).toEqual(personSpansPlain(s));
    }
  });
});
