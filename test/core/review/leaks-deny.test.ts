/**
 * Leaks a QA pass found published with PASS: the review, as the second line of defence, must
 * catch each on its own (the redaction is not run here).
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { cutWord, tokenize } from "../../../lambdas/core/review/deny";
import { body, text } from "./helpers";

const codes = (r: ReturnType<typeof review>) => r.reasons.map((x) => x.code);

describe("review: a deny term with digits or letters of the other class glued on is the term", () => {
  const policy = { denyTerms: ["Bluefinch", "Kestrel-7"] };
  it.each([
    "Bluefinch2026 ships in May",
    "the Bluefinch42b checkpoint",
    "Bluefinch3 is out",
    "bluefinch2 eval",
    "2Bluefinch run",
    "BLUEFINCH2026",
    "B1uefinch2026",
    "the Kestrel-7b weights",
    "Kestrel7B",
  ])("%s → deny_term (BLOCK)", (t) => {
    const r = review({ body: body([text(t)]), policy });
    expect(codes(r)).toContain("deny_term");
    expect(r.verdict).toBe("BLOCK");
  });
  it("keeps letters that continue the word what they were (a near miss, not the term)", () => {
    const r = review({ body: body([text("we saw Bluefinches")]), policy });
    expect(codes(r)).toEqual(["deny_term_near"]);
    expect(review({ body: body([text("Kestrel-72 run")]), policy }).verdict).toBe("NEEDS_HUMAN");
  });
  it("does not cut a term out of a longer word of the same class", () => {
    const p = { denyTerms: ["Orion"] };
    for (const t of ["Orionid meteors", "xorion", "Orionx2"])
      expect(codes(review({ body: body([text(t)]), policy: p })), t).not.toContain("deny_term");
    expect(codes(review({ body: body([text("Orion2")]), policy: p }))).toContain("deny_term");
  });
});

describe("deny: cutting a word where a digit meets a letter", () => {
  it("leaves long hex strings (hashes, commits) whole", () => {
    const p = { denyTerms: ["Bead"] };
    expect(review({ body: body([text("commit 3f2bead9c1e0aa41 landed")]), policy: p }).verdict).toBe("PASS");
    expect(codes(review({ body: body([text("the Bead2 build")]), policy: p }))).toContain("deny_term");
  });
  it.each([
    ["bluefinch2026", ["bluefinch", "2o26"]],
    ["2Bluefinch", ["2", "bluefinch"]],
    ["Bluefinches", ["bluefinches"]],
    ["Fa1con", ["fa", "l", "con"]],
    ["B1uefinch42b", ["b", "l", "uefinch", "a2", "b"]],
  ])("%s → %j, joined as the word folds", (w, parts) => {
    expect(cutWord(w)).toEqual(parts);
    expect(cutWord(w).join("")).toBe(tokenize(w).join(""));
  });
});
