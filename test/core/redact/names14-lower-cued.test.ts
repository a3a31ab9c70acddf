/**
 * Names typed in lower case after what introduces a person (`my manager jane doe`, `cc: haoran
 * xu`, `email from ana li`): the lower-case pair rule wanted a clear given name and a clear or
 * long family name, so a given name that is also a word ("jane", "mark") or a family name of two
 * letters ("xu", "li") was published. After such a cue they now pair; modal verbs and verbs the
 * name list holds ("will", "said") never do.
 */
import { describe, expect, it } from "vitest";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("lower-case names after a cue", () => {
  it.each([
    ["my manager jane doe said the deadline moved", ["PERSON:jane doe"]],
    ["cc: haoran xu", ["PERSON:haoran xu"]],
    ["email from ana li about the eval", ["PERSON:ana li"]],
    ["i called mark lee yesterday", ["PERSON:mark lee"]],
    ["my teacher rose bell gave us homework", ["PERSON:rose bell"]],
  ])("%j", (text, want) => {
    expect(persons(text)).toEqual(want);
  });

  it.each([
    "my friend will go home",
    "my friend jane said hi",
    "my boss may call later",
    "ask mark to review the draft",
    "jane is here",
    "we will meet at noon",
  ])("keeps %j", (text) => {
    expect(persons(text)).toEqual([]);
  });
});
