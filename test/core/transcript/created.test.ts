/** `created_at` / `createdAt` as a number: epoch seconds or milliseconds (QA, session six). */
import { describe, expect, it } from "vitest";
import { readTranscripts } from "../../../lambdas/core/transcript/read";
import { json } from "./helpers";

const chat = (created: unknown) => ({
  model: "gpt-4o",
  created_at: created,
  messages: [
    { role: "user", content: "What is 2 + 2?" },
    { role: "assistant", content: "4" },
  ],
});

describe("createdAt from numbers", () => {
  it("reads epoch seconds and epoch milliseconds as the same instant", () => {
    for (const v of [1764465600, 1764465600000]) {
      const r = readTranscripts("c.json", json(chat(v)));
      expect(r.items[0]?.transcript.createdAt, String(v)).toBe("2025-11-30T01:20:00.000Z");
    }
  });
});
