import { describe, expect, it } from "vitest";
import { echoSpans } from "../../../lambdas/core/redact/operator";
import { redactTranscript } from "../../../lambdas/core/redact/index";
import type { Transcript } from "../../../lambdas/core/transcript/schema";

function transcript(prompt: string, reasoning: string): Transcript {
  return {
    schema: "cotshare/transcript@1",
    id: "t1",
    model: { id: "m" },
    messages: [
      { role: "user", parts: [{ type: "text", text: prompt }] },
      { role: "assistant", parts: [{ type: "reasoning", text: reasoning, summary: false, opaque: false }] },
    ],
  };
}

const texts = (t: Transcript) => t.messages.flatMap((m) => m.parts.map((p) => ("text" in p ? p.text : "")));

describe("echoes: a redacted value is redacted wherever else it stands", () => {
  it("finds word-bounded mentions whatever the case, not inside other words", () => {
    const spans = echoSpans("Natalia, natalia's and Natalias and xNatalia", [
      { value: "Natalia", category: "PERSON" },
    ]);
    expect(spans.map((s) => s.start)).toEqual([0, 9]);
    expect(spans.every((s) => s.detector === "echo" && s.category === "PERSON")).toBe(true);
  });

  it("a name with context in the prompt gets the same placeholder in the arithmetic of the reasoning", () => {
    const t = transcript(
      "Dear Natalia, your phone is +1 415 555 0132. How many clips?",
      "Natalia sold 48 clips in April and half as many in May: 48 + 24 = 72 clips in total.",
    );
    const r = redactTranscript(t, { hmacKey: "k" });
    const [prompt, reasoning] = texts(r.transcript);
    expect(prompt).not.toContain("Natalia");
    expect(reasoning).not.toContain("Natalia");
    const ph = /⟦PERSON_\d+⟧/.exec(prompt!)![0];
    expect(reasoning).toContain(ph);
    expect(r.report.findings.some((f) => f.detector === "echo" && f.path.includes("messages[1]"))).toBe(true);
    // Placeholders stay consistent: one value, one placeholder.
    expect(r.report.placeholders).toBe(new Set(r.report.findings.map((f) => f.placeholder)).size);
  });

  it("changes nothing when no redacted value appears elsewhere", () => {
    const t = transcript(
      "Write to someone@example.com about the invoice.",
      "The invoice totals 3 * 40 = 120 dollars.",
    );
    const r = redactTranscript(t, { hmacKey: "k" });
    expect(r.report.findings.some((f) => f.detector === "echo")).toBe(false);
    expect(texts(r.transcript)[1]).toBe("The invoice totals 3 * 40 = 120 dollars.");
  });

  it("never returns the echoed values beyond the in-memory `values` list", () => {
    const t = transcript("Dear Natalia, call +1 415 555 0132.", "Natalia has 3 apples and 2 pears: 5.");
    const r = redactTranscript(t, { hmacKey: "k" });
    expect(Object.keys(r).sort()).toEqual(["report", "transcript", "values"]);
  });
});
