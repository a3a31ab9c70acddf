import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";

function persons(text: string): string[] {
  return detect(text)
    .filter((s) => s.category === "PERSON")
    .map((s) => text.slice(s.start, s.end));
}

describe("person: a clear given name after a lower-case introduction", () => {
  it.each([
    ["hi, i'm carlos, can you help me with my taxes", "carlos"],
    ["i am priya, a nurse on nights", "priya"],
    ["this is dana from accounts, about the invoice", "dana"],
    ["hello i’m john and i have a question", "john"],
    ["tracy: i'm roberto's daughter", "roberto"],
  ])("%s", (text, name) => {
    expect(persons(text)).toContain(name);
  });

  it("leaves words after 'i'm' and names that are English words", () => {
    for (const text of [
      "i'm sure it works now",
      "i'm tired of this bug",
      "this is mark, the second one", // mark: a word too
      "i am will to power", // will: a word too
      "this is fine",
      "it's done",
    ])
      expect(persons(text), text).toEqual([]);
  });
});
