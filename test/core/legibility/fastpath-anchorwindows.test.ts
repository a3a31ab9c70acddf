import { describe, expect, it } from "vitest";
import { anchoringSignal } from "../../../lambdas/core/legibility/anchoring";
import { scoreText } from "../../../lambdas/core/legibility/index";
import { splitWindows } from "../../../lambdas/core/legibility/windows";

// A reasoning of several windows, nothing masked, is read for the prompt's numbers window by
// window through the windows' tokens (when no window boundary splits a token); the definition is
// the scan of the whole text as written.

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = [
  "the",
  "eggs",
  "so",
  "we",
  "have",
  "total",
  "each",
  "day",
  "Therefore",
  "answer",
  "sixteen",
  "Three",
  "twelve",
  "dozen",
  "half",
  "it’s",
  "don't",
  "café",
  "İstanbul",
  "x",
];
const NUMBERS = [
  "3",
  "16",
  "7",
  "12",
  "1,000",
  "2.5",
  "0.5",
  "100",
  "42",
  "9",
  "1234567",
  "12345678",
  "3.50",
];

describe("prompt anchoring over several windows", () => {
  it("finds what the scan of the whole reasoning finds", () => {
    const r = rng(17);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
    let multi = 0;
    let unsplit = 0;
    for (let n = 0; n < 300; n++) {
      const prompt = Array.from(
        { length: 2 + Math.floor(r() * 6) },
        () => `${pick(WORDS)} ${pick(NUMBERS)}`,
      ).join(" ");
      let text = "";
      const len = 2500 + Math.floor(r() * 7000);
      while (text.length < len) {
        const x = r();
        // Mostly prose; sometimes a long run without white space (a window is then cut inside it).
        text +=
          x < 0.6
            ? pick(WORDS)
            : x < 0.85
              ? pick(NUMBERS)
              : x < 0.995
                ? pick([".", ",", "\n", "=", "+"])
                : "sixteen=16+".repeat(30 + Math.floor(r() * 30));
        text += r() < 0.8 ? " " : "";
      }
      // Numbers only late in the text, in some cases (found in a later window only).
      if (r() < 0.3) text = "word ".repeat(600) + text;
      const windows = splitWindows(text);
      if (windows.length > 1) multi++;
      if (windows.every((w, i) => i === 0 || /\s/.test(text[w.start]!) || /\s/.test(text[w.start - 1]!)))
        unsplit++;
      const want = anchoringSignal(prompt, text);
      const got = scoreText(text, { promptText: prompt }).signals.anchoring;
      expect(got?.value, text.slice(0, 80)).toBe(want?.value);
      expect(got?.subscore).toBe(want?.subscore);
      if (want) expect(got!.explanation.startsWith(want.explanation.slice(0, -1))).toBe(true);
    }
    expect(multi).toBeGreaterThan(250);
    expect(unsplit).toBeGreaterThan(100);
    expect(unsplit).toBeLessThan(multi);
  });

  it("reads the text itself when a window boundary splits a token", () => {
    // No white space in the last fifth of the first window: it is cut after 2,000 characters,
    // between the "1" and the "6" of "16" (6 is wanted; 16 is not, and no 6 is said).
    const prompt = "There are 6 eggs and 10 hens.";
    const text =
      "word ".repeat(320) +
      "a".repeat(399) +
      "16" +
      "b".repeat(200) +
      " so the answer is 10 hens. ".repeat(30);
    expect(splitWindows(text)[0]!.end).toBe(2000);
    expect(text.slice(1998, 2001)).toBe("a16");
    const want = anchoringSignal(prompt, text);
    expect(want?.value).toBe(0.5);
    expect(scoreText(text, { promptText: prompt }).signals.anchoring?.value).toBe(0.5);
  });
});
