/**
 * The review's own check for personal identifiers found by their cue (`review/cued.ts`): dates
 * of birth and identity documents' numbers block, account ids, profile handles, home coordinates
 * and post codes after a redacted address ask a human; the same texts with placeholders, and the
 * look-alikes (bare dates, "ID 42", order numbers, `x.com/home`, a city's coordinates) pass.
 * Also end to end: what the redaction leaves of these texts passes the review.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review/index";
import { findCuedPii } from "../../../lambdas/core/review/cued";
import { PUBLIC_MESSAGE } from "../../../lambdas/core/review/public";
import { redactTranscript } from "../../../lambdas/core/redact/index";
import { body, text } from "./helpers";

const run = (t: string) => review({ body: body([text("Please help.", "user"), text(t)]) });
const codes = (t: string) => run(t).reasons.map((r) => r.code);

const POSITIVES: [string, string, string][] = [
  ["Patient DOB: 03/12/1984.", "residual_birth_date", "BLOCK"],
  ["I was born on 12 March 1984 in Leeds.", "residual_birth_date", "BLOCK"],
  ["Please tell me your date of birth. It's 6/24/1991", "residual_birth_date", "BLOCK"],
  ["Geburtsdatum: 12.03.1984", "residual_birth_date", "BLOCK"],
  ["Her passport number is X12345678.", "residual_id_number", "BLOCK"],
  ["My driver's license number is 2270-66-1551", "residual_id_number", "BLOCK"],
  ["MRN 00482913, admitted Tuesday", "residual_id_number", "BLOCK"],
  ["The account number 12345678 belongs to you.", "residual_account_id", "NEEDS_HUMAN"],
  ["customer_id: C-004821", "residual_account_id", "NEEDS_HUMAN"],
  ['{"dob":"1984-03-12","name":"⟦PERSON_1⟧"}', "residual_birth_date", "BLOCK"],
  ['{"passport_number":"X12345678"}', "residual_id_number", "BLOCK"],
  ["{'patient_id': '00482913'}", "residual_account_id", "NEEDS_HUMAN"],
  ['{"mrn": "00482913"}', "residual_id_number", "BLOCK"],
  [
    "See her profile at https://www.linkedin.com/in/jane-roe-4b2a1/ for details.",
    "residual_profile_link",
    "NEEDS_HUMAN",
  ],
  ["follow tiktok.com/@jane_roe99", "residual_profile_link", "NEEDS_HUMAN"],
  ["https://www.facebook.com/profile.php?id=100004123456789", "residual_profile_link", "NEEDS_HUMAN"],
  ["Lat/long 37.7749, -122.4194 is my home.", "residual_location", "NEEDS_HUMAN"],
  ["Ship to ⟦ADDRESS_1⟧, London NW1 6XE.", "residual_location", "NEEDS_HUMAN"],
  ["Adresse: ⟦ADDRESS_1⟧, 10115 Berlin", "residual_location", "NEEDS_HUMAN"],
  ["William Hughes\n\n20789 Allika 46\n ⟦ADDRESS_1⟧\n\n Estonia", "residual_location", "NEEDS_HUMAN"],
  ["> Lina Artemova\n> 2224 Trenerys gate 232\n> ⟦ADDRESS_1⟧", "residual_location", "NEEDS_HUMAN"],
  ["Billing address: ⟦PERSON_1⟧\n    1593 Pagari 18 ⟦ADDRESS_1⟧", "residual_location", "NEEDS_HUMAN"],
  ["Harry\n515 Gemsbok St\n⟦ADDRESS_1⟧", "residual_location", "NEEDS_HUMAN"],
  ["Juliusz lives at 28919 136 Filadelfeos Str., Klirou", "residual_location", "NEEDS_HUMAN"],
  ["Please send it to 72134 Coronilla 3599\nNijmegen", "residual_location", "NEEDS_HUMAN"],
  ["Hello, my new address is 50066 Rooseveltlaan 110, Utrecht", "residual_location", "NEEDS_HUMAN"],
];

describe("review: cued personal identifiers", () => {
  it.each(POSITIVES)("%s → %s (%s)", (t, code, verdict) => {
    const r = run(t);
    expect(r.reasons.map((x) => x.code)).toContain(code);
    expect(r.verdict).toBe(verdict);
    // Reasons never hold the value.
    for (const x of r.reasons) expect(x.message).not.toMatch(/1984|X12345678|jane|00482913|122\.4194|NW1/);
  });

  it.each([
    ["Patient DOB: ⟦DOB_1⟧, MRN ⟦ID_1⟧."],
    ["See her profile at https://www.linkedin.com/in/⟦USER_1⟧/ for details."],
    ["Lat/long ⟦ADDRESS_1⟧ is my home."],
    ["Ship to ⟦ADDRESS_1⟧."],
    ["## 2024-03-12\n- Fixed the parser (#1234)\n## 2023-11-30\n- First release"],
    ["She was born in 1984 in Ohio."],
    ["if (user.id == 42) return ID 42;"],
    ["Add 2 tsp of vin 12345 and the tin 56789"],
    ["Your order number 123456789 has shipped."],
    ["What is a policy number? Your policy number is usually printed on the card."],
    ["You need a passport to travel to France; it takes 6 weeks in 2024."],
    ["Open x.com/home, x.com/explore, github.com/torvalds/linux and linkedin.com/company/acme"],
    ["San Francisco is at 37.7749, -122.4194, on the bay."],
    ["The Eiffel Tower is at 48.8584° N, 2.2945° E; it was born of the 1889 fair."],
    ["Natalia sold 48 clips in April 2024, then 1/2 as many in May. 1234 + 5678 = 6912."],
    ["Step 3 of 4\n⟦ADDRESS_1⟧"],
    ["The results were sent to 3 reviewers and returned to 2 of them."],
    ["She lives at 5 minutes from the station; the office is at 9 am open."],
    ["Ship it to ⟦ADDRESS_1⟧ and send the invoice to ⟦EMAIL_1⟧ by 2024."],
    ["Let x = 12. The address is 0x7ffe at offset 16 bytes."],
    ["We bought 12 Apples and 4\nthen went to ⟦ADDRESS_1⟧."],
    ["Ship to ⟦ADDRESS_1⟧ by 2024."],
  ])("%s → no cued reason", (t) => {
    expect(findCuedPii(t)).toEqual([]);
    expect(codes(t).filter((c) => /birth|id_number|account_id|profile|location/.test(c))).toEqual([]);
  });

  it("has a public sentence for every new code", () => {
    for (const c of [
      "residual_birth_date",
      "residual_id_number",
      "residual_account_id",
      "residual_profile_link",
      "residual_location",
    ] as const)
      expect(PUBLIC_MESSAGE[c]).toMatch(/\w/);
  });

  it("passes what the redaction leaves of the same texts", () => {
    for (const [t] of POSITIVES) {
      if (t.includes("⟦")) continue;
      const r = redactTranscript(
        {
          schema: "cotshare/transcript@1",
          id: "t1",
          lab: "acme",
          model: { id: "m" },
          messages: [{ role: "assistant", parts: [{ type: "text", text: t }] }],
        } as Parameters<typeof redactTranscript>[0],
        { hmacKey: "k" },
      );
      const out = (r.transcript.messages[0]!.parts[0] as { text: string }).text;
      expect(findCuedPii(out), out).toEqual([]);
    }
  });
});
