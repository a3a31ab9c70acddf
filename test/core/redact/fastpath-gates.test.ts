import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALL_DETECTORS } from "../../../lambdas/core/redact/detect";
import { redactTranscript } from "../../../lambdas/core/redact/index";
import { DetectedSpans } from "../../../lambdas/core/redact/operator";
import { mayHoldSecret, type Span } from "../../../lambdas/core/redact/types";
import { Transcript } from "../../../lambdas/core/transcript/schema";

const ctx = { internalDomains: [] };
const pieces = [
  "password: ",
  "token=",
  "AKIA",
  "ghp_",
  "sk-",
  "-----BEGIN PRIVATE KEY-----",
  "://",
  "user:pw@host",
  "0123456789",
  "abcdefghijKLMNOP",
  "_",
  "-",
  "+/=",
  " ",
  "\n",
  "é",
  "Janet",
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 })), { maxLength: 20 })
  .map((a) => a.join(""));

describe("detectors skipped behind the secret gate", () => {
  it("each detector marked secretGated finds nothing in a text that fails mayHoldSecret", () => {
    const gated = ALL_DETECTORS.filter((d) => d.secretGated);
    expect(gated.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(text, (t) => {
        if (mayHoldSecret(t)) return;
        for (const d of gated) expect(d.detect(t, ctx)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("the echoing pass's store of detected spans", () => {
  it("answers by string content, whatever the string object", () => {
    const store = new DetectedSpans();
    const a: Span[] = [{ start: 0, end: 1, category: "PERSON", detector: "person" }];
    const b: Span[] = [];
    store.set("abc", a);
    store.set("abd", b);
    expect(store.get(["a", "b", "c"].join(""))).toBe(a);
    expect(store.get("abd")).toBe(b);
    expect(store.get("abe")).toBeUndefined();
    expect(store.get("ab")).toBeUndefined();
  });
});

describe("optional fields of the redacted transcript", () => {
  it("keep their order, and fields without a value are dropped as before", () => {
    const t = Transcript.parse({
      schema: "cotshare/transcript@1",
      id: "t",
      model: { family: "f", id: "m", provider: "p" },
      inference: { provider: "Nightjar host", reasoning_effort: "high" },
      messages: [{ role: "user", parts: [{ type: "text", text: "hi" }] }],
    });
    const policy = { denyTerms: ["Nightjar"], allowTerms: [], internalDomains: [] };
    const r = redactTranscript(t, { hmacKey: "k", policy });
    expect(Object.keys(r.transcript.model)).toEqual(Object.keys(t.model));
    expect(r.transcript.inference?.provider).toBe("⟦TERM_1⟧ host");
    const bare = { ...t, model: { id: "m", provider: undefined }, inference: { serving: undefined } };
    const r2 = redactTranscript(bare as Transcript, { hmacKey: "k" });
    expect(Object.keys(r2.transcript.model)).toEqual(["id"]);
    expect(Object.keys(r2.transcript.inference ?? {})).toEqual([]);
  });
});
