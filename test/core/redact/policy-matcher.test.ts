import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fold } from "../../../lambdas/core/redact/fold";
import { allowRanges, denySpans } from "../../../lambdas/core/redact/policy";

const text =
  "Notes: Project Nightjar ships after ORION-7; p r o j e c t  nightjar again. Orion-77 is not it, " +
  "nor is Falconry, but Falcon is. \u0420roject Nightj\u0430r uses Cyrillic look-alikes.";
const base = { allowTerms: [], internalDomains: [] };
const few = ["Project Nightjar", "orion-7", "Falcon"];
// Past the small-policy threshold the Aho–Corasick automaton takes over: both must agree.
const many = [...few, ...Array.from({ length: 80 }, (_, i) => `unused-term-${i}`)];
const sorted = (xs: { start: number; end: number }[]) =>
  xs.map((x) => [x.start, x.end]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);

describe("policy term matching", () => {
  it("finds the same spans with a few terms (indexOf) and with many (Aho–Corasick)", () => {
    const a = sorted(denySpans({ ...base, denyTerms: few }, text));
    const b = sorted(denySpans({ ...base, denyTerms: many }, text));
    expect(a).toEqual(b);
    const found = a.map(([s, e]) => text.slice(s, e));
    expect(found).toContain("Project Nightjar");
    expect(found).toContain("ORION-7");
    expect(found).toContain("Falcon");
    expect(found).toContain("\u0420roject Nightj\u0430r");
    // Word boundaries: not inside "Falconry" or "Orion-77" (a letter glued to the term's final
    // digit, "Orion-7b", is a version: see policy-versions.test.ts).
    expect(found).not.toContain("Falcon" + "ry");
    expect(found.filter((f) => /orion/i.test(f))).toHaveLength(1);
  });
  it("allow ranges agree between the two matchers too", () => {
    const a = allowRanges({ denyTerms: [], internalDomains: [], allowTerms: few }, text).sort();
    const b = allowRanges({ denyTerms: [], internalDomains: [], allowTerms: many }, text).sort();
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(2);
  });
});

describe("fold", () => {
  it("keeps ASCII letters and digits (lower-cased) with their offsets, drops the rest", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii", maxLength: 200 }), (s) => {
        const f = fold(s);
        const expected = [...s].filter((c) => /[A-Za-z0-9]/.test(c));
        expect(f.text).toBe(expected.join("").toLowerCase());
        for (let k = 0; k < f.text.length; k++) {
          expect(s[f.starts[k]!]!.toLowerCase()).toBe(f.text[k]);
          expect(f.ends[k]).toBe(f.starts[k]! + 1);
        }
      }),
    );
  });
  it("folds look-alikes and compatibility forms in mixed text, offsets pointing at the source", () => {
    const s = "Ａb \u0420o ﬁ café 7";
    const f = fold(s);
    expect(f.text).toBe("abpoficafe7");
    expect(s.slice(f.starts[0]!, f.ends[0]!)).toBe("Ａ");
    expect(s.slice(f.starts[2]!, f.ends[2]!)).toBe("\u0420");
  });
});
