import { describe, expect, it } from "vitest";
import { personalContext, quantitative } from "../../../lambdas/core/redact/person";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((x) => x.startsWith("PERSON:"));

describe("narrative names: characters of word problems stay, personal data does not", () => {
  it("keeps a lone given name in text that reasons in quantities, with no personal-data context", () => {
    expect(
      persons(
        "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May.",
      ),
    ).toEqual([]);
    expect(persons("Katelyn saw 50 fairies. Katelyn saw half as many as before, so 50 + 25 = 75.")).toEqual(
      [],
    );
    // names after narrative cues, and in lists with them, are narrative too
    expect(persons("The problem says Patchy has 3 times as many kittens as Trixie, so 3 * 4 = 12.")).toEqual(
      [],
    );
    expect(
      persons("We have four girls: Kim, Alexandra, Maryam, and Sarah. Kim raises 430 + 320 = 750."),
    ).toEqual([]);
  });
  it("redacts the same name where the string holds personal-data context", () => {
    expect(persons("Natalia's phone is 555-123-4567; she sold 48 clips in April and 24 in May.")).toEqual([
      "PERSON:Natalia",
    ]);
    expect(persons("Send the 2 invoices to Natalia at natalia@example.org by 5 pm.")).toEqual([
      "PERSON:Natalia",
    ]);
    expect(persons("Natalia was born in 1990 and has 2 kids.")).toEqual(["PERSON:Natalia"]);
  });
  it("redacts a lone given name in prose without quantities, as before", () => {
    expect(persons("Why is Janet so impulsive?")).toEqual(["PERSON:Janet"]);
    expect(persons("Janet asked me to review the draft today.")).toEqual(["PERSON:Janet"]);
    // numbers alone do not make a word problem: arithmetic or its wording does
    expect(persons("Sarah said the Q3 revenue was 5M.")).toEqual(["PERSON:Sarah"]);
    expect(persons("Sarah said the Q3 revenue was 5M, twice as much as Q2.")).toEqual([]);
  });
  it("strong evidence is personal data even in a word problem, and makes the string's other names so", () => {
    expect(persons("Mr. Rogers bought a car for 2000 dollars and sold it for 1500.")).toEqual([
      "PERSON:Rogers",
    ]);
    expect(persons("Margaret Thornton paid 40 dollars for 2 books.")).toEqual(["PERSON:Margaret Thornton"]);
    expect(persons("Margaret Thornton gave Janet 3 apples and 2 pears.")).toEqual([
      "PERSON:Margaret Thornton",
      "PERSON:Janet",
    ]);
    expect(persons("Hi Katelyn, you owe 3 dollars for 2 pies.")).toEqual(["PERSON:Katelyn"]);
  });
  it("a sentence opener before a name does not make a full name", () => {
    expect(persons("Joey has 214 points, Marcy 235. Difference Joey - Marcy = 235 - 214 = 21.")).toEqual([]);
    expect(persons("Perhaps Katelyn counted 50 fairies and half as many more.")).toEqual([]);
    // still a name in prose without quantities ("Perhaps" is a stop word: not part of it)
    expect(persons("Perhaps Katelyn knows.")).toEqual(["PERSON:Katelyn"]);
    // a two-word name on a line of its own (a signature) stays a full name
    expect(persons("Thanks for the 2 files and the 3 notes.\nWeronika Martinsen")).toEqual([
      "PERSON:Weronika Martinsen",
    ]);
  });
  it("lower-case 'miss' is the verb, not a title", () => {
    expect(persons("Let me check again to make sure I didn't miss anyone.")).toEqual([]);
    expect(persons("miss. lempi called")).toEqual(["PERSON:lempi"]);
  });
});

describe("the two context tests", () => {
  it("personal-data context: contact details, identifiers and the words that introduce them", () => {
    for (const t of [
      "mail jane@example.org",
      "call +44 20 7946 0958",
      "call (555) 123-4567",
      "SSN 123-45-6789",
      "lives at 12 Baker Street",
      "her date of birth",
      "Dear all",
      "the customer",
    ])
      expect(personalContext(t), t).toBe(true);
  });
  it("arithmetic, units and birthday parties are not personal-data context", () => {
    for (const t of [
      "430+320=750 and 214 +26 =240",
      "(so 75) +25 (so 100)",
      "she bought birthday candles",
      "a joint savings account",
      "Kalinda works at rate 4 pieces per minute",
      "5 ways to do it",
    ])
      expect(personalContext(t), t).toBe(false);
  });
  it("quantities: two numbers (figures, number or arithmetic words) and arithmetic or a problem's wording", () => {
    expect(quantitative("48 clips in April and half as many in May")).toBe(true);
    expect(quantitative("the total number of books divided by four")).toBe(true);
    expect(quantitative("They had 6 children.")).toBe(false);
    expect(quantitative("Version 2 ships in 2026.")).toBe(false);
    expect(quantitative("2 + 3 = 5 apples")).toBe(true);
    expect(quantitative("Why is Katrine so impulsive?")).toBe(false);
  });
});
