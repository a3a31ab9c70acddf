/**
 * A name written in capitals in a header's list (`From: QORVATH ZENDRIX`) is a person's name to the
 * review too: the redaction takes such names only when its lexicon holds every word, so the review,
 * which reads no lexicon, asks a human (`residual_person`) for any run of two or three words in
 * capitals there that is not a team's, a service's or a role's.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review/index";
import { findPeople } from "../../../lambdas/core/review/people";
import { body, text } from "./helpers";

const run = (t: string) => review({ body: body([text("Please help.", "user"), text(t)]) });

describe("names in capitals in header lists (review)", () => {
  it.each([
    "From: QORVATH ZENDRIX\nSubject: the run",
    "To: ⟦PERSON_1⟧, ULMAR PEXTO",
    "Signed-off-by: BRINDEL O'QUORST <⟦EMAIL_1⟧>",
    "Reviewed-by: SEO-YEON QUORST",
  ])("asks a human for %j", (t) => {
    expect(findPeople(t)).toHaveLength(1);
    const r = run(t);
    expect(r.reasons.map((x) => x.code)).toContain("residual_person");
    expect(r.verdict).toBe("NEEDS_HUMAN");
  });

  it.each([
    "To: ALL STAFF",
    "From: GITHUB ACTIONS <⟦EMAIL_1⟧>",
    "Cc: QA LEADS, ⟦PERSON_1⟧",
    "To: ⟦PERSON_1⟧, ⟦PERSON_2⟧",
    "Subject: URGENT FIX NEEDED",
    "From: QORVATH",
    "The LOUD WORDS in prose are not a header.",
  ])("passes %j", (t) => {
    expect(findPeople(t)).toEqual([]);
  });
});

describe("names in capitals in a signature (review)", () => {
  it.each(["Regards,\nXYLIA BRANDOLINI", "Thanks,\nQORVATH ZENDRIX\nStaff"])("asks a human for %j", (t) => {
    expect(findPeople(t)).toHaveLength(1);
    const r = run(t);
    expect(r.reasons.map((x) => x.code)).toContain("residual_person");
    expect(r.verdict).toBe("NEEDS_HUMAN");
  });

  it.each([
    "Thanks,\nACME CORP",
    "Cheers,\nTHE DATA TEAM",
    "Best,\nMLOPS PLATFORM",
    "Regards,\n⟦PERSON_1⟧",
    "NOTE THIS:\nBIG NEWS",
  ])("passes %j", (t) => {
    expect(findPeople(t)).toEqual([]);
  });
});
