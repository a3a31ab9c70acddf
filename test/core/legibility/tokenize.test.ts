import { describe, expect, it } from "vitest";
import {
  Kind,
  TOKEN_NON_ASCII,
  sentences,
  tokenize,
  tokenizedSentences,
  tokenizedUnits,
  unitsOf,
} from "../../../lambdas/core/legibility/text";
import { V, internToken, probeShift } from "../../../lambdas/core/legibility/vocab";
import { analyseWindow } from "../../../lambdas/core/legibility/windows";
import { partCounters } from "../../../lambdas/core/legibility/repetition";

// The tokeniser's definition, as a regular expression: the scanner must find exactly its matches.
const SPEC =
  /(\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*)|(\p{N}+(?:[.,]\p{N}+)*)|([.!?。！？]+)|([,;:，；：])|(\S)/gu;

function byRegex(text: string): number[][] {
  const out: number[][] = [];
  for (const m of text.matchAll(SPEC)) {
    const kind =
      m[1] !== undefined ? 0 : m[2] !== undefined ? 1 : m[3] !== undefined ? 2 : m[4] !== undefined ? 3 : 4;
    out.push([kind, m.index, m.index + m[0].length]);
  }
  return out;
}

function byScanner(text: string): number[][] {
  const t = tokenize(text);
  return Array.from({ length: t.n }, (_, i) => [t.kind[i]!, t.start[i]!, t.end[i]!]);
}

const PIECES = [
  "a",
  "Z",
  "é",
  "e\u0301",
  "\u0301",
  "'",
  "’",
  "1",
  "٣",
  "²",
  "½",
  ".",
  ",",
  "!",
  "?",
  "。",
  "，",
  ";",
  ":",
  " ",
  "\n",
  "\u00a0",
  "\u3000",
  "\u{1d400}",
  "\u{1d7d9}",
  "\ud835",
  "\udc00",
  "\u{1f600}",
  "-",
  "$",
  "所",
  "İ",
  "\u212a",
  "\t",
  "\u200b",
  "\ufeff",
  "ß",
];

describe("tokenize", () => {
  it("finds exactly the matches of its regular expression on random mixtures", () => {
    let seed = 42;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let k = 0; k < 20_000; k++) {
      let s = "";
      const n = Math.floor(rnd() * 24);
      for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
      expect(byScanner(s), JSON.stringify(s)).toEqual(byRegex(s));
    }
  });
  it("agrees with it for every BMP code unit in word, number and sentence-end contexts", () => {
    for (let c = 0; c < 0x10000; c += 1) {
      const ch = String.fromCharCode(c);
      const s = `a${ch}b 1${ch}2 .${ch}x'${ch} ${ch}${ch}`;
      const a = byScanner(s);
      const b = byRegex(s);
      if (JSON.stringify(a) !== JSON.stringify(b)) expect(a, `U+${c.toString(16)}`).toEqual(b);
    }
  });
  it("gives the same tokens and sentences when it reads ahead in the vocabulary", () => {
    // The window analysis lets the tokeniser read each token's first vocabulary slot (a prefetch):
    // with or without the table, every array it fills must be the same.
    let seed = 99;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pieces = [...PIECES, "The", "answer", "Answers", "12345678", "3.5", "don't", "it’s"];
    const snapshot = (t: ReturnType<typeof tokenize>) => {
      const s = tokenizedSentences();
      const rows: number[][] = [];
      // (The hash says something of word and number tokens only, and not of those flagged non-ASCII.)
      for (let i = 0; i < t.n; i++)
        rows.push([
          t.kind[i]!,
          t.start[i]!,
          t.end[i]!,
          t.kind[i]! <= Kind.Num && (t.flags[i]! & TOKEN_NON_ASCII) === 0 ? t.hash[i]! : 0,
          t.flags[i]!,
          t.pack[i]!,
        ]);
      for (let i = 0; i < s.n; i++) rows.push([s.start[i]!, s.end[i]!, s.from[i]!, s.to[i]!]);
      return rows;
    };
    for (let k = 0; k < 5_000; k++) {
      let s = "";
      const n = Math.floor(rnd() * 30);
      for (let i = 0; i < n; i++) s += pieces[Math.floor(rnd() * pieces.length)] + (rnd() < 0.5 ? " " : "");
      const plain = snapshot(tokenize(s));
      const ahead = snapshot(tokenize(s, V.rec, probeShift()));
      expect(ahead, JSON.stringify(s)).toEqual(plain);
    }
  });
  it("copies a text's code units exactly, and interns through them as through the text", () => {
    let seed = 5;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pieces = [...PIECES, "The", "answers", "ANSWERS", "Everything", "12345678", "x".repeat(50)];
    for (let k = 0; k < 3_000; k++) {
      let s = "";
      const n = Math.floor(rnd() * (k % 100 === 0 ? 3_000 : 30));
      for (let i = 0; i < n; i++) s += pieces[Math.floor(rnd() * pieces.length)] + (rnd() < 0.5 ? " " : "");
      const units = unitsOf(s);
      for (let i = 0; i < s.length; i++)
        if (units[i] !== s.charCodeAt(i))
          expect(units[i], `${JSON.stringify(s)} at ${i}`).toBe(s.charCodeAt(i));
      const t = tokenize(s);
      expect(tokenizedUnits()).toBe(unitsOf(s));
      for (let i = 0; i < t.n; i++) {
        if (t.kind[i] !== Kind.Word && t.kind[i] !== Kind.Num) continue;
        const args = [s, t.start[i]!, t.end[i]!, t.hash[i]!, t.flags[i]!] as const;
        expect(internToken(...args, 0, unitsOf(s))).toBe(internToken(...args));
      }
    }
  });
  it("interns each word and number token as its lower-cased text", () => {
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pieces = [
      ...PIECES,
      "The",
      "THE",
      "the",
      "Don't",
      "don't",
      "12",
      "1,000",
      "x",
      "X",
      "Σ",
      "ΑΣ",
      "long" + "wordwithoutend",
    ];
    for (let k = 0; k < 5_000; k++) {
      let s = "";
      const n = Math.floor(rnd() * 30);
      for (let i = 0; i < n; i++) s += pieces[Math.floor(rnd() * pieces.length)];
      const t = tokenize(s);
      for (let i = 0; i < t.n; i++) {
        if (t.kind[i] !== Kind.Word && t.kind[i] !== Kind.Num) continue;
        const id = internToken(s, t.start[i]!, t.end[i]!, t.hash[i]!, t.flags[i]!);
        expect(V.str[id]).toBe(s.slice(t.start[i]!, t.end[i]!).toLowerCase());
      }
    }
  });
  it("finds a word or number token exactly when the text has a letter or digit", () => {
    let seed = 13;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const ctx = { expected: "en", fromPrompt: false, ...partCounters(), partStamp: -1, wordIdCount: 0 };
    for (let k = 0; k < 20_000; k++) {
      let s = "";
      const n = 1 + Math.floor(rnd() * 6);
      for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
      const w = analyseWindow(s, 0, ctx);
      const letterOrDigit = /[\p{L}\p{N}]/u.test(s);
      if (w.nPartIds > 0 !== letterOrDigit) expect(w.nPartIds > 0, JSON.stringify(s)).toBe(letterOrDigit);
    }
  });
  it("ends sentences where the text has a sentence end and a space, or a line break", () => {
    // The definition: an end run followed by whitespace (or the end, or a CJK end) closes a
    // sentence; a line feed anywhere between two tokens closes one before the second.
    const reference = (text: string): number[][] => {
      const t = tokenize(text);
      const out: number[][] = [];
      let from = 0;
      const close = (to: number) => {
        if (to > from) out.push([from, to]);
        from = to;
      };
      for (let i = 0; i < t.n; i++) {
        if (t.kind[i] === Kind.End) {
          const after = text[t.end[i]!];
          if (after === undefined || /[ \n\r\t]/.test(after) || text.charCodeAt(t.start[i]!) > 0x3000)
            close(i + 1);
        } else if (i > from && text.slice(t.end[i - 1]!, t.start[i]!).includes("\n")) close(i);
      }
      close(t.n);
      return out;
    };
    let seed = 17;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pieces = [...PIECES, " \n ", "\r\n", "\n\n", ". ", "。", "e.g.", "x"];
    for (let k = 0; k < 20_000; k++) {
      let s = "";
      const n = Math.floor(rnd() * 30);
      for (let i = 0; i < n; i++) s += pieces[Math.floor(rnd() * pieces.length)];
      const t = tokenize(s);
      const got = sentences(s, t);
      const mine = Array.from({ length: got.n }, (_, i) => [got.from[i]!, got.to[i]!]);
      const want = reference(s);
      if (JSON.stringify(mine) !== JSON.stringify(want)) expect(mine, JSON.stringify(s)).toEqual(want);
    }
  });
});
