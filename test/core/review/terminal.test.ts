/** The review reads terminal output as it shows: colour codes and control characters removed. */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { withoutInvisible } from "../../../lambdas/core/review/readings";
import { body, CLEAN, text } from "./helpers";

const E = "\x1b";
const key = ["AKIA", "QYLPMN5HHHFPZAM2"].join("");
const policy = { denyTerms: ["Nightjar"] };
const verdictOf = (t: string) => review({ body: body([text(CLEAN), text(t)]), policy }).verdict;

describe("review: terminal output", () => {
  it("is read without colour codes and control characters", () => {
    expect(withoutInvisible(`x ${E}[01;31m${E}[K${key}${E}[m${E}[K y`)).toBe(`x ${key} y`);
    expect(withoutInvisible(`a${"\x7f"}b${"\b"}c`)).toBe("abc");
    expect(withoutInvisible("plain text")).toBeUndefined();
  });

  it("does not PASS a key or a deny term cut by colour codes or control characters", () => {
    for (const t of [
      `AWS_ACCESS_KEY_ID=${E}[01;31m${E}[K${key.slice(0, 9)}${E}[m${E}[K${key.slice(9)}`,
      `key ${key.slice(0, 8)}${"\x7f"}${key.slice(8)} here`,
      `run Night${E}[1mjar resumed`,
    ])
      expect(verdictOf(t), JSON.stringify(t)).not.toBe("PASS");
  });

  it("passes ordinary coloured output", () => {
    expect(verdictOf(`${E}[32mPASS${E}[0m 12 tests, 0 failures`)).toBe("PASS");
  });
});
