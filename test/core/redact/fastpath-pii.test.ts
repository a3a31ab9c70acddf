import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { clusters } from "../../../lambdas/core/redact/pii";

// The previous scan, as the reference: every cluster, then those with 7+ digits.
function reference(text: string) {
  const out: { start: number; end: number; digits: number }[] = [];
  for (const m of text.matchAll(/[+(]?\d[\d \t.()x#-]*\d/g)) {
    const digits = m[0].replace(/\D/g, "").length;
    if (digits >= 7) out.push({ start: m.index, end: m.index + m[0].length, digits });
  }
  return out;
}

describe("digit clusters", () => {
  it("finds the 7+ digit clusters a scan of all clusters finds", () => {
    const piece = fc.constantFrom(
      ..."0123456789",
      " ",
      "\t",
      ".",
      "(",
      ")",
      "x",
      "#",
      "-",
      "+",
      "a",
      "=",
      "\n",
      ",",
      "12",
      "555",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (xs) => {
        const s = xs.join("");
        expect(clusters(s)).toEqual(reference(s));
      }),
      { numRuns: 3000 },
    );
    for (const s of [
      "call +1 (555) 123-4567 x89",
      "340+40+320=700",
      "1+(2345678",
      "12 (3456789",
      "4111 1111 1111 1111",
    ])
      expect(clusters(s)).toEqual(reference(s));
  });
});
