import { describe, expect, it } from "vitest";
import { detectByWords, detectUncached } from "../../../lambdas/core/legibility/language";

// The one-pass language detection of texts with letters outside ASCII must give what the
// regular-expression version gives (words = /\p{L}+/gu over the lower-cased text).
describe("language detection of non-ASCII texts", () => {
  const pieces = [
    "the",
    "The",
    "and",
    "of",
    "is",
    "we",
    "need",
    "THE",
    "Answer",
    "supercalifragilistic",
    "so",
    "le",
    "la",
    "les",
    "des",
    "est",
    "très",
    "été",
    "où",
    "à",
    "und",
    "der",
    "die",
    "ist",
    "für",
    "nicht",
    "über",
    "el",
    "los",
    "que",
    "por",
    "año",
    "más",
    "il",
    "che",
    "di",
    "perché",
    "het",
    "een",
    "van",
    "não",
    "também",
    "você",
    "é",
    "café",
    "naïve",
    "École",
    "ÉCOLE",
    "İstanbul",
    "İ",
    "\u212a",
    "ǅ",
    "ß",
    "ﬁ",
    "Ω",
    "µ",
    "λ",
    "αβγ",
    "Привет",
    "мир",
    "и",
    "我们",
    "需要计算",
    "日本語",
    "カタカナ",
    "ひらがな",
    "한국어",
    "مرحبا",
    "שלום",
    "नमस्ते",
    "สวัสดี",
    "𝔘𝔫𝔦",
    "𐐀𐐨",
    "😀",
    "👍🏽",
    "a\u0301",
    "x\u200bz",
    "\ud800",
    "\udc00",
    "\ud800x",
    "x\udc00",
    "’",
    "'",
    "don't",
    "l'homme",
    "12",
    "3.5",
    "=",
    "+",
    "(",
    ")",
    ".",
    ",",
    "!",
    "?",
    "\n",
    "  ",
    "\t",
    "\u00a0",
    "\u3000",
    "。",
    "ｆｕｌｌ",
    "ＡＢＣ",
    "١٢",
    "Ⅻ",
    "½",
    "ǆ",
    "Ǆ",
    "ΣΑΣ",
    "ς",
    "Ꭰ",
    "ꭰ",
  ];
  let seed = 7;
  const rnd = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  it("agrees with the word-by-word version on random texts", () => {
    const langs = new Set<string>();
    for (let k = 0; k < 20_000; k++) {
      let s = "";
      const n = Math.floor(rnd() * 40);
      for (let i = 0; i < n; i++) s += pieces[Math.floor(rnd() * pieces.length)] + (rnd() < 0.6 ? " " : "");
      const want = detectByWords(s);
      langs.add(want);
      expect(detectUncached(s), JSON.stringify(s)).toBe(want);
    }
    // The texts reach every kind of outcome (so the comparison means something).
    for (const l of ["en", "fr", "de", "es", "zh", "ja", "ru", "other", "und"]) expect(langs).toContain(l);
  });
  it("agrees on long texts (the first 20,000 characters decide) and at their cut", () => {
    const fr = "Le chat est très content parce que la maison est grande et où il dort. ";
    const en = "The answer is that we need to compute the total, so the cost is 5. ";
    for (const s of [
      fr.repeat(400),
      en.repeat(300) + "é" + fr.repeat(100),
      "é" + en.repeat(400),
      en.repeat(295) + fr.repeat(400),
      "x".repeat(19_999) + "\ud835\udd18" + "mot",
      "日本語".repeat(3000) + "カ".repeat(10) + en.repeat(100),
    ])
      expect(detectUncached(s)).toBe(detectByWords(s));
  });
});
