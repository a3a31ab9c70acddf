/**
 * The re-screen against a lab's current policy, end to end on the local stack (s3rver, dynalite,
 * the real pipeline and the admin API): a transcript published under the lab's first policy is
 * taken down from every set once the lab adds a deny term that it contains, and a staged one that
 * contains it goes back to review instead of out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { startLocal, type LocalRuntime } from "../../local/index";
import { s3Client } from "../../lambdas/adapters/s3";
import { DynamoMetadataStore, dynamoClient } from "../../lambdas/adapters/dynamodb";
import { BUCKETS } from "../../lambdas/core/names";

// A made-up project name the lab decides, after ingest, is confidential.
const CODENAME = "Bluefinch";

let dir: string;
let rt: LocalRuntime | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cotshare-pub6-"));
  rt = await startLocal({
    dataDir: dir,
    s3Port: 0,
    httpPort: 0,
    quiet: true,
    log: () => undefined,
    policies: { "lab-a": { denyTerms: [], allowTerms: [], internalDomains: [], autoPublish: true } },
  });
});
afterAll(async () => {
  await rt?.stop();
  await rm(dir, { recursive: true, force: true });
});

function transcript(id: string, reasoning: string) {
  return JSON.stringify({
    schema: "cotshare/transcript@1",
    id,
    model: { id: "example-reasoner-1" },
    messages: [
      { role: "user", parts: [{ type: "text", text: "What is 17 * 23?" }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", text: reasoning },
          { type: "text", text: "17 * 23 = 391." },
        ],
      },
    ],
  });
}

async function upload(key: string, body: string) {
  const c = s3Client({ endpoint: rt!.s3Url });
  await c.send(new PutObjectCommand({ Bucket: BUCKETS.intake, Key: key, Body: body }));
  c.destroy();
}

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${rt!.httpUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${rt!.token}`, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Keys under sets/ in the public bucket whose content holds `needle` (Parquet skipped). */
async function publicHolding(needle: string): Promise<string[]> {
  const c = s3Client({ endpoint: rt!.s3Url });
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await c.send(
      new ListObjectsV2Command({ Bucket: BUCKETS.public, Prefix: "sets/", ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) {
      if (o.Key!.endsWith(".parquet")) continue;
      const got = await c.send(new GetObjectCommand({ Bucket: BUCKETS.public, Key: o.Key! }));
      if ((await got.Body!.transformToString()).includes(needle)) out.push(o.Key!);
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  c.destroy();
  return out;
}

describe("re-screen on the local stack (pub6)", () => {
  it("takes down what a later deny term matches, and holds back what is staged", async () => {
    await upload(
      "incoming/lab-a/one.json",
      transcript("one", `First the ${CODENAME} numbers: 17 * 20 = 340.`),
    );
    await upload("incoming/lab-a/two.json", transcript("two", "17 * 20 = 340 and 17 * 3 = 51, so 391."));
    await rt!.waitForIdle();
    const first = await api("POST", "/admin/publish");
    expect(first.body).toMatchObject({ published: true, count: 2 });
    expect(await publicHolding(CODENAME)).not.toEqual([]);

    await upload("incoming/lab-a/three.json", transcript("three", `Then ${CODENAME} again: 340 + 51.`));
    await rt!.waitForIdle();
    const put = await api("PUT", "/admin/labs/lab-a/policy", {
      denyTerms: [CODENAME],
      allowTerms: [],
      internalDomains: [],
      autoPublish: true,
    });
    expect(put.status).toBe(200);

    const second = await api("POST", "/admin/publish");
    expect(second.status).toBe(200);
    expect(second.body.excluded).toMatchObject({ policy_withdrawn: 1, policy_review: 1 });
    expect(await publicHolding(CODENAME)).toEqual([]);

    const store = new DynamoMetadataStore(dynamoClient({ endpoint: rt!.dynamoUrl }));
    const page = await store.listTranscripts({ limit: 100 });
    const statuses = page.items.map((r) => `${r.source.split("/").pop()}:${r.status}:${r.verdict}`).sort();
    expect(statuses).toEqual([
      "one.json:withdrawn:BLOCK",
      "three.json:accepted:BLOCK",
      "two.json:published:PASS",
    ]);
    // The reviewers' queue shows the one sent back.
    const queue = await api("GET", "/review/transcripts?status=accepted");
    expect((queue.body.items as Array<{ verdict: string }>).map((i) => i.verdict)).toEqual(["BLOCK"]);
  });
});
