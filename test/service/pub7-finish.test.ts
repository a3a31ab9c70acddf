/**
 * A publish run cut short after its set was recorded (before the log entry, `latest.json` or the
 * members' moves) is finished by the next run: one linear history (no two versions follow the same
 * set), every recorded set in the signed log, `latest.json` on the newest, and the members of the
 * public set `published`. Crash injection: the k-th write of the run fails, for every k.
 */
import { describe, expect, it } from "vitest";
import { ephemeralSigner } from "../../lambdas/adapters/signer-local";
import { applyTransition } from "../../lambdas/core/lifecycle";
import { LATEST_KEY, PUBLICATION_LOG_KEY } from "../../lambdas/core/names";
import { verifyPublishedSet } from "../../lambdas/core/provenance";
import { Manifest } from "../../lambdas/core/publish";
import type { SetRecord } from "../../lambdas/core/records";
import { publishSet } from "../../lambdas/service/publish";
import { addTranscript, buckets, injectFaults, publicKeys, text, world } from "./fixtures";

type World = ReturnType<typeof world>;

async function scenario(signed: boolean) {
  const w = world();
  if (signed) w.deps.signer = ephemeralSigner();
  const faults = injectFaults(w);
  for (const id of ["t01", "t02"]) await addTranscript(w, id);
  const first = await publishSet(w.deps);
  await addTranscript(w, "t03");
  return { w, faults, first };
}

async function setRecords(w: World): Promise<SetRecord[]> {
  return (await w.metadata.listSets({ limit: 100 })).items;
}

function logEntries(w: World): { type: string; setId?: string; previous?: string | null }[] {
  return (text(w, buckets.public, PUBLICATION_LOG_KEY) ?? "")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { type: string; setId?: string; previous?: string | null });
}

/** What is wrong with the history after the next run (empty: consistent). */
async function problems(w: World, signed: boolean): Promise<string[]> {
  const out: string[] = [];
  const sets = await setRecords(w);
  const latest = JSON.parse(text(w, buckets.public, LATEST_KEY)!) as { setId: string };
  const newest = [...sets].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)).at(-1)!;
  if (latest.setId !== newest.setId)
    out.push(`latest.json names ${latest.setId}, the newest record ${newest.setId}`);
  // Linear: no two recorded versions follow the same set.
  const follows = new Map<string, string>();
  for (const s of sets) {
    const prev = s.previous ?? "(none)";
    if (follows.has(prev)) out.push(`${s.setId} and ${follows.get(prev)} both follow ${prev}`);
    follows.set(prev, s.setId);
  }
  if (signed) {
    const publishes = logEntries(w).filter((e) => e.type === "publish");
    for (const s of sets)
      if (!publishes.some((e) => e.setId === s.setId)) out.push(`${s.setId} is recorded but not in the log`);
    for (let i = 1; i < publishes.length; i++)
      if (publishes[i]!.previous !== publishes[i - 1]!.setId)
        out.push(
          `log entry ${publishes[i]!.setId} follows ${publishes[i]!.previous}, not ${publishes[i - 1]!.setId}`,
        );
    const read = async (p: string) => w.blobs.objects.get(`${buckets.public}\u0000${p}`)?.body;
    const verdict = await verifyPublishedSet(read);
    if (!verdict.ok) out.push(`verify: ${verdict.failures.join("; ")}`);
  }
  const m = Manifest.parse(JSON.parse(text(w, buckets.public, `sets/${latest.setId}/manifest.json`)!));
  for (const t of m.transcripts) {
    const r = await w.metadata.getTranscript(t.id);
    if (r?.status !== "published") out.push(`${t.id} is in the newest set but ${r?.status}`);
    else if (!r.setIds?.includes(latest.setId)) out.push(`${t.id} does not list the newest set`);
  }
  return out;
}

describe("finishing a publication cut short (pub7)", () => {
  for (const signed of [true, false]) {
    it(`whichever write of a publish run failed, the next run leaves one consistent history (${signed ? "signed" : "unsigned"})`, async () => {
      const probe = await scenario(signed);
      probe.faults.arm();
      await publishSet(probe.w.deps);
      const writes = probe.faults.disarm();
      expect(writes).toBeGreaterThan(10);
      const failures: string[] = [];
      let finished = 0;
      for (let k = 1; k <= writes; k++) {
        const { w, faults } = await scenario(signed);
        faults.arm(k);
        await publishSet(w.deps).catch(() => undefined);
        faults.disarm();
        try {
          const next = await publishSet(w.deps);
          if (next.finished) finished++;
        } catch (e) {
          failures.push(`write ${k}: the next run failed: ${(e as Error).message}`);
          continue;
        }
        for (const p of await problems(w, signed)) failures.push(`write ${k}: ${p}`);
        const t03 = (await w.metadata.getTranscript("t03"))?.status;
        if (t03 !== "published") failures.push(`write ${k}: t03 is ${t03}`);
      }
      expect(failures).toEqual([]);
      // Some of the cut-short runs had recorded their set: those were finished, not forked.
      expect(finished).toBeGreaterThan(0);
    });
  }

  it("reports the set it finished, and leaves out a member withdrawn in between", async () => {
    const { w } = await scenario(true);
    const put = w.blobs.put.bind(w.blobs);
    w.blobs.put = async (b, k, body, ct) => {
      if (k === PUBLICATION_LOG_KEY) throw new Error("simulated timeout");
      return put(b, k, body, ct);
    };
    await expect(publishSet(w.deps)).rejects.toThrow("simulated timeout");
    w.blobs.put = put;
    const cut = (await setRecords(w)).find((s) => s.transcriptIds.includes("t03"))!;
    expect(cut).toBeDefined();
    await applyTransition(w.metadata, "t02", "withdrawn", {
      actor: "reviewer",
      reason: "lab_request: pulled",
      at: "2026-11-30T00:00:00.000Z",
    });
    const next = await publishSet(w.deps);
    expect(next.finished).toBe(cut.setId);
    expect(await problems(w, true)).toEqual([]);
    expect(publicKeys(w).filter((k) => k.endsWith("/transcripts/t02.json"))).toEqual([]);
    // The log names the finished set, then the version without t02, withdrawn as the lab asked.
    const publishes = logEntries(w).filter((e) => e.type === "publish");
    expect(publishes.map((e) => e.setId)).toContain(cut.setId);
    expect(text(w, buckets.public, PUBLICATION_LOG_KEY)).toContain('{"category":"lab_request","id":"t02"}');
  });

  it("a run that was not cut short finishes nothing", async () => {
    const { w } = await scenario(true);
    const res = await publishSet(w.deps);
    expect(res.published).toBe(true);
    expect(res.finished).toBeUndefined();
  });
});
