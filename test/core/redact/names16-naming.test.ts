/**
 * Names after a phrase that names someone (Presidio misses): "She named him Frank" (the word before
 * the name is "him", no cue), "sometimes people call me višeslav", "everyone calls me borna" (lower
 * case: no capital to start a run), "my name is borna jerković" (the family name was left). A
 * clear given name or a word that neither the dictionary nor the stop words hold is taken after
 * the lower-case phrases; words are not ("call me back", "calls me crazy").
 */
import { describe, expect, it } from "vitest";
import { personSpans, personSpansPlain } from "../../../lambdas/core/redact/person";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("names after a naming phrase", () => {
  it.each([
    ["She named him Frank", ["PERSON:Frank"]],
    ["They named her Timmie after her grandmother.", ["PERSON:Timmie"]],
    ["sometimes people call me višeslav", ["PERSON:višeslav"]],
    ["my friends call me ishmael", ["PERSON:ishmael"]],
    ["my name is borna jerković but everyone calls me borna", ["PERSON:borna jerković", "PERSON:borna"]],
    ["she named him luís", ["PERSON:luís"]],
  ])("%j", (text, want) => {
    expect(persons(text)).toEqual(want);
    expect(personSpans(text)).toEqual(personSpansPlain(text));
  });

  it.each([
    "call me back later",
    "she calls me crazy sometimes",
    "they called me names at school",
    "named her after the street",
    "my name is sam and i live here",
  ])("keeps %j", (text) => {
    const got = persons(text);
    expect(got.filter((p) => !p.startsWith("PERSON:sam"))).toEqual([]);
  });
});
