/**
 * The QA pass 6 reproductions on the local runtime (s3rver + dynalite, the real pipeline): a
 * re-upload to the same intake key, a dead letter caused by an invalid lab policy, folder markers;
 * then progress lines and the shutdown message for a long object (stand-in pipeline).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocal, type LocalRuntime } from "../../local/index";
import { S3BlobStore, s3Client } from "../../lambdas/adapters/s3";
import { DynamoMetadataStore, dynamoClient } from "../../lambdas/adapters/dynamodb";
import { BUCKETS, labPolicyKey } from "../../lambdas/core/names";
import type { TranscriptRecord } from "../../lambdas/core/records";
import type { Pipeline } from "../../lambdas/service/ingest";
import { fakePipeline } from "./fake-pipeline";

const MARK = "zebra" + "lantern" + "marker";
const CLEAN = "First I list the steps of the plan, then I check the arithmetic of each one.";

function chat(id: string, reasoning: string): string {
  return JSON.stringify({
    id,
    object: "chat.completion",
    model: "gpt-4o",
    choices: [{ message: { role: "assistant", content: "The plan holds.", reasoning_content: reasoning } }],
  });
}

async function records(rt: LocalRuntime): Promise<TranscriptRecord[]> {
  const store = new DynamoMetadataStore(dynamoClient({ endpoint: rt.dynamoUrl }));
  const out: TranscriptRecord[] = [];
  let cursor: string | undefined;
  do {
    const p = await store.listTranscripts({ limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...p.items);
    cursor = p.cursor;
  } while (cursor);
  return out;
}

async function publicText(blobs: S3BlobStore): Promise<string> {
  const parts: string[] = [];
  for await (const o of blobs.list(BUCKETS.public, "")) {
    const b = await blobs.get(BUCKETS.public, o.key);
    if (b) parts.push(new TextDecoder().decode(b));
  }
  return parts.join("\n");
}

describe("local runtime, real pipeline", () => {
  let dir: string;
  let rt: LocalRuntime;
  let blobs: S3BlobStore;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cotshare-ing6-"));
    rt = await startLocal({
      dataDir: dir,
      s3Port: 0,
      httpPort: 0,
      maxAttempts: 2,
      backoffMs: 20,
      policies: { "lab-k": { denyTerms: ["Osprey"], autoPublish: true } as never },
      log: (l) => logs.push(l),
    });
    blobs = new S3BlobStore(s3Client({ endpoint: rt.s3Url }));
  });
  afterAll(async () => {
    await rt?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("A: a re-upload to the same key never publishes its content under the older record", async () => {
    const key = "incoming/lab-k/run.json";
    await blobs.put(BUCKETS.intake, key, chat("chatcmpl-k1", CLEAN));
    await rt.waitForIdle();
    await rt.publishNow();
    const v1 = (await records(rt)).filter((r) => r.source === key);
    expect(v1.map((r) => r.status)).toEqual(["published"]);
    const id = v1[0]!.id;

    await blobs.put(BUCKETS.intake, key, chat("chatcmpl-k1", `${CLEAN} The ${MARK} codename appears here.`));
    await rt.waitForIdle();
    await blobs.put(BUCKETS.intake, "incoming/lab-k/other.json", chat("chatcmpl-k2", CLEAN));
    await rt.waitForIdle();
    await rt.publishNow();

    expect(await publicText(blobs)).not.toContain(MARK);
    const all = await records(rt);
    expect(all.find((r) => r.id === id)?.status).toBe("withdrawn");
    const v2 = all.filter((r) => r.source === key && r.id !== id);
    expect(v2.map((r) => r.code)).toEqual(["withdrawn_id"]);
    expect(all.filter((r) => r.code === "duplicate")).toEqual([]);
    // Logs carry keys and counts, never the content.
    expect(logs.join("\n")).not.toContain(MARK);
  });

  it("C: a dead letter names the last failure's code; after the fix and a re-upload it is superseded", async () => {
    const key = "incoming/lab-c/run.json";
    await blobs.put(BUCKETS.staging, labPolicyKey("lab-c"), "{ not json");
    await blobs.put(BUCKETS.intake, key, chat("chatcmpl-c1", CLEAN));
    await rt.waitForIdle();
    let dl = (await records(rt)).filter((r) => r.source === key);
    expect(dl).toHaveLength(1);
    expect(dl[0]).toMatchObject({ code: "dead_letter" });
    expect(dl[0]!.message).toContain("invalid_policy");
    const lines = (await readFile(join(dir, "dead-letter.jsonl"), "utf8")).trim().split("\n");
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ key, error: "invalid_policy" });

    await blobs.put(BUCKETS.staging, labPolicyKey("lab-c"), JSON.stringify({ denyTerms: [] }));
    await blobs.put(BUCKETS.intake, key, chat("chatcmpl-c1", CLEAN));
    await rt.waitForIdle();
    dl = (await records(rt)).filter((r) => r.source === key);
    expect(dl.map((r) => `${r.status} ${r.code ?? ""}`).sort()).toEqual(["accepted ", "rejected superseded"]);
  });

  it("D: folder markers are ignored, not recorded", async () => {
    const before = (await records(rt)).length;
    await blobs.put(BUCKETS.intake, "incoming/lab-q/folder/", "");
    await blobs.put(BUCKETS.intake, "incoming/lab-q/", "");
    await rt.waitForIdle();
    expect((await records(rt)).length).toBe(before);
    expect(logs.some((l) => l.includes("incoming/lab-q/") && l.includes("intake object processed"))).toBe(
      false,
    );
  });
});

describe("local runtime, a long object", () => {
  it("logs progress in counts and, when stopped meanwhile, says what it waits for", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cotshare-ing6-long-"));
    const logs: string[] = [];
    let entered: () => void = () => undefined;
    const inPipeline = new Promise<void>((r) => (entered = r));
    const slow: Pipeline = async (...args) => {
      const out = await fakePipeline(...args);
      entered();
      await new Promise((r) => setTimeout(r, 300));
      return out;
    };
    const rt = await startLocal({
      dataDir: dir,
      s3Port: 0,
      httpPort: 0,
      pipeline: slow,
      log: (l) => logs.push(l),
    });
    try {
      const blobs = new S3BlobStore(s3Client({ endpoint: rt.s3Url }));
      const key = "incoming/lab-l/long.jsonl";
      const body = Array.from({ length: 700 }, (_, i) =>
        JSON.stringify({ id: `long-${i}`, note: MARK }),
      ).join("\n");
      await blobs.put(BUCKETS.intake, key, body);
      await inPipeline;
      await rt.stop();
      const progress = logs.filter((l) => l.includes("intake object progress")).map((l) => JSON.parse(l));
      // Every 500 transcripts or 10 s, whichever comes first: starts at 0, counts up, below the total.
      const done = progress.map((p) => p.done as number);
      expect(done[0]).toBe(0);
      expect(done.length).toBeGreaterThan(1);
      expect(done.every((d, i) => i === 0 || (d > done[i - 1]! && d < 700))).toBe(true);
      expect(progress.every((p) => p.key === key && p.total === 700)).toBe(true);
      const stopping = logs.find((l) => l.includes("stopping: waiting for the intake objects in progress"));
      expect(stopping).toBeDefined();
      expect(stopping).toContain(key);
      expect(logs.some((l) => l.includes("intake object processed") && l.includes('"accepted":700'))).toBe(
        true,
      );
      expect(logs.join("\n")).not.toContain(MARK);
    } finally {
      await rt.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
