/**
 * An ambiguous given name of the lexicon (Jo, Mark, Will, Grace) right after a verb of contacting
 * someone (emailed, messaged, texted, pinged, phoned): the person is meant, as after "told" or
 * "asked" ("I asked Mark" was taken, "I emailed Mark" published the name). A team, a service or a
 * place after the verb stays ("I emailed Sales", "pinged Oxford"); so do unknown words ("I emailed
 * Support"), and the characters of a word problem (a narrative name).
 */
import { describe, expect, it } from "vitest";
import { personSpans, personSpansPlain } from "../../../lambdas/core/redact/person";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("an ambiguous given name after a verb of contacting", () => {
  it.each([
    ["I emailed Jo about it.", "Jo"],
    ["I emailed Mark about the outage.", "Mark"],
    ["Yesterday I texted Grace.", "Grace"],
    ["She pinged Will on Slack.", "Will"],
    ["We messaged Rose twice.", "Rose"],
    ["I phoned Frank, no answer.", "Frank"],
  ])("%j", (text, name) => {
    expect(persons(text)).toEqual([`PERSON:${name}`]);
    expect(personSpans(text)).toEqual(personSpansPlain(text));
  });

  it.each([
    "I emailed Sales about it.",
    "I emailed Support yesterday.",
    "I pinged Oxford about the admission.",
    "Natalia emailed Will 5 times a day; how many emails in total over 3 days?",
  ])("keeps %j", (text) => {
    expect(persons(text).filter((p) => !p.startsWith("PERSON:Natalia"))).toEqual([]);
  });
});
