import { MemoryBlobStore, MemoryMetadataStore } from "../../lambdas/adapters/memory";
import { BUCKETS, labPolicyKey, stagingTranscriptKey } from "../../lambdas/core/names";
import type { TranscriptRecord } from "../../lambdas/core/records";
import type { PublishDeps } from "../../lambdas/service/publish";
import { doc } from "../core/publish/fixtures";

export const buckets = { staging: BUCKETS.staging, public: BUCKETS.public };

/** A clock that advances one second per call, so every event has its own time. */
export function tickingClock(start = Date.parse("2025-03-01T00:00:00.000Z")) {
  let t = start;
  return { now: () => new Date((t += 1000)) };
}

export function world() {
  const metadata = new MemoryMetadataStore();
  const blobs = new MemoryBlobStore();
  const deps: PublishDeps = { metadata, blobs, buckets, clock: tickingClock() };
  return { metadata, blobs, deps };
}

/** Adds an intake transcript: its record, and its published form in the staging bucket. */
export async function addTranscript(
  w: ReturnType<typeof world>,
  id: string,
  over: Partial<TranscriptRecord> & { reasoning?: string; score?: number; model?: string } = {},
): Promise<void> {
  const { reasoning, score = 70, model = "model-x", ...rec } = over;
  const lab = rec.lab ?? "lab-a";
  const verdict = rec.verdict ?? "PASS";
  await w.metadata.putTranscript({
    id,
    lab,
    source: `incoming/${lab}/${id}.json`,
    status: "accepted",
    receivedAt: `2025-02-01T00:00:${id.slice(-2).padStart(2, "0")}.000Z`,
    updatedAt: "2025-02-01T00:00:00.000Z",
    verdict,
    legibility: score,
    modelId: model,
    publishable: true,
    stagingKey: stagingTranscriptKey(id),
    ...rec,
  });
  const d = doc(id, {
    lab,
    model: { id: model },
    reasoning:
      reasoning ?? `reasoning of ${id}: ${"word" + id + " "}considers case ${id} carefully and concludes`,
    legibility: { scorer: "legibility@1", score, signals: {} } as never,
    review: { verdict, reasons: [] } as never,
  });
  await w.blobs.put(buckets.staging, stagingTranscriptKey(id), JSON.stringify(d));
}

export async function setPolicy(w: ReturnType<typeof world>, lab: string, policy: unknown) {
  await w.blobs.put(buckets.staging, labPolicyKey(lab), JSON.stringify(policy));
}

export function publicKeys(w: ReturnType<typeof world>): string[] {
  return [...w.blobs.objects.keys()]
    .filter((k) => k.startsWith(`${buckets.public}\u0000`))
    .map((k) => k.slice(buckets.public.length + 1))
    .sort();
}

export function text(w: ReturnType<typeof world>, bucket: string, key: string): string | undefined {
  const b = w.blobs.objects.get(`${bucket}\u0000${key}`)?.body;
  return b ? new TextDecoder().decode(b) : undefined;
}

/** Makes every write of the world's stores countable, and the k-th one (while armed) fail. */
export function injectFaults(w: ReturnType<typeof world>) {
  let armed = false;
  let count = 0;
  let failAt = Number.POSITIVE_INFINITY;
  const wrap = <T extends object>(obj: T, names: string[]) => {
    for (const name of names) {
      const o = obj as Record<string, unknown>;
      const orig = (o[name] as (...a: unknown[]) => Promise<unknown>).bind(obj);
      o[name] = async (...a: unknown[]) => {
        if (armed && ++count === failAt) throw new Error(`injected failure of write ${count} (${name})`);
        return orig(...a);
      };
    }
  };
  wrap(w.blobs, ["put", "delete", "putIfUnchanged"]);
  wrap(w.metadata, ["putSet", "putTranscript", "updateTranscript", "appendAudit"]);
  return {
    arm(k = Number.POSITIVE_INFINITY) {
      armed = true;
      count = 0;
      failAt = k;
    },
    disarm(): number {
      armed = false;
      return count;
    },
  };
}
