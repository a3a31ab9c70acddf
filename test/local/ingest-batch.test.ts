/**
 * The ingest handler with batches of several messages, against dynalite + s3rver and the real
 * pipeline: small objects go through the pipeline together (`pipelineFiles`) and are recorded
 * exactly as one object at a time would be; a message naming a large object (or one of unknown
 * size) is handed on unchanged (`handOn`) and processed in place when it comes back in a batch of
 * its own; a failed hand-on fails only its own message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { createIngestHandler, sharesBatch } from "../../lambdas/handlers/ingest";
import { S3BlobStore, s3Client } from "../../lambdas/adapters/s3";
import { DynamoMetadataStore, dynamoClient } from "../../lambdas/adapters/dynamodb";
import { BlobLabConfig, fileMaster } from "../../lambdas/adapters/lab-config";
import { BATCH_CHARS, processBytes, processFiles } from "../../lambdas/core/pipeline";
import { BUCKETS, INGEST_BATCH, TABLES } from "../../lambdas/core/names";
import { systemClock } from "../../lambdas/ports";
import { s3EventBody } from "../../local/events";
import { startDynamo, startS3, type RunningDynamo, type RunningS3 } from "../../local/emulators";
import { objectRecordId, type IngestOutcome, type Pipeline } from "../../lambdas/service/ingest";
import type { PipelineFiles } from "../../lambdas/service/pipeline-batch";
import { smallObject } from "../service/small-objects";
import { capturedLogger, lambdaContext, sqsRecord } from "./lambda-fixtures";

let dir: string;
let s3: RunningS3;
let db: RunningDynamo;
const clients: { destroy(): void }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cotshare-batch-"));
  [s3, db] = await Promise.all([startS3(join(dir, "s3")), startDynamo(undefined)]);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await Promise.all([s3?.stop(), db?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const ctx = lambdaContext("ingest-batch-test");
// Every fifth object is not JSON (rejected); the others are accepted, some redacted.
const transcript = (i: number, pad = 0): Uint8Array => smallObject(i, { pad, brokenEvery: 5, brokenAt: 3 });

function setup(opts: { handOn?: (body: string) => Promise<void>; files?: boolean } = {}) {
  const client = s3Client({ endpoint: s3.url });
  const blobs = new S3BlobStore(client);
  const ddb = dynamoClient({ endpoint: db.url });
  clients.push(client, ddb);
  const store = new DynamoMetadataStore(ddb);
  const labs = new BlobLabConfig({
    blobs,
    bucket: BUCKETS.staging,
    master: fileMaster(join(dir, "hmac-key")),
  });
  const calls: number[] = [];
  const singles: string[] = [];
  const files: PipelineFiles = (fs, o) => {
    calls.push(fs.length);
    return processFiles(fs, o) as IngestOutcome[][];
  };
  const single: Pipeline = (s, b, o) => {
    singles.push(s);
    return processBytes(s, b, o) as IngestOutcome[];
  };
  const { logger, lines } = capturedLogger("ingest-batch-test");
  process.env.POWERTOOLS_METRICS_DISABLED = "true";
  const handler = createIngestHandler({
    ingest: {
      intake: blobs,
      blobs,
      store,
      labs,
      clock: systemClock,
      stagingBucket: BUCKETS.staging,
      pipeline: single,
    },
    persistence: new DynamoDBPersistenceLayer({ tableName: TABLES.idempotency, awsSdkV3Client: ddb }),
    intakeBucket: BUCKETS.intake,
    logger,
    metrics: new Metrics({ namespace: "cotshare-test" }),
    ...(opts.files === false ? {} : { pipelineFiles: files }),
    ...(opts.handOn ? { handOn: opts.handOn } : {}),
  });
  const put = async (key: string, bytes: Uint8Array, size: "stated" | "unknown" = "stated") => {
    await blobs.put(BUCKETS.intake, key, bytes);
    const etag = (await blobs.head(BUCKETS.intake, key))!.etag!;
    return s3EventBody({
      bucket: BUCKETS.intake,
      key,
      etag,
      ...(size === "stated" ? { size: bytes.byteLength } : {}),
    });
  };
  /** The ids the pipeline gives this object alone, as the lab's records must hold them. */
  const expectedIds = async (lab: string, key: string, bytes: Uint8Array) => {
    const policy = await labs.policy(lab);
    const out = processBytes(key, bytes, {
      lab,
      hmacKey: await labs.hmacKey(lab),
      ...(policy ? { policy } : {}),
    });
    return out.map((o) => `${o.id}:${o.status}`);
  };
  const recorded = async (lab: string) =>
    (await store.listTranscripts({ lab, limit: 100 })).items.map((r) => `${r.id}:${r.status}`).sort();
  return { handler, put, calls, singles, lines, expectedIds, recorded, store };
}

describe("ingest batches", () => {
  it("runs ten small objects' pipelines together and records each as it would be alone", async () => {
    const t = setup();
    const lab = "lab-batch";
    const objs = Array.from({ length: 10 }, (_, i) => ({
      key: `incoming/${lab}/o${i}.json`,
      bytes: transcript(i),
    }));
    const bodies = await Promise.all(objs.map((o) => t.put(o.key, o.bytes)));
    const res = await t.handler({ Records: bodies.map((b, i) => sqsRecord(`m${i}`, b)) }, ctx);
    expect(res.batchItemFailures).toEqual([]);
    expect(t.calls).toEqual([10]);
    expect(t.singles).toEqual([]);
    const summary = t.lines.find((l) => l.includes("intake batch done"));
    expect(JSON.parse(summary!)).toMatchObject({
      messages: 10,
      failed: 0,
      handedOn: 0,
      groups: 1,
      grouped: 10,
      alone: 0,
    });
    const want = (await Promise.all(objs.map((o) => t.expectedIds(lab, o.key, o.bytes)))).flat().sort();
    expect(want.some((w) => w.endsWith(":rejected")) && want.some((w) => w.endsWith(":accepted"))).toBe(true);
    expect(await t.recorded(lab)).toEqual(want);
  });

  it("without pipelineFiles, each object of a batch runs alone (same records)", async () => {
    const t = setup({ files: false });
    const lab = "lab-alone";
    const objs = Array.from({ length: 4 }, (_, i) => ({
      key: `incoming/${lab}/o${i}.json`,
      bytes: transcript(i),
    }));
    const bodies = await Promise.all(objs.map((o) => t.put(o.key, o.bytes)));
    const res = await t.handler({ Records: bodies.map((b, i) => sqsRecord(`a${i}`, b)) }, ctx);
    expect(res.batchItemFailures).toEqual([]);
    expect(t.singles).toHaveLength(4);
    const want = (await Promise.all(objs.map((o) => t.expectedIds(lab, o.key, o.bytes)))).flat().sort();
    expect(await t.recorded(lab)).toEqual(want);
  });

  it("hands on a large object and one of unknown size, processes the small ones, and the large one alone later", async () => {
    const handed: string[] = [];
    const t = setup({ handOn: async (b) => void handed.push(b) });
    const lab = "lab-large";
    const large = transcript(2, Math.ceil(BATCH_CHARS / 10) + 5);
    expect(sharesBatch({ size: large.byteLength })).toBe(false);
    const small = [0, 1].map((i) => ({ key: `incoming/${lab}/s${i}.json`, bytes: transcript(i) }));
    const bodies = await Promise.all(small.map((o) => t.put(o.key, o.bytes)));
    const largeBody = await t.put(`incoming/${lab}/large.json`, large);
    const unknownBody = await t.put(`incoming/${lab}/unknown.json`, transcript(4), "unknown");
    const res = await t.handler(
      {
        Records: [
          sqsRecord("s0", bodies[0]!),
          sqsRecord("L", largeBody),
          sqsRecord("s1", bodies[1]!),
          sqsRecord("U", unknownBody),
        ],
      },
      ctx,
    );
    expect(res.batchItemFailures).toEqual([]);
    expect(handed.sort()).toEqual([largeBody, unknownBody].sort()); // unchanged bodies
    expect(t.calls).toEqual([2]);
    const smallIds = (await Promise.all(small.map((o) => t.expectedIds(lab, o.key, o.bytes)))).flat();
    expect(await t.recorded(lab)).toEqual([...smallIds].sort());
    expect(t.lines.filter((l) => l.includes("handed on to the large queue"))).toHaveLength(2);
    // The large queue's batch of one: in place, not handed on again.
    const again = await t.handler({ Records: [sqsRecord("L2", largeBody)] }, ctx);
    expect(again.batchItemFailures).toEqual([]);
    expect(handed).toHaveLength(2);
    const largeIds = await t.expectedIds(lab, `incoming/${lab}/large.json`, large);
    expect(await t.recorded(lab)).toEqual([...smallIds, ...largeIds].sort());
  });

  it("hands on the small objects past the batch's bytes (INGEST_BATCH.bytes)", async () => {
    const handed: string[] = [];
    const t = setup({ handOn: async (b) => void handed.push(b) });
    const lab = "lab-bytes";
    const one = transcript(2, 18_000);
    expect(sharesBatch({ size: one.byteLength })).toBe(true);
    const fit = Math.floor(INGEST_BATCH.bytes / one.byteLength);
    const bodies: string[] = [];
    for (let i = 0; i < fit + 2; i++) bodies.push(await t.put(`incoming/${lab}/o${i}.json`, one));
    const res = await t.handler({ Records: bodies.map((b, i) => sqsRecord(`y${i}`, b)) }, ctx);
    expect(res.batchItemFailures).toEqual([]);
    expect(handed).toEqual(bodies.slice(fit));
    expect((await t.recorded(lab)).length).toBe(fit);
  });

  it("fails only the message whose hand-on failed", async () => {
    const t = setup({
      handOn: async () => {
        throw Object.assign(new Error("denied"), { name: "AccessDenied" });
      },
    });
    const lab = "lab-handfail";
    const large = transcript(2, Math.ceil(BATCH_CHARS / 10) + 5);
    const a = await t.put(`incoming/${lab}/a.json`, transcript(0));
    const big = await t.put(`incoming/${lab}/big.json`, large);
    const b = await t.put(`incoming/${lab}/b.json`, transcript(1));
    const res = await t.handler(
      { Records: [sqsRecord("a", a), sqsRecord("big", big), sqsRecord("b", b)] },
      ctx,
    );
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: "big" }]);
    expect((await t.recorded(lab)).length).toBe(2);
    // Logged by key and error name, and its code noted for the dead letter after the last retry.
    expect(
      t.lines.some(
        (l) => l.includes("not handed on") && l.includes("big.json") && l.includes("AccessDenied"),
      ),
    ).toBe(true);
    const noted = await t.store.listAudit(objectRecordId("dlq", `incoming/${lab}/big.json`, undefined));
    expect(noted.map((e) => `${e.action} ${e.reason}`)).toEqual([
      expect.stringMatching(/^ingest_failed .*: AccessDenied$/),
    ]);
  });

  it("processes a large object in place when it is the batch's only message", async () => {
    const handed: string[] = [];
    const t = setup({ handOn: async (b) => void handed.push(b) });
    const lab = "lab-one";
    const large = transcript(2, Math.ceil(BATCH_CHARS / 10) + 5);
    const body = await t.put(`incoming/${lab}/large.json`, large);
    const res = await t.handler({ Records: [sqsRecord("one", body)] }, ctx);
    expect(res.batchItemFailures).toEqual([]);
    expect(handed).toEqual([]);
    expect(await t.recorded(lab)).toEqual(await t.expectedIds(lab, `incoming/${lab}/large.json`, large));
  });
});
