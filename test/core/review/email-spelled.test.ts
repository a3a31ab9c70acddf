/** The review's own check for e-mail addresses written out for people (`[at]`, `(dot)`). */
import { describe, expect, it } from "vitest";
import { hasEmailAddress } from "../../../lambdas/core/review/formats";

describe("the review and spelled-out e-mail addresses", () => {
  it("flags them, whatever the case and spacing, but not at documentation domains", () => {
    const user = "jane" + ".doe";
    expect(hasEmailAddress(`write to ${user} [at] corp-mail [dot] com`)).toBe(true);
    expect(hasEmailAddress(`write to ${user}(at)corp-mail.com.`)).toBe(true);
    expect(hasEmailAddress(`write to ${user} [AT] corp [DOT] co [DOT] uk`)).toBe(true);
    expect(hasEmailAddress(`write to ${user} [at] example [dot] com`)).toBe(false);
  });

  it("leaves prose with the words at and dot alone", () => {
    for (const text of [
      "We meet at noon (at the office) and dot the i's.",
      "Look at [the table] and the dot product (dot) of a and b.",
      "The value (at most 3) is fine [at least for now].",
      "⟦EMAIL_1⟧ wrote (at length) about it.",
    ])
      expect(hasEmailAddress(text), text).toBe(false);
  });

  it("reads a matrix product followed by a method call as code", () => {
    expect(hasEmailAddress("scores = q@k.transpose(-2, -1) / d ** 0.5")).toBe(false);
    expect(hasEmailAddress("mail " + "jane" + "@corp-mail.com (work)")).toBe(true);
  });
});
