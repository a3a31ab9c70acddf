import { describe, expect, it } from "vitest";
import { found } from "./helpers";

describe("person names", () => {
  it("full names from the lexicon, with initials and particles", () => {
    expect(found("Yesterday Margaret Thornton called.")).toEqual(["PERSON:Margaret Thornton"]);
    expect(found("Signed by Hanne I. Kreutzmann today")).toEqual(["PERSON:Hanne I. Kreutzmann"]);
    expect(found("He met Dyan van Gijn there")).toEqual(["PERSON:Dyan van Gijn"]);
    expect(found("Maika van de Noort\nEmployment manager")).toEqual(["PERSON:Maika van de Noort"]);
    expect(found("He met Jan van der Berg there")).toEqual(["PERSON:Jan van der Berg"]);
  });
  it("unknown names with a cue, and their later mentions", () => {
    expect(found("My name is Rubija")).toEqual(["PERSON:Rubija"]);
    expect(found("Mr. Demidov is a 63 year old man. Demidov smiled.")).toEqual([
      "PERSON:Demidov",
      "PERSON:Demidov",
    ]);
    expect(found("mr. elliott flew home")).toEqual(["PERSON:elliott"]);
  });
  it("non-English names by their letters", () => {
    expect(found("Krisztián Szöllösy listed his songs")).toEqual(["PERSON:Krisztián Szöllösy"]);
  });
  it("possessives stay outside the span", () => {
    expect(found("Janet's ducks")).toEqual(["PERSON:Janet"]);
  });
  it("no names in ordinary words, countries, organisations or contractions", () => {
    expect(found("The answer is 18. So we compute the total. First, note that I'm sure.")).toEqual([]);
    expect(found("I will be travelling to Canada and Tunisia next week")).toEqual([]);
    expect(found("I'm glad; We'll meet Monday at noon in March.")).toEqual([]);
    expect(found("Conway Inc. was founded by nobody")).toEqual([]);
    expect(found("Capitalized words like Wisdom and Discipline are often misread")).toEqual([]);
  });
  it("ambiguous given names that are also words need a cue", () => {
    expect(found("Will it rain? Mark the answer.")).toEqual([]);
    expect(found("Thanks, Will!")).toEqual(["PERSON:Will"]);
  });
});
