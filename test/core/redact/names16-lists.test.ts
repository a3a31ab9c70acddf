/**
 * People listed after a cue (Presidio misses): "our 3 founders: Monjeau, Graves and Reed" (no word
 * a clear name: "founders" now cues the first, the list takes the rest), and lists in lower case
 * ("they had 6: silvana, adam, christopher, kristina, chad and caleb"), where four or more items,
 * two and half of them clear given names, make the others names too, but for dictionary words the
 * lexicon does not hold. Three surnames alone are a firm as often ("hubbard, fox and gillespie").
 */
import { describe, expect, it } from "vitest";
import { personSpans, personSpansPlain } from "../../../lambdas/core/redact/person";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("lists of people", () => {
  it.each([
    [
      "Acme is the brainchild of our 3 founders: Monjeau, Graves and Reed.",
      ["PERSON:Monjeau", "PERSON:Graves", "PERSON:Reed"],
    ],
    [
      "The founders Šušulić, Bowman and White met in 2010.",
      ["PERSON:Šušulić", "PERSON:Bowman", "PERSON:White"],
    ],
    [
      "they had 6: silvana, adam, christopher, kristina, chad and caleb.",
      ["silvana", "adam", "christopher", "kristina", "chad", "caleb"].map((n) => `PERSON:${n}`),
    ],
    [
      "they had 6: leonti, terrence, pamela, donna, andrea and brian.",
      ["leonti", "terrence", "pamela", "donna", "andrea", "brian"].map((n) => `PERSON:${n}`),
    ],
  ])("%j", (text, want) => {
    expect(persons(text)).toEqual(want);
    expect(personSpans(text)).toEqual(personSpansPlain(text));
  });

  it.each([
    "we need eggs, milk, bread and butter",
    "hubbard, fox and gillespie",
    "i met anna, maria, bread and cheese",
  ])("keeps %j", (text) => {
    expect(persons(text).filter((p) => !/anna|maria/.test(p))).toEqual([]);
  });
});
