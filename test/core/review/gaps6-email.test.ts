/**
 * The review's own check for e-mail addresses written `{at}`, with blanks around the `@`, or broken
 * onto a new line after it; code that writes `@` between blanks stays clean.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { hasEmailAddress } from "../../../lambdas/core/review/formats";
import { body, text } from "./helpers";

const user = "jane" + ".roe";

describe("review: e-mail addresses in other spellings", () => {
  it("flags braces, blanks around the @ and a break after it", () => {
    for (const t of [
      `mail ${user}{at}corp-mail.com today`,
      `mail ${user} {AT} corp-mail {DOT} co {DOT} uk`,
      `mail ${user}(at)corp-mail(dot)com`,
      `the reply came from ${user} @ corp-mail.com.`,
      `{"to": "${user}@ corp-mail.de"}`,
      `forwarding to ${user}@\n    corp-mail.com as asked`,
      `forwarding to ${user}@\r\ncorp-mail.com`,
      String.raw`{"body": "write to ${user}@\ncorp-mail.com"}`,
    ])
      expect(hasEmailAddress(t), t).toBe(true);
  });

  it("not at a documentation domain", () => {
    expect(hasEmailAddress(`mail ${user} @ example.com or ${user}{at}example{dot}org`)).toBe(false);
  });

  it("leaves matrix products, decorators and Python's @ alone", () => {
    for (const t of [
      "y = x @ W.T + b",
      "out = A @ B",
      "h = x @ self.weight",
      "h = x @ self.proj.weight.T",
      "scores = q @ k.transpose(-2, -1) / math.sqrt(d)",
      "logits = hidden @ model.lm_head.weight",
      "z = (a @ b.c)[0]",
      "class Foo:\n    @ property\n    def bar(self): return 1",
      "return x\n@app.route('/')\ndef index(): pass",
      "result = x @ y.data",
      "We meet @ noon. See you at 5.",
      "Find me @ github.com/janeroe for the code.",
      "Converts addresses with domain @googlemail.com to @gmail.com.",
      "⟦EMAIL_1⟧ @ corp",
    ])
      expect(hasEmailAddress(t), t).toBe(false);
  });

  it("does not PASS a transcript holding one", () => {
    const r = review({ body: body([text(`The user asked me to reply to ${user} @ corp-mail.com.`)]) });
    expect(r.reasons.map((x) => x.code)).toContain("residual_email");
    expect(r.verdict).toBe("BLOCK");
  });
});
