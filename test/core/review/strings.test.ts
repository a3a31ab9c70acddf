import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  collectStrings,
  flat,
  reviewStrings,
  strippedFlat,
  stripPlaceholders,
} from "../../../lambdas/core/review/strings";
import { body, text } from "./helpers";

const ID_PATH = /^id$|\.parts\[\d+\]\.id$/;
/** What the review computed from each path before the walk gave the flags. */
const viaPaths = (v: unknown) =>
  collectStrings(v)
    .filter((s) => s.path !== "schema")
    .map((s) => ({
      path: s.path,
      text: s.text,
      message: s.path.startsWith("messages["),
      id: ID_PATH.test(s.path),
    }));
const viaWalk = (v: unknown) =>
  reviewStrings(v).map((s) => ({
    path: s.path,
    text: s.text,
    message: s.message,
    id: s.idKey && ID_PATH.test(s.path),
  }));

const key = fc.oneof(
  fc.constantFrom("messages", "parts", "id", "schema", "text", "a.parts", "parts[0].id", "x id", "uuid", "0"),
  fc.string({ maxLength: 4 }),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: "small" },
    fc.string({ maxLength: 4 }),
    fc.integer(),
    fc.constant(null),
    fc.array(tie("tree"), { maxLength: 3 }),
    fc.dictionary(key, tie("tree"), { maxKeys: 4 }),
  ),
}));

describe("reviewStrings: collectStrings' strings, paths and path flags", () => {
  it("agrees on a published body", () => {
    const b = body([
      text("hi"),
      { role: "assistant", parts: [{ type: "tool_call", id: "c1", name: "n", arguments: "{}" }] },
    ]);
    expect(viaWalk(b)).toEqual(viaPaths(b));
    expect(
      viaWalk(b)
        .filter((s) => s.id)
        .map((s) => s.path),
    ).toEqual(["id", "messages[1].parts[0].id"]);
  });
  it("agrees on any JSON-like value", () => {
    fc.assert(
      fc.property(tree, (v) => {
        expect(viaWalk(v)).toEqual(viaPaths(v));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("flat", () => {
  it("is the same text, built by concatenation or not, in NFC or not", () => {
    const texts = [
      "",
      "plain",
      "All text is in English, " + String(Math.PI),
      "49 % of words (\u2248 45 %, " + "terse notes \u2248 25\u201335 %)",
      "e\u0301te\u0301", // not NFC
      "\uFB01 \u212B \uD800 lone \uDC00",
      "\u1100\u1161 " + "x".repeat(100),
    ];
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (a, b) => {
        expect(flat(a + b)).toBe(a + b);
      }),
    );
    for (const t of texts) expect(flat(t)).toBe(t);
  });
});

describe("strippedFlat", () => {
  it("is stripPlaceholders, for texts with and without placeholders", () => {
    const bits = [
      "\u27E6EMAIL_1\u27E7",
      "\u27E6",
      "\u27E7",
      "\u27E6X_\u27E7",
      "a",
      " ",
      "\u2248",
      "\uD800",
      "SECRET_2",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...bits), { maxLength: 40 }), fc.string(), (parts, tail) => {
        const t = parts.join("") + tail;
        expect(strippedFlat(t)).toBe(stripPlaceholders(t));
      }),
      { numRuns: 3000 },
    );
  });
});
