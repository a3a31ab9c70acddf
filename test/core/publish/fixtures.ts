import type { PublishedDoc } from "../../../lambdas/core/publish";

/** A published transcript (CONTRACT.md shape) with a distinctive reasoning text. */
export function doc(id: string, over: Partial<PublishedDoc> & { reasoning?: string } = {}): PublishedDoc {
  const { reasoning, ...rest } = over;
  return {
    schema: "cotshare/transcript@1",
    id,
    lab: "lab-a",
    model: { id: "model-x" },
    messages: [
      { role: "user", parts: [{ type: "text", text: `question for ${id}` }] },
      {
        role: "assistant",
        parts: [
          {
            type: "reasoning",
            text: reasoning ?? `thinking about ${id} step by step`,
            summary: false,
            opaque: false,
          },
          { type: "text", text: `answer ${id} with [EMAIL_1]` },
        ],
      },
    ],
    legibility: { scorer: "legibility@1", score: 80, signals: {} },
    review: { verdict: "PASS", reasons: [] },
    redaction: { counts: { email: 1 }, placeholders: 1 },
    ...rest,
  } as PublishedDoc;
}
