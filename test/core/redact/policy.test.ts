import { describe, expect, it } from "vitest";
import { Policy } from "../../../lambdas/core/redact/index";
import { found } from "./helpers";

const policy = Policy.parse({
  denyTerms: ["Project Falcon", "Orion-7"],
  allowTerms: ["GPT-4o", "Janet"],
  internalDomains: ["corp.example"],
}) as Policy;

describe("Policy schema", () => {
  it("defaults every list to []", () => {
    expect(Policy.parse({})).toEqual({ denyTerms: [], allowTerms: [], internalDomains: [] });
  });
  it("rejects wrong types", () => {
    expect(() => Policy.parse({ denyTerms: "x" })).toThrow();
  });
});

describe("deny terms", () => {
  it("match whatever the case, spacing and punctuation", () => {
    for (const v of [
      "project falcon",
      "PROJECT FALCON",
      "Project  Falcon",
      "project_falcon",
      "ProjectFalcon",
      "Project-Falcon",
      "P.R.O.J.E.C.T Falcon",
    ]) {
      expect(found(`see ${v} now`, { policy })).toEqual([`TERM:${v}`]);
    }
    expect(found("orion 7 and ORION7", { policy })).toEqual(["TERM:orion 7", "TERM:ORION7"]);
  });
  it("match Unicode look-alikes: full-width, Cyrillic, Greek, accents, zero-width", () => {
    const cyr = "Project F\u0430lc\u043En"; // Cyrillic a and o
    const full = "\uFF30roject \uFF26alcon"; // full-width P and F
    const greek = "Pr\u03BFject Falcon"; // Greek omicron
    const accents = "Projéct Fälcon";
    const zw = "Project Fal\u200Bcon";
    for (const v of [cyr, full, greek, accents, zw])
      expect(found(`x ${v} y`, { policy })).toEqual([`TERM:${v}`]);
  });
  it("respect word boundaries", () => {
    expect(found("projectfalconry is a word", { policy })).toEqual([]);
    expect(found("Orion-77", { policy })).toEqual([]);
  });
});

describe("allow terms and internal domains", () => {
  it("allow terms are never redacted", () => {
    expect(found("Janet asked GPT-4o", { policy })).toEqual([]);
    expect(found("Janet asked GPT-4o")).toEqual(["PERSON:Janet"]);
  });
  it("host names under internal domains are redacted, others not", () => {
    expect(
      found("fetch https://build.eu.corp.example/x and corp.example and example.com", { policy }),
    ).toEqual(["HOST:build.eu.corp.example", "HOST:corp.example"]);
    expect(found("notcorp.example is fine", { policy })).toEqual([]);
  });
});
