import { describe, expect, it } from "vitest";
import { detect, redactTranscript } from "../../../lambdas/core/redact/index";
import { Transcript } from "../../../lambdas/core/transcript/schema";

describe("remembered answers", () => {
  it("a short string's spans are the same on every call, and callers cannot alter the next answer", () => {
    const policy = { denyTerms: ["Nightjar"], allowTerms: [], internalDomains: [] };
    const s = "mail jane.doe@example.org re Nightjar";
    const first = detect(s, { policy });
    expect(first.map((x) => x.category)).toEqual(["EMAIL", "TERM"]);
    first[0]!.start = 99;
    first.pop();
    const second = detect(s, { policy });
    expect(second).toEqual(detect(s + " ".repeat(80), { policy }));
    expect(second.map((x) => x.category)).toEqual(["EMAIL", "TERM"]);
    // Another policy object is another cache; switched-off detectors are honoured.
    expect(detect(s, { policy: { ...policy, denyTerms: [] } }).map((x) => x.category)).toEqual(["EMAIL"]);
    expect(detect(s, { policy, disable: ["email"] }).map((x) => x.category)).toEqual(["TERM"]);
  });

  it("the same value hashes the same within a transcript", () => {
    const t = Transcript.parse({
      schema: "cotshare/transcript@1",
      id: "t",
      model: { id: "m" },
      messages: [
        { role: "user", parts: [{ type: "text", text: "write to jane.doe@example.org" }] },
        { role: "assistant", parts: [{ type: "text", text: "jane.doe@example.org and bob@example.org" }] },
      ],
    });
    const r = redactTranscript(t, { hmacKey: "k" });
    const [a, b, c] = r.report.findings;
    expect(a!.valueHash).toBe(b!.valueHash);
    expect(c!.valueHash).not.toBe(a!.valueHash);
  });
});
