/**
 * Known gaps closed in session six, through the whole pipeline as ingest runs it: cards, IBANs and
 * SSNs grouped by underscores, colons or commas; e-mails written `{at}`, with a spaced `@` or
 * broken after it; AWS key ids in groups of four or wrapped, a Stripe key with a space. None may
 * reach the published form; with the redaction's detectors switched off, the review on its own
 * must not PASS the forms it checks. Values are built at run time.
 */
import { describe, expect, it } from "vitest";
import { processBytes, type AcceptedOutcome } from "../../lambdas/core/pipeline";
import { iban, luhnComplete } from "./check-digits";

const enc = new TextEncoder();

const fours = (s: string, sep: string) => s.match(/.{1,4}/g)!.join(sep);
const card = fours(luhnComplete("455673758121222"), "_");
const ibanValue = fours(iban("DE", "500105175407324931"), ":");
const ssn = ["078", "05", "1121"].join(".");
const user = "leak" + ".probe";
const braces = `${user}{at}example-corp.com`;
const spaced = `${user} @ example-corp.com`;
const aws = ["AK" + "IA", "W3RZ", "Q7NB", "X2LM", "4PHD"];
const stripe = ["sk", "live", "51MbQz9xTq4Lw"].join("_") + " " + "Yk2Hd8Rn0Pc7Vj3";

function chat(reasoning: string, args = '{"city":"Paris"}', answer = "Take an umbrella."): Uint8Array {
  return enc.encode(
    JSON.stringify({
      request: {
        model: "deepseek-reasoner",
        messages: [
          { role: "user", content: "Check the weather in Paris, then tell me about the account." },
          {
            role: "assistant",
            content: null,
            reasoning_content: reasoning,
            tool_calls: [
              { id: "call_abc123", type: "function", function: { name: "get_weather", arguments: args } },
            ],
          },
          { role: "tool", tool_call_id: "call_abc123", content: '{"condition":"rain"}' },
        ],
      },
      response: {
        id: "chatcmpl-1",
        object: "chat.completion",
        created: 1746100000,
        model: "deepseek-reasoner",
        choices: [{ index: 0, message: { role: "assistant", content: answer }, finish_reason: "stop" }],
      },
    }),
  );
}

function accepted(bytes: Uint8Array, disable?: string[]): AcceptedOutcome {
  const out = processBytes("gaps6.json", bytes, {
    lab: "qa-lab",
    hmacKey: "k",
    policy: { denyTerms: [], allowTerms: [], internalDomains: [] },
    ...(disable ? { disable } : {}),
  });
  expect(out).toHaveLength(1);
  expect(out[0]!.status).toBe("accepted");
  return out[0] as AcceptedOutcome;
}

/** Whether `value` survives in `text`, as written or JSON-escaped (a line break as `\n`). */
const survives = (text: string, value: string) => text.includes(JSON.stringify(value).slice(1, -1));

describe("session-six gaps stay out of the published form", () => {
  const values: [string, string][] = [
    ["card grouped by underscores", card],
    ["IBAN grouped by colons", ibanValue],
    ["SSN grouped by dots", ssn],
    ["e-mail with {at}", braces],
    ["e-mail with a spaced @", spaced],
    ["e-mail broken after the @", `${user}@\n  example-corp.com`],
    ["AWS key id in groups of four", aws.join(" ")],
    ["AWS key id in dashed groups", aws.join("-")],
    ["AWS key id wrapped after a group", aws.slice(0, 3).join("") + "\n" + aws.slice(3).join("")],
    ["Stripe key with a space", stripe],
  ];

  it.each(values)("%s: in reasoning, tool-call arguments and answers", (what, value) => {
    const places = [
      chat(`The user pasted ${value} earlier; I should not repeat it. Weather first.`),
      chat("Weather first.", JSON.stringify({ city: "Paris", note: value })),
      chat("Weather first.", '{"city":"Paris"}', `Done. (I did not use ${value}.)`),
    ];
    for (const [i, bytes] of places.entries()) {
      const o = accepted(bytes);
      expect(survives(JSON.stringify(o.published), value), `${what} #${i}`).toBe(false);
    }
  });

  it("leaves code, times and thousands-grouped numbers as they are", () => {
    const keep = [
      "y = x @ W.T + b",
      "h = x @ self.weight",
      "1,234,567,890,123,456",
      "12:34:56",
      "v1.2.3-beta.4",
      "ASIA WIDE TEAM PLAN GOAL",
    ];
    const o = accepted(chat(`Compute ${keep.join("; ")}. Weather first.`));
    const text = JSON.stringify(o.published);
    for (const k of keep) expect(text, k).toContain(k);
    expect(o.verdict).toBe("PASS");
  });

  const off = [
    "card",
    "iban",
    "ssn",
    "phone",
    "email",
    "aws-key-id",
    "payment-key",
    "secretlint",
    "keyword-secret",
    "entropy-token",
  ];
  const caught: [string, string][] = [
    ["card grouped by underscores", card],
    ["IBAN grouped by colons", ibanValue],
    ["SSN grouped by dots", ssn],
    ["e-mail with {at}", braces],
    ["e-mail with a spaced @", spaced],
    ["e-mail broken after the @", `${user}@\n  example-corp.com`],
    ["AWS key id in dashed groups", aws.join("-")],
    ["AWS key id in groups of four", aws.join(" ")],
    ["AWS key id wrapped after a group", aws.slice(0, 3).join("") + "\n" + aws.slice(3).join("")],
    ["Stripe key with a space", stripe],
  ];
  it.each(caught)(
    "%s: with the redaction's detectors switched off, the review on its own does not PASS it",
    (what, value) => {
      const o = accepted(chat(`The user pasted ${value} earlier; weather first.`), off);
      // The value did get through the redaction (so this is the review's own catch)…
      expect(survives(JSON.stringify(o.published), value), what).toBe(true);
      // …and the review stops it.
      expect(o.verdict, what).not.toBe("PASS");
    },
  );
});
