import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { body, text } from "./helpers";

describe("review: a date of birth under a record's key (camelCase, snake_case)", () => {
  it.each([
    '{"firstName":"⟦PERSON_1⟧","dateOfBirth":"1988-07-21"}',
    "date_of_birth = '1988-07-21'",
    "birth_date: 21/07/1988",
    "BirthDate=07/21/1988",
  ])("%s → residual_birth_date (BLOCK)", (t) => {
    const r = review({ body: body([text(`Fetched the record.\n${t}\n`)]) });
    expect(r.reasons.map((x) => x.code)).toContain("residual_birth_date");
    expect(r.verdict).toBe("BLOCK");
  });

  it("a date after another key is no birth date", () => {
    const r = review({ body: body([text('{"createdAt":"2024-07-21","dateOfPurchase":"2024-07-01"}')]) });
    expect(r.reasons.map((x) => x.code)).not.toContain("residual_birth_date");
  });
});
