import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { body, text } from "./helpers";

const codes = (t: string) => review({ body: body([text(t)]) }).reasons.map((x) => x.code);

describe("review: a date of birth in a table's column, under a header cell that names it", () => {
  it.each([
    "name,dob,zip\nAna Ruiz,1990-02-11,28013",
    "| id | full_name | date_of_birth | postcode |\n|----|-----------|---------------|----------|\n| 7 | ⟦PERSON_1⟧ | 14/02/1987 | SW1A 1AA |",
    '"name";"birthdate"\n"⟦PERSON_1⟧";"03.04.1985"',
    "id\tbirthday\n7\tMarch 3, 1979",
  ])("%j → residual_birth_date", (t) => {
    expect(codes(t)).toContain("residual_birth_date");
  });

  it("not under a column of years, not under another date's header, not in prose, not once redacted", () => {
    for (const t of [
      "name,born,field\nAda Lovelace,1815,maths",
      "item,date,price\napple,2024-01-05,3",
      "Born in Paris, she moved.\nOn 12/03/1990 she left.",
      "name,dob,zip\n⟦PERSON_1⟧,⟦DOB_1⟧,⟦ADDRESS_1⟧",
    ])
      expect(codes(t), t).not.toContain("residual_birth_date");
  });
});
