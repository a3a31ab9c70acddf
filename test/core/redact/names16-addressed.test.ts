/**
 * A word addressed at a sentence's start before a request (Presidio misses): "Warrane, can I please
 * speak to your boss?" — a word neither the lexicon nor the English dictionary holds, before ", can
 * I", ", could you", ", please". Words stay ("Okay, can you…", "Alternatively, could we…").
 */
import { describe, expect, it } from "vitest";
import { personSpans, personSpansPlain } from "../../../lambdas/core/redact/person";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("a word addressed before a request", () => {
  it.each([
    ["Warrane, can I please speak to your boss?", ["PERSON:Warrane"]],
    ["Thanks for the call. Aloisia, could you send the form?", ["PERSON:Aloisia"]],
  ])("%j", (text, want) => {
    expect(persons(text)).toEqual(want);
    expect(personSpans(text)).toEqual(personSpansPlain(text));
  });

  it.each([
    "Okay, can you check the sum?",
    "Hmm. Alternatively, could we factor it first?",
    "The total is 12, can you verify?",
    "Then, please double-check the units.",
    // An assistant or a product addressed by a user: no name's shape.
    "ChatGPT, can you help me with this?",
    "GPT4o, could you explain recursion?",
  ])("keeps %j", (text) => {
    expect(persons(text)).toEqual([]);
  });
});
