/**
 * A deny term made of a kind word and a codename ("Project Bluefinch", "Nightjar model") also
 * denies the codename alone: a lab's people write "the Bluefinch team" and `bluefinch-eval`.
 */
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { withCodenames } from "../../../lambdas/core/redact/policy";

const policy = (denyTerms: string[]) => ({ denyTerms, allowTerms: [], internalDomains: [] });
const terms = (text: string, denyTerms: string[]) =>
  detect(text, { policy: policy(denyTerms) })
    .filter((s) => s.category === "TERM")
    .map((s) => text.slice(s.start, s.end));

describe("codenames of deny terms", () => {
  it("takes the codename out of a kind word before or after it", () => {
    expect(withCodenames(["Project Bluefinch"])).toEqual(["Project Bluefinch", "Bluefinch"]);
    expect(withCodenames(["Operation Night Owl"])).toEqual(["Operation Night Owl", "Night Owl"]);
    expect(withCodenames(["Code name Kestrel"])).toEqual(["Code name Kestrel", "Kestrel"]);
    expect(withCodenames(["Nightjar model"])).toEqual(["Nightjar model", "Nightjar"]);
    expect(withCodenames(["Project Bluefinch Team"])).toEqual(["Project Bluefinch Team", "Bluefinch"]);
  });

  it("leaves terms without a kind word, short codenames and kind words alone", () => {
    expect(withCodenames(["Kestrel-7", "Nightjar", "Blue Finch"])).toEqual([
      "Kestrel-7",
      "Nightjar",
      "Blue Finch",
    ]);
    expect(withCodenames(["Project X", "Project Q7"])).toEqual(["Project X", "Project Q7"]);
    expect(withCodenames(["Project Team", "Model"])).toEqual(["Project Team", "Model"]);
  });

  it("redacts the codename on its own, in prose and in identifiers", () => {
    const deny = ["Project Bluefinch"];
    expect(terms("ask the Bluefinch team about it", deny)).toEqual(["Bluefinch"]);
    expect(terms("run bluefinch-eval tonight", deny)).toEqual(["bluefinch"]);
    expect(terms("Project Bluefinch ships in May", deny)).toEqual(["Project Bluefinch"]);
    // A term without a kind word is matched as before.
    expect(terms("the Blue team and the Finch team", ["Blue Finch"])).toEqual([]);
  });
});
