import { describe, expect, it } from "vitest";
import { isSpace } from "../../../lambdas/core/chars";
import { hasText } from "../../../lambdas/core/legibility/index";

describe("hasText", () => {
  it("treats exactly the code units \\s matches as white space", () => {
    for (let c = 0; c < 0x10000; c++) expect(isSpace(c)).toBe(/\s/.test(String.fromCharCode(c)));
  });

  it("is s.trim() !== '' (and /\\S/.test(s))", () => {
    for (const s of [
      "",
      " ",
      "\n\t ",
      "\u3000\ufeff",
      "a",
      "  a ",
      "\u00a0\u2028x",
      "\ud83d\ude00",
      "\u200b",
    ]) {
      expect(hasText(s)).toBe(s.trim() !== "");
      expect(hasText(s)).toBe(/\S/.test(s));
    }
  });
});
