/**
 * The review's second round of speed work changes no answer: the distance tables on shared rows
 * give the distances the per-call arrays gave, and NFKC skipped for texts of inert units is
 * what `normalize` gives.
 */
import { describe, expect, it } from "vitest";
import { editDistance, stretchDistance } from "../../../lambdas/core/review/deny";
import { nfkc } from "../../../lambdas/core/review/survival";

/** The distances as first written (per-call arrays, one-character strings): the reference. */
function editReference(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

function stretchReference(text: string, term: string, max: number): number {
  const n = text.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1).fill(0);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= term.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const t = term[i - 1];
    for (let j = 1; j <= n; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (t === text[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && t === text[j - 2] && term[i - 2] === text[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  let best = max + 1;
  for (let j = 0; j <= n; j++) if (prev[j]! < best) best = prev[j]!;
  return best;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe("distances on shared rows", () => {
  it("equal the reference on random words, swaps and near misses", () => {
    const rnd = rng(11);
    const letters = "nightjarbluefcksoe7";
    const word = (len: number) =>
      Array.from({ length: len }, () => letters[Math.floor(rnd() * letters.length)]).join("");
    for (let k = 0; k < 4000; k++) {
      const term = k % 3 === 0 ? "nightjar" : word(2 + Math.floor(rnd() * 12));
      // A text near the term (a swap, a change) or anything, up to 90 letters (rows grow).
      let text = rnd() < 0.5 ? term : word(Math.floor(rnd() * 90));
      if (text.length > 2 && rnd() < 0.5) {
        const i = Math.floor(rnd() * (text.length - 1));
        text = text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
      }
      text = word(Math.floor(rnd() * 6)) + text + word(Math.floor(rnd() * 6));
      const max = Math.floor(rnd() * 4);
      expect(stretchDistance(text, term, max)).toBe(stretchReference(text, term, max));
      const cand = text.slice(0, term.length + Math.floor(rnd() * 3));
      expect(editDistance(cand, term, max)).toBe(editReference(cand, term, max));
      expect(editDistance(term, cand, max)).toBe(editReference(term, cand, max));
    }
  });

  it("find the distances the matcher relies on", () => {
    expect(editDistance("nigthjar", "nightjar", 1)).toBe(1);
    expect(editDistance("nightjar", "nightjar", 1)).toBe(0);
    expect(editDistance("nightowl", "nightjar", 1)).toBe(2);
    expect(stretchDistance("thenigthjarteam", "nightjar", 1)).toBe(1);
    expect(stretchDistance("inches", "bluefinch", 2)).toBe(3);
    expect(stretchDistance("", "jar", 1)).toBe(2);
  });
});

describe("NFKC skipped for inert units", () => {
  it("equals normalize on texts mixing ASCII, inert units, marks, jamo, compatibility forms and surrogates", () => {
    const rnd = rng(29);
    const pool = [
      "a",
      "e",
      " ",
      "≈",
      "–",
      "’",
      "×",
      "é",
      "\u0301", // combining acute: composes with the letter before it
      "\u0308",
      "\u1100", // Hangul leading consonant
      "\u1161", // Hangul vowel: joins the syllable before it
      "\u11A8", // Hangul trailing consonant
      "가",
      "\uAC01",
      "\u3131", // compatibility jamo
      "\uFF21", // full-width A
      "ﬁ",
      "①",
      "\u00A0",
      "\u2009",
      "\u200B",
      "\u0B47",
      "\u0B3E", // Oriya vowel sign AA: composes with U+0B47
      "\u3099",
      "か",
      "\uD83D",
      "\uDE00",
      "李",
      "Å",
      "\u212B", // angstrom sign: NFKC is Å
      "ß",
      "ﾊ",
    ];
    for (let k = 0; k < 20000; k++) {
      const len = 1 + Math.floor(rnd() * 8);
      let s = "";
      for (let i = 0; i < len; i++) s += pool[Math.floor(rnd() * pool.length)];
      expect(nfkc(s)).toBe(s.normalize("NFKC"));
    }
  });

  it("equals normalize next to every unit of the BMP", () => {
    for (let c = 0x80; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [`a${ch}`, `${ch}\u0301`, `${ch}\u1161`, `가${ch}`, `${ch}${ch}`])
        if (nfkc(s) !== s.normalize("NFKC")) expect([c.toString(16), s]).toBe("equal to normalize");
    }
  });
});

describe("author names without a closure per body", () => {
  it("skips holes, non-objects and other roles as before, and names the message's index", async () => {
    const { fieldReasons } = await import("../../../lambdas/core/review/fields");
    // eslint-disable-next-line no-sparse-arrays
    const messages = [, "x", null, { role: "assistant", name: "jroe" }, { role: "user", name: "jroe" }];
    const reasons = fieldReasons({ messages });
    expect(reasons.map((r) => [r.code, r.path])).toEqual([["residual_author_name", "messages[4].name"]]);
    expect(fieldReasons({ messages: [{ role: "system", name: "eval_runner_2" }] })).toEqual([]);
  });
});
