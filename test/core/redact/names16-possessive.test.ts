/**
 * A word outside the lexicon before a person's relative or thing ("Franciska's kid", "Maite
 * Lemmens's killers", "Matej's address") or work ("the Petersson novel", "a Hedvig Arvidsson
 * concert"), and a lower-case name after "her maiden name is" / "his name is" (Presidio misses).
 * Words the dictionary holds stay ("Python's address space", "the Gothic novel"), as do a model's
 * family and a process's child ("Qwen's family of models", "Bash's child process"), and a word
 * after "his name is" that the dictionary holds ("his name is unknown").
 */
import { describe, expect, it } from "vitest";
import { personSpans, personSpansPlain } from "../../../lambdas/core/redact/person";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("a person by a possessive, a work or a name's cue", () => {
  it.each([
    ["It was a done thing between him and Franciska's kid.", ["PERSON:Franciska"]],
    ["Maite Lemmens's killers sentenced to life in prison", ["PERSON:Maite Lemmens"]],
    ["As promised, here's Matej's address.", ["PERSON:Matej"]],
    ["Unlike the Petersson novel, it's not a thriller.", ["PERSON:Petersson"]],
    ["Have you been to a Hedvig Arvidsson concert before?", ["PERSON:Hedvig Arvidsson"]],
    ["her maiden name is nyberg", ["PERSON:nyberg"]],
  ])("%j", (text, want) => {
    expect(persons(text)).toEqual(want);
    expect(personSpans(text)).toEqual(personSpansPlain(text));
  });

  it.each([
    "Python's address space is large.",
    "Qwen's family of models is good.",
    "Bash's child process exits.",
    "The Gothic novel is a genre.",
    "his name is unknown",
  ])("keeps %j", (text) => {
    expect(persons(text)).toEqual([]);
  });
});
