/**
 * Speakers of a dialogue (Presidio misses): "Ubul: What a wife.\nNicole: Remember…", `Vsevolod:
 * "Who are you?"\nHeather:"I'm…"`: a word alone before a colon at a line's start is a speaker
 * when two such words are name-like and one is a clear given name of the lexicon, or two are
 * followed by a quote. The labels of reasoning text stay ("Step 1:", "Note:", "Answer:",
 * "User:", "Todo:"), and so does a label in lower case in text with capitals ("pwd:").
 */
import { describe, expect, it } from "vitest";
import { personSpans, personSpansPlain } from "../../../lambdas/core/redact/person";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("speakers of a dialogue", () => {
  it.each([
    ["Ubul: What a wife.\nNicole: Remember me?", ["PERSON:Ubul", "PERSON:Nicole"]],
    ['Vsevolod: "Who are you?"\nHeather:"I\'m the new nurse".', ["PERSON:Vsevolod", "PERSON:Heather"]],
    ['mika: "who are you?"\ntracy:"nobody".', ["PERSON:mika", "PERSON:tracy"]],
    ["Kristíana: What a wife.\nAmy: Remember me?", ["PERSON:Kristíana", "PERSON:Amy"]],
  ])("%j", (text, want) => {
    expect(persons(text).sort()).toEqual([...want].sort());
    expect(personSpans(text)).toEqual(personSpansPlain(text));
  });

  it.each([
    "Step 1: compute the sum.\nNote: it is even.\nAnswer: 42",
    "User: hi\nAssistant: hello",
    "Todo: fix the build\nRecap: it failed twice",
    'Premise: "all men are mortal"\nConclusion: "Socrates is mortal"',
    "pwd: hunter\nconfig: none\nAnna: ok",
  ])("keeps %j", (text) => {
    const got = persons(text).filter((p) => p !== "PERSON:Anna" && p !== "PERSON:Socrates");
    expect(got).toEqual([]);
  });
});
