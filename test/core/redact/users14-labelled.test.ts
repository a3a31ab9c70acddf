/**
 * A person's handle after a label that names a person, unquoted (a ticket's `Assigned to:`, YAML's
 * `reviewers:`, `approver=`): published before, it is now taken as USER when the name lexicon is
 * sure of it (a given and a family name, or an initial and a long family name), as in published
 * fields. A handle the lexicon cannot read (`hxu`), a team, `none` stay.
 */
import { describe, expect, it } from "vitest";
import { found } from "./helpers";

const users = (text: string) => found(text).filter((f) => f.startsWith("USER:"));

describe("labelled handles", () => {
  it.each([
    ["Assigned to: dmitri.ivanov", ["USER:dmitri.ivanov"]],
    ["reviewers: maria_garcia, hxu", ["USER:maria_garcia"]],
    ["owner: mkowalski", ["USER:mkowalski"]],
    ["approver=jiwoo-park", ["USER:jiwoo-park"]],
    ["The PR was opened by: haoran_xu yesterday", ["USER:haoran_xu"]],
  ])("%j", (text, want) => {
    expect(users(text)).toEqual(want);
  });

  it.each([
    "owner: platform-team",
    "cc: max.min",
    "assignee: none",
    "Reviewed by the team: all good",
    "account=prod, success: true",
    "reviewer=hxu",
  ])("keeps %j", (text) => {
    expect(users(text)).toEqual([]);
  });
});
