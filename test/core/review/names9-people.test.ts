/**
 * The review's own check for person names in Latin script (`review/people.ts`): where the position
 * says a person stands (before `<e-mail>`, header and trailer lines, vCard, iCalendar `CN=`, a
 * signature after a closing word), a capitalised run of two or three words asks a human
 * (`residual_person`) whatever its words — names no lexicon holds included. The same positions
 * holding a placeholder, a team or a service, and ordinary prose, pass. End to end: what the
 * redaction leaves of the rt8 texts passes.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review/index";
import { findPeople } from "../../../lambdas/core/review/people";
import { PUBLIC_MESSAGE } from "../../../lambdas/core/review/public";
import { redactTranscript } from "../../../lambdas/core/redact/index";
import { body, text } from "./helpers";

// Addresses built at run time (no personal-looking data in the repo's plain text).
const at = (local: string, host = "example.org") => local + "@" + host;
const run = (t: string) => review({ body: body([text("Please help.", "user"), text(t)]) });

const POSITIVES: string[] = [
  `3f2a9b1 Qorvath Zendrix <⟦EMAIL_1⟧> fix race in scheduler`,
  `1a2b3c4 "Ulmar Pexto" <⟦EMAIL_2⟧> bump deps`,
  `Signed-off-by: Brindel Quorst <⟦EMAIL_3⟧>`,
  `Co-authored-by: Seo-yeon Quorst <⟦EMAIL_1⟧>`,
  `Reviewed-by: Ulmar J. Pexto`,
  `From: ⟦PERSON_1⟧\nTo: Ulmar Pexto, ⟦PERSON_2⟧\nSubject: the run`,
  `Cc: ⟦PERSON_1⟧ <⟦EMAIL_1⟧>; Brindel Quorst <⟦EMAIL_2⟧>`,
  `BEGIN:VCARD\nFN:Qorvath Zendrix\nEND:VCARD`,
  `BEGIN:VCARD\nN:Zendrix;Qorvath;;;\nEND:VCARD`,
  `ATTENDEE;ROLE=REQ-PARTICIPANT;CN="Ulmar Pexto";RSVP=TRUE:mailto:⟦EMAIL_1⟧`,
  `ORGANIZER;CN=Qorvath Zendrix:mailto:⟦EMAIL_2⟧`,
  `Thanks for looking.\n\nBest,\nSeo-yeon Quorst`,
  `Kind regards,\nBrindel Quorst`,
];

const NEGATIVES: string[] = [
  `3f2a9b1 ⟦PERSON_1⟧ <⟦EMAIL_1⟧> fix race in scheduler`,
  `Signed-off-by: ⟦PERSON_2⟧ <⟦EMAIL_3⟧>`,
  `From: GitHub Support <⟦EMAIL_1⟧>`,
  `To: Platform Team <⟦EMAIL_1⟧>`,
  `Author: Release Bot <⟦EMAIL_2⟧>`,
  `From: the logs, the error is clear.`,
  `To: Do this we need a map`,
  `Thanks,\nThe Team`,
  `Best,\n⟦PERSON_1⟧`,
  `Regards,\nQorvath`,
  `Vec<String> and HashMap<Key, Value> in Rust; a <b>Bold Text</b> tag`,
  `The Central Park dataset, Login Succeeded, Last login: Mon Nov 30 06:01:02 2026`,
  `Note: Hello World is printed. Step 2: Compute The Sum.`,
  `Docker Hub <⟦EMAIL_1⟧>`,
  `ATTENDEE;CN=⟦PERSON_1⟧:mailto:⟦EMAIL_1⟧`,
];

describe("review: person names in structural positions", () => {
  it.each(POSITIVES)("%j asks a human (residual_person)", (t) => {
    expect(findPeople(t).length).toBeGreaterThan(0);
    const r = run(t);
    expect(r.reasons.map((x) => x.code)).toContain("residual_person");
    expect(r.verdict).not.toBe("PASS");
  });
  it.each(NEGATIVES)("%j passes", (t) => {
    expect(findPeople(t)).toEqual([]);
    expect(run(t).reasons.map((x) => x.code)).not.toContain("residual_person");
  });
  it("its message names the position, never the value; a public sentence exists", () => {
    const r = run(`Signed-off-by: Brindel Quorst <⟦EMAIL_3⟧>`);
    for (const x of r.reasons) expect(x.message).not.toMatch(/Brindel|Quorst/);
    expect(PUBLIC_MESSAGE.residual_person).toBeTruthy();
  });
  it("what the redaction leaves of rt8's names passes", () => {
    const tool =
      `3f2a9b1 Haoran Xu <${at("hxu", "users.noreply.github.com")}> fix race in scheduler\n` +
      `1a2b3c4 Jiwoo Park <${at("jpark", "users.noreply.github.com")}> bump deps\n` +
      `Signed-off-by: Priya Raghunathan <${at("priya")}>\n` +
      `From: Qorvath Zendrix\nTo: Ulmar Pexto, Brindel Quorst\n\nBest,\nSeo-yeon Park`;
    const t = redactTranscript(
      {
        schema: "cotshare/transcript@1",
        id: "t",
        model: { id: "m" },
        messages: [
          { role: "user", parts: [{ type: "text", text: "Summarise the log." }] },
          { role: "assistant", parts: [{ type: "text", text: tool }] },
        ],
      } as never,
      { hmacKey: "k" },
    );
    const text2 = (t.transcript.messages[1]!.parts[0] as { text: string }).text;
    expect(findPeople(text2)).toEqual([]);
    for (const v of ["Haoran", "Jiwoo", "Priya", "Qorvath", "Ulmar", "Brindel", "Seo-yeon"])
      expect(text2).not.toContain(v);
  });
});
