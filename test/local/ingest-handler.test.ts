/**
 * The ingest handler on its own, against dynalite + s3rver: SQS message parsing (URL-encoded keys,
 * test events, other prefixes), the same event twice in one batch and again later (one record,
 * one audit event), and partial batch failures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { createIngestHandler, decodeS3Key, refsFromMessage } from "../../lambdas/handlers/ingest";
import { S3BlobStore, s3Client } from "../../lambdas/adapters/s3";
import { DynamoMetadataStore, dynamoClient } from "../../lambdas/adapters/dynamodb";
import { BlobLabConfig, fileMaster } from "../../lambdas/adapters/lab-config";
import { BUCKETS, TABLES } from "../../lambdas/core/names";
import { systemClock } from "../../lambdas/ports";
import { encodeS3Key, s3EventBody } from "../../local/events";
import { startDynamo, startS3, type RunningDynamo, type RunningS3 } from "../../local/emulators";
import { INGEST_FAILED, objectRecordId } from "../../lambdas/service/ingest";
import { fakePipeline } from "./fake-pipeline";
import { capturedLogger, lambdaContext, sqsRecord } from "./lambda-fixtures";

let dir: string;
let s3: RunningS3;
let db: RunningDynamo;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cotshare-handler-"));
  [s3, db] = await Promise.all([startS3(join(dir, "s3")), startDynamo(undefined)]);
});
afterAll(async () => {
  await Promise.all([s3?.stop(), db?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const ctx = lambdaContext("ingest-test");

const sqs = (id: string, body: string) => sqsRecord(id, body);

describe("S3 event messages", () => {
  it("round-trips keys the way S3 encodes them", () => {
    for (const key of [
      "incoming/a-lab/x y+z.json",
      "incoming/a-lab/é/100%.jsonl",
      "incoming/a-lab/a=b&c?.json",
    ]) {
      const enc = encodeS3Key(key);
      expect(enc).not.toContain(" ");
      expect(decodeS3Key(enc)).toBe(key);
    }
    expect(decodeS3Key("incoming/lab-a/my+file%2B1.json")).toBe("incoming/lab-a/my file+1.json");
  });

  it("skips test events, other buckets and other prefixes; rejects bodies that are not events", () => {
    expect(refsFromMessage(JSON.stringify({ Event: "s3:TestEvent" }))).toEqual([]);
    const other = s3EventBody({ bucket: "elsewhere", key: "incoming/lab-a/x.json", etag: "e" });
    expect(refsFromMessage(other, BUCKETS.intake)).toEqual([]);
    const prefix = s3EventBody({ bucket: BUCKETS.intake, key: "outgoing/lab-a/x.json", etag: "e" });
    expect(refsFromMessage(prefix, BUCKETS.intake)).toEqual([]);
    const ok = s3EventBody({ bucket: BUCKETS.intake, key: "incoming/lab-a/a b.json", etag: "abc" });
    expect(refsFromMessage(ok, BUCKETS.intake)).toEqual([
      { bucket: BUCKETS.intake, key: "incoming/lab-a/a b.json", etag: "abc", eventTime: expect.any(String) },
    ]);
    expect(() => refsFromMessage("not json")).toThrow(/not JSON/);
    expect(() => refsFromMessage("{}")).toThrow(/no Records/);
  });
});

describe("ingest handler", () => {
  it("processes the same event delivered twice (in one batch and later) into one record, and reports failures per message", async () => {
    const client = s3Client({ endpoint: s3.url });
    const blobs = new S3BlobStore(client);
    const ddb = dynamoClient({ endpoint: db.url });
    const store = new DynamoMetadataStore(ddb);
    const { logger, lines } = capturedLogger("ingest-test");
    process.env.POWERTOOLS_METRICS_DISABLED = "true";
    const handler = createIngestHandler({
      ingest: {
        intake: blobs,
        blobs,
        store,
        labs: new BlobLabConfig({
          blobs,
          bucket: BUCKETS.staging,
          master: fileMaster(join(dir, "hmac-key")),
        }),
        clock: systemClock,
        stagingBucket: BUCKETS.staging,
        pipeline: fakePipeline,
      },
      persistence: new DynamoDBPersistenceLayer({ tableName: TABLES.idempotency, awsSdkV3Client: ddb }),
      intakeBucket: BUCKETS.intake,
      logger,
      metrics: new Metrics({ namespace: "cotshare-test" }),
    });

    const key = "incoming/lab-h/twice over.json";
    await blobs.put(BUCKETS.intake, key, JSON.stringify({ id: "t-twice" }));
    const etag = (await blobs.head(BUCKETS.intake, key))!.etag!;
    const failKey = "incoming/lab-h/fails.json";
    await blobs.put(BUCKETS.intake, failKey, JSON.stringify({ fail: true }));
    const body = s3EventBody({ bucket: BUCKETS.intake, key, etag });
    const failBody = s3EventBody({ bucket: BUCKETS.intake, key: failKey });

    const res = await handler({ Records: [sqs("m1", body), sqs("m2", body), sqs("m3", failBody)] }, ctx);
    // m1 and m2 name the same object version: one runs, the other finds it in progress or done.
    const failed = res.batchItemFailures.map((f) => f.itemIdentifier).sort();
    expect(failed).toContain("m3");
    expect(failed).not.toContain("m1");
    const again = await handler(
      { Records: [sqs("m4", body), ...(failed.includes("m2") ? [sqs("m2", body)] : [])] },
      ctx,
    );
    expect(again.batchItemFailures).toEqual([]);

    expect((await store.getTranscript("t-twice"))?.intakeVersion).toBe(etag);
    expect(await store.listAudit("t-twice")).toHaveLength(1);
    const recs = await store.listTranscripts({ lab: "lab-h" });
    expect(recs.items).toHaveLength(1);
    // Logs name keys and error names, never the error's message (which could quote content).
    expect(lines.some((l) => l.includes(failKey) && l.includes("intake object failed"))).toBe(true);
    expect(lines.join("\n")).not.toContain("planted failure");
    // The failure's code is noted on the key's dead-letter subject, for the dead letter after the
    // last retry (another process in the cloud); its message is not.
    const noted = await store.listAudit(objectRecordId("dlq", failKey, undefined));
    expect(noted.map((e) => e.action)).toEqual([INGEST_FAILED]);
    expect(noted[0]!.reason).toMatch(/^[^:]+: internal_error$/);
    client.destroy();
    ddb.destroy();
  });
});
