import { describe, expect, it } from "vitest";
import { Policy, redactTranscript } from "../../../lambdas/core/redact/index";
import { allowRanges, denySpans } from "../../../lambdas/core/redact/policy";
import { found } from "./helpers";

// A code name is most often written with its version glued on: a neighbour of the other class
// (a digit beside a term's letter, a letter beside a term's digit) leaves a word boundary; one of
// the same class does not ("Bluefinches", "Kestrel-72" are other words).
const policy = Policy.parse({ denyTerms: ["Bluefinch", "Kestrel-7"] }) as Policy;
const pad = Array.from({ length: 80 }, (_, i) => `unused-term-${i}`);
const large = Policy.parse({ denyTerms: ["Bluefinch", "Kestrel-7", ...pad] }) as Policy;

describe("deny terms with a version glued on", () => {
  const matched: [string, string][] = [
    ["The Bluefinch2026 training run", "Bluefinch"],
    ["Bluefinch42b", "Bluefinch"],
    ["Bluefinch3", "Bluefinch"],
    ["bluefinch2", "bluefinch"],
    ["2Bluefinch", "Bluefinch"],
    ["v2Bluefinch3", "Bluefinch"],
    ["BLUEFINCH\u00b2", "BLUEFINCH"], // superscript two folds to a digit
    ["Bluefinch 3", "Bluefinch"],
    ["Bluefinch-3", "Bluefinch"],
    ["Blue_Finch_v2", "Blue_Finch"],
    ["Kestrel-7b", "Kestrel-7"],
    ["kestrel7B", "kestrel7"],
    ["Kestrel-7-mini", "Kestrel-7"],
  ];
  it.each(matched)("finds the term in %j", (text, term) => {
    expect(found(`x ${text} y`, { policy })).toEqual([`TERM:${term}`]);
    // The Aho–Corasick path of large policies agrees.
    const spans = denySpans(large, `x ${text} y`).map((s) => `x ${text} y`.slice(s.start, s.end));
    expect(spans).toEqual([term]);
  });

  it.each(["Bluefinches", "Bluefinchy", "xBluefinch", "Kestrel-72", "Kestrel-70b", "aKestrel-7"])(
    "still respects a word boundary of the same class in %j",
    (text) => {
      expect(found(`a ${text} b`, { policy })).toEqual([]);
      expect(denySpans(large, `a ${text} b`)).toEqual([]);
    },
  );

  it("redacts the code name in every string of a transcript, the version left readable", () => {
    const t = {
      schema: "cotshare/transcript@1" as const,
      id: "t1",
      model: { id: "m" },
      messages: [
        {
          role: "user" as const,
          parts: [{ type: "text" as const, text: "Summarise the Bluefinch2026 run" }],
        },
        {
          role: "assistant" as const,
          parts: [{ type: "text" as const, text: "bluefinch2 and Bluefinch3 differ" }],
        },
      ],
    };
    const { transcript } = redactTranscript(t, { hmacKey: "k", policy });
    const out = JSON.stringify(transcript.messages);
    expect(out).not.toMatch(/bluefinch/i);
    expect(out).toContain("\u27e6TERM_1\u27e72026");
    expect(out).toContain("\u27e6TERM_1\u27e72 and \u27e6TERM_1\u27e73");
  });
});

describe("hashes are not versions", () => {
  it("a term of a–f letters glued to digits inside a long hex word (a hash) is not found there", () => {
    const p = Policy.parse({ denyTerms: ["Cafe", "Deadbeef"] }) as Policy;
    const hash = "9f3cafe21b" + "0".repeat(20) + "7deadbeef1";
    expect(found(`commit ${hash} merged`, { policy: p })).toEqual([]);
    // A shorter hex word may be a code name and its version: still matched.
    expect(found("Deadbeef2026 ships", { policy: p })).toEqual(["TERM:Deadbeef"]);
    // (a short word is no hash: the version rule applies)
    expect(found("Cafe2 and cafe3b and Deadbeef2x", { policy: p })).toEqual([
      "TERM:Cafe",
      "TERM:cafe",
      "TERM:Deadbeef",
    ]);
  });
});

describe("allow terms keep the strict boundary", () => {
  it("an allow term glued to a version does not lift a deny term", () => {
    const p = Policy.parse({ denyTerms: ["Kestrel"], allowTerms: ["Kestrel-7"] }) as Policy;
    expect(found("we use Kestrel-7 today", { policy: p })).toEqual([]);
    expect(found("we use Kestrel-7b today", { policy: p })).toEqual(["TERM:Kestrel"]);
    expect(allowRanges(p, "Kestrel-7b")).toEqual([]);
    expect(allowRanges(p, "Kestrel-7 b")).toEqual([[0, 9]]);
  });
});
