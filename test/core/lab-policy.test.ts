/**
 * A lab policy's errors say what is wrong in the same words wherever it is read (QA pass, session
 * six: `start --policy` said "fields: (root)" for a misspelt key, the admin API
 * "(root): unrecognized_keys"), and never quote a value.
 */
import { describe, expect, it } from "vitest";
import { parseLabPolicy } from "../../lambdas/core/lab-policy";
import { CotshareError } from "../../lambdas/core/errors";

function problem(raw: unknown): CotshareError {
  try {
    parseLabPolicy(raw, "policy.json");
  } catch (e) {
    return e as CotshareError;
  }
  throw new Error("no error");
}

describe("parseLabPolicy", () => {
  const term = ["Night", "jar"].join("");

  it("names a misspelt key and the expected shape", () => {
    const e = problem({ denyTerms: [term], autopublish: true });
    expect(e.code).toBe("invalid_policy");
    expect(e.message).toContain("policy.json");
    expect(e.message).toContain('unknown key "autopublish"');
    expect(e.message).toContain('"denyTerms": [string]');
    expect(e.message).not.toContain(term);
  });

  it("names the field of a wrong type, without its value", () => {
    const e = problem({ denyTerms: [term, 42] });
    expect(e.message).toContain("denyTerms.1: expected string");
    expect(e.message).not.toContain(term);
    expect(problem([term]).message).toContain("the top level: expected object");
  });

  it("accepts a valid policy", () => {
    expect(parseLabPolicy({ denyTerms: [term], autoPublish: true }, "p")).toMatchObject({
      denyTerms: [term],
      autoPublish: true,
    });
  });
});
