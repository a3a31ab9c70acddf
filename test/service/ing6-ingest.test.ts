/**
 * Ingest robustness (QA pass 6), on the in-memory ports:
 * - a newer version of an intake key never lends its content to the older record (staging keys
 *   are unique per object version, line and id) and supersedes the older version's records;
 * - bounded-concurrency writes with progress counts, replay-safe;
 * - dead letters carry the last failure's stable code and are superseded by a later success;
 * - folder markers are ignored.
 */
import { describe, expect, it } from "vitest";
import { MemoryBlobStore, MemoryMetadataStore } from "../../lambdas/adapters/memory";
import type { LabConfig } from "../../lambdas/adapters/lab-config";
import { BUCKETS } from "../../lambdas/core/names";
import type { TranscriptRecord } from "../../lambdas/core/records";
import {
  ingestObject,
  recordDeadLetter,
  type IngestDeps,
  type IngestOutcome,
  type IngestProgress,
  type Pipeline,
} from "../../lambdas/service/ingest";
import { publishSet, withdraw, type PublishDeps } from "../../lambdas/service/publish";
import { doc } from "../core/publish/fixtures";
import { buckets, tickingClock } from "./fixtures";

/** A JSON object or JSONL line `{id, verdict?, reasoning?}` → an accepted transcript; else rejected. */
const pipeline: Pipeline = (source, bytes, opts) => {
  const text = new TextDecoder().decode(bytes);
  const jsonl = source.endsWith(".jsonl");
  const lines = jsonl ? text.split("\n").filter((l) => l.trim()) : [text];
  return lines.map((l, i): IngestOutcome => {
    const line = jsonl ? { line: i + 1 } : {};
    let o: { id: string; verdict?: "PASS" | "NEEDS_HUMAN" | "BLOCK"; reasoning?: string };
    try {
      o = JSON.parse(l) as typeof o;
    } catch {
      return {
        status: "rejected",
        source,
        ...line,
        id: `rej-${opts.lab}-${i}`,
        code: "invalid_json",
        message: `${source}: not JSON`,
      };
    }
    const verdict = o.verdict ?? "PASS";
    return {
      status: "accepted",
      source,
      ...line,
      id: o.id,
      published: doc(o.id, {
        lab: opts.lab,
        ...(o.reasoning ? { reasoning: o.reasoning } : {}),
        review: { verdict, reasons: [] },
      } as never),
      verdict,
      reasons: verdict === "BLOCK" ? [{ code: "deny_term", message: "a deny term" }] : [],
      legibility: { score: 80 },
      redactions: {},
      findings: [],
    };
  });
};

const noLabs: LabConfig = {
  policy: async () => undefined,
  hmacKey: async () => new Uint8Array(32),
} as unknown as LabConfig;

/** An intake bucket with versions: every put is a new version, one second after the previous. */
function intakeBucket() {
  const objects = new Map<string, { bytes: Uint8Array; versionId: string; lastModified: Date }[]>();
  let n = 0;
  let t = Date.parse("2026-01-01T00:00:00Z");
  return {
    put(key: string, body: string): string {
      const versionId = `v${++n}`;
      const list = objects.get(key) ?? [];
      list.push({ bytes: new TextEncoder().encode(body), versionId, lastModified: new Date((t += 1000)) });
      objects.set(key, list);
      return versionId;
    },
    async getObject(_bucket: string, key: string, versionId?: string) {
      const list = objects.get(key) ?? [];
      const o = versionId ? list.find((x) => x.versionId === versionId) : list[list.length - 1];
      return (
        o && {
          bytes: o.bytes,
          versionId: o.versionId,
          etag: `e-${o.versionId}`,
          lastModified: o.lastModified,
        }
      );
    },
  };
}

function setup(opts: { withdraw?: boolean } = {}) {
  const store = new MemoryMetadataStore();
  const blobs = new MemoryBlobStore();
  const intake = intakeBucket();
  const clock = tickingClock(Date.parse("2026-02-01T00:00:00Z"));
  const publishDeps: PublishDeps = { metadata: store, blobs, buckets, clock };
  const deps: IngestDeps = {
    intake,
    blobs,
    store,
    labs: noLabs,
    clock,
    stagingBucket: BUCKETS.staging,
    pipeline,
    ...(opts.withdraw ? { withdraw: (id, reason, actor) => withdraw(publishDeps, id, reason, actor) } : {}),
  };
  const ingest = (key: string, versionId: string) =>
    ingestObject(deps, { bucket: BUCKETS.intake, key, versionId });
  return { store, blobs, intake, deps, publishDeps, ingest };
}

const blobText = (blobs: MemoryBlobStore, bucket: string, key: string) => {
  const b = blobs.objects.get(`${bucket}\u0000${key}`)?.body;
  return b ? new TextDecoder().decode(b) : undefined;
};
const publicText = (blobs: MemoryBlobStore) =>
  [...blobs.objects.entries()]
    .filter(([k]) => k.startsWith(`${BUCKETS.public}\u0000`))
    .map(([, v]) => new TextDecoder().decode(v.body))
    .join("\n");

async function all(store: MemoryMetadataStore): Promise<TranscriptRecord[]> {
  return (await store.listTranscripts({ limit: 1000 })).items;
}

const CLEAN = "the plan is checked step by step";
const MARK = "zebra-" + "lantern-" + "marker";

describe("A: a newer version of an intake key", () => {
  it("never serves its content under the older version's record; a published older record is withdrawn", async () => {
    const w = setup({ withdraw: true });
    await w.blobs.put(
      buckets.staging,
      "config/labs/lab-k/policy.json",
      JSON.stringify({ autoPublish: true }),
    );
    const key = "incoming/lab-k/run.json";
    const v1 = w.intake.put(key, JSON.stringify({ id: "chatcmpl-k1", reasoning: CLEAN }));
    await w.ingest(key, v1);
    const first = await publishSet(w.publishDeps);
    expect(first.published).toBe(true);
    expect((await w.store.getTranscript("chatcmpl-k1"))?.status).toBe("published");
    const v1Staging = (await w.store.getTranscript("chatcmpl-k1"))!.stagingKey!;
    const v1Bytes = blobText(w.blobs, BUCKETS.staging, v1Staging);
    expect(publicText(w.blobs)).toContain(CLEAN);

    const v2 = w.intake.put(key, JSON.stringify({ id: "chatcmpl-k1", verdict: "BLOCK", reasoning: MARK }));
    const out = await w.ingest(key, v2);
    // Something new to publish, so the next set is built again from the staging objects.
    const other = "incoming/lab-k/other.json";
    await w.ingest(other, w.intake.put(other, JSON.stringify({ id: "t-other" })));
    expect((await publishSet(w.publishDeps)).published).toBe(true);

    // The blocked text is nowhere public, and the record that passed still has its own content.
    expect(publicText(w.blobs)).not.toContain(MARK);
    expect(blobText(w.blobs, BUCKETS.staging, v1Staging)).toBe(v1Bytes);
    const rec = (await w.store.getTranscript("chatcmpl-k1"))!;
    expect(rec.status).toBe("withdrawn");
    expect(rec.intakeVersion).toBe("v1");
    // The older version is taken out of the public set: the newest manifest no longer lists it.
    expect(publicText(w.blobs)).not.toMatch(new RegExp(`"id":"chatcmpl-k1"[^\\n]*"${CLEAN}`));
    // The newer version still ends in a record of its own, saying why it is not used.
    const v2Rec = (await all(w.store)).find((r) => r.intakeVersion === "v2")!;
    expect(v2Rec).toMatchObject({ status: "rejected", code: "withdrawn_id", source: key });
    expect(out.ids).toEqual([v2Rec.id]);
  });

  it("a changed version with other ids (a format without ids hashes the content) still supersedes the older one", async () => {
    const w = setup({ withdraw: true });
    await w.blobs.put(
      buckets.staging,
      "config/labs/lab-k/policy.json",
      JSON.stringify({ autoPublish: true }),
    );
    const key = "incoming/lab-k/chat.json";
    await w.ingest(key, w.intake.put(key, JSON.stringify({ id: "h-old", reasoning: MARK })));
    await w.ingest(
      "incoming/lab-k/x.json",
      w.intake.put("incoming/lab-k/x.json", JSON.stringify({ id: "t-x" })),
    );
    expect((await publishSet(w.publishDeps)).published).toBe(true);
    expect(publicText(w.blobs)).toContain(MARK);
    // The lab replaces the file: new content, so a new id.
    const newer = w.intake.put(key, JSON.stringify({ id: "h-new", reasoning: CLEAN }));
    const out = await w.ingest(key, newer);
    expect(out.superseded).toBe(1);
    expect((await w.store.getTranscript("h-old"))?.status).toBe("withdrawn");
    expect((await w.store.getTranscript("h-new"))?.status).toBe("accepted");
    await publishSet(w.publishDeps);
    expect(publicText(w.blobs)).not.toContain(MARK);
    // The same version again (a replay) supersedes nothing more.
    const again = await w.ingest(key, newer);
    expect(again.state).toBe("done");
    expect(again.superseded).toBe(0);
    expect((await w.store.getTranscript("h-new"))?.status).not.toBe("withdrawn");
  });

  it("replaces an unpublished record and takes the older version's other records out of use", async () => {
    const w = setup();
    const key = "incoming/lab-k/batch.jsonl";
    const v1 = w.intake.put(
      key,
      [
        JSON.stringify({ id: "t-a", verdict: "BLOCK", reasoning: MARK }),
        JSON.stringify({ id: "t-b" }),
        "oops",
      ].join("\n"),
    );
    await w.ingest(key, v1);
    const oldA = (await w.store.getTranscript("t-a"))!;
    const oldABytes = blobText(w.blobs, BUCKETS.staging, oldA.stagingKey!);
    expect(oldA.verdict).toBe("BLOCK");

    // Fixed file: t-a now passes, t-b and the broken line are gone.
    const v2 = w.intake.put(key, JSON.stringify({ id: "t-a", reasoning: CLEAN }));
    const out = await w.ingest(key, v2);
    const a = (await w.store.getTranscript("t-a"))!;
    expect(a).toMatchObject({ status: "accepted", verdict: "PASS", intakeVersion: "v2", line: 1 });
    expect(a.reasons).toEqual([]);
    expect(a.stagingKey).not.toBe(oldA.stagingKey);
    expect(blobText(w.blobs, BUCKETS.staging, a.stagingKey!)).toContain(CLEAN);
    // The older version's staging object was not overwritten.
    expect(blobText(w.blobs, BUCKETS.staging, oldA.stagingKey!)).toBe(oldABytes);
    expect((await w.store.listAudit("t-a")).map((e) => e.action)).toEqual(["ingest", "supersede"]);
    expect((await w.store.getTranscript("t-b"))?.status).toBe("withdrawn");
    const broken = (await all(w.store)).find((r) => r.line === 3)!;
    expect(broken).toMatchObject({ status: "rejected", code: "superseded", intakeVersion: "v1" });
    expect(out).toMatchObject({ accepted: 1, rejected: 0, superseded: 3 });
    // No duplicate record for the newer version.
    expect((await all(w.store)).filter((r) => r.code === "duplicate")).toEqual([]);

    // A replay of the newer version changes nothing.
    const again = await w.ingest(key, v2);
    expect(again).toMatchObject({ replayed: 1, superseded: 0 });
    expect((await w.store.listAudit("t-a")).length).toBe(2);
  });

  it("an older version processed after a newer one changes nothing and is recorded as superseded", async () => {
    const w = setup();
    const key = "incoming/lab-k/late.json";
    const v1 = w.intake.put(key, JSON.stringify({ id: "t-late", verdict: "BLOCK", reasoning: MARK }));
    const v2 = w.intake.put(key, JSON.stringify({ id: "t-late", reasoning: CLEAN }));
    await w.ingest(key, v2);
    const out = await w.ingest(key, v1);
    const rec = (await w.store.getTranscript("t-late"))!;
    expect(rec).toMatchObject({ intakeVersion: "v2", verdict: "PASS" });
    expect(blobText(w.blobs, BUCKETS.staging, rec.stagingKey!)).toContain(CLEAN);
    const old = (await all(w.store)).find((r) => r.intakeVersion === "v1")!;
    expect(old).toMatchObject({ status: "rejected", code: "superseded" });
    expect(out.rejected).toBe(1);
  });

  it("without a withdraw port, a published record stays and the newer version is recorded as published_id", async () => {
    const w = setup();
    await w.blobs.put(
      buckets.staging,
      "config/labs/lab-k/policy.json",
      JSON.stringify({ autoPublish: true }),
    );
    const key = "incoming/lab-k/pub.json";
    await w.ingest(key, w.intake.put(key, JSON.stringify({ id: "t-pub", reasoning: CLEAN })));
    await publishSet(w.publishDeps);
    const v2 = w.intake.put(key, JSON.stringify({ id: "t-pub", verdict: "BLOCK", reasoning: MARK }));
    await w.ingest(key, v2);
    const other = "incoming/lab-k/other.json";
    await w.ingest(other, w.intake.put(other, JSON.stringify({ id: "t-other" })));
    expect((await publishSet(w.publishDeps)).published).toBe(true);
    expect(publicText(w.blobs)).toContain("t-other");
    expect(publicText(w.blobs)).not.toContain(MARK);
    expect(await w.store.getTranscript("t-pub")).toMatchObject({ status: "published", intakeVersion: "v1" });
    const v2Rec = (await all(w.store)).find((r) => r.intakeVersion === "v2")!;
    expect(v2Rec).toMatchObject({ status: "rejected", code: "published_id" });
  });

  it("the same id twice in one object: the second line cannot overwrite the first's staging object", async () => {
    const w = setup();
    const key = "incoming/lab-k/twice.jsonl";
    const v1 = w.intake.put(
      key,
      [
        JSON.stringify({ id: "t-two", reasoning: CLEAN }),
        JSON.stringify({ id: "t-two", verdict: "BLOCK", reasoning: MARK }),
      ].join("\n"),
    );
    const out = await w.ingest(key, v1);
    const rec = (await w.store.getTranscript("t-two"))!;
    expect(rec).toMatchObject({ line: 1, verdict: "PASS" });
    expect(blobText(w.blobs, BUCKETS.staging, rec.stagingKey!)).not.toContain(MARK);
    const dup = (await all(w.store)).find((r) => r.line === 2)!;
    expect(dup).toMatchObject({ status: "rejected", code: "duplicate" });
    expect(out).toMatchObject({ accepted: 1, rejected: 1, replayed: 0 });
  });
});

describe("B: large objects", () => {
  it("writes transcripts with bounded concurrency, reports progress in counts, and replays safely", async () => {
    const w = setup();
    let live = 0;
    let peak = 0;
    const put = w.blobs.put.bind(w.blobs);
    w.blobs.put = async (...args) => {
      peak = Math.max(peak, ++live);
      await new Promise((r) => setTimeout(r, 1));
      try {
        return await put(...args);
      } finally {
        live--;
      }
    };
    const key = "incoming/lab-k/big.jsonl";
    const n = 120;
    const v1 = w.intake.put(
      key,
      Array.from({ length: n }, (_, i) => JSON.stringify({ id: `t-${i}` })).join("\n"),
    );
    const seen: IngestProgress[] = [];
    const out = await ingestObject(
      w.deps,
      { bucket: BUCKETS.intake, key, versionId: v1 },
      { onProgress: (p) => seen.push(p), progressEvery: 50 },
    );
    expect(out.accepted).toBe(n);
    expect(out.ids).toEqual(Array.from({ length: n }, (_, i) => `t-${i}`));
    // Two staging objects per transcript, at most 12 transcripts at once.
    expect(peak).toBeGreaterThan(2);
    expect(peak).toBeLessThanOrEqual(24);
    expect(seen.map((p) => p.done)).toEqual([0, 50, 100]);
    expect(seen.every((p) => p.total === n && p.key === key)).toBe(true);
    expect(Object.keys(seen[1]!).sort()).toEqual(["accepted", "done", "key", "ms", "rejected", "total"]);

    const again = await ingestObject(w.deps, { bucket: BUCKETS.intake, key, versionId: v1 });
    expect(again.replayed).toBe(n);
    for (const id of ["t-0", "t-77", `t-${n - 1}`]) expect(await w.store.listAudit(id)).toHaveLength(1);
  });

  it("a failed write stops the object; the retry finishes it with one record and one event per transcript", async () => {
    const w = setup();
    const put = w.blobs.put.bind(w.blobs);
    let calls = 0;
    w.blobs.put = async (...args) => {
      if (++calls === 30) throw Object.assign(new Error("slow down"), { name: "SlowDown" });
      return put(...args);
    };
    const key = "incoming/lab-k/retry.jsonl";
    const v1 = w.intake.put(
      key,
      Array.from({ length: 60 }, (_, i) => JSON.stringify({ id: `r-${i}` })).join("\n"),
    );
    await expect(w.ingest(key, v1)).rejects.toThrow(/slow down/);
    const out = await w.ingest(key, v1);
    expect(out.accepted).toBe(60);
    const recs = await all(w.store);
    expect(recs).toHaveLength(60);
    for (const r of recs) expect(await w.store.listAudit(r.id)).toHaveLength(1);
  });
});

describe("C: dead letters", () => {
  it("carry the last failure's stable code, never a message, and a later success supersedes them", async () => {
    const w = setup();
    const key = "incoming/lab-c/run.json";
    const v1 = w.intake.put(key, JSON.stringify({ id: "t-c" }));
    const dl = await recordDeadLetter(
      { store: w.store, clock: w.deps.clock },
      { bucket: BUCKETS.intake, key, versionId: v1 },
      "retries_exhausted",
      "invalid_policy",
    );
    expect(dl.code).toBe("dead_letter");
    expect(dl.message).toContain("invalid_policy");
    expect((await w.store.listAudit(dl.id))[0]?.reason).toContain("invalid_policy");
    const odd = await recordDeadLetter(
      { store: w.store, clock: w.deps.clock },
      { bucket: BUCKETS.intake, key: "incoming/lab-c/other.json", etag: "x" },
      "retries_exhausted",
      "secret value: " + MARK,
    );
    expect(odd.message).toContain("internal_error");
    expect(odd.message).not.toContain(MARK);

    const out = await w.ingest(key, v1);
    expect(out.superseded).toBe(1);
    expect(await w.store.getTranscript(dl.id)).toMatchObject({ status: "rejected", code: "superseded" });
    expect((await w.store.getTranscript("t-c"))?.status).toBe("accepted");

    // A dead letter of a newer version replaces the superseded one (one per key).
    const v2 = w.intake.put(key, JSON.stringify({ id: "t-c2" }));
    const dl2 = await recordDeadLetter(
      { store: w.store, clock: w.deps.clock },
      { bucket: BUCKETS.intake, key, versionId: v2 },
      "retries_exhausted",
      "invalid_policy",
    );
    expect(dl2.id).toBe(dl.id);
    expect(await w.store.getTranscript(dl.id)).toMatchObject({ code: "dead_letter", intakeVersion: "v2" });
  });
});

describe("D: folder markers", () => {
  it("a zero-byte key ending in / is ignored and recorded nowhere", async () => {
    const w = setup();
    for (const key of ["incoming/lab-q/folder/", "incoming/lab-q/"]) {
      const out = await w.ingest(key, w.intake.put(key, ""));
      expect(out.state).toBe("ignored");
    }
    expect(await all(w.store)).toEqual([]);
    // A key ending in / with content is still an intake object (and gets a record).
    const key = "incoming/lab-q/odd/";
    expect((await w.ingest(key, w.intake.put(key, "{}"))).state).toBe("done");
  });
});
