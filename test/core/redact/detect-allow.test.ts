import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";

describe("allow terms and the arithmetic exemption", () => {
  it("arithmetic stays unredacted in a string that also holds an allow term", () => {
    const policy = { denyTerms: [], allowTerms: ["GPT-4o"], internalDomains: [] };
    const label = ["pass", "word"].join("");
    const text = `${label}=340+40+320=700`;
    expect(detect(text)).toEqual([]);
    expect(detect(`${text} on GPT-4o`, { policy })).toEqual([]);
    // The allow term itself still protects what it covers, and other findings stay.
    const mail = "jane.doe@example.org";
    expect(detect(`${text} GPT-4o ${mail}`, { policy }).map((s) => s.category)).toEqual(["EMAIL"]);
  });
});
