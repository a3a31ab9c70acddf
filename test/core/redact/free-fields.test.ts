/**
 * Fields the second red-team pass got names and addresses through: `createdAt` (free text that
 * reads as a date) and a message author's `name` written without spaces (`Jane_Roe`).
 */
import { describe, expect, it } from "vitest";
import { publishedDate, redactTranscript } from "../../../lambdas/core/redact/index";
import { SCHEMA_ID, type Transcript } from "../../../lambdas/core/transcript/schema";

function transcript(extra: Partial<Transcript>, name?: string): Transcript {
  return {
    schema: SCHEMA_ID,
    id: "t1",
    model: { id: "m" },
    messages: [
      { role: "user", ...(name ? { name } : {}), parts: [{ type: "text", text: "What is 2 + 2?" }] },
      {
        role: "assistant",
        parts: [{ type: "reasoning", text: "Two and two make four.", summary: false, opaque: false }],
      },
    ],
    ...extra,
  } as Transcript;
}

describe("createdAt is published as a date and nothing else", () => {
  it("keeps ISO 8601 as written, turns other dates into the instant they name, drops the rest", () => {
    expect(publishedDate("2026-01-01")).toBe("2026-01-01");
    expect(publishedDate("2026-01-01T10:20:30.123Z")).toBe("2026-01-01T10:20:30.123Z");
    expect(publishedDate("2026-01-01 10:20:30+02:00")).toBe("2026-01-01 10:20:30+02:00");
    const person = ["Dr", "Margaret", "Thornbury"].join(" ");
    expect(publishedDate(`${person} 2026-01-01`)).toBe("2026-01-01");
    expect(publishedDate("2026-01-01T10:20Z (Margaret, 42 Baker Street)")).toBe("2026-01-01T10:20Z");
    // A date V8 reads out of other words is published as the instant it names, words dropped.
    expect(publishedDate("Jan 5 2026 (Margaret)")).toMatch(/^2026-01-0[45]T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(publishedDate(`${person}, 42 Baker Street, London`)).toBeUndefined();
  });

  it("in a redacted transcript", () => {
    const person = ["Margaret", "Thornbury"].join(" ");
    const a = redactTranscript(transcript({ createdAt: `Dr ${person} 2026-01-01` }), { hmacKey: "k" });
    expect(JSON.stringify(a.transcript)).not.toContain("Thornbury");
    expect(a.transcript.createdAt).toBe("2026-01-01");
    const b = redactTranscript(transcript({ createdAt: `${person}, 42 Baker Street` }), { hmacKey: "k" });
    expect(b.transcript.createdAt).toBeUndefined();
    expect(JSON.stringify(b.transcript)).not.toContain("Baker");
  });
});

describe("a message author's name without spaces", () => {
  it("is read with _ and . as spaces", () => {
    for (const name of ["Margaret_Thornbury", "margaret.thornbury"]) {
      const r = redactTranscript(transcript({}, name), { hmacKey: "k" });
      expect(JSON.stringify(r.transcript).toLowerCase(), name).not.toContain("thornbury");
    }
  });

  it("stays as written when it names no one", () => {
    for (const name of ["data_bot", "eval.runner", "assistant_v2"]) {
      const r = redactTranscript(transcript({}, name), { hmacKey: "k" });
      expect(r.transcript.messages[0]!.name, name).toBe(name);
    }
  });
});
