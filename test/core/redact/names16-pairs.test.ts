/**
 * Two people named before what they were (Presidio misses: "Usamov and Bowers were precision
 * engineers", "Park and Mann were…"): words outside the lexicon and the dictionary, names of the
 * lexicon, and a family name spelled as a stop word ("Park") are taken; dictionary words and
 * teams stay ("Python and Rust were friends", "Sales and Support were colleagues").
 */
import { describe, expect, it } from "vitest";
import { personSpans, personSpansPlain } from "../../../lambdas/core/redact/person";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("a pair of people before what they were", () => {
  it.each([
    ["Is there a better pop song? Usamov and Bowers were precision engineers.", ["Usamov", "Bowers"]],
    ["Is there a better pop song? Park and Mann were precision engineers.", ["Park", "Mann"]],
    ["Lamovec and Morales were the founders.", ["Lamovec", "Morales"]],
  ])("%j", (text, want) => {
    expect(persons(text)).toEqual(want.map((n) => `PERSON:${n}`));
    expect(personSpans(text)).toEqual(personSpansPlain(text));
  });

  it.each([
    "Python and Rust were friends in that benchmark.",
    "Sales and Support were colleagues.",
    "Apples and Oranges were friends.",
  ])("keeps %j", (text) => {
    expect(persons(text)).toEqual([]);
  });
});
