/**
 * The dead-letter handler (the cloud's intake DLQ consumer) against dynalite + s3rver, like the
 * ingest handler's tests: a DLQ message becomes the object's rejected `dead_letter` record, other
 * buckets, prefixes, test events and folder markers are ignored, a bad body fails alone,
 * re-delivery is idempotent, and a later successful ingest of the key still supersedes the record.
 * A store that fails is a stand-in only for the error the emulator cannot produce on one key.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import { Metrics } from "@aws-lambda-powertools/metrics";
import {
  createDeadLetterHandler,
  DEAD_LETTER_FAILURE_METRIC,
  DEAD_LETTER_METRIC,
  RETRIES_EXHAUSTED,
} from "../../lambdas/handlers/dead-letter";
import { createIngestHandler } from "../../lambdas/handlers/ingest";
import { S3BlobStore, s3Client } from "../../lambdas/adapters/s3";
import { DynamoMetadataStore, dynamoClient } from "../../lambdas/adapters/dynamodb";
import { BlobLabConfig, fileMaster } from "../../lambdas/adapters/lab-config";
import { BUCKETS, TABLES } from "../../lambdas/core/names";
import type { MetadataStore } from "../../lambdas/core/records";
import { objectRecordId, recordIngestFailure } from "../../lambdas/service/ingest";
import { systemClock } from "../../lambdas/ports";
import { s3EventBody } from "../../local/events";
import { startDynamo, startS3, type RunningDynamo, type RunningS3 } from "../../local/emulators";
import { fakePipeline } from "./fake-pipeline";
import { capturedLogger, lambdaContext, sqsRecord } from "./lambda-fixtures";

let dir: string;
let s3: RunningS3;
let db: RunningDynamo;
let ddb: ReturnType<typeof dynamoClient>;
let store: DynamoMetadataStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cotshare-dead-letter-"));
  [s3, db] = await Promise.all([startS3(join(dir, "s3")), startDynamo(undefined)]);
  ddb = dynamoClient({ endpoint: db.url });
  store = new DynamoMetadataStore(ddb);
  process.env.POWERTOOLS_METRICS_DISABLED = "true";
});
afterAll(async () => {
  ddb?.destroy();
  await Promise.all([s3?.stop(), db?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const ctx = lambdaContext("dead-letter-test");

const sqs = (id: string, body: string) => sqsRecord(id, body, { ApproximateReceiveCount: "1" });

/** A logger whose lines the test reads, and a metrics object whose counts it reads. */
function observed() {
  const { logger, lines } = capturedLogger("dead-letter-test");
  const metrics = new Metrics({ namespace: "cotshare-test" });
  const counts = new Map<string, number>();
  vi.spyOn(metrics, "addMetric").mockImplementation((name: string, _unit, value: number) => {
    counts.set(name, (counts.get(name) ?? 0) + value);
    return metrics;
  });
  return { lines, logger, metrics, counts };
}

function deadLetterHandler(o: ReturnType<typeof observed>, over: { store?: MetadataStore } = {}) {
  return createDeadLetterHandler({
    store: over.store ?? store,
    clock: systemClock,
    intakeBucket: BUCKETS.intake,
    logger: o.logger,
    metrics: o.metrics,
  });
}

const dlqId = (key: string) => objectRecordId("dlq", key, undefined);

describe("dead-letter handler", () => {
  it("records a DLQ message's object as rejected dead_letter (retries_exhausted), logging keys and ids only", async () => {
    const o = observed();
    const key = "incoming/lab-d/gave up.json";
    const res = await deadLetterHandler(o)(
      { Records: [sqs("m1", s3EventBody({ bucket: BUCKETS.intake, key, etag: "etag-1", size: 12 }))] },
      ctx,
    );
    expect(res.batchItemFailures).toEqual([]);
    const r = await store.getTranscript(dlqId(key));
    expect(r).toMatchObject({
      lab: "lab-d",
      source: key,
      intakeKey: key,
      intakeVersion: "etag-1",
      status: "rejected",
      code: "dead_letter",
    });
    expect(r!.message).toContain(RETRIES_EXHAUSTED);
    const audit = await store.listAudit(dlqId(key));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "dead_letter", to: "rejected", reason: RETRIES_EXHAUSTED });
    expect(o.counts.get(DEAD_LETTER_METRIC)).toBe(1);
    const line = o.lines.find((l) => l.includes("intake object dead-lettered"));
    expect(JSON.parse(line!)).toMatchObject({
      key,
      id: dlqId(key),
      code: RETRIES_EXHAUSTED,
      messageId: "m1",
    });
  });

  it("ignores other buckets, other prefixes, test events and folder markers", async () => {
    const o = observed();
    const res = await deadLetterHandler(o)(
      {
        Records: [
          sqs("o1", s3EventBody({ bucket: "elsewhere", key: "incoming/lab-e/x.json", etag: "e" })),
          sqs("o2", s3EventBody({ bucket: BUCKETS.intake, key: "outgoing/lab-e/y.json", etag: "e" })),
          sqs("o3", JSON.stringify({ Event: "s3:TestEvent" })),
          sqs("o4", s3EventBody({ bucket: BUCKETS.intake, key: "incoming/lab-e/", etag: "e", size: 0 })),
        ],
      },
      ctx,
    );
    expect(res.batchItemFailures).toEqual([]);
    for (const key of ["incoming/lab-e/x.json", "outgoing/lab-e/y.json", "incoming/lab-e/"])
      expect(await store.getTranscript(dlqId(key)), key).toBeUndefined();
    expect((await store.listTranscripts({ lab: "lab-e" })).items).toEqual([]);
    expect(o.counts.get(DEAD_LETTER_METRIC)).toBeUndefined();
  });

  it("fails a message whose body is not an S3 event on its own; the rest of the batch is recorded", async () => {
    const o = observed();
    const key = "incoming/lab-f/fine.json";
    const res = await deadLetterHandler(o)(
      {
        Records: [
          sqs("b1", "not json at all"),
          sqs("b2", s3EventBody({ bucket: BUCKETS.intake, key, etag: "etag-f" })),
          sqs("b3", JSON.stringify({ no: "records" })),
        ],
      },
      ctx,
    );
    expect(res.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(["b1", "b3"]);
    expect((await store.getTranscript(dlqId(key)))?.code).toBe("dead_letter");
    expect(o.counts.get(DEAD_LETTER_FAILURE_METRIC)).toBe(2);
    const failed = o.lines.filter((l) => l.includes("dead letter not recorded")).map((l) => JSON.parse(l));
    expect(failed.map((f) => [f.messageId, f.error]).sort()).toEqual([
      ["b1", "invalid_event"],
      ["b3", "invalid_event"],
    ]);
    expect(o.lines.join("\n")).not.toContain("not json at all");
  });

  it("fails only the message whose record cannot be written, and logs its code, not its message", async () => {
    const o = observed();
    const bad = "incoming/lab-g/unlucky.json";
    const good = "incoming/lab-g/lucky.json";
    // dynalite cannot be made to fail on one key: a store that refuses that key's audit event.
    const failing = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === "appendAudit")
          return async (e: { subject: string }) => {
            if (e.subject === dlqId(bad))
              throw Object.assign(new Error(`throttled while writing ${bad}`), {
                name: "ProvisionedThroughputExceededException",
              });
            return target.appendAudit(e as never);
          };
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const handler = deadLetterHandler(o, { store: failing });
    const res = await handler(
      {
        Records: [
          sqs("g1", s3EventBody({ bucket: BUCKETS.intake, key: bad, etag: "eb" })),
          sqs("g2", s3EventBody({ bucket: BUCKETS.intake, key: good, etag: "eg" })),
        ],
      },
      ctx,
    );
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: "g1" }]);
    expect(await store.getTranscript(dlqId(bad))).toBeUndefined();
    expect((await store.getTranscript(dlqId(good)))?.code).toBe("dead_letter");
    const failed = JSON.parse(o.lines.find((l) => l.includes("dead letter not recorded"))!);
    expect(failed).toMatchObject({
      messageId: "g1",
      key: bad,
      error: "ProvisionedThroughputExceededException",
    });
    expect(o.lines.join("\n")).not.toContain("throttled while");
    // Its retry, once the store works again, records it.
    const again = await deadLetterHandler(observed())(
      { Records: [sqs("g1", s3EventBody({ bucket: BUCKETS.intake, key: bad, etag: "eb" }))] },
      ctx,
    );
    expect(again.batchItemFailures).toEqual([]);
    expect((await store.getTranscript(dlqId(bad)))?.code).toBe("dead_letter");
  });

  it("says why: the last failure's code that ingest noted for this version", async () => {
    const key = "incoming/lab-w/why.json";
    const deps = { store, clock: systemClock };
    // Two failed runs of an older version, then one of this version: this version's code counts.
    await recordIngestFailure(deps, { bucket: BUCKETS.intake, key, etag: "etag-old" }, "TimeoutError");
    await recordIngestFailure(deps, { bucket: BUCKETS.intake, key, etag: "etag-w" }, "invalid_policy");
    const o = observed();
    await deadLetterHandler(o)(
      { Records: [sqs("w1", s3EventBody({ bucket: BUCKETS.intake, key, etag: "etag-w" }))] },
      ctx,
    );
    const r = await store.getTranscript(dlqId(key));
    expect(r?.message).toContain(`${RETRIES_EXHAUSTED}; last error: invalid_policy`);
    expect((await store.listAudit(dlqId(key))).at(-1)).toMatchObject({
      action: "dead_letter",
      reason: `${RETRIES_EXHAUSTED}: invalid_policy`,
    });
  });

  it("is idempotent on re-delivery: one record, one audit event, the first time kept", async () => {
    const key = "incoming/lab-i/twice.json";
    const body = s3EventBody({ bucket: BUCKETS.intake, key, etag: "etag-i" });
    const first = observed();
    await deadLetterHandler(first)({ Records: [sqs("i1", body), sqs("i2", body)] }, ctx);
    const r1 = await store.getTranscript(dlqId(key));
    await new Promise((r) => setTimeout(r, 5));
    const again = observed();
    const res = await deadLetterHandler(again)({ Records: [sqs("i1", body)] }, ctx);
    expect(res.batchItemFailures).toEqual([]);
    expect(await store.getTranscript(dlqId(key))).toEqual(r1);
    expect(await store.listAudit(dlqId(key))).toHaveLength(1);
    expect((await store.listTranscripts({ lab: "lab-i" })).items).toHaveLength(1);
  });

  it("a later successful ingest of the key supersedes the dead letter, and a re-delivery leaves it so", async () => {
    const client = s3Client({ endpoint: s3.url });
    const blobs = new S3BlobStore(client);
    const key = "incoming/lab-j/retried.json";
    await blobs.put(BUCKETS.intake, key, JSON.stringify({ fail: true }));
    const failedEtag = (await blobs.head(BUCKETS.intake, key))!.etag!;
    const dlqBody = s3EventBody({ bucket: BUCKETS.intake, key, etag: failedEtag });
    await deadLetterHandler(observed())({ Records: [sqs("j1", dlqBody)] }, ctx);
    expect((await store.getTranscript(dlqId(key)))?.code).toBe("dead_letter");

    // The lab uploads a fixed version; ingest processes it.
    await blobs.put(BUCKETS.intake, key, JSON.stringify({ id: "t-retried" }));
    const etag = (await blobs.head(BUCKETS.intake, key))!.etag!;
    const ingest = createIngestHandler({
      ingest: {
        intake: blobs,
        blobs,
        store,
        labs: new BlobLabConfig({ blobs, bucket: BUCKETS.staging, master: fileMaster(join(dir, "hmac")) }),
        clock: systemClock,
        stagingBucket: BUCKETS.staging,
        pipeline: fakePipeline,
      },
      persistence: new DynamoDBPersistenceLayer({ tableName: TABLES.idempotency, awsSdkV3Client: ddb }),
      intakeBucket: BUCKETS.intake,
      logger: observed().logger,
      metrics: new Metrics({ namespace: "cotshare-test" }),
    });
    const ok = await ingest(
      { Records: [sqs("k1", s3EventBody({ bucket: BUCKETS.intake, key, etag }))] },
      ctx,
    );
    expect(ok.batchItemFailures).toEqual([]);
    expect((await store.getTranscript("t-retried"))?.status).toBe("accepted");
    const superseded = await store.getTranscript(dlqId(key));
    expect(superseded).toMatchObject({ status: "rejected", code: "superseded", intakeVersion: failedEtag });

    // The same DLQ message delivered again (SQS is at-least-once): the record stays superseded.
    const o = observed();
    const res = await deadLetterHandler(o)({ Records: [sqs("j1", dlqBody)] }, ctx);
    expect(res.batchItemFailures).toEqual([]);
    expect(await store.getTranscript(dlqId(key))).toEqual(superseded);
    expect(o.counts.get(DEAD_LETTER_METRIC)).toBeUndefined();
    expect(o.lines.some((l) => l.includes("dead letter already resolved"))).toBe(true);

    // A newer version that fails every retry too is a dead letter again.
    await deadLetterHandler(observed())(
      { Records: [sqs("j2", s3EventBody({ bucket: BUCKETS.intake, key, etag: "etag-later" }))] },
      ctx,
    );
    expect(await store.getTranscript(dlqId(key))).toMatchObject({
      code: "dead_letter",
      intakeVersion: "etag-later",
    });
    client.destroy();
  });
});
