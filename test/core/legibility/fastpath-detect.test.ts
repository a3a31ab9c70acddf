import { describe, expect, it } from "vitest";
import { LATIN_PROFILES } from "../../../lambdas/core/legibility/functionwords";
import { detectLanguage, languageFromWeights } from "../../../lambdas/core/legibility/language";
import { type Script, scriptOf, scriptWeight } from "../../../lambdas/core/legibility/text";

// An ASCII text's language is found in one pass over its code units (letter runs packed and looked
// up as they are read, hits counted per language at once). The definition is the general path:
// the letter runs of the lower-cased text, weighed by script, the Latin ones judged by their
// stop-word profiles.
function reference(text: string): string {
  const head = text.slice(0, 20_000);
  const words = head.toLowerCase().match(/\p{L}+/gu) ?? [];
  const weights = new Map<Script, number>();
  for (const w of words) {
    const sc = scriptOf(w.codePointAt(0)!);
    weights.set(sc, (weights.get(sc) ?? 0) + w.length * scriptWeight(sc));
  }
  return languageFromWeights(weights, words);
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("detectLanguage on ASCII text", () => {
  const profile = Object.values(LATIN_PROFILES)
    .flat()
    .filter((w) => /^[a-z]+$/.test(w));
  const byLang = Object.values(LATIN_PROFILES).map((ws) => ws.filter((w) => /^[a-z]+$/.test(w)));
  const other = ["answer", "compute", "therefore", "x", "eggs", "supercalifragilistic", "Zq", "recieve"];
  const seps = [" ", " ", " ", ", ", ". ", "\n", "-", "'", "3", " 42 ", "$", "_", "(", "\t"];
  const r = rng(11);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const cased = (w: string): string => {
    const x = r();
    return x < 0.7 ? w : x < 0.85 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1);
  };

  it("agrees with the letter-run definition on mixed stop words, other words and separators", () => {
    for (let n = 0; n < 4000; n++) {
      // Mostly one language's stop words (so that every language wins sometimes), some of the others.
      const own = pick(byLang);
      const len = Math.floor(r() ** 2 * 60);
      let s = "";
      for (let i = 0; i < len; i++) {
        const x = r();
        s += cased(x < 0.5 ? pick(own) : x < 0.75 ? pick(profile) : pick(other));
        s += pick(seps);
      }
      expect(detectLanguage(s)).toBe(reference(s));
    }
  });

  it("agrees on texts with no letters, glued words and runs past the packed length", () => {
    const cases = ["", "   ", "12 + 3 = 15", "...", "a", "A", "the", "THE"];
    for (const w of profile) cases.push(w, w + w, w + "s", "x" + w, `${w}7${w}`);
    for (let n = 0; n < 2000; n++) {
      let s = "";
      for (let i = 0; i < 1 + Math.floor(r() * 14); i++)
        s += "abcdefghijklmnopqrstuvwxyzAEIOU"[Math.floor(r() * 31)];
      cases.push(`${s} ${pick(profile)} ${s}`);
    }
    for (const c of cases) expect(detectLanguage(c)).toBe(reference(c));
  });

  it("reads only the first 20,000 characters", () => {
    const fr = "le chat et la souris dans les maisons de la ville ";
    const en = "the cat and the mouse in the houses of the town ";
    const text = fr.repeat(Math.ceil(20_000 / fr.length)).slice(0, 20_000) + en.repeat(2000);
    expect(detectLanguage(text)).toBe("fr");
    expect(detectLanguage(text)).toBe(reference(text));
  });

  it("reads past characters outside ASCII that are not letters, and leaves letters outside ASCII to the general path", () => {
    // ’ – × … and the like are in no letter run; é, ü, ã and other letters are (Portuguese "é", "não").
    const marks = ["’", "–", "×", "…", "\u00a0", "“", "”", "÷", "≈", "½", "\u0301"];
    const letters = ["é", "não", "für", "à", "中文", "Ω", "İ", "\u212a"];
    const pt = ["o", "de", "que", "é", "não", "uma", "para", "com", "são", "está"];
    const en = ["the", "of", "and", "is", "we", "so", "it", "that"];
    for (let n = 0; n < 3000; n++) {
      let s = "";
      const len = 1 + Math.floor(r() ** 2 * 40);
      for (let i = 0; i < len; i++) {
        const x = r();
        s +=
          x < 0.35
            ? pick(pt)
            : x < 0.7
              ? pick(en)
              : x < 0.8
                ? pick(other)
                : x < 0.95
                  ? pick(marks)
                  : pick(letters);
        s += r() < 0.8 ? " " : pick(marks);
      }
      expect(detectLanguage(s)).toBe(reference(s));
    }
    expect(detectLanguage("é o que é não é isso")).toBe("pt");
    expect(detectLanguage("it’s the answer × 3 – so it is")).toBe("en");
  });
});
