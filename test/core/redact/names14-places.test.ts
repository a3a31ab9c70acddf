/**
 * Cities and states that the name list also holds as names ("London", "Sydney", "Austin",
 * "Houston"): alone, the place is meant, and "Flights from Sydney to Austin" published two person
 * placeholders (the fixture test/fixtures/process/think.jsonl had "Not ⟦PERSON_1⟧; it is
 * Canberra."). They are now ambiguous names: a name with a cue, or beside another name.
 */
import { describe, expect, it } from "vitest";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("places that are also names", () => {
  it.each([
    "I moved to London last year.",
    "Flights from Sydney to Austin take a day.",
    "We drove from Denver to Dallas.",
    "Compute the distance between London and Berlin.",
    "Population of Houston vs Orlando?",
    "Not Sydney; it is Canberra.",
    "The train from Melbourne to Brisbane is slow.",
    "She studied at Harvard and Cornell.",
    "McKinsey's report says so.",
  ])("keeps %j", (text) => {
    expect(persons(text)).toEqual([]);
  });

  it.each([
    ["Sydney Sweeney starred in it.", ["PERSON:Sydney Sweeney"]],
    ["Austin said he would come.", ["PERSON:Austin"]],
    ["Dear Sydney, thanks for the note.", ["PERSON:Sydney"]],
    ["My name is Dallas.", ["PERSON:Dallas"]],
    ["Austin Powers is a film.", ["PERSON:Austin Powers"]],
    ["Denzel Washington won an Oscar.", ["PERSON:Denzel Washington"]],
    ["Leland Stanford founded it.", ["PERSON:Leland Stanford"]],
    ["Sydney Sweeney arrived. Later, Sydney left.", ["PERSON:Sydney Sweeney", "PERSON:Sydney"]],
    ["Maria Lopez arrived. Later, Maria left.", ["PERSON:Maria Lopez", "PERSON:Maria"]],
  ])("still a name with a cue or another name: %j", (text, want) => {
    expect(persons(text)).toEqual(want);
  });
});
