import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { detect, Policy, redactTranscript } from "../../../lambdas/core/redact/index";
import { detectSpans } from "../../../lambdas/core/redact/detect";
import { Transcript } from "../../../lambdas/core/transcript/schema";

// Tool-call ids and the results' references to them are published: exact formats (provider keys,
// e-mails, deny terms…) are redacted in them, the same value to the same placeholder so that a
// call and its result stay linked; shape rules (entropy, keyword, names) are not run on them, as
// ids are random by design.
const KEY = "lab-key-for-tests";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const ghToken = "ghp" + "_" + "Zq8xW3vK9pL2mN7bR4tY6hJ1cF5gD0sAa1B2";
const email = "ops.bot" + "@" + "example.org";

function withIds(callId: string, resultId: string, policy?: Policy) {
  const t = Transcript.parse({
    schema: "cotshare/transcript@1",
    id: "t1",
    model: { id: "m" },
    messages: [
      { role: "user", parts: [{ type: "text", text: "What is the weather?" }] },
      {
        role: "assistant",
        parts: [{ type: "tool_call", id: callId, name: "weather", arguments: '{"city":"Paris"}' }],
      },
      { role: "tool", parts: [{ type: "tool_result", id: resultId, text: "sunny" }] },
    ],
  });
  const r = redactTranscript(t, { hmacKey: KEY, policy });
  const call = r.transcript.messages[1]!.parts[0] as { id: string };
  const result = r.transcript.messages[2]!.parts[0] as { id: string };
  return { r, call: call.id, result: result.id, out: JSON.stringify(r.transcript) };
}

describe("identifier fields", () => {
  it("a provider token as a tool call's id is redacted, in the call and in the result alike", () => {
    const { r, call, result, out } = withIds(ghToken, ghToken);
    expect(out).not.toContain(ghToken);
    expect(call).toBe("\u27e6SECRET_1\u27e7");
    expect(result).toBe(call);
    expect(r.values).toContain(ghToken);
    const paths = r.report.findings.map((f) => f.path);
    expect(paths).toContain("messages[1].parts[0].id");
    expect(paths).toContain("messages[2].parts[0].id");
  });

  it("an e-mail as a result's reference is redacted, part of an id too, and the link survives", () => {
    const a = withIds(email, email);
    expect(a.out).not.toContain(email);
    expect(a.call).toBe("\u27e6EMAIL_1\u27e7");
    expect(a.result).toBe(a.call);
    const b = withIds(`call_${email}_1`, `call_${email}_1`);
    expect(b.out).not.toContain(email);
    expect(b.call).toMatch(/^[^@]*\u27e6EMAIL_1\u27e7_1$/);
    expect(b.result).toBe(b.call);
  });

  it("deny terms and JWTs are redacted in ids", () => {
    const p = Policy.parse({ denyTerms: ["Bluefinch"] }) as Policy;
    const d = withIds("bluefinch-call-7", "bluefinch-call-7", p);
    expect(d.call).toBe("\u27e6TERM_1\u27e7-call-7");
    expect(d.result).toBe(d.call);
    const jwt = "eyJ" + "hbGciOiJIUzI1NiJ9" + ".eyJ" + "zdWIiOiIxMjM0NTY3ODkwIn0" + ".c2lnbmF0dXJlX2hlcmU";
    const j = withIds(jwt, jwt);
    expect(j.out).not.toContain(jwt);
    expect(j.result).toBe(j.call);
  });

  it("a value found in a text and used as an id gets the text's placeholder", () => {
    const t = Transcript.parse({
      schema: "cotshare/transcript@1",
      id: "t1",
      model: { id: "m" },
      messages: [
        { role: "user", parts: [{ type: "text", text: `my token is ${ghToken}` }] },
        { role: "assistant", parts: [{ type: "tool_call", id: ghToken, name: "f", arguments: "{}" }] },
      ],
    });
    const r = redactTranscript(t, { hmacKey: KEY });
    expect((r.transcript.messages[0]!.parts[0] as { text: string }).text).toBe(
      "my token is \u27e6SECRET_1\u27e7",
    );
    expect((r.transcript.messages[1]!.parts[0] as { id: string }).id).toBe("\u27e6SECRET_1\u27e7");
  });

  it("ordinary ids stay as they are (no entropy, keyword or name rule on them)", () => {
    const ids = [
      "call_8fJ2kLm9QxR4tY7uW1zA3bC5",
      "toolu_01A09q90qw90lq917835lq9",
      "toolu_01" + "XFDUDPtTBSWm8E7pK4qR3nJz",
      "3f2b8c1e-9d4a-4b6f-8e2d-1a7c5b9e0f3d",
      "49441564-7196-4818-ae0f-edd072aad193", // digit groups that pass the Luhn test
      "fc_d9f3292851439927e0111aeefe6babc04e471af5", // digits inside hex that pass it too
      "call_" + "Zq8xW3vK9pL2mN7bR4tY6hJ1cF5gD0sA", // the entropy rule would take it in a text
      "password_reset_call_1",
      "Janet",
      "tool_0",
    ];
    for (const id of ids) {
      const { call, result } = withIds(id, id);
      expect(call).toBe(id);
      expect(result).toBe(id);
    }
    // The same strings in a text are judged by every rule (control: the skipped rules fire there).
    expect(detect("id call_Zq8xW3vK9pL2mN7bR4tY6hJ1cF5gD0sA").map((s) => s.detector)).toEqual([
      "entropy-token",
    ]);
  });

  it("random ids of the usual providers' forms are never touched", () => {
    const body = (n: number) =>
      fc.array(fc.constantFrom(...ALNUM), { minLength: n, maxLength: n }).map((xs) => xs.join(""));
    const hex = (n: number) =>
      fc
        .array(fc.constantFrom(..."0123456789abcdef"), { minLength: n, maxLength: n })
        .map((xs) => xs.join(""));
    const idArb = fc.oneof(
      body(24).map((b) => "call_" + b),
      body(22).map((b) => "toolu_01" + b),
      fc.uuid(),
      hex(40).map((h) => "fc_" + h),
      body(9),
    );
    fc.assert(
      fc.property(idArb, (id) => {
        expect(detectSpans(id, { identifier: true })).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it("createdAt is published as its UTC day only, no e-mail", () => {
    const base = {
      schema: "cotshare/transcript@1",
      id: "t1",
      model: { id: "m" },
      messages: [{ role: "user", parts: [{ type: "text", text: "hi" }] }],
    };
    for (const [d, day] of [
      ["2026-11-30T01:20:00Z", "2026-11-30"],
      ["2026-11-30 01:20:00", "2026-11-30"],
      ["1764465600", "2025-11-30"],
    ]) {
      const r = redactTranscript(Transcript.parse({ ...base, createdAt: d }), { hmacKey: KEY });
      expect(r.transcript.createdAt).toBe(day);
    }
    const rfc = redactTranscript(Transcript.parse({ ...base, createdAt: "Mon, 30 Nov 2026 01:20:00 GMT" }), {
      hmacKey: KEY,
    });
    expect(rfc.transcript.createdAt).toBe("2026-11-30");
    const r = redactTranscript(Transcript.parse({ ...base, createdAt: `by ${email}` }), { hmacKey: KEY });
    expect(r.transcript.createdAt).toBeUndefined();
    expect(JSON.stringify(r.transcript)).not.toContain(email);
  });
});

describe("timestamps are not phone numbers", () => {
  it.each(["logged at 2026-11-30 01:20:00 by cron", "on 2026-11-30 14:05:09.", "at 2026/11/30 1:20"])(
    "%j",
    (text) => {
      expect(detect(text)).toEqual([]);
    },
  );
  it("(a phone after a date still is one)", () => {
    expect(detect("on 2026-11-30 call 415-555-0132").map((s) => s.category)).toEqual(["PHONE"]);
  });
});
