/**
 * A given name that is also a stop word — a month (April, June, August), a religion (Christian), a
 * country (Chad, Jordan, Georgia, India, Israel, Kenya) or Sierra — at the head of a full name.
 * The run dropped it as a stop word: "Chad Smith" and "Christian Bale" were published whole (the
 * family name alone needs a cue), "Jordan ⟦PERSON_1⟧" published the given name. The word is now
 * kept when every word after it is a name of the lexicon, and taken back when the rest is judged a
 * name on its own. Places, months and religions in their own sense stay.
 */
import { describe, expect, it } from "vitest";
import { personSpans, personSpansPlain } from "../../../lambdas/core/redact/person";
import { redactTranscript } from "../../../lambdas/core/redact/index";
import { SCHEMA_ID, Transcript } from "../../../lambdas/core/transcript/schema";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

const NAMES = [
  "Chad Smith",
  "June Carter",
  "Christian Bale",
  "Jordan Peterson",
  "Kenya Barris",
  "India Arie",
  "August Wilson",
  "Sierra Burgess",
  "Georgia Baldwin",
  "April Lawson",
];

describe("a given name that is also a stop word heads a full name", () => {
  it.each(NAMES)("%s, at a sentence's start and inside one", (name) => {
    expect(persons(`${name} wrote the report.`)).toEqual([`PERSON:${name}`]);
    expect(persons(`Yesterday I met ${name} at the office.`)).toEqual([`PERSON:${name}`]);
    // The scan's shortcuts find what its plain form finds.
    for (const t of [`${name} wrote the report.`, `So ${name} agreed.`])
      expect(personSpans(t)).toEqual(personSpansPlain(t));
  });

  it("leaves no given name beside the placeholder in a published transcript", () => {
    const t = Transcript.parse({
      schema: SCHEMA_ID,
      id: "given-stops",
      model: { id: "m" },
      messages: [
        { role: "user", parts: [{ type: "text", text: "Who reviewed the draft?" }] },
        {
          role: "assistant",
          parts: [
            {
              type: "reasoning",
              text: "Chad Smith and Jordan Peterson reviewed it; Christian Bale signed off.",
            },
          ],
        },
      ],
    });
    const out = redactTranscript(t, { hmacKey: "k" });
    const text = JSON.stringify(out.transcript.messages);
    for (const w of ["Chad", "Smith", "Jordan", "Peterson", "Christian", "Bale"])
      expect(text).not.toContain(w);
  });

  it.each([
    "The Jordan River flows south.",
    "We flew to Israel yesterday.",
    "In April 2024 we shipped the release.",
    "Georgia Tech won the game.",
    "Christian Science is a religion.",
    "In June we moved the office.",
    "Kenya Airways flies to Nairobi.",
    "Chad is a country in Africa.",
  ])("keeps %j", (text) => {
    expect(persons(text)).toEqual([]);
  });
});
