/**
 * Leaks a fresh-eyes QA pass found (session five), through the whole pipeline as ingest runs it:
 * a credential and an e-mail used as tool-call ids, a deny term with a version glued on, and
 * passwords in ordinary wording. None of the values may reach the published form, and the review
 * must not PASS a transcript that still holds one. Values are built at run time.
 */
import { describe, expect, it } from "vitest";
import { processBytes, type AcceptedOutcome } from "../../lambdas/core/pipeline";

const enc = new TextEncoder();
const token = ["ghp", "hGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8rES"].join("_");
const email = ["leak.probe", "example-corp.com"].join("@");
const passwords = ["Qx7rT2mw9", "hunter" + "2", "Qx7rT2mw"];

function chat(reasoning: string, toolId = "call_abc123", resultId = toolId): Uint8Array {
  return enc.encode(
    JSON.stringify({
      request: {
        model: "deepseek-reasoner",
        messages: [
          { role: "user", content: "Check the weather in Paris, then tell me about the run." },
          {
            role: "assistant",
            content: null,
            reasoning_content: reasoning,
            tool_calls: [
              {
                id: toolId,
                type: "function",
                function: { name: "get_weather", arguments: '{"city":"Paris"}' },
              },
            ],
          },
          { role: "tool", tool_call_id: resultId, content: '{"condition":"rain"}' },
        ],
      },
      response: {
        id: "chatcmpl-1",
        object: "chat.completion",
        created: 1746100000,
        model: "deepseek-reasoner",
        choices: [
          { index: 0, message: { role: "assistant", content: "Take an umbrella." }, finish_reason: "stop" },
        ],
      },
    }),
  );
}

function accepted(bytes: Uint8Array, disable?: string[]): AcceptedOutcome {
  const out = processBytes("qa.json", bytes, {
    lab: "qa-lab",
    hmacKey: "k",
    policy: { denyTerms: ["Bluefinch"], allowTerms: [], internalDomains: [] },
    ...(disable ? { disable } : {}),
  });
  expect(out).toHaveLength(1);
  expect(out[0]!.status).toBe("accepted");
  return out[0] as AcceptedOutcome;
}

describe("leaks found by QA stay out of the published form", () => {
  it("a token and an e-mail used as tool-call ids are redacted, with the call and its result still linked", () => {
    const o = accepted(chat("I need the weather in Paris first.", token, token));
    const text = JSON.stringify(o.published);
    expect(text).not.toContain(token);
    const parts = o.published.messages.flatMap((m) => m.parts) as { type: string; id?: string }[];
    const call = parts.find((p) => p.type === "tool_call")!;
    const result = parts.find((p) => p.type === "tool_result")! as { callId?: string; id?: string };
    expect(call.id).toBeDefined();
    expect(Object.values(result)).toContain(call.id);

    const o2 = accepted(chat("I need the weather in Paris first.", "call_abc123", email));
    expect(JSON.stringify(o2.published)).not.toContain(email);
    // An ordinary id stays as it is.
    const plain = accepted(chat("I need the weather in Paris first."));
    expect(JSON.stringify(plain.published)).toContain("call_abc123");
    expect(plain.verdict).toBe("PASS");
  });

  it("a deny term with a version glued on is redacted", () => {
    for (const form of ["Bluefinch2026", "Bluefinch42b", "Bluefinch3", "bluefinch2", "2Bluefinch"]) {
      const o = accepted(chat(`The ${form} training run finished early, so the weather call comes first.`));
      expect(JSON.stringify(o.published).toLowerCase(), form).not.toContain("bluefinch");
    }
  });

  it("passwords in ordinary wording are redacted", () => {
    const sentences = [
      `I set the password to ${passwords[0]} before the run.`,
      `The root password is now ${passwords[1]} on that host.`,
      `The password for admin: ${passwords[1]} works.`,
      `The password of the staging database is ${passwords[2]} today.`,
    ];
    for (const s of sentences) {
      const o = accepted(chat(`${s} Now the weather in Paris.`));
      const text = JSON.stringify(o.published);
      for (const p of passwords) expect(text, s).not.toContain(p);
    }
  });

  it("with the redaction's detectors for them switched off, the review on its own does not PASS them", () => {
    // The review is the independent second line: each of these must stop automatic publication.
    const off = ["vcs-token", "email", "deny-term", "keyword-secret", "entropy-token", "secretlint"];
    const cases: [string, string, Uint8Array][] = [
      ["token as tool-call id", token, chat("I need the weather in Paris first.", token, token)],
      ["e-mail as tool-result id", email, chat("I need the weather in Paris first.", "call_abc123", email)],
      [
        "deny term with a version",
        "Bluefinch2026",
        chat("The Bluefinch2026 training run finished early, weather first."),
      ],
      [
        "password in wording",
        passwords[0]!,
        chat(`I set the password to ${passwords[0]} before the run. Weather now.`),
      ],
    ];
    for (const [what, value, bytes] of cases) {
      const o = accepted(bytes, off);
      // The value did get through the redaction (so this is the review's own catch)…
      expect(JSON.stringify(o.published), what).toContain(value);
      // …and the review stops it.
      expect(o.verdict, what).not.toBe("PASS");
    }
  });
});
