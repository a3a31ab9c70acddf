import { describe, expect, it } from "vitest";
import { denyMatcher, SCREEN_RUN } from "../../../lambdas/core/review/deny";
import { withoutInvisible } from "../../../lambdas/core/review/readings";
import { hiddenUnits, knownVisible } from "../../../lambdas/core/review/screened";
import { runMinOf } from "../../../lambdas/core/review/secrets";
import { B62, randomToken } from "./helpers";

const deny = denyMatcher(["Project Bluefinch", "Nightjar"], [], 2);
const runMin = runMinOf(4);
const key = "AKIA" + randomToken("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 11);

describe("what the screen learnt of its text (nothing invisible in it)", () => {
  it("is known for a text read to its end without an invisible unit, and for no other text", () => {
    const ascii = "We add 48 and 24: the total is 72 clips, so the answer is 72.";
    deny.screen(ascii, runMin);
    expect(knownVisible(ascii)).toBe(true);
    // The same text built afresh is the same fact.
    expect(knownVisible(ascii.slice(0, 20) + ascii.slice(20))).toBe(true);
    expect(knownVisible(ascii + " ")).toBe(false);
    const wide = "Café au lait costs 3 € — that’s 4 × 3 = 12 €, « cher ».";
    deny.screen(wide, runMin);
    expect(knownVisible(wide)).toBe(true);
    for (const hidden of [
      `café ${key}\u200B`,
      `the key ${key.slice(0, 8)}\u200B${key.slice(8)}`,
      "x\u00A0y",
      "a\u00ADb",
      "e\uFE0F",
      "x\u2009y",
    ]) {
      deny.screen(hidden, runMin);
      expect(knownVisible(hidden)).toBe(false);
    }
  });

  it("is never known for a text holding any unit that may be invisible", () => {
    const table = hiddenUnits();
    for (let c = 0x80; c < 0x10000; c++) {
      if (table[c] !== 1) continue;
      const t = `plain words ${String.fromCharCode(c)} and more words`;
      deny.screen(t, runMin);
      expect(knownVisible(t), c.toString(16)).toBe(false);
    }
  });

  it("never hides an invisible character from the reading without them", () => {
    for (let i = 0; i < 200; i++) {
      const filler = randomToken(B62 + "  .,", 40 + i, i + 1);
      const split = `${filler} ${key.slice(0, 4 + (i % 12))}\u200B${key.slice(4 + (i % 12))} ${filler}`;
      // An ASCII text screened just before, then the text with a zero-width space screened and read.
      deny.screen(filler, runMin);
      deny.screen(split, runMin);
      expect(withoutInvisible(split)).toBe(split.replace("\u200B", ""));
      // Read without a screen before it (the last screen was of another text).
      deny.screen(filler, runMin);
      expect(withoutInvisible(split)).toBe(split.replace("\u200B", ""));
    }
  });

  it("does not change the screen's answers", () => {
    const text = `token ${randomToken(B62, 40, 5)} and more`;
    expect(deny.screen(text, runMin) & SCREEN_RUN).toBe(SCREEN_RUN);
    expect(deny.screen(text, runMin)).toBe(deny.screen(text + "", runMin));
  });
});
