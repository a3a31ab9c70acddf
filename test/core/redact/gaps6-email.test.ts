/**
 * E-mail addresses written `local{at}domain.com`, `local(at)domain(dot)com`, with blanks around
 * the `@`, or broken onto a new line after it: redacted as e-mails, while code that writes `@`
 * between blanks (matrix products, decorators) stays.
 */
import { describe, expect, it } from "vitest";
import { found } from "./helpers";

const user = "jane" + ".roe";
const emails = (text: string) => found(text).filter((f) => f.startsWith("EMAIL:"));

describe("e-mail addresses in other spellings", () => {
  it("finds the at and dot in braces, and in parentheses", () => {
    for (const [text, value] of [
      [`Reasoning: the user wrote ${user}{at}corp-mail.com in the ticket.`, `${user}{at}corp-mail.com`],
      [`send_mail(to="${user}{ at }corp-mail{dot}co{dot}uk")`, `${user}{ at }corp-mail{dot}co{dot}uk`],
      [`Contact: ${user}(at)corp-mail(dot)com.`, `${user}(at)corp-mail(dot)com`],
      [`Contact: ${user} {AT} corp-mail {DOT} org`, `${user} {AT} corp-mail {DOT} org`],
    ])
      expect(emails(text!), text).toEqual([`EMAIL:${value}`]);
  });

  it("finds an address with blanks after the @ (and before it)", () => {
    for (const [text, value] of [
      [`The reply came from ${user} @ corp-mail.com yesterday.`, `${user} @ corp-mail.com`],
      [`{"to": "${user}@ corp-mail.de"}`, `${user}@ corp-mail.de`],
    ])
      expect(emails(text!), text).toEqual([`EMAIL:${value}`]);
  });

  it("finds an address broken onto a new line after the @ (a real or a written-out line break)", () => {
    const real = `Forwarding to ${user}@\n    corp-mail.com as asked.`;
    expect(emails(real)).toEqual([`EMAIL:${user}@\n    corp-mail.com`]);
    const json = String.raw`{"body": "write to ${user}@\ncorp-mail.com today"}`;
    expect(emails(json)).toEqual([`EMAIL:${user}@\\ncorp-mail.com`]);
  });

  it("leaves matrix products, decorators and other code with a spaced @ alone", () => {
    for (const text of [
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
    ])
      expect(emails(text), text).toEqual([]);
  });
});
