/**
 * The local runtime's mechanics with a stand-in pipeline: emulators, S3 events → SQS batches →
 * the ingest handler, URL-encoded keys, duplicates, retries and the dead letter, restart safety.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { startLocal, type LocalRuntime } from "../../local/index";
import { s3Client } from "../../lambdas/adapters/s3";
import { DynamoMetadataStore, dynamoClient } from "../../lambdas/adapters/dynamodb";
import type { TranscriptRecord } from "../../lambdas/core/records";
import { fakePipeline } from "./fake-pipeline";

let dir: string;
let rt: LocalRuntime | undefined;
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cotshare-rt-"));
});
afterAll(async () => {
  await rt?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function start() {
  rt = await startLocal({
    dataDir: dir,
    s3Port: 0,
    httpPort: 0,
    pipeline: fakePipeline,
    maxAttempts: 3,
    backoffMs: 20,
    log: (l) => logs.push(l),
  });
  return rt;
}

async function allRecords(r: LocalRuntime): Promise<TranscriptRecord[]> {
  const store = new DynamoMetadataStore(dynamoClient({ endpoint: r.dynamoUrl }));
  const out: TranscriptRecord[] = [];
  let cursor: string | undefined;
  do {
    const p = await store.listTranscripts({ cursor, limit: 100 });
    out.push(...p.items);
    cursor = p.cursor;
  } while (cursor);
  return out;
}

async function put(r: LocalRuntime, key: string, body: string) {
  const c = s3Client({ endpoint: r.s3Url });
  await c.send(new PutObjectCommand({ Bucket: "cotshare-intake", Key: key, Body: body }));
  c.destroy();
}

describe("local runtime", () => {
  it("turns uploads into records, with keys encoded as AWS does and other prefixes ignored", async () => {
    const r = await start();
    expect(r.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await put(r, "incoming/lab-a/with space+plus é.json", JSON.stringify({ id: "t-space" }));
    await put(r, "incoming/lab-a/two.jsonl", `${JSON.stringify({ id: "t-l1" })}\nnot json\n`);
    await put(r, "elsewhere/lab-a/ignored.json", JSON.stringify({ id: "t-ignored" }));
    await r.waitForIdle();
    const recs = await allRecords(r);
    const byId = new Map(recs.map((x) => [x.id, x]));
    expect(byId.get("t-space")?.source).toBe("incoming/lab-a/with space+plus é.json");
    expect(byId.get("t-space")?.status).toBe("accepted");
    expect(byId.get("t-l1")?.line).toBe(1);
    expect(recs.find((x) => x.status === "rejected" && x.line === 2)?.code).toBe("invalid_json");
    expect(byId.has("t-ignored")).toBe(false);
    expect(recs).toHaveLength(3);
  });

  it("the same object uploaded again with the same bytes yields no second record or audit event", async () => {
    const r = rt!;
    await put(r, "incoming/lab-a/again.json", JSON.stringify({ id: "t-again" }));
    await r.waitForIdle();
    await put(r, "incoming/lab-a/again.json", JSON.stringify({ id: "t-again" }));
    await r.waitForIdle();
    const store = new DynamoMetadataStore(dynamoClient({ endpoint: r.dynamoUrl }));
    expect((await allRecords(r)).filter((x) => x.id === "t-again")).toHaveLength(1);
    expect(await store.listAudit("t-again")).toHaveLength(1);
  });

  it("retries a failing object, then dead-letters it with a terminal rejected record; the rest go on", async () => {
    const r = rt!;
    await put(r, "incoming/lab-b/fails.json", JSON.stringify({ fail: true }));
    await put(r, "incoming/lab-b/fine.json", JSON.stringify({ id: "t-fine" }));
    await r.waitForIdle();
    const recs = await allRecords(r);
    expect(recs.find((x) => x.id === "t-fine")?.status).toBe("accepted");
    const dl = recs.filter((x) => x.code === "dead_letter");
    expect(dl).toHaveLength(1);
    expect(dl[0]?.source).toBe("incoming/lab-b/fails.json");
    const lines = (await readFile(join(dir, "dead-letter.jsonl"), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ key: "incoming/lab-b/fails.json", attempts: 3 });
    // Logs name keys and codes, never the planted error's message.
    expect(logs.some((l) => l.includes("incoming/lab-b/fails.json"))).toBe(true);
  });

  it("after a restart on the same data folder, reconciles without reprocessing and keeps the token", async () => {
    const before = await allRecords(rt!);
    const token = rt!.token;
    await rt!.stop();
    rt = undefined;
    const r = await start();
    expect(r.token).toBe(token);
    expect((await readFile(join(dir, "review-token"), "utf8")).trim()).toBe(token);
    await r.waitForIdle();
    const after = await allRecords(r);
    expect(after.map((x) => x.id).sort()).toEqual(before.map((x) => x.id).sort());
    expect(after.map((x) => x.updatedAt).sort()).toEqual(before.map((x) => x.updatedAt).sort());
    // Review routes need the token; the review API's OpenAPI document does not (docs/publishing.md).
    const res = await fetch(`${r.httpUrl}/review/transcripts`);
    expect(res.status).toBe(401);
    const doc = await fetch(`${r.httpUrl}/review/openapi.json`);
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { openapi?: string }).openapi).toBe("3.1.0");
    expect((await fetch(`${r.httpUrl}/review/openapi.json`, { method: "POST" })).status).toBe(405);
  });
});
