/**
 * A name found with its cue in one string is replaced in every other string of the transcript
 * (echoes). In scripts written without spaces, or that glue particles on, the other mention is
 * glued to other letters ("所以王小明想写信", "이지은이"), and a name may have two characters:
 * those are echoed too (session six; the review blocked such transcripts before).
 */
import { describe, expect, it } from "vitest";
import { redactTranscript } from "../../../lambdas/core/redact/index";
import { echoSpans } from "../../../lambdas/core/redact/operator";
import { SCHEMA_ID, type Transcript } from "../../../lambdas/core/transcript/schema";

function t(prompt: string, reasoning: string): Transcript {
  return {
    schema: SCHEMA_ID,
    id: "t1",
    model: { id: "m" },
    messages: [
      { role: "user", parts: [{ type: "text", text: prompt }] },
      { role: "assistant", parts: [{ type: "reasoning", text: reasoning, summary: false, opaque: false }] },
    ],
  } as Transcript;
}

describe("echoes in scripts without spaces", () => {
  it.each([
    ["我叫王小明，请帮我写一封信。", "所以王小明想写一封信。", "王小明"],
    ["제 이름은 이지은입니다. 편지를 써 주세요.", "사용자 이지은이 편지를 원한다.", "이지은"],
    ["我叫李娜，请帮我写一封信。", "所以李娜想写一封信。", "李娜"],
  ])("%s → the glued mention in the reasoning is replaced too", (prompt, reasoning, name) => {
    const r = redactTranscript(t(prompt, reasoning), { hmacKey: "k" });
    expect(JSON.stringify(r.transcript)).not.toContain(name);
    const [a, b] = r.transcript.messages.map((m) => (m.parts[0] as { text: string }).text);
    const ph = /⟦PERSON_\d+⟧/.exec(a!)?.[0];
    expect(ph).toBeDefined();
    expect(b).toContain(ph);
  });

  it("a Latin value still needs a word boundary", () => {
    expect(echoSpans("January and Jan", [{ value: "Jan", category: "PERSON" }])).toEqual([
      { start: 12, end: 15, category: "PERSON", detector: "echo" },
    ]);
  });
});
