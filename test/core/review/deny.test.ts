import { describe, expect, it } from "vitest";
import {
  denyMatcher,
  joinedFolded,
  SCREEN_HINT,
  SCREEN_PIECE,
  SCREEN_RUN,
  tokenize,
} from "../../../lambdas/core/review/deny";
import { findKeywordHits, KEYWORD_GATE } from "../../../lambdas/core/review/keywords";
import { longRuns } from "../../../lambdas/core/review/secrets";

/** A deterministic mix of what folding treats specially: case, LEET, look-alikes, marks, jamo, Σ… */
const PIECES = [
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@$ -_.,:'\n",
  "а",
  "А",
  "е",
  "Е",
  "о",
  "ѕ",
  "ı",
  "İ",
  "α",
  "Α",
  "ω",
  "Ω",
  "Σ",
  "σ",
  "ς",
  "ß",
  "é",
  "e\u0301",
  "\u0301",
  "\u200B",
  "\u00AD",
  "\uFEFF",
  "ﬁ",
  "Ｋ",
  "K",
  "½",
  "²",
  "ǅ",
  "가",
  "\u1100",
  "\u1161",
  "\u3131",
  "\u314F",
  "中",
  "≈",
  "–",
  "⟦",
  "😀",
  "\uD800",
  "\u0F71",
  "\u0F72",
  "ٴ",
  "ｶ",
  "ﾞ",
];
function sample(n: number, seed: number): string[] {
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let t = "";
    const len = 1 + (i % 30);
    for (let k = 0; k < len; k++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      t += PIECES[(s >>> 8) % PIECES.length];
    }
    out.push(t);
  }
  return out;
}

describe("deny: the joined folded words", () => {
  it("equal the tokenised words joined, or are left to the full path", () => {
    let built = 0;
    for (const t of sample(5000, 3)) {
      const j = joinedFolded(t);
      if (j === undefined) continue;
      built++;
      expect(j, JSON.stringify(t)).toBe(tokenize(t).join(""));
    }
    expect(built).toBeGreaterThan(1000);
  });
  it("are left to the full path where neighbours matter (Σ, jamo, surrogates)", () => {
    expect(joinedFolded("ΑΣ")).toBeUndefined();
    expect(joinedFolded("\u1100\u1161")).toBeUndefined();
    expect(joinedFolded("😀")).toBeUndefined();
    expect(joinedFolded("Fa1con ﬁx Ｋé")).toBe("falconfixke");
  });
});

describe("deny: the piece screen keeps every match", () => {
  const m = denyMatcher(["Nightjar", "Kestrel-7", "Project Bluefinch"], [], 2);
  it.each([
    "N i g h t j a r",
    "NIGHTJ4R",
    "nіghtjаr", // Cyrillic і and а
    "nigh\u200Btjar",
    "ｎｉｇｈｔｊａｒ",
    "Nig\u0301htjar",
    "Kestrel 7",
    "kestrelt",
    "Project Bluefinsh",
    "ProjectBlueFinch",
    "ΣΣ Nightjar ΣΣ",
    "😀Nightjar😀",
    "가Nightjar",
  ])("%s", (t) => {
    expect(m.find(t).length).toBeGreaterThan(0);
  });
});

describe("deny: matchers are reused per policy", () => {
  it("sees a term list changed in place", () => {
    const terms = ["Nightjar"];
    expect(denyMatcher(terms, [], 2).find("Kestrel")).toEqual([]);
    terms[0] = "Kestrel";
    expect(denyMatcher(terms, [], 2).find("Kestrel")).toEqual([{ term: 0, distance: 0 }]);
    terms.push("Orion");
    expect(denyMatcher(terms, [], 2).find("Orion")).toEqual([{ term: 1, distance: 0 }]);
  });
});

describe("deny: one screen for the pieces and the secret scan's runs", () => {
  const withTerms = denyMatcher(["Nightjar", "Kestrel-7", "Project Bluefinch"], ["GPT-4o"], 2);
  const without = denyMatcher([], [], 2);
  // Texts that mix token runs of every length with what folding treats specially.
  const texts = [
    ...sample(4000, 11),
    ...sample(2000, 12).map((t, i) => t + "aB3-".repeat(i % 9) + t),
    "nigh tjar" + "x".repeat(15),
    "Kestrel 7 ⟦EMAIL_1⟧ " + "Zz9".repeat(6),
    "é".repeat(20) + "a".repeat(16),
    "ΣΣ " + "q".repeat(16) + " Nightjar",
  ];
  it("says a run is there exactly when longRuns finds one", () => {
    for (const m of [withTerms, without])
      for (const min of [1, 3, 16])
        for (const t of texts) {
          const run = (m.screen(t, min) & SCREEN_RUN) !== 0;
          expect(run, JSON.stringify([t, min])).toBe(longRuns(t, min).length > 0);
        }
  });
  it("says a keyword may be there exactly when the keyword gate matches (ASCII), at least then otherwise", () => {
    const literals = [
      "pass",
      "PwD",
      "sEcReT",
      "KEY",
      "token",
      "Credential",
      "bearer",
      "BASIC",
      "://",
      "password = x",
      'API_KEY": "v',
      "secret' :",
      "passwd\t\n=",
      "token is ",
      "Credentials  was\t",
      "pass of\n",
      "Bearer  ",
      "basic\tx",
      "PRIVATE KEY-----",
      "word:",
      "key  \n :",
      "keyis ",
      "key i s ",
      "key is",
      "key  iss ",
      'key"" =',
      "key ' =",
      "token'is ",
      "token' is ",
      'key "is ',
      "secret'\"'\t:",
    ];
    const odd = [
      "\u212Aey=",
      "pa\u017Fs=",
      "p\u0430ss:",
      "key\u00A0=",
      "key \u2028is x",
      "token is\u3000x",
      "bearer\uFEFFabc",
      "key\u00FF=",
      ":/ /",
      "k-ey=",
      "tok\nen=",
      "key\u27E6SECRET_1\u27E7=",
    ];
    const base = sample(3000, 21);
    const hinted = base.map((t, i) => {
      const w = (i % 3 === 0 ? odd[i % odd.length] : literals[i % literals.length])!;
      const at = i % (t.length + 1);
      return t.slice(0, at) + w + t.slice(at);
    });
    let yes = 0;
    let ascii = 0;
    // The same texts with their units outside ASCII dropped, for the exact comparison.
    // eslint-disable-next-line no-control-regex -- ASCII on purpose
    const asciiOnly = hinted.map((t) => t.replace(/[^\x00-\x7F]/g, ""));
    for (const m of [withTerms, without])
      for (const t of [...texts, ...hinted, ...asciiOnly]) {
        const want = KEYWORD_GATE.test(t);
        const got = (m.screen(t, 16) & SCREEN_HINT) !== 0;
        if (want) yes++;
        // eslint-disable-next-line no-control-regex -- ASCII on purpose
        if (/^[\x00-\x7F]*$/.test(t)) {
          ascii++;
          expect(got, JSON.stringify(t)).toBe(want);
        } else if (want) expect(got, JSON.stringify(t)).toBe(true);
        if (findKeywordHits(t).length > 0) expect(got, JSON.stringify(t)).toBe(true);
      }
    expect(yes).toBeGreaterThan(1500);
    expect(ascii).toBeGreaterThan(5000);
  });
  it("lets every keyword hit through, white space of any kind between keyword and value", () => {
    const spaces = [" ", "\t", "\n", "  ", "\u00A0", "\u2028", "\u3000", "\uFEFF", " \u00A0 ", ""];
    const keys = [
      "password",
      "passwd",
      "pwd",
      "pass",
      "secret",
      "api_key",
      "apikey",
      "access-token",
      "Credentials",
      "TOKEN",
    ];
    const ops = [
      "=",
      ":",
      "=>",
      ":=",
      "is",
      "was",
      "of",
      // Prose: a linking word, a phrase before it, words after it.
      "to",
      "for admin:",
      "is now",
      "of the staging db is",
      "has been set to",
      "was changed to",
      "for\tthe\u00A0root user =",
      "on prod remains",
    ];
    const value = "Zq" + "8x" + "Lm" + "3vWk";
    let hits = 0;
    for (const k of keys)
      for (const q of ["", '"', "'"])
        for (const a of spaces)
          for (const op of ops)
            for (const b of spaces) {
              const t = `the ${k}${q}${a}${op}${b}${value} ok`;
              if (findKeywordHits(t).length === 0) continue;
              hits++;
              expect(withTerms.screen(t, 16) & SCREEN_HINT, JSON.stringify(t)).toBe(SCREEN_HINT);
              expect(without.screen(t, 16) & SCREEN_HINT, JSON.stringify(t)).toBe(SCREEN_HINT);
            }
    for (const a of spaces)
      for (const w of ["Bearer", "basic", "BEARER"]) {
        const t = `Authorization: ${w}${a}${value}${value}`;
        if (findKeywordHits(t).length === 0) continue;
        hits++;
        expect(withTerms.screen(t, 16) & SCREEN_HINT, JSON.stringify(t)).toBe(SCREEN_HINT);
      }
    expect(hits).toBeGreaterThan(1500);
  });
  it("lets through every text find matches in", () => {
    let matched = 0;
    for (const t of texts.concat(texts.map((x) => x + " nightjr " + x))) {
      if (withTerms.find(t).length === 0) continue;
      matched++;
      expect(withTerms.screen(t, 16) & SCREEN_PIECE, JSON.stringify(t)).toBe(SCREEN_PIECE);
    }
    expect(matched).toBeGreaterThan(100);
    // A pieceless text is ruled out; without terms nothing is ever a piece.
    expect(withTerms.screen("plain words only", 16) & SCREEN_PIECE).toBe(0);
    for (const t of texts) expect(without.screen(t, 16) & SCREEN_PIECE).toBe(0);
  });
});
