import { describe, expect, it } from "vitest";
import { denyMatcher, SCREEN_RUN } from "../../../lambdas/core/review/deny";
import { withoutInvisible } from "../../../lambdas/core/review/readings";
import { knownAscii } from "../../../lambdas/core/review/screened";
import { runMinOf } from "../../../lambdas/core/review/secrets";
import { B62, randomToken } from "./helpers";

const deny = denyMatcher(["Project Bluefinch", "Nightjar"], [], 2);
const runMin = runMinOf(4);
const key = "AKIA" + randomToken("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 11);

describe("what the screen learnt of its text (ASCII only)", () => {
  it("is known for an ASCII text read to its end, and for no other text", () => {
    const ascii = "We add 48 and 24: the total is 72 clips, so the answer is 72.";
    deny.screen(ascii, runMin);
    expect(knownAscii(ascii)).toBe(true);
    // The same text built afresh is the same fact.
    expect(knownAscii(ascii.slice(0, 20) + ascii.slice(20))).toBe(true);
    expect(knownAscii(ascii + " ")).toBe(false);
    for (const wide of [`café ${key}`, `the key ${key.slice(0, 8)}\u200B${key.slice(8)}`, "x\u00A0y", "鹰"]) {
      deny.screen(wide, runMin);
      expect(knownAscii(wide)).toBe(false);
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
