/**
 * Leaks a QA pass found published with PASS: the review, as the second line of defence, must
 * catch each on its own (the redaction is not run here).
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { B62, body, randomToken, text } from "./helpers";

const codes = (r: ReturnType<typeof review>) => r.reasons.map((x) => x.code);

function toolCall(id: string, args = "{}") {
  return body([
    { role: "assistant", parts: [{ type: "tool_call", id, name: "lookup", arguments: args }] },
    { role: "tool", parts: [{ type: "tool_result", id, text: "done" }] },
  ]);
}

describe("review: identifiers get every check but the keyword-less entropy scan", () => {
  const ghp = "ghp" + "_" + randomToken(B62, 36, 41);
  const email = "jane.doe" + "@" + "acme-corp.com";
  it("blocks a tool-call id that is a GitHub token", () => {
    const r = review({ body: toolCall(ghp) });
    expect(codes(r)).toContain("residual_secret");
    expect(r.verdict).toBe("BLOCK");
    expect(r.reasons.map((x) => x.path)).toContain("messages[0].parts[0].id");
    expect(JSON.stringify(r.reasons)).not.toContain(ghp);
  });
  it("blocks a tool result whose tool-call id is an e-mail address", () => {
    const b = body([{ role: "tool", parts: [{ type: "tool_result", id: email, text: "ok" }] }]);
    const r = review({ body: b });
    expect(codes(r)).toContain("residual_email");
    expect(r.verdict).toBe("BLOCK");
    expect(r.reasons[0]!.path).toBe("messages[0].parts[0].id");
    expect(JSON.stringify(r.reasons)).not.toContain(email);
  });
  it.each([
    ["an AWS key id", "AKIA" + randomToken("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 5)],
    ["a Slack token", "xoxb" + "-" + "1234567890" + "-" + randomToken(B62, 24, 6)],
    ["an OpenAI-style key", "sk" + "-proj-" + randomToken(B62, 40, 7)],
    ["a Stripe secret key", "sk" + "_live_" + randomToken(B62, 24, 8)],
    ["a GitLab token", "glpat" + "-" + randomToken(B62, 20, 9)],
    ["a Google API key", "AIza" + randomToken(B62, 35, 10)],
    ["a token glued after a prefix", "call_" + "ghp" + "_" + randomToken(B62, 36, 11)],
  ])("blocks an id holding %s", (_name, id) => {
    expect(review({ body: toolCall(id) }).verdict).toBe("BLOCK");
  });
  it("blocks an e-mail inside a longer id and the transcript's own id", () => {
    expect(codes(review({ body: toolCall("call_" + email + "_1") }))).toContain("residual_email");
    const b = body([text("hi")], { id: email });
    expect(codes(review({ body: b }))).toContain("residual_email");
  });
  it("still applies deny terms, survival and keyword hits to ids", () => {
    const policy = { denyTerms: ["Nightjar"] };
    expect(codes(review({ body: toolCall("call_nightjar_1"), policy }))).toContain("deny_term");
    const value = "Zebra" + "Crossing" + "77";
    expect(codes(review({ body: toolCall("call-" + value), values: [value] }))).toContain("survival");
    expect(codes(review({ body: toolCall("password=" + "Hx7" + "qLm2") }))).toContain("keyword_secret");
  });
  it.each([
    ["an OpenAI call id", "call_" + randomToken(B62, 24, 12)],
    ["an Anthropic tool-use id", "toolu_01" + randomToken(B62, 22, 13)],
    ["a UUID", "550e8400-e29b-41d4-a716-446655440000"],
    ["a Responses API id", "fc_" + randomToken("0123456789abcdef", 48, 14)],
    ["a short id", "call_1"],
    ["a Bedrock-style id", "tooluse_" + randomToken(B62, 22, 15)],
    ["a name with an at sign", "fetch@v2"],
  ])("passes %s", (_name, id) => {
    const r = review({ body: toolCall(id) });
    expect(r.reasons).toEqual([]);
    expect(r.verdict).toBe("PASS");
  });
  it("passes random ids of every common shape (no entropy scan on ids)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      for (const id of [
        "call_" + randomToken(B62, 24, seed),
        "toolu_01" + randomToken(B62, 22, seed),
        "chatcmpl-tool-" + randomToken(B62, 32, seed),
      ])
        expect(review({ body: toolCall(id) }).verdict, id).toBe("PASS");
    }
  });
});
