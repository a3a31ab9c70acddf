/**
 * Masking inline $math$ at the end of a text: what is masked there, and that the check before the
 * expression never reads past the text's end (`charCodeAt` there gives NaN, which compares false,
 * but in optimised code it deoptimises the scan, and V8 then calls charCodeAt out of line there).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { scoreText } from "../../../lambdas/core/legibility/index";
import { mask } from "../../../lambdas/core/legibility/text";
import { readsOutside } from "../reads-outside";

afterEach(() => vi.restoreAllMocks());

const ENDS = ["$x$", "so $x+1$", "$5 and $x$", "cost $5$", "$x $", "$ x$", "$$", "$", "a$b$c$", "$x$\n$y$"];

describe("inline math at the end of a text", () => {
  it("is masked when it closes the text, and not when a digit follows", () => {
    expect(mask("so $x+1$").text).toBe("so      ");
    expect(mask("so $x+1$ now").text).toBe("so       now");
    expect(mask("$x$").text).toBe("   ");
    expect(mask("$x$5").text).toBe("$x$5");
    expect(mask("$x $").text).toBe("$x $");
    expect(mask("$").text).toBe("$");
  });

  it("is read without a read past the text's end", () => {
    for (const t of ENDS) {
      expect(
        readsOutside(() => mask(t)),
        JSON.stringify(t),
      ).toEqual([]);
      expect(
        readsOutside(() => scoreText("We solve it. " + t)),
        JSON.stringify(t),
      ).toEqual([]);
    }
  });
});
