import { describe, expect, it } from "vitest";
import { isSpace } from "../../lambdas/core/chars";

describe("isSpace", () => {
  it("is exactly the \\s of a regular expression, on every UTF-16 code unit", () => {
    const re = /\s/;
    for (let c = 0; c < 65536; c++)
      expect(isSpace(c), `U+${c.toString(16)}`).toBe(re.test(String.fromCharCode(c)));
  });
});
