/**
 * The local queue delivers batches concurrently, like concurrent Lambda invocations, up to its
 * `concurrency`, and every message still arrives exactly once when nothing fails.
 */
import { describe, expect, it } from "vitest";
import type { SQSEvent } from "aws-lambda";
import { EventQueue } from "../../local/events";
import { BUCKETS } from "../../lambdas/core/names";

describe("EventQueue", () => {
  it("runs at most `concurrency` batches at once and delivers every message once", async () => {
    let running = 0;
    let peak = 0;
    const seen: string[] = [];
    const queue = new EventQueue({
      concurrency: 3,
      batchSize: 5,
      batchWindowMs: 5,
      onDeadLetter: async () => undefined,
      handler: async (event: SQSEvent) => {
        running++;
        peak = Math.max(peak, running);
        for (const r of event.Records) seen.push(JSON.parse(r.body).Records[0].s3.object.key as string);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return { batchItemFailures: [] };
      },
    });
    for (let i = 0; i < 40; i++)
      queue.push({ bucket: BUCKETS.intake, key: `incoming/lab-a/${i}.json`, etag: `e${i}` });
    await queue.waitForIdle();
    expect(peak).toBe(3);
    expect(seen.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `incoming/lab-a/${i}.json`).sort());
    expect(queue.stats).toMatchObject({ delivered: 40, failed: 0, batches: 8 });
    await queue.stop();
  });
});
