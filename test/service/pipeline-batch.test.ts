/**
 * PipelineBatch: the small objects of one ingest batch go through `processFiles` together, and each
 * object gets exactly the outcomes `processBytes` gives it alone. A slot that ends without a
 * pipeline call (a replay, a missing object) releases the others; a slow one is not waited for past
 * `maxWaitMs`; a large object never waits; a group's failure falls back to each object alone.
 */
import { describe, expect, it } from "vitest";
import { BATCH_CHARS, BATCH_TRANSCRIPTS, processBytes, processFiles } from "../../lambdas/core/pipeline";
import type { IngestOutcome, Pipeline } from "../../lambdas/service/ingest";
import { PipelineBatch, type PipelineFiles } from "../../lambdas/service/pipeline-batch";
import { smallObject } from "./small-objects";

const enc = new TextEncoder();
const key = enc.encode("batch-test-key");
const optsOf = (lab: string, denyTerms = ["Project Bluefinch"]) => ({
  lab,
  hmacKey: key,
  policy: { denyTerms, allowTerms: [], internalDomains: [] },
});
const object = (i: number, pad = 0): Uint8Array => smallObject(i, { pad });

/** processFiles, counting its calls and the files of each. */
function countingFiles(): { files: PipelineFiles; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    files: (fs, o) => {
      calls.push(fs.length);
      return processFiles(fs, o) as IngestOutcome[][];
    },
  };
}
const single: Pipeline = (s, b, o) => processBytes(s, b, o) as IngestOutcome[];
const alone = (i: number, lab = "acme") => processBytes(`incoming/${lab}/o${i}.json`, object(i), optsOf(lab));

describe("PipelineBatch", () => {
  it("runs the batch's objects through processFiles once, each with its own processBytes outcomes", async () => {
    const { files, calls } = countingFiles();
    const batch = new PipelineBatch(files, single);
    const slots = Array.from({ length: 10 }, () => batch.slot());
    // Objects reach their pipeline at different times (their reads), as in the handler.
    const outs = await Promise.all(
      slots.map(async (s, i) => {
        await new Promise((r) => setTimeout(r, (i * 7) % 5));
        const out = await s.pipeline(`incoming/acme/o${i}.json`, object(i), optsOf("acme"));
        s.done();
        return out;
      }),
    );
    expect(calls).toEqual([10]);
    expect(batch.stats).toEqual({ groups: 1, grouped: 10, alone: 0 });
    outs.forEach((o, i) => expect(o).toEqual(alone(i)));
    // Not trivially equal: the objects differ, some are rejected, some redacted.
    expect(new Set(outs.map((o) => o[0]!.status))).toEqual(new Set(["accepted", "rejected"]));
  });

  it("does not wait for a slot that ends without a pipeline call", async () => {
    const { files, calls } = countingFiles();
    const batch = new PipelineBatch(files, single, 60_000);
    const [a, b, c] = [batch.slot(), batch.slot(), batch.slot()];
    const pa = a.pipeline("incoming/acme/o0.json", object(0), optsOf("acme"));
    const pb = b.pipeline("incoming/acme/o1.json", object(1), optsOf("acme"));
    let settled = false;
    void Promise.all([pa, pb]).then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false); // c is still open
    c.done(); // a replay: its idempotency record was complete
    expect(await pa).toEqual(alone(0));
    expect(await pb).toEqual(alone(1));
    expect(calls).toEqual([2]);
  });

  it("runs the waiting objects after maxWaitMs without the slow one, which then runs alone", async () => {
    const { files, calls } = countingFiles();
    const batch = new PipelineBatch(files, single, 30);
    const [a, b, slow] = [batch.slot(), batch.slot(), batch.slot()];
    const t0 = Date.now();
    const [oa, ob] = await Promise.all([
      a.pipeline("incoming/acme/o0.json", object(0), optsOf("acme")),
      b.pipeline("incoming/acme/o1.json", object(1), optsOf("acme")),
    ]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    expect(calls).toEqual([2]);
    expect([oa, ob]).toEqual([alone(0), alone(1)]);
    expect(await slow.pipeline("incoming/acme/o2.json", object(2), optsOf("acme"))).toEqual(alone(2));
    expect(calls).toEqual([2]); // alone: processBytes
    expect(batch.stats.alone).toBe(1);
  });

  it("runs an object larger than a group at once, alone, and the others together", async () => {
    const { files, calls } = countingFiles();
    const batch = new PipelineBatch(files, single, 60_000);
    const [a, big, b] = [batch.slot(), batch.slot(), batch.slot()];
    const large = object(2, Math.ceil(BATCH_CHARS / 13) + 10);
    expect(large.byteLength).toBeGreaterThan(BATCH_CHARS);
    const pa = a.pipeline("incoming/acme/o0.json", object(0), optsOf("acme"));
    const out = await big.pipeline("incoming/acme/big.json", large, optsOf("acme"));
    expect(out).toEqual(processBytes("incoming/acme/big.json", large, optsOf("acme")));
    expect(calls).toEqual([]); // a is still waiting for b
    const pb = b.pipeline("incoming/acme/o1.json", object(1), optsOf("acme"));
    expect([await pa, await pb]).toEqual([alone(0), alone(1)]);
    expect(calls).toEqual([2]);
  });

  it("groups by lab, policy and key, and cuts groups where they are full", async () => {
    const { files, calls } = countingFiles();
    const batch = new PipelineBatch(files, single);
    const n = BATCH_TRANSCRIPTS + 12;
    const labOf = (i: number) => (i % 9 === 0 ? "other" : "acme");
    const slots = Array.from({ length: n + 1 }, () => batch.slot());
    const outs = slots
      .slice(0, n)
      .map((s, i) => s.pipeline(`incoming/${labOf(i)}/o${i}.json`, object(i), optsOf(labOf(i))));
    // The same lab with another policy: not with the others.
    const odd = slots[n]!.pipeline("incoming/acme/odd.json", object(2), optsOf("acme", ["Kestrel"]));
    const done = await Promise.all(outs);
    done.forEach((o, i) => expect(o).toEqual(alone(i, labOf(i))));
    expect(await odd).toEqual(processBytes("incoming/acme/odd.json", object(2), optsOf("acme", ["Kestrel"])));
    const others = Array.from({ length: n }, (_, i) => i).filter((i) => labOf(i) === "other").length;
    expect(n - others).toBeGreaterThan(BATCH_TRANSCRIPTS); // acme's objects fill a group and more
    expect([...calls].sort((x, y) => x - y)).toEqual(
      [n - others - BATCH_TRANSCRIPTS, others, BATCH_TRANSCRIPTS].sort((x, y) => x - y),
    );
    expect(batch.stats.alone).toBe(1); // the odd one, a group of one
  });

  it("falls back to each object alone when the group's run throws: one failure stays its own", async () => {
    const files: PipelineFiles = () => {
      throw new Error("group failed");
    };
    const failing: Pipeline = (s, b, o) => {
      if (s.endsWith("o1.json")) throw new Error("this object failed");
      return single(s, b, o);
    };
    const batch = new PipelineBatch(files, failing);
    const [a, b, c] = [batch.slot(), batch.slot(), batch.slot()];
    const results = await Promise.allSettled(
      [0, 1, 2].map((i) => [a, b, c][i]!.pipeline(`incoming/acme/o${i}.json`, object(i), optsOf("acme"))),
    );
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[0] as PromiseFulfilledResult<IngestOutcome[]>).value).toEqual(alone(0));
    expect((results[2] as PromiseFulfilledResult<IngestOutcome[]>).value).toEqual(alone(2));
    expect(batch.stats).toEqual({ groups: 0, grouped: 0, alone: 3 });
  });

  it("runs a second pipeline call of the same slot alone (a message naming two objects)", async () => {
    const { files, calls } = countingFiles();
    const batch = new PipelineBatch(files, single);
    const [a, b] = [batch.slot(), batch.slot()];
    const [oa, ob] = await Promise.all([
      a.pipeline("incoming/acme/o0.json", object(0), optsOf("acme")),
      b.pipeline("incoming/acme/o1.json", object(1), optsOf("acme")),
    ]);
    expect(calls).toEqual([2]);
    expect(await a.pipeline("incoming/acme/o3.json", object(3), optsOf("acme"))).toEqual(alone(3));
    expect(calls).toEqual([2]);
    expect([oa, ob]).toEqual([alone(0), alone(1)]);
  });
});
