/**
 * A rejection inside one record of a file that holds several (an Inspect log's samples, a JSON
 * array of records) names the record as well as the field, and the other records are still read.
 */
import { describe, expect, it } from "vitest";
import { readTranscripts } from "../../../lambdas/core/transcript/read";
import { json } from "./helpers";

const sample = (id: number, content: unknown) => ({
  id,
  epoch: 1,
  input: "q",
  messages: [
    { role: "user", content: "q" },
    { role: "assistant", content },
  ],
});

describe("the field of a rejection inside one of several records", () => {
  it("names the Inspect sample (samples.<i>), and the log's other samples are read", () => {
    const r = readTranscripts(
      "log.json",
      json({
        version: 2,
        status: "success",
        eval: { eval_id: "e1", task: "t", model: "openai/gpt-x", created: "2025-11-01T00:00:00Z" },
        samples: [sample(1, "fine"), sample(2, [{ type: "data", data: { note: "hidden words" } }])],
      }),
    );
    expect(r.items).toHaveLength(1);
    expect(r.rejections).toHaveLength(1);
    expect(r.rejections[0]!.code).toBe("schema");
    expect(r.rejections[0]!.message).toContain("field samples.1.messages.1.content.0.data");
    expect(r.rejections[0]!.message).not.toContain("hidden words");
  });

  it("names the array element ([i]) of a JSON array of records", () => {
    const chat = (content: unknown) => ({
      model: "gpt-x",
      messages: [
        { role: "user", content: "q" },
        { role: "assistant", content },
      ],
    });
    const r = readTranscripts(
      "many.json",
      json([chat("fine"), chat([{ type: "mystery_block", text: "hidden words" }]), chat("also fine")]),
    );
    expect(r.items).toHaveLength(2);
    expect(r.rejections).toHaveLength(1);
    expect(r.rejections[0]!.message).toMatch(/field \[1\]\.messages\.1\.content/);
    expect(r.rejections[0]!.message).not.toContain("hidden words");
  });
});
