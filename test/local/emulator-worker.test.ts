/**
 * The emulators in a worker thread behave as in one thread: an S3 event has reached the main
 * thread's listener before the PUT that raised it is answered, in order; DynamoDB answers too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { startEmulators, type RunningEmulators } from "../../local/emulators";
import { s3Client } from "../../lambdas/adapters/s3";
import { dynamoClient } from "../../lambdas/adapters/dynamodb";
import { BUCKETS, TABLES } from "../../lambdas/core/names";

let dir: string;
let em: RunningEmulators;
const seen: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cotshare-emw-"));
  em = await startEmulators({
    s3Dir: join(dir, "s3"),
    s3Port: 0,
    dynamoDir: undefined,
    dynamoPort: 0,
    worker: true,
    events: [{ bucket: BUCKETS.intake, prefix: "incoming/" }],
  });
  em.onS3Event((ev) => {
    for (const r of ev.Records ?? []) seen.push(r.s3?.object?.key ?? "");
  });
}, 60_000);
afterAll(async () => {
  await em?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("emulators in a worker thread", () => {
  it("delivers each S3 event to the listener before the PUT is answered, in order", async () => {
    const c = s3Client({ endpoint: em.s3Url });
    for (let i = 0; i < 30; i++) {
      const key = `incoming/lab-w/${i}.json`;
      await c.send(new PutObjectCommand({ Bucket: BUCKETS.intake, Key: key, Body: `{"i":${i}}` }));
      expect(seen.at(-1)).toBe(key);
    }
    const got = await c.send(new GetObjectCommand({ Bucket: BUCKETS.intake, Key: "incoming/lab-w/29.json" }));
    expect(await got.Body?.transformToString()).toBe('{"i":29}');
    // Outside the wanted bucket + prefix: answered, and no event reaches the listener.
    await c.send(new PutObjectCommand({ Bucket: BUCKETS.staging, Key: "incoming/other.json", Body: "{}" }));
    await c.send(new PutObjectCommand({ Bucket: BUCKETS.intake, Key: "elsewhere/x.json", Body: "{}" }));
    c.destroy();
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `incoming/lab-w/${i}.json`));
  });

  it("serves DynamoDB with the stack's tables", async () => {
    const d = dynamoClient({ endpoint: em.dynamoUrl });
    const out = await d.send(new ListTablesCommand({}));
    d.destroy();
    expect(out.TableNames).toEqual(expect.arrayContaining(Object.values(TABLES)));
  });
});
