/**
 * The cheap gates that keep expensive patterns off ordinary prose must never hide a candidate:
 * they are checked here against the plain definition, at every offset.
 */
import { describe, expect, it } from "vitest";
import { mayHoldSecret } from "../../../lambdas/core/redact/types";

/** The definition the skipping scan implements: a run of 16+ token characters with a letter and a digit (or a joiner and 20+). */
function reference(text: string): boolean {
  if (text.includes("://") || text.includes("PRIVATE KEY")) return true;
  for (const m of text.matchAll(/[A-Za-z0-9_+/=.~-]+/g)) {
    const r = m[0];
    for (let n = 16; n <= r.length; n++) {
      const p = r.slice(0, n);
      if (/[A-Za-z]/.test(p) && (/\d/.test(p) || (/[_-]/.test(p) && n >= 20))) return true;
    }
  }
  return false;
}

describe("mayHoldSecret", () => {
  it("finds a token at any offset and of any length at the threshold", () => {
    const tokens = ["a1".repeat(8), "a1".repeat(7) + "a", "ab_cd-ef".repeat(3), "ab_cd-ef".repeat(2) + "abc"];
    for (const tok of tokens) {
      for (let k = 0; k < 40; k++) {
        for (const text of [
          "w ".repeat(k) + tok,
          "w ".repeat(k) + tok + " tail",
          "é".repeat(k) + " " + tok + "!",
        ]) {
          expect(mayHoldSecret(text)).toBe(reference(text));
        }
      }
    }
  });
  it("ignores prose and arithmetic", () => {
    expect(mayHoldSecret("So she has 12 apples, and 3 + 4 = 7 more for the evening walk.")).toBe(false);
    expect(mayHoldSecret("x".repeat(40))).toBe(false); // letters only
    expect(mayHoldSecret("1".repeat(40))).toBe(false); // digits only
  });
});
