/**
 * A family name also spelled as an English word ("Park", "He") after a given name, in a mail
 * header or trailer list: the whole name is taken; and a name written in capitals there. Before, the list item was dropped as holding the
 * word "park", and the general scan took the given name alone — "⟦PERSON_1⟧ Park" was published,
 * and the review, which reads whole names in these positions, no longer saw one.
 */
import { describe, expect, it } from "vitest";
import { processTranscript } from "../../../lambdas/core/pipeline";
import { SCHEMA_ID, Transcript } from "../../../lambdas/core/transcript/schema";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("family names that are English words, in header lists", () => {
  it.each([
    ["To: Ana Lima, Jo Park", ["PERSON:Ana Lima", "PERSON:Jo Park"]],
    ["Cc: Jo Park, Ana Lima", ["PERSON:Jo Park", "PERSON:Ana Lima"]],
    ["From: Ana Lima\nTo: Jo Park, Li Wei", ["PERSON:Ana Lima", "PERSON:Jo Park", "PERSON:Li Wei"]],
    ["Reviewed-by: Min He\nSigned-off-by: Li Wei", ["PERSON:Min He", "PERSON:Li Wei"]],
  ])("%j", (text, want) => {
    expect(persons(text)).toEqual(want);
  });

  it("takes a name written in capitals in a header list when the lexicon holds every word", () => {
    expect(persons("From: JIWOO PARK\nTo: Ana Lima")).toEqual(["PERSON:JIWOO PARK", "PERSON:Ana Lima"]);
    expect(persons("To: MARIA LOPEZ, JOHN SMITH")).toEqual(["PERSON:MARIA LOPEZ", "PERSON:JOHN SMITH"]);
    expect(persons("Signed-off-by: HAORAN XU")).toEqual(["PERSON:HAORAN XU"]);
    for (const team of ["From: GITHUB SUPPORT", "To: ALL STAFF", "From: ACME CORP", "To: NEW YORK OFFICE"])
      expect(persons(team)).toEqual([]);
  });

  it("in a list of names in prose, the family name goes with the given name", () => {
    expect(persons("Then Ana Lima and Jo Park met at the park.")).toEqual([
      "PERSON:Ana Lima",
      "PERSON:Jo Park",
    ]);
    // ("He" also starts a sentence run on without a stop: taken only after a given name of the added list.)
    expect(persons("I met Ana Lima and Jo He said hello")).not.toContain("PERSON:Jo He");
  });

  it("keeps the words where no given name stands before them", () => {
    expect(persons("To: Central Park, Ana Lima")).toEqual(["PERSON:Ana Lima"]);
    expect(persons("Meet me at the park, Ana Lima said.")).toEqual(["PERSON:Ana Lima"]);
  });

  it("publishes neither word of the name", () => {
    const t = Transcript.parse({
      schema: SCHEMA_ID,
      id: "mail-1",
      model: { id: "example-reasoner-1" },
      messages: [
        { role: "user", parts: [{ type: "text", text: "Summarise this mail." }] },
        {
          role: "assistant",
          parts: [
            { type: "reasoning", text: "The header reads:\nTo: Ana Lima, Jo Park\nSubject: the build" },
          ],
        },
      ],
    });
    const o = processTranscript("mail.json", t, { lab: "acme", hmacKey: "k" });
    expect(o.status).toBe("accepted");
    const published = JSON.stringify(o.status === "accepted" ? o.published.messages : "");
    expect(published).not.toMatch(/Park|Lima/);
  });
});
