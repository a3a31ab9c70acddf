/**
 * Fields the red-team passes got names and addresses through: `createdAt` (free text that reads
 * as a date; a time with the writer's UTC offset) and a message author's `name` (`Jane_Roe`,
 * `jane.roe`, `JaneRoe`, `jroe`).
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
  it("publishes the UTC day of ISO values and other dates, drops the rest", () => {
    expect(publishedDate("2026-01-01")).toBe("2026-01-01");
    // No time of day, fraction or offset (the offset is the writer's time zone): the UTC day.
    expect(publishedDate("2026-01-01T10:20:30.123Z")).toBe("2026-01-01");
    expect(publishedDate("2026-11-29T14:03:11.482913+01:00")).toBe("2026-11-29");
    expect(publishedDate("2026-01-01 00:20:30+02:00")).toBe("2025-12-31");
    expect(publishedDate("2026-01-01T23:30:00-0500")).toBe("2026-01-02");
    // Without an offset, the day as written.
    expect(publishedDate("2026-01-01 23:59:59")).toBe("2026-01-01");
    const person = ["Dr", "Margaret", "Thornbury"].join(" ");
    expect(publishedDate(`${person} 2026-01-01`)).toBe("2026-01-01");
    expect(publishedDate("2026-01-01T10:20Z (Margaret, 42 Baker Street)")).toBe("2026-01-01");
    // A date V8 reads out of other words is published as the UTC day it names, words dropped.
    expect(publishedDate("Jan 5 2026 (Margaret)")).toMatch(/^2026-01-0[45]$/);
    expect(publishedDate(`${person}, 42 Baker Street, London`)).toBeUndefined();
  });

  it("reads epoch digits as seconds or milliseconds, and drops days no transcript has", () => {
    expect(publishedDate("1764465600")).toBe("2025-11-30");
    expect(publishedDate("1764465600000")).toBe("2025-11-30");
    // A phone number as epoch seconds is a day in 2101: not published (nor its digits).
    expect(publishedDate(["415", "555", "0123"].join(""))).toBeUndefined();
    expect(publishedDate("2026-02-30")).toBeUndefined();
    expect(publishedDate("1899-01-01")).toBeUndefined();
    expect(publishedDate("9999-12-31T00:00:00Z")).toBeUndefined();
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

describe("a message author's name", () => {
  function withName(role: "user" | "system" | "assistant" | "tool", name: string): Transcript {
    const t = transcript({});
    t.messages.unshift({ role, name, parts: [{ type: "text", text: "ok" }] });
    return t;
  }

  it("on a user's or system message is a participant's handle: a placeholder, whatever it looks like", () => {
    const given = ["margaret", "thornbury"];
    const names = [
      given.join("."),
      given.join("_"),
      given.join("-"),
      "MargaretThornbury",
      "Thornbury",
      "mthornbury",
      "Margaret_Thornbury",
    ];
    for (const role of ["user", "system"] as const)
      for (const name of names) {
        const r = redactTranscript(withName(role, name), { hmacKey: "k" });
        expect(r.transcript.messages[0]!.name, `${role} ${name}`).toBe("⟦USER_1⟧");
        expect(JSON.stringify(r.transcript).toLowerCase(), name).not.toContain("thornbury");
        expect(r.report.findings.some((f) => f.path === "messages[0].name" && f.category === "USER")).toBe(
          true,
        );
      }
  });

  it("on a user's message stays when every word of it says a role", () => {
    for (const name of ["user", "eval.runner", "assistant_v2", "test_user_2"]) {
      const r = redactTranscript(withName("user", name), { hmacKey: "k" });
      expect(r.transcript.messages[0]!.name, name).toBe(name);
    }
  });

  it("the same handle in the text gets the same placeholder", () => {
    const handle = ["m", "thornbury"].join("");
    const t = withName("user", handle);
    t.messages[0]!.parts = [{ type: "text", text: `I am ${handle} on the forum.` }];
    const r = redactTranscript(t, { hmacKey: "k" });
    expect(JSON.stringify(r.transcript)).not.toContain(handle);
    expect(r.transcript.messages[0]!.parts[0]).toMatchObject({ text: "I am ⟦USER_1⟧ on the forum." });
  });

  it("on a tool's or assistant's message is read with _ . - as spaces; a person found takes the whole name", () => {
    const cases: [string, string][] = [
      ["Margaret_Thornbury", "⟦PERSON_1⟧"],
      ["search_Margaret_Thornbury", "⟦PERSON_1⟧"],
      ["mr.john.smith", "⟦PERSON_1⟧"],
      ["dr_jane_roe", "⟦PERSON_1⟧"],
      ["Nightjar_lookup", "⟦TERM_1⟧_lookup"],
      ["get_weather", "get_weather"],
      ["eval.runner", "eval.runner"],
    ];
    for (const role of ["tool", "assistant"] as const)
      for (const [name, want] of cases) {
        const r = redactTranscript(withName(role, name), {
          hmacKey: "k",
          policy: { denyTerms: ["Nightjar"], allowTerms: [], internalDomains: [] },
        });
        expect(r.transcript.messages[0]!.name, `${role} ${name}`).toBe(want);
      }
  });
});
