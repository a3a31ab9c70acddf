/**
 * The review screens the codename of a "Project X"-style deny term on its own (`codenames.ts`,
 * written apart from the redaction's reading of the same policy).
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { termsWithCodenames } from "../../../lambdas/core/review/codenames";
import { body, text } from "./helpers";

const codes = (t: string, denyTerms: string[]) =>
  review({ body: body([text(t)]), policy: { denyTerms } }).reasons.map((r) => r.code);

describe("review: codenames of deny terms", () => {
  it("finds the codename alone", () => {
    for (const t of ["ask the Bluefinch team", "run bluefinch-eval tonight", "BLUEFINCH results"])
      expect(codes(t, ["Project Bluefinch"]), t).toContain("deny_term");
    expect(codes("the Nightjar checkpoint", ["Nightjar model"])).toContain("deny_term");
  });

  it("does not widen terms without a kind word", () => {
    expect(codes("the Blue team and the Finch team", ["Blue Finch"])).not.toContain("deny_term");
    expect(codes("a project update", ["Project X"])).not.toContain("deny_term");
  });

  it("gives back the same list for the same terms (the matcher over it is found again)", () => {
    const terms = ["Project Bluefinch", "Kestrel-7"];
    const a = termsWithCodenames(terms);
    expect(a).toEqual(["Project Bluefinch", "Kestrel-7", "Bluefinch"]);
    expect(termsWithCodenames(terms)).toBe(a);
    const plain = ["Kestrel-7"];
    expect(termsWithCodenames(plain)).toBe(plain);
  });
});
