/**
 * A JSON string value is read with the name it stands under as its context (`{"dob": "…"}` as
 * "dob: …"), so a value whose cue is its key is redacted in tool-call arguments as it would be in
 * prose. Names that are no cue, and values that carry their own context, are read alone.
 */
import { describe, expect, it } from "vitest";
import { redactTranscript } from "../../../lambdas/core/redact/index";
import { nir } from "../national-ids";

function redactArgs(args: Record<string, unknown>): {
  args: string;
  findings: { path: string; category: string }[];
} {
  const r = redactTranscript(
    {
      id: "x",
      model: { id: "m" },
      messages: [
        {
          role: "assistant",
          parts: [{ type: "tool_call", id: "call_1", name: "lookup", arguments: JSON.stringify(args) }],
        },
      ],
    } as never,
    { hmacKey: "k" },
  );
  const part = r.transcript.messages[0]!.parts[0] as { arguments: string };
  return { args: part.arguments, findings: r.report.findings };
}

describe("JSON string values read with their key", () => {
  const cases: [Record<string, string>, string][] = [
    [{ dob: "1984-03-12" }, '{"dob":"⟦DOB_1⟧"}'],
    [{ date_of_birth: "12/03/1984" }, '{"date_of_birth":"⟦DOB_1⟧"}'],
    [{ passport_number: "X12345678" }, '{"passport_number":"⟦ID_1⟧"}'],
    [{ account_id: "ACC-00482913" }, '{"account_id":"⟦ID_1⟧"}'],
    [{ password: "hunter" + "2x!", user: "admin" }, '{"password":"⟦SECRET_1⟧","user":"admin"}'],
    [{ api_token: "abc123" + "DEF456ghi789" }, '{"api_token":"⟦SECRET_1⟧"}'],
  ];
  for (const [args, expected] of cases)
    it(`${Object.keys(args)[0]}: the value is redacted`, () => {
      expect(redactArgs(args).args).toBe(expected);
    });

  it("the finding's path names the key, and the value is not in it", () => {
    const { findings } = redactArgs({ dob: "1984-03-12" });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.category).toBe("DOB");
    expect(findings[0]!.path).toBe("messages[0].parts[0].arguments.dob");
  });

  it("names that are no cue, and values of an ordinary kind under cue-like names, stay", () => {
    const keep: Record<string, string>[] = [
      { name: "get_weather", model_name: "gpt-4o", file_name: "notes.txt" },
      { account: "production", token_count: "512", post_id: "12345", zip: "true" },
      { tax_rate: "0.2", phone_model: "Pixel 8" },
      { policy: "allow-all", member: "team-a", student: "yes", vin: "unknown" },
      { national_holiday: "2024-07-04", birth_year: "1990", tel_prefix: "+33" },
      { password_hint: "your pet", license: "MIT", query: "weather in Paris" },
    ];
    for (const args of keep) expect(redactArgs(args).args).toBe(JSON.stringify(args));
  });

  it("a French NIR as a JSON number is redacted under any key; other 15-digit numbers stay", () => {
    const id = nir("1850578006084");
    expect(id).toHaveLength(15);
    expect(redactArgs({ ref: Number(id) }).args).toBe('{"ref":"⟦SSN_1⟧"}');
    // The same digits with a wrong key (check), and a 15-digit number from 3 (not a NIR).
    const wrong = id.slice(0, 13) + String((Number(id.slice(13)) % 97) + 1).padStart(2, "0");
    expect(redactArgs({ ref: Number(wrong) }).args).toBe(`{"ref":${wrong}}`);
    expect(redactArgs({ ref: 385057800608491 }).args).toBe('{"ref":385057800608491}');
  });

  it("a long value is read alone (it carries its own context)", () => {
    const note = "The meeting moved to Thursday. " + "We agreed on the plan and the budget. ".repeat(6);
    const dob = { dob_note: note + "Reference 1984-03-12." };
    expect(dob.dob_note.length).toBeGreaterThan(200);
    expect(redactArgs(dob).args).toBe(JSON.stringify(dob));
  });
});
