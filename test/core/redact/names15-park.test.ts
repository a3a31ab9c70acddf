/**
 * A short given name of the lexicon and a family name also spelled as an English word ("Jo
 * Park"), after a word that takes a person (emailed, called, met, told, asked, pinged, Attn): the
 * run dropped "Park" as a stop word, and "I met ⟦PERSON_1⟧ Park" published the family name; "I
 * emailed Jo Park" published both. After such a word the pair is one name; a park after a verb of
 * going stays a park.
 */
import { describe, expect, it } from "vitest";
import { personSpans, personSpansPlain } from "../../../lambdas/core/redact/person";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("a given name and Park after a word that takes a person", () => {
  it.each([
    "I emailed Jo Park about it.",
    "I met Jo Park yesterday.",
    "I called Jo Park and left a message.",
    "She told Jo Park the news.",
    "We asked Jo Park for the numbers.",
    "I pinged Jo Park on Slack.",
    "I messaged Mark Park earlier.",
    "Attn: Jo Park",
    "I spoke with Jo Park today.",
  ])("%s", (text) => {
    const got = persons(text);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^PERSON:(?:Jo|Mark) Park$/);
    expect(personSpans(text)).toEqual(personSpansPlain(text));
  });

  it.each([
    "I walked to Central Park.",
    "We visited Regent Park on Sunday.",
    "The pinged host was Jurassic Park.",
    "I met him at Olympic Park.",
    "We rented an apartment with Forest Park views.",
  ])("keeps %j", (text) => {
    expect(persons(text)).toEqual([]);
  });

  it("takes no sentence that starts with He after a name", () => {
    // (Only Park: "He" after a name starts a sentence as often as it ends a name.)
    expect(persons("I told Jo He would come.")).not.toContain("PERSON:Jo He");
  });
});
