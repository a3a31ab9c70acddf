import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readJsonlLine, readTranscripts, type ReadResult } from "../../../lambdas/core/transcript/read";
import { SAFE_ID } from "../../../lambdas/core/transcript/ids";
import { Transcript } from "../../../lambdas/core/transcript/schema";
import { buildZip, enc } from "./helpers";

const CODES = new Set([
  "invalid_json",
  "invalid_utf8",
  "unknown_format",
  "too_large",
  "too_deep",
  "too_many_messages",
  "too_many_transcripts",
  "schema",
  "zip_bomb",
  "invalid_zip",
  "empty",
]);

/** The reader's whole promise: typed rejections only, valid safe-id transcripts, nothing thrown. */
function wellFormed(r: ReadResult, source: string): void {
  for (const x of r.rejections) {
    expect(CODES.has(x.code)).toBe(true);
    expect(x.source).toBe(source);
    expect(x.message.startsWith(source)).toBe(true);
    // "unexpected structure" would mean a reader threw on input it should have handled.
    expect(x.message).not.toContain("unexpected structure");
  }
  for (const i of r.items) {
    expect(Transcript.safeParse(i.transcript).success).toBe(true);
    expect(i.transcript.id).toMatch(SAFE_ID);
    expect(i.transcript.id).not.toContain("..");
  }
}

const role = fc.constantFrom(
  "system",
  "user",
  "assistant",
  "tool",
  "developer",
  "function",
  "robot",
  "__proto__",
);
const block = fc.oneof(
  fc.string(),
  fc.record(
    {
      type: fc.constantFrom(
        "text",
        "thinking",
        "redacted_thinking",
        "tool_use",
        "tool_result",
        "reasoning",
        "image",
        "output_text",
      ),
      text: fc.string(),
      thinking: fc.string(),
      reasoning: fc.string(),
      redacted: fc.boolean(),
      id: fc.oneof(fc.string(), fc.integer()),
      input: fc.jsonValue({ maxDepth: 2 }),
      content: fc.oneof(fc.string(), fc.array(fc.record({ type: fc.constant("text"), text: fc.string() }))),
    },
    { requiredKeys: ["type"] },
  ),
);
const message = fc.record(
  {
    role,
    content: fc.oneof(fc.string(), fc.array(block, { maxLength: 4 }), fc.constant(null)),
    reasoning_content: fc.string(),
    tool_calls: fc.array(
      fc.record({
        id: fc.string(),
        function: fc.oneof(
          fc.string(),
          fc.record({ name: fc.string(), arguments: fc.jsonValue({ maxDepth: 2 }) }),
        ),
        arguments: fc.jsonValue({ maxDepth: 2 }),
      }),
      { maxLength: 2 },
    ),
    tool_call_id: fc.string(),
    name: fc.string(),
  },
  { requiredKeys: ["role"] },
);
/** Records shaped like every format, with random holes and wrong types. */
const record = fc.oneof(
  fc.record(
    {
      model: fc.oneof(fc.string(), fc.integer()),
      messages: fc.array(message, { maxLength: 6 }),
      id: fc.oneof(fc.string(), fc.integer()),
      temperature: fc.oneof(fc.double(), fc.string()),
      metadata: fc.jsonValue({ maxDepth: 3 }),
    },
    { requiredKeys: ["messages"] },
  ),
  fc.record({
    object: fc.constant("chat.completion"),
    id: fc.string(),
    model: fc.string(),
    choices: fc.array(fc.record({ index: fc.integer(), message }), { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant("message"),
    role: fc.constant("assistant"),
    id: fc.string(),
    content: fc.array(block, { maxLength: 5 }),
  }),
  fc.record({
    object: fc.constant("response"),
    id: fc.string(),
    input: fc.oneof(fc.string(), fc.array(message)),
    output: fc.array(
      fc.record(
        {
          type: fc.constantFrom(
            "message",
            "reasoning",
            "function_call",
            "function_call_output",
            "web_search_call",
            "bogus",
          ),
          role,
          summary: fc.array(fc.record({ type: fc.constant("summary_text"), text: fc.string() })),
          encrypted_content: fc.string(),
          call_id: fc.string(),
          arguments: fc.jsonValue({ maxDepth: 2 }),
          output: fc.jsonValue({ maxDepth: 2 }),
          content: fc.array(block, { maxLength: 3 }),
        },
        { requiredKeys: ["type"] },
      ),
      { maxLength: 5 },
    ),
  }),
  fc.record({
    version: fc.constant(2),
    eval: fc.record({
      eval_id: fc.string(),
      task: fc.string(),
      model: fc.string(),
      created: fc.string(),
      tags: fc.array(fc.string()),
    }),
    samples: fc.array(
      fc.record({
        id: fc.oneof(fc.string(), fc.integer()),
        epoch: fc.integer(),
        input: fc.string(),
        messages: fc.array(message, { maxLength: 4 }),
      }),
      { maxLength: 3 },
    ),
  }),
  fc.record({
    schema: fc.constant("cotshare/transcript@1"),
    id: fc.string(),
    model: fc.record({ id: fc.string() }),
    messages: fc.array(
      fc.record({
        role,
        parts: fc.array(
          fc.record({
            type: fc.constantFrom("text", "reasoning", "tool_call"),
            text: fc.string(),
            opaque: fc.boolean(),
          }),
        ),
      }),
      { maxLength: 3 },
    ),
  }),
);

describe("readTranscripts never throws", () => {
  it("on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        wellFormed(readTranscripts("f.bin", bytes), "f.bin");
      }),
      { numRuns: 300 },
    );
  });
  it("on arbitrary bytes behind a zip signature", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        wellFormed(readTranscripts("f.eval", new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes])), "f.eval");
      }),
      { numRuns: 200 },
    );
  });
  it("on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        wellFormed(readTranscripts("v.json", enc(JSON.stringify(v))), "v.json");
      }),
      { numRuns: 300 },
    );
  });
  it("on format-shaped records, alone, in arrays and as JSONL lines", () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 3 }), (recs) => {
        wellFormed(readTranscripts("r.json", enc(JSON.stringify(recs[0]))), "r.json");
        wellFormed(readTranscripts("r.json", enc(JSON.stringify(recs))), "r.json");
        wellFormed(readTranscripts("r.jsonl", enc(recs.map((r) => JSON.stringify(r)).join("\n"))), "r.jsonl");
        const line = readJsonlLine("l.jsonl", 3, JSON.stringify(recs[0]));
        wellFormed({ ...line }, "l.jsonl");
      }),
      { numRuns: 300 },
    );
  });
  it("on .eval archives whose entries are format-shaped or random", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            record.map((r) => JSON.stringify(r)),
            fc.string(),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        (entries) => {
          const zip = buildZip([
            { name: "header.json", data: enc(entries[0]!) },
            ...entries.map((e, i) => ({ name: `samples/${i}_epoch_1.json`, data: enc(e) })),
          ]);
          wellFormed(readTranscripts("z.eval", zip), "z.eval");
        },
      ),
      { numRuns: 100 },
    );
  });
});
