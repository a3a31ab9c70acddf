import { describe, expect, it } from "vitest";
import { compact } from "../../../lambdas/core/review/columns";
import { screenCommands } from "../../../lambdas/core/review/commands";
import { numberGates } from "../../../lambdas/core/review/number-gates";

/**
 * `compact` (the screen pass's tables, `columns.ts`): the automaton over classes of characters
 * answers exactly what the table over 128 columns answers, at every unit of any text.
 */

/** A seeded random sequence (no `Math.random`: a failure can be replayed). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * An Aho–Corasick table over ASCII in the form `compact` takes: `((next * 128) << shift) | out`,
 * where `out` is the groups (bits) of the literals ending at the next state.
 */
function wideTable(groups: string[][], shift: number): Int32Array {
  const go: Map<number, number>[] = [new Map()];
  const out: number[] = [0];
  groups.forEach((words, g) => {
    for (const w of words) {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        let t = go[s]!.get(c);
        if (t === undefined) {
          t = go.length;
          go.push(new Map());
          out.push(0);
          go[s]!.set(c, t);
        }
        s = t;
      }
      out[s]! |= 1 << g;
    }
  });
  const next = new Int32Array(go.length * 128);
  const fail = new Int32Array(go.length);
  const order = [0];
  for (let q = 0; q < order.length; q++) {
    const s = order[q]!;
    for (let c = 0; c < 128; c++) {
      const t = go[s]!.get(c);
      const via = s === 0 ? 0 : next[fail[s]! * 128 + c]!;
      if (t === undefined) next[s * 128 + c] = via;
      else {
        next[s * 128 + c] = t;
        fail[t] = via;
        out[t]! |= out[via]!;
        order.push(t);
      }
    }
  }
  const table = new Int32Array(next.length);
  for (let k = 0; k < next.length; k++) table[k] = ((next[k]! * 128) << shift) | out[next[k]!]!;
  return table;
}

const ALPHABET = "abcdeAB -=:/\n\t01";

function randomWord(r: () => number, min: number, max: number): string {
  const n = min + Math.floor(r() * (max - min + 1));
  let w = "";
  for (let i = 0; i < n; i++) w += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return w;
}

describe("compact screen tables", () => {
  it("answer what the 128-column table answers at every unit (random literal sets and texts)", () => {
    const r = rng(20261130);
    for (let round = 0; round < 40; round++) {
      const shift = 1 + Math.floor(r() * 10);
      const groupCount = 1 + Math.floor(r() * Math.min(shift, 5));
      const groups: string[][] = [];
      for (let g = 0; g < groupCount; g++) {
        const words: string[] = [];
        for (let k = 1 + Math.floor(r() * 6); k > 0; k--) words.push(randomWord(r, 1, 6));
        groups.push(words);
      }
      const wide = wideTable(groups, shift);
      const { step, classes, width, states } = compact(wide, 128, shift);
      expect(states).toBeLessThanOrEqual(wide.length / 128);
      expect(width).toBeLessThanOrEqual(128);
      for (let t = 0; t < 30; t++) {
        // Mostly the literals' own characters, some other ASCII units.
        let text = "";
        for (let n = Math.floor(r() * 60); n > 0; n--)
          text +=
            r() < 0.85
              ? ALPHABET[Math.floor(r() * ALPHABET.length)]
              : String.fromCharCode(Math.floor(r() * 128));
        let v = 0;
        let u = 0;
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          v = wide[(v >>> shift) + c]!;
          u = step[(u >>> shift) + classes[c]!]!;
          expect(u & ((1 << shift) - 1)).toBe(v & ((1 << shift) - 1));
        }
      }
    }
  });

  it("merge equivalent states and characters (a table that tells nothing apart is one state, one class)", () => {
    // The answer is on the step: after "ab" (the literal just ended) the automaton steps as from
    // the start, so only the start and "a" are left; classes `a`, `b` and everything else.
    const c = compact(wideTable([["ab"]], 2), 128, 2);
    expect(c.states).toBe(2);
    expect(c.width).toBe(3);
    // With "b" a literal too, "a" answers as the start does on every text: one state, and the
    // characters `b` and the others.
    const d = compact(wideTable([["ab", "b"]], 2), 128, 2);
    expect(d.states).toBe(1);
    expect(d.width).toBe(2);
    const none = compact(new Int32Array(128), 128, 3);
    expect(none.states).toBe(1);
    expect(none.width).toBe(1);
    expect([...none.step]).toEqual([0]);
  });

  it("leave the standalone screens' answers as documented", () => {
    // `screenCommands` and `numberGates` read the compact tables.
    expect(screenCommands("mysql -pX")).toBe(1);
    expect(screenCommands("the api token")).toBe(2);
    expect(screenCommands("nothing here")).toBe(0);
    expect(numberGates("call 555 123 4567")).toBe(3);
    expect(numberGates("ABCDEF")).toBe(4);
    expect(numberGates("abc 12 x")).toBe(0);
  });
});
