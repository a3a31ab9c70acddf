/**
 * End to end, in one process: labs upload with the real `aws` CLI and with the SDK; every object
 * reaches a terminal record; a broken file is rejected while the rest go on; a set is published
 * and read back through the public API; the planted canaries appear nowhere public — not in the
 * public bucket, not in API responses, not in any log line.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocal, type LocalRuntime } from "../../local/index";
import { demoFiles, demoPolicy, plantedCanaries } from "../../local/demo/index";
import { BUCKETS, intakeKey } from "../../lambdas/core/names";
import { allRecords, awsCp, bucketTexts, leaked, metadata, sdkPut } from "./helpers";

const LAB = "e2e-lab";
let dir: string;
let rt: LocalRuntime;
const logs: string[] = [];
const responses: string[] = [];
const canaries = Object.values(plantedCanaries());

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(rt.httpUrl + path);
  const text = await res.text();
  responses.push(text);
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const demo = (name: string) => demoFiles().find((f) => f.name === name)!;

// key under incoming/<lab>/ → [how it is uploaded, body]
const uploads: [string, "cli" | "sdk", string][] = [
  ["via cli/debugging with secrets.json", "cli", demo("anthropic/debugging-with-secrets.json").body],
  ["via-cli/clean+arithmetic.json", "cli", demo("native/clean-arithmetic.json").body],
  ["sdk/mixed.json", "sdk", demo("openai/mixed-language.json").body],
  ["sdk/terse.jsonl", "sdk", demo("think/terse.jsonl").body],
  ["sdk/responses.json", "sdk", demo("openai/responses-summary.json").body],
  ["sdk/broken.json", "sdk", '{"model": "x", "messages": [ {"role": "user", "content": '],
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cotshare-e2e-"));
  rt = await startLocal({
    dataDir: join(dir, "data"),
    s3Port: 0,
    httpPort: 0,
    publishIntervalMs: 0,
    policies: { [LAB]: { ...demoPolicy(), autoPublish: true } },
    log: (l) => logs.push(l),
  });
  for (const [name, how, body] of uploads) {
    const key = intakeKey(LAB, name);
    if (how === "cli") {
      const file = join(dir, name.replace(/\//g, "_"));
      await writeFile(file, body);
      await awsCp(file, BUCKETS.intake, key, rt.s3Url);
    } else await sdkPut(rt.s3Url, BUCKETS.intake, key, body);
  }
  await rt.waitForIdle();
}, 90_000);

afterAll(async () => {
  await rt?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("end to end (in process)", () => {
  it("gives every uploaded object a terminal record; the broken one is rejected, the rest accepted", async () => {
    const recs = await allRecords(metadata(rt.dynamoUrl));
    for (const [name] of uploads) {
      const mine = recs.filter((r) => r.intakeKey === intakeKey(LAB, name));
      expect(mine.length, name).toBeGreaterThan(0);
      expect(mine.every((r) => r.status === "accepted" || r.status === "rejected")).toBe(true);
    }
    const broken = recs.filter((r) => r.intakeKey === intakeKey(LAB, "sdk/broken.json"));
    expect(broken).toHaveLength(1);
    expect(broken[0]!.status).toBe("rejected");
    expect(broken[0]!.code).toBe("invalid_json");
    const accepted = recs.filter((r) => r.status === "accepted");
    // 4 single transcripts + 2 lines of the JSONL file.
    expect(accepted).toHaveLength(6);
    expect(accepted.every((r) => r.lab === LAB && r.stagingKey && r.verdict)).toBe(true);
    // The key with a space and a plus came through the CLI and the S3 event encoding intact.
    expect(recs.some((r) => r.source === intakeKey(LAB, "via cli/debugging with secrets.json"))).toBe(true);
    expect(recs.some((r) => r.source === intakeKey(LAB, "via-cli/clean+arithmetic.json"))).toBe(true);
    // One audit event per record.
    const store = metadata(rt.dynamoUrl);
    for (const r of recs)
      expect((await store.listAudit(r.id)).filter((e) => e.action === "ingest")).toHaveLength(1);
  });

  it("publishes a set and serves it through the public API", async () => {
    const result = (await rt.publishNow()) as { published: boolean; setId?: string; count: number };
    expect(result.published).toBe(true);
    expect(result.count).toBeGreaterThan(0);
    const sets = await get("/api/sets");
    expect(sets.status).toBe(200);
    const items = (sets.body as { items: { setId: string; count: number }[] }).items;
    expect(items[0]?.setId).toBe(result.setId);
    const manifest = await get(`/api/sets/${result.setId}`);
    expect(manifest.status).toBe(200);
    const m = manifest.body as {
      setId: string;
      transcripts: { id: string; lab: string }[];
      files: unknown[];
    };
    expect(m.setId).toBe(result.setId);
    expect(m.transcripts.length).toBe(result.count);
    for (const t of m.transcripts) {
      const doc = await get(`/api/transcripts/${encodeURIComponent(t.id)}`);
      expect(doc.status).toBe(200);
      expect((doc.body as { id: string; lab: string }).id).toBe(t.id);
    }
    const search = await get(`/api/search?lab=${LAB}`);
    expect(search.status).toBe(200);
  });

  it("leaks no planted secret or personal data into the public bucket, the API responses or the logs", async () => {
    // Sanity: the canaries really were uploaded (the intake bucket holds them) and logs were captured.
    const intake = [...(await bucketTexts(rt.s3Url, BUCKETS.intake)).values()].join("\n");
    expect(leaked(intake, canaries)).toEqual(canaries.map((_, i) => i));
    expect(logs.length).toBeGreaterThan(5);

    const pub = await bucketTexts(rt.s3Url, BUCKETS.public);
    expect(pub.size).toBeGreaterThan(2);
    expect(leaked([...pub.values()].join("\n"), canaries)).toEqual([]);
    // Also staging's published forms (the review API serves them).
    const staging = await bucketTexts(rt.s3Url, BUCKETS.staging);
    const forms = [...staging.entries()].filter(([k]) => k.startsWith("transcripts/")).map(([, v]) => v);
    expect(forms.length).toBe(6);
    expect(leaked(forms.join("\n"), canaries)).toEqual([]);
    expect(responses.length).toBeGreaterThan(3);
    expect(leaked(responses.join("\n"), canaries)).toEqual([]);
    expect(leaked(logs.join("\n"), canaries)).toEqual([]);
  });
});
