/**
 * Leaks a QA pass found published with PASS: the review, as the second line of defence, must
 * catch each on its own (the redaction is not run here).
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { body, text } from "./helpers";

const codes = (r: ReturnType<typeof review>) => r.reasons.map((x) => x.code);

describe("review: a credential in ordinary wording", () => {
  it.each([
    "I set the password to Qx7rT2mw9",
    "the root password is now hunter2",
    "the password for admin: hunter2",
    "The password of the staging database is Qx7rT2mw",
    "The API key for the billing service was changed to Zt4kPq9w.",
    "the password has been set to hunter2",
  ])("%s → keyword_secret (BLOCK)", (t) => {
    const r = review({ body: body([text(t)]) });
    expect(codes(r)).toContain("keyword_secret");
    expect(r.verdict).toBe("BLOCK");
    expect(JSON.stringify(r.reasons)).not.toMatch(/hunter2|Qx7rT2mw|Zt4kPq9w/);
  });
  it.each([
    "the password is not stored",
    "the token count is 42",
    "a secret of success is 3 things",
    "the token limit of the model is 128k",
    "set the password to something long",
    "the password for the account is self-explanatory",
    "the secret to good pasta is Salt",
    "the password for admin: ⟦SECRET_1⟧",
    "I set the password to ⟦SECRET_2⟧ and the root password is now ⟦SECRET_3⟧",
    "the token for the end of text is <eos>",
    "the password for admin is stored in ${ADMIN_PASSWORD}",
    "the password has at least 8 characters, 1 digit",
    "the password should be at least 8 characters",
    "the access token for the session expires in 3600s",
    "the API key was rotated on 2024-01-05 by ops",
    "the password for the wifi is on the fridge",
    "the API key for the service is in ~/.config/svc/key.json",
    "the password for level 3 is 4 digits long",
    "the secret to this problem is x=3",
    "the token for a newline is \\n2",
  ])("passes %s", (t) => {
    const r = review({ body: body([text(t)]), thresholds: { maxRedactionDensity: 1 } });
    expect(r.reasons).toEqual([]);
  });
});
