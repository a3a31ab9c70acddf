/**
 * One writer at a time (docs/provenance.md): a withdraw through the review API and `publishNow`
 * fired at the same moment both go through the runtime's publish queue, so `log.jsonl` keeps
 * both entries and every set still verifies (the `cotshare verify` logic, over the runtime's HTTP).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { startLocal, type LocalRuntime } from "../../local/index";
import { s3Client } from "../../lambdas/adapters/s3";
import { BUCKETS, PUBLICATION_LOG_KEY, intakeKey } from "../../lambdas/core/names";
import { parseLog, verifyPublishedSet, type LogEntry } from "../../lambdas/core/provenance";
import { slowObjectWrites } from "./slow-disk";

const LAB = "lab-q";
let dir: string;
let rt: LocalRuntime;

const TOPICS = [
  "rivers",
  "volcanoes",
  "glaciers",
  "deserts",
  "forests",
  "oceans",
  "comets",
  "planets",
  "bridges",
  "castles",
  "engines",
  "bicycles",
  "tides",
  "storms",
  "caves",
  "islands",
];
/** An OpenAI Chat transcript with its own reasoning (distinct words, so curation keeps each one). */
function chat(n: number) {
  const topic = TOPICS[n]!;
  return {
    model: `queue-model-${n}`,
    messages: [
      { role: "user", content: `Which facts about ${topic} matter most for a school report?` },
      {
        role: "assistant",
        reasoning_content: `The student asks about ${topic}. I should list how ${topic} form, where the largest ${topic} are, and why ${topic} change over time, then pick three facts a teacher would check.`,
        content: `Three facts about ${topic}: how they form, where the largest are, and how they change.`,
      },
    ],
  };
}

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(rt.httpUrl + path, {
    method,
    headers: { authorization: `Bearer ${rt.token}`, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function put(name: string, body: unknown) {
  const c = s3Client({ endpoint: rt.s3Url });
  await c.send(
    new PutObjectCommand({ Bucket: BUCKETS.intake, Key: intakeKey(LAB, name), Body: JSON.stringify(body) }),
  );
  c.destroy();
}

/** A file of the public bucket as readers get it: over the runtime's HTTP, like `cotshare verify <url>`. */
async function read(path: string): Promise<Uint8Array | undefined> {
  const res = await fetch(`${rt.httpUrl}/${path}`);
  return res.ok ? new Uint8Array(await res.arrayBuffer()) : undefined;
}

async function logEntries(): Promise<LogEntry[]> {
  const bytes = await read(PUBLICATION_LOG_KEY);
  return bytes ? parseLog(bytes).map((l) => l.entry as LogEntry) : [];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cotshare-queue-"));
  rt = await startLocal({
    dataDir: dir,
    s3Port: 0,
    httpPort: 0,
    quiet: true,
    policies: { [LAB]: { denyTerms: [], allowTerms: [], internalDomains: [], autoPublish: true } },
    log: () => undefined,
    // slowObjectWrites patches this thread's `fs`: s3rver must write through it.
    emulatorsInWorker: false,
    // Widen the window between reading log.jsonl and writing it back, as a slow S3 PUT would.
    wrapPublishBlobs: (blobs) => ({
      get: (b, k) => blobs.get(b, k),
      list: (b, p) => blobs.list(b, p),
      delete: (b, k) => blobs.delete(b, k),
      put: async (b, k, body, type) => {
        if (k === PUBLICATION_LOG_KEY) await new Promise((r) => setTimeout(r, 300));
        return blobs.put(b, k, body, type);
      },
    }),
  });
}, 60_000);
afterAll(async () => {
  await rt?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("local publish queue", () => {
  it("serialises a review-API withdraw with publishNow: both log entries kept, every set verifies", async () => {
    const n0 = TOPICS.length - 1;
    for (let n = 0; n < n0; n++) await put(`t${n}.json`, chat(n));
    await rt.waitForIdle();
    const first = (await rt.publishNow()) as { published: boolean; setId: string; count: number };
    expect(first).toMatchObject({ published: true, count: n0 });
    const members = (await call("GET", "/review/transcripts?status=published")).body.items as {
      id: string;
    }[];
    expect(members).toHaveLength(n0);
    const victim = members[0]!.id;
    await put(`t${n0}.json`, chat(n0));
    await rt.waitForIdle();
    const before = await logEntries();

    // Both at once: a new set (the fourth transcript joins) and a takedown (a new version without one).
    // On a slow disk (a loaded machine): each write of an object's bytes lands 300 ms late.
    const [published, withdrawn] = await slowObjectWrites(300, () =>
      Promise.all([
        rt.publishNow() as Promise<{ published: boolean; setId: string }>,
        call("POST", `/review/transcripts/${victim}/decision`, {
          decision: "withdraw",
          reason: "lab request",
        }),
      ]),
    );
    expect(withdrawn.status).toBe(200);
    expect(published.published).toBe(true);
    expect(withdrawn.body.setId).toMatch(/^[0-9a-f]{20}$/);

    const after = await logEntries();
    const added = after.slice(before.length);
    // One `publish` entry per new version: the publication's and the takedown's; none was overwritten.
    expect(after.slice(0, before.length)).toEqual(before);
    const publishes = added.filter((e) => e.type === "publish");
    expect(publishes.map((e) => e.setId)).toEqual(
      expect.arrayContaining([published.setId, withdrawn.body.setId]),
    );
    expect(added.some((e) => e.type !== "key" && e.withdrawn.some((w) => w.id === victim))).toBe(true);
    expect(after.map((e) => e.seq)).toEqual(after.map((_e, i) => i));

    // Every set the log names verifies: files, signature, and its place in the chain.
    const setIds = [...new Set(after.flatMap((e) => (e.type === "key" ? [] : [e.setId])))];
    expect(setIds.length).toBeGreaterThanOrEqual(3);
    for (const setId of setIds) {
      const verdict = await verifyPublishedSet(read, { setId });
      expect(verdict.failures, setId).toEqual([]);
      expect(verdict.ok).toBe(true);
    }
    expect((await verifyPublishedSet(read)).ok).toBe(true);
  }, 60_000);
});
