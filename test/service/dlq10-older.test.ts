/**
 * A version whose retries ran out after a newer version of its key was processed changes nothing
 * (as when it is processed after it): its record says `superseded`, not `dead_letter`. The key's
 * mark (the version processed last) and the S3 event's time tell which is newer; without either,
 * the dead letter is recorded as before.
 */
import { describe, expect, it } from "vitest";
import type { LabConfig } from "../../lambdas/adapters/lab-config";
import { MemoryBlobStore, MemoryMetadataStore } from "../../lambdas/adapters/memory";
import { refsFromMessage } from "../../lambdas/adapters/s3-events";
import { BUCKETS } from "../../lambdas/core/names";
import { ingestObject, recordDeadLetter, type IngestDeps, type Pipeline } from "../../lambdas/service/ingest";
import { tickingClock } from "./fixtures";

const KEY = "incoming/lab-d/run.json";
/** Versions of one key, each created a second after the one before (S3 keeps LastModified to the second). */
function versions() {
  const list: { versionId: string; bytes: Uint8Array; lastModified: Date }[] = [];
  return {
    put(body: string): { versionId: string; eventTime: string } {
      const lastModified = new Date(Date.parse("2026-03-01T00:00:00Z") + (list.length + 1) * 1000);
      const versionId = `v${list.length + 1}`;
      list.push({ versionId, bytes: new TextEncoder().encode(body), lastModified });
      // The event's time: a little after the second S3 keeps.
      return { versionId, eventTime: new Date(lastModified.getTime() + 250).toISOString() };
    },
    async getObject(_bucket: string, _key: string, versionId?: string) {
      const o = versionId ? list.find((x) => x.versionId === versionId) : list.at(-1);
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

const pipeline: Pipeline = (source, bytes) => {
  const id = (JSON.parse(new TextDecoder().decode(bytes)) as { id: string }).id;
  return [
    {
      status: "accepted",
      source,
      id,
      published: { id } as never,
      verdict: "PASS",
      reasons: [],
      legibility: 90,
      rawLegibility: 90,
      redactions: {},
      findings: [],
    },
  ];
};

function setup() {
  const store = new MemoryMetadataStore();
  const blobs = new MemoryBlobStore();
  const intake = versions();
  const clock = tickingClock(Date.parse("2026-03-02T00:00:00Z"));
  const deps: IngestDeps = {
    intake,
    blobs,
    store,
    labs: { policy: async () => undefined, hmacKey: async () => new Uint8Array(32) } as unknown as LabConfig,
    clock,
    stagingBucket: BUCKETS.staging,
    pipeline,
  };
  const dead = (v: { versionId: string; eventTime?: string }, marks = true) =>
    recordDeadLetter(
      { store, clock, ...(marks ? { blobs, stagingBucket: BUCKETS.staging } : {}) },
      { bucket: BUCKETS.intake, key: KEY, ...v },
      "retries_exhausted",
      "internal_error",
    );
  return { store, intake, deps, dead };
}

describe("a dead letter of a version older than one processed since", () => {
  it("is recorded superseded, naming why and the retries that ran out", async () => {
    const w = setup();
    const v1 = w.intake.put(JSON.stringify({ id: "t-1" }));
    const v2 = w.intake.put(JSON.stringify({ id: "t-2" }));
    await ingestObject(w.deps, { bucket: BUCKETS.intake, key: KEY, versionId: v2.versionId });
    const r = await w.dead(v1);
    expect(r).toMatchObject({ status: "rejected", code: "superseded", intakeVersion: "v1" });
    expect(r.message).toContain("superseded by a newer version");
    expect(r.message).toContain("retries_exhausted");
    // Again (SQS delivers at least once): the same record, no second event.
    expect(await w.dead(v1)).toEqual(r);
    expect(await w.store.listAudit(r.id)).toHaveLength(1);
  });

  it("is a dead letter when the newer version was not processed, or the event's time or the marks are unknown", async () => {
    const w = setup();
    const v1 = w.intake.put(JSON.stringify({ id: "t-1" }));
    const v2 = w.intake.put(JSON.stringify({ id: "t-2" }));
    await ingestObject(w.deps, { bucket: BUCKETS.intake, key: KEY, versionId: v1.versionId });
    // v2 is newer than the version processed: its failure stands.
    expect((await w.dead(v2)).code).toBe("dead_letter");
    const w2 = setup();
    const a = w2.intake.put(JSON.stringify({ id: "t-1" }));
    const b = w2.intake.put(JSON.stringify({ id: "t-2" }));
    await ingestObject(w2.deps, { bucket: BUCKETS.intake, key: KEY, versionId: b.versionId });
    expect((await w2.dead({ versionId: a.versionId })).code).toBe("dead_letter");
    expect((await w2.dead(a, false)).code).toBe("dead_letter");
  });

  it("leaves a newer version's dead letter as it is", async () => {
    const w = setup();
    const v1 = w.intake.put(JSON.stringify({ id: "t-1" }));
    const v2 = w.intake.put(JSON.stringify({ id: "t-2" }));
    const v3 = w.intake.put(JSON.stringify({ id: "t-3" }));
    await ingestObject(w.deps, { bucket: BUCKETS.intake, key: KEY, versionId: v2.versionId });
    const d3 = await w.dead(v3);
    expect(d3).toMatchObject({ code: "dead_letter", intakeVersion: "v3" });
    expect(await w.dead(v1)).toEqual(d3);
    expect(await w.store.getTranscript(d3.id)).toEqual(d3);
  });

  it("reads the event's time from the S3 event record", () => {
    const body = JSON.stringify({
      Records: [
        {
          eventName: "ObjectCreated:Put",
          eventTime: "2026-03-01T00:00:01.250Z",
          s3: { bucket: { name: BUCKETS.intake }, object: { key: KEY, versionId: "v1", size: 3 } },
        },
      ],
    });
    expect(refsFromMessage(body)[0]).toMatchObject({
      key: KEY,
      versionId: "v1",
      eventTime: "2026-03-01T00:00:01.250Z",
    });
  });
});
