/**
 * A lab's deny term encoded — base64 (standard and URL alphabets, at each of the three byte
 * alignments), hex, rot13, reversed — in reasoning, a tool call's arguments and a tool result:
 * the review finds it on its own (`deny_term_encoded`, NEEDS_HUMAN). Encoded values are built at
 * run time from the term.
 */
import { describe, expect, it } from "vitest";
import type { PublishedMessage } from "../../../lambdas/core/transcript/published";
import { review } from "../../../lambdas/core/review";
import { publicReasons } from "../../../lambdas/core/review/public";
import { MIN_BYTES, stablePart } from "../../../lambdas/core/review/encoded";
import { body, randomToken } from "./helpers";
import { ENCODINGS as encodings, b64, hex, reversed, rot13 } from "../encodings";

const codes = (r: ReturnType<typeof review>) => r.reasons.map((x) => x.code);

const policy = { denyTerms: ["Nightjar", "Project Bluefinch"], allowTerms: [], internalDomains: [] };

/** The text in each of the places a model writes it. */
const places: [string, (t: string) => PublishedMessage][] = [
  [
    "reasoning",
    (t) => ({ role: "assistant", parts: [{ type: "reasoning", text: t, summary: false, opaque: false }] }),
  ],
  [
    "tool call arguments",
    (t) => ({
      role: "assistant",
      parts: [
        {
          type: "tool_call",
          id: "call_1",
          name: "python",
          arguments: JSON.stringify({ code: `decode("${t}")` }),
        },
      ],
    }),
  ],
  [
    "tool result",
    (t) => ({ role: "tool", parts: [{ type: "tool_result", id: "call_1", text: `output:\n${t}\n` }] }),
  ],
];

describe("review: a deny term encoded is found (deny_term_encoded)", () => {
  for (const [where, place] of places)
    for (const [how, encode] of encodings)
      it(`${how}, in ${where}`, () => {
        const r = review({ body: body([place(`x ${encode("Nightjar")} y`)]), policy });
        expect(codes(r)).toContain("deny_term_encoded");
        expect(r.verdict).not.toBe("PASS");
      });

  it("the brief's own examples, as written", () => {
    // Nightjar in base64, hex, rot13, reversed (built from the term).
    for (const t of [b64("Nightjar"), hex("Nightjar"), rot13("Nightjar"), reversed("Nightjar")])
      expect(codes(review({ body: body([places[0]![1](t)]), policy })), t).toContain("deny_term_encoded");
  });

  it("a codename of a Project-style term, and the whole term", () => {
    for (const t of [
      b64("the Bluefinch team"),
      b64("Project Bluefinch"),
      hex("bluefinch"),
      rot13("Bluefinch"),
    ])
      expect(codes(review({ body: body([places[0]![1](t)]), policy })), t).toContain("deny_term_encoded");
  });

  it("case: the term in lower case, upper case (base64 and hex), any case in hex digits and rot13", () => {
    for (const t of [
      b64("xnightjar"),
      b64("xxNIGHTJAR"),
      hex("NIGHTJAR"),
      hex("nIgHtJaR").toUpperCase(),
      rot13("NIGHTJAR"),
      reversed("nightjar"),
    ])
      expect(codes(review({ body: body([places[0]![1](t)]), policy })), t).toContain("deny_term_encoded");
  });

  it("short terms: 5 bytes are looked for, 4 are not (too many chance matches)", () => {
    expect(MIN_BYTES).toBe(5);
    const p5 = { denyTerms: ["Orion"] };
    for (const t of [
      b64("Orion"),
      b64("a Orion"),
      b64("ab Orion"),
      hex("Orion"),
      reversed("Orion"),
      rot13("Orion"),
    ])
      expect(codes(review({ body: body([places[0]![1](t)]), policy: p5 })), t).toContain("deny_term_encoded");
    const p4 = { denyTerms: ["Vega"] };
    expect(codes(review({ body: body([places[0]![1](b64("Vega"))]), policy: p4 }))).not.toContain(
      "deny_term_encoded",
    );
  });

  it("every stable part holds at least 6 base64 characters from 5 bytes on", () => {
    for (const r of [0, 1, 2])
      expect(stablePart([...Buffer.from("abcde")], r).length).toBeGreaterThanOrEqual(6);
    // and is found inside the encoding of any text holding the term at that offset
    for (const pre of ["", "a", "ab", "abc", "abcd"])
      for (const post of ["", "z", "zz"]) {
        const e = b64(pre + "Nightjar" + post);
        expect(e).toContain(stablePart([...Buffer.from("Nightjar")], pre.length % 3));
      }
  });

  it("no hit on text without the term, and the public reason names no term or encoding detail", () => {
    const clean = review({
      body: body([places[0]![1](b64("the Kestrel run") + " " + hex("weights"))]),
      policy,
    });
    expect(codes(clean)).not.toContain("deny_term_encoded");
    const r = review({ body: body([places[0]![1](b64("Nightjar"))]), policy });
    const pub = publicReasons(r.reasons).find((x) => x.code === "deny_term_encoded")!;
    expect(pub.message).not.toMatch(/nightjar|#|base64|hex|rot13/i);
  });

  it("no false hit on 10,000 random base64 and hex blobs with a realistic policy", () => {
    const realistic = {
      denyTerms: ["Project Bluefinch", "Kestrel-7", "Nightjar", "Operation Saltmarsh", "Orion", "Halcyon"],
      allowTerms: ["GPT-4o"],
      internalDomains: ["corp.example.com"],
    };
    let falsePositives = 0;
    for (let i = 0; i < 10_000; i++) {
      const blob =
        i % 2 === 0
          ? randomToken(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
              40 + (i % 80),
              i + 1,
            )
          : randomToken("0123456789abcdef", 32 + (i % 64), i + 1);
      const r = review({ body: body([places[2]![1](blob)]), policy: realistic });
      if (codes(r).includes("deny_term_encoded")) falsePositives++;
    }
    expect(falsePositives).toBe(0);
  });
});
