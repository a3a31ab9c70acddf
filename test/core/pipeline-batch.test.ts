/**
 * The pipeline takes transcripts step by step over batches (BATCH_TRANSCRIPTS, BATCH_CHARS) for
 * speed. What it must not change: every transcript's outcome is exactly what processing it alone
 * gives, in the input's order, whatever batch it lands in and whatever its neighbours are; and a
 * transcript that fails in any step fails alone, as an `internal_error`, without a trace of its
 * content, while the rest of its batch is processed.
 */
import { describe, expect, it } from "vitest";
import {
  BATCH_CHARS,
  BATCH_TRANSCRIPTS,
  processBytes,
  processItems,
  processTranscript,
  type PipelineItem,
} from "../../lambdas/core/pipeline";
import { readTranscripts, type ReadItem } from "../../lambdas/core/transcript/read";
import { SCHEMA_ID, Transcript } from "../../lambdas/core/transcript/schema";
import { B62, randomToken } from "./review/helpers";

const opts = {
  lab: "acme",
  hmacKey: "batch-test-key",
  policy: { denyTerms: ["Project Bluefinch"], allowTerms: [], internalDomains: ["corp.example-lab.com"] },
};

// Secret-shaped values are built at run time so no scanner flags the repository.
const EMAIL = (i: number) => `maria.lopez${i}` + "@" + "example-corp.com";
const TOKEN = (i: number) => "ghp_" + randomToken(B62, 36, 1000 + i);

/** Varied transcripts: clean, with PII, secrets, deny terms, names; some small, some large. */
function transcript(i: number, reasoningChars = 0): Transcript {
  const kinds = [
    `Adding ${i} and ${i + 1} gives ${2 * i + 1}, so the answer is ${2 * i + 1}.`,
    `Dr. Helen Okafor said to write to ${EMAIL(i)} about the failing build ${i}.`,
    `The deploy script clones with ${TOKEN(i)} and then runs the tests.`,
    `Project Bluefinch ships on host build${i}.corp.example-lab.com next week.`,
    `asdf qwer zxcv ${i} lkjh poiu mnbv`,
  ];
  let reasoning = kinds[i % kinds.length]!;
  while (reasoning.length < reasoningChars) reasoning += " " + kinds[(i + reasoning.length) % kinds.length];
  return Transcript.parse({
    schema: SCHEMA_ID,
    id: `own-${i}`,
    model: { id: "example-reasoner-1" },
    messages: [
      { role: "user", parts: [{ type: "text", text: `Question ${i}: please check the script.` }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", text: reasoning },
          { type: "text", text: `Answer ${i}.` },
        ],
      },
    ],
    ...(i % 7 === 0 ? { publishable: i % 2 === 0 } : {}),
  });
}

describe("pipeline batches", () => {
  it("gives every transcript the outcome it gets alone, in order, across batch boundaries", () => {
    // More than two batches by count, and large ones that cut batches by size (alone, or a few).
    const items: PipelineItem[] = Array.from({ length: 2 * BATCH_TRANSCRIPTS + 37 }, (_, i) => ({
      transcript: transcript(i, i % 41 === 5 ? BATCH_CHARS + 1000 : i % 13 === 0 ? BATCH_CHARS / 5 : 0),
      line: i + 1,
      format: "native" as const,
    }));
    const batched = processItems("f.jsonl", items, opts);
    expect(batched).toHaveLength(items.length);
    const alone = items.map((it) =>
      processTranscript("f.jsonl", it.transcript, opts, it.line, it.entry, it.format),
    );
    expect(batched).toEqual(alone);
    // The mix is what it claims to be: redactions happened, and not everywhere.
    const redacted = batched.filter((o) => o.status === "accepted" && Object.keys(o.redactions).length > 0);
    expect(redacted.length).toBeGreaterThan(items.length / 3);
    expect(redacted.length).toBeLessThan(items.length);
  });

  it("processBytes on a JSONL file equals each line processed on its own", () => {
    const lines = Array.from({ length: BATCH_TRANSCRIPTS + 10 }, (_, i) => JSON.stringify(transcript(i)));
    lines[20] = "{not json";
    const bytes = new TextEncoder().encode(lines.join("\n") + "\n");
    const whole = processBytes("f.jsonl", bytes, opts);
    const read = readTranscripts("f.jsonl", bytes);
    expect(read.rejections).toHaveLength(1);
    const each = read.items.map((it) =>
      processTranscript("f.jsonl", it.transcript, opts, it.line, it.entry, it.format),
    );
    expect(whole.filter((o) => o.status === "accepted")).toEqual(each);
    expect(whole.map((o) => o.line)).toEqual(lines.map((_, i) => i + 1));
    expect(whole[20]).toMatchObject({ status: "rejected", code: "invalid_json", line: 21 });
  });

  it("a transcript that fails in a step fails alone, and its batch goes on", () => {
    const items: PipelineItem[] = Array.from({ length: 12 }, (_, i) => ({
      transcript: transcript(i),
      line: i + 1,
    }));
    // Fails in the first step (its id is read for the published id).
    const failsFirst = transcript(3);
    Object.defineProperty(failsFirst, "id", {
      enumerable: true,
      get() {
        throw new Error("SECRET-CONTENT-1");
      },
    });
    items[3] = { transcript: failsFirst, line: 4 };
    // Fails in redaction (its fields are copied there; nothing before reads `metadata`).
    const failsRedaction = transcript(8);
    Object.defineProperty(failsRedaction, "metadata", {
      enumerable: true,
      get() {
        throw new Error("SECRET-CONTENT-2");
      },
    });
    items[8] = { transcript: failsRedaction, line: 9 };
    // Cannot even be measured for batching.
    const unmeasurable = transcript(10);
    Object.defineProperty(unmeasurable, "messages", {
      enumerable: true,
      get() {
        throw new Error("SECRET-CONTENT-3");
      },
    });
    items[10] = { transcript: unmeasurable, line: 11 };

    const out = processItems("f.jsonl", items, opts);
    expect(out.map((o) => o.line)).toEqual(items.map((it) => it.line));
    for (const [i, o] of out.entries()) {
      if (i === 3 || i === 8 || i === 10) {
        expect(o).toMatchObject({ status: "rejected", code: "internal_error", line: i + 1 });
        expect(JSON.stringify(o)).not.toContain("SECRET-CONTENT");
      } else {
        expect(o).toEqual(processTranscript("f.jsonl", items[i]!.transcript, opts, i + 1));
        expect(o.status).toBe("accepted");
      }
    }
  });

  it("the reader hands a file's transcripts over in batches while it reads, and still lists them all", () => {
    const lines = Array.from({ length: 25 }, (_, i) => JSON.stringify(transcript(i)));
    lines[12] = '{"schema": 5}';
    const bytes = new TextEncoder().encode(lines.join("\n"));
    const handed: ReadItem[][] = [];
    const read = readTranscripts("f.jsonl", bytes, undefined, { every: 10, take: (b) => handed.push(b) });
    expect(handed.map((b) => b.length)).toEqual([10, 10]);
    expect(read.items).toHaveLength(24);
    expect(handed.flat()).toEqual(read.items.slice(0, 20));
    expect(read.items.map((it) => it.line)).toEqual(lines.map((_, i) => i + 1).filter((l) => l !== 13));
    expect(read.rejections.map((r) => r.line)).toEqual([13]);
    expect(readTranscripts("f.jsonl", bytes)).toEqual(read);
  });
});
