import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkedStrings, plainlyValidBody } from "../../../lambdas/core/review/shape";
import { reviewStrings, type ReviewString } from "../../../lambdas/core/review/strings";
import { body, mutate } from "./body-arbitraries";

const ID_PATH = /^id$|\.parts\[\d+\]\.id$/;

const listed = (ss: readonly ReviewString[]) =>
  ss.map((s) => [s.path, s.text, s.message, s.idKey, s.idPath, ID_PATH.test(s.path)]);

/** `checkedStrings` is `plainlyValidBody` and `reviewStrings` in one walk. */
function same(b: unknown): boolean {
  const got = checkedStrings(b);
  const valid = plainlyValidBody(b);
  expect(got !== undefined).toBe(valid);
  if (got !== undefined) expect(listed(got)).toEqual(listed(reviewStrings(b)));
  return valid;
}

describe("checkedStrings: the shape check and the string walk in one pass", () => {
  it("agrees with plainlyValidBody and reviewStrings on generated bodies", () => {
    let valid = 0;
    fc.assert(
      fc.property(body, (b) => {
        if (same(b)) valid++;
        if (same(JSON.parse(JSON.stringify(b)))) valid++;
      }),
      { numRuns: 3000 },
    );
    expect(valid).toBeGreaterThan(100);
  });

  it("agrees after any small edit", () => {
    fc.assert(
      fc.property(body, fc.array(fc.nat(), { maxLength: 6 }), fc.nat(), (b, path, edit) => {
        same(mutate(b, path, edit));
      }),
      { numRuns: 3000 },
    );
  });

  it("lists strings in key order, whatever the order of the keys", () => {
    const b = {
      redaction: { placeholders: 0, counts: { SECRET: 1 } },
      legibility: {
        signals: { a: { explanation: "e1", value: "v1", subscore: 1 }, b: { subscore: 2, value: null } },
        basis: "text",
        score: 5,
        scorer: "s",
      },
      messages: [
        { parts: [{ text: "t", type: "text" }], name: "n", role: "user" },
        { role: "tool", parts: [{ id: "c1", text: "r", type: "tool_result", isError: false }] },
      ],
      tags: ["x", "y"],
      model: { provider: "p", id: "m" },
      lab: "l",
      id: "i",
      schema: "cotshare/transcript@1",
    };
    expect(same(b)).toBe(true);
    // An invalid body lists nothing (the caller takes the general path).
    expect(checkedStrings({ ...b, messages: [] })).toBeUndefined();
  });
});
