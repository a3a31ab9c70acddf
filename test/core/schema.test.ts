import { describe, expect, it } from "vitest";
import { SCHEMA_ID, Transcript } from "../../lambdas/core/transcript/schema";

const base = {
  schema: SCHEMA_ID,
  id: "t1",
  model: { id: "m" },
  messages: [{ role: "user", parts: [{ type: "text", text: "hi" }] }],
};

describe("Transcript schema", () => {
  it("accepts a minimal transcript and fills reasoning defaults", () => {
    const t = Transcript.parse({
      ...base,
      messages: [...base.messages, { role: "assistant", parts: [{ type: "reasoning", text: "think" }] }],
    });
    expect(t.messages[1]!.parts[0]).toEqual({
      type: "reasoning",
      text: "think",
      summary: false,
      opaque: false,
    });
  });
  it("rejects opaque reasoning that carries text", () => {
    const r = Transcript.safeParse({
      ...base,
      messages: [{ role: "assistant", parts: [{ type: "reasoning", text: "x", opaque: true }] }],
    });
    expect(r.success).toBe(false);
  });
  it("rejects unknown fields and unknown roles", () => {
    expect(Transcript.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(Transcript.safeParse({ ...base, messages: [{ role: "robot", parts: [] }] }).success).toBe(false);
  });
});
