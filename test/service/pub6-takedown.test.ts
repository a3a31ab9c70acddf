/**
 * Takedown after an interrupted publication: whatever write of a publish run fails, a later
 * withdraw must take the transcript out of every object under `sets/` in the public bucket —
 * including a set that is in the public log but has no SetRecord, or was never pointed to by
 * `latest.json`. Crash injection: the memory stores fail the k-th write of a run, for every k.
 */
import { parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import { ephemeralSigner } from "../../lambdas/adapters/signer-local";
import { applyTransition } from "../../lambdas/core/lifecycle";
import { PUBLICATION_LOG_KEY } from "../../lambdas/core/names";
import { Manifest, verifySet } from "../../lambdas/core/publish";
import { publishSet, withdraw } from "../../lambdas/service/publish";
import { addTranscript, buckets, injectFaults, publicKeys, setPolicy, text, world } from "./fixtures";

type World = ReturnType<typeof world>;

const MARK = (id: string) => `zebra-quartz plan of ${id}`;

async function scenario(signed: boolean) {
  const w = world();
  if (signed) w.deps.signer = ephemeralSigner();
  const faults = injectFaults(w);
  for (const id of ["t01", "t02"]) await addTranscript(w, id, { reasoning: `${MARK(id)} alpha beta` });
  const first = await publishSet(w.deps);
  await addTranscript(w, "t03", { reasoning: `${MARK("t03")} alpha beta` });
  return { w, faults, first };
}

/** Every problem that shows `id` (or its text) still public under `sets/`. */
async function leftovers(w: World, id: string): Promise<string[]> {
  const out: string[] = [];
  for (const k of publicKeys(w).filter((k) => k.startsWith("sets/"))) {
    if (k.endsWith(`/transcripts/${id}.json`)) out.push(`${k}: the transcript's file`);
    const body = w.blobs.objects.get(`${buckets.public}\u0000${k}`)!.body;
    if (k.endsWith(".parquet")) {
      const rows = await parquetReadObjects({ file: body.slice().buffer });
      for (const r of rows as Array<{ id: string; messages: string }>)
        if (r.id === id || r.messages.includes(MARK(id))) out.push(`${k}: a row`);
      continue;
    }
    const t = new TextDecoder().decode(body);
    if (t.includes(MARK(id))) out.push(`${k}: its text`);
    if (k.endsWith("/manifest.json")) {
      const m = Manifest.parse(JSON.parse(t));
      if (m.transcripts.some((x) => x.id === id)) out.push(`${k}: a member`);
      // The manifest names a withdrawn id under `withdrawn` only.
      const { withdrawn: _w, ...rest } = m;
      if (JSON.stringify(rest).includes(JSON.stringify(id))) out.push(`${k}: the id`);
    } else if (k.endsWith("/data.jsonl") || k.endsWith("/stats.json") || k.endsWith("/README.md")) {
      if (t.includes(JSON.stringify(id)) || t.includes(`transcripts/${id}.json`)) out.push(`${k}: the id`);
    }
  }
  return out;
}

function manifestOf(w: World, setId: string): Manifest {
  return Manifest.parse(JSON.parse(text(w, buckets.public, `sets/${setId}/manifest.json`)!));
}

/** Sets (folders with a manifest) whose files do not verify against it. */
function brokenSets(w: World): string[] {
  const out: string[] = [];
  for (const k of publicKeys(w).filter((k) => k.endsWith("/manifest.json"))) {
    const prefix = k.slice(0, -"manifest.json".length);
    const m = Manifest.parse(JSON.parse(text(w, buckets.public, k)!));
    const problems = verifySet(m, (p) => w.blobs.objects.get(`${buckets.public}\u0000${prefix}${p}`)?.body);
    if (problems.length) out.push(`${prefix}: ${problems.join(", ")}`);
  }
  return out;
}

function loggedSets(w: World): string[] {
  const log = text(w, buckets.public, PUBLICATION_LOG_KEY) ?? "";
  return log
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { type: string; setId?: string })
    .filter((e) => e.type === "publish")
    .map((e) => e.setId!);
}

describe("takedown after an interrupted publication (pub6)", () => {
  it("reaches a set that is in the public log while latest.json never moved to it", async () => {
    const { w, first } = await scenario(true);
    const put = w.blobs.put.bind(w.blobs);
    w.blobs.put = async (b, k, body, ct) => {
      if (k === "latest.json") throw new Error("simulated timeout");
      return put(b, k, body, ct);
    };
    await expect(publishSet(w.deps)).rejects.toThrow("simulated timeout");
    w.blobs.put = put;
    const orphan = loggedSets(w).at(-1)!;
    expect(orphan).not.toBe(first.setId);
    expect(text(w, buckets.public, `sets/${orphan}/transcripts/t01.json`)).toBeDefined();

    const res = await withdraw(w.deps, "t01", "leak: e-mail in reasoning", "reviewer");
    expect(res.revised).toContain(orphan);
    expect(await leftovers(w, "t01")).toEqual([]);
    expect(brokenSets(w)).toEqual([]);
    // The SetRecord was written before the log entry: the records knew the set all along.
    expect(await w.metadata.getSet(orphan)).toMatchObject({ transcriptIds: ["t02", "t03"] });
  });

  it("reaches a set whose SetRecord could not be written", async () => {
    const { w } = await scenario(true);
    const putSet = w.metadata.putSet.bind(w.metadata);
    w.metadata.putSet = async () => {
      throw new Error("simulated throttling");
    };
    await expect(publishSet(w.deps)).rejects.toThrow("simulated throttling");
    w.metadata.putSet = putSet;
    // Nothing made the unrecorded set discoverable…
    expect(loggedSets(w)).toHaveLength(1);
    // …but its files are in the public bucket, and the takedown finds them there.
    const folders = new Set(
      publicKeys(w)
        .filter((k) => k.startsWith("sets/"))
        .map((k) => k.split("/")[1]),
    );
    expect(folders.size).toBe(2);
    await withdraw(w.deps, "t01", "leak: e-mail in reasoning", "reviewer");
    expect(await leftovers(w, "t01")).toEqual([]);
    expect(brokenSets(w)).toEqual([]);
  });

  it("removes an unfinished set's fragments (no manifest) when they hold it", async () => {
    const { w } = await scenario(false);
    const put = w.blobs.put.bind(w.blobs);
    w.blobs.put = async (b, k, body, ct) => {
      if (k.endsWith("/manifest.json")) throw new Error("simulated 5xx");
      return put(b, k, body, ct);
    };
    await expect(publishSet(w.deps)).rejects.toThrow("simulated 5xx");
    w.blobs.put = put;
    expect(publicKeys(w).some((k) => k.endsWith("/transcripts/t03.json"))).toBe(true);
    await withdraw(w.deps, "t01", "lab_request: pulled", "reviewer");
    expect(await leftovers(w, "t01")).toEqual([]);
    expect(brokenSets(w)).toEqual([]);
  });

  it("the next publish run finishes a takedown that was cut short", async () => {
    const { w } = await scenario(true);
    await publishSet(w.deps);
    const put = w.blobs.put.bind(w.blobs);
    w.blobs.put = async (b, k, body, ct) => {
      if (k.startsWith("sets/")) throw new Error("simulated 5xx");
      return put(b, k, body, ct);
    };
    await expect(withdraw(w.deps, "t01", "leak: e-mail", "reviewer")).rejects.toThrow("simulated 5xx");
    w.blobs.put = put;
    expect((await w.metadata.getTranscript("t01"))?.status).toBe("withdrawn");
    expect(await leftovers(w, "t01")).not.toEqual([]);
    await publishSet(w.deps);
    expect(await leftovers(w, "t01")).toEqual([]);
    expect(brokenSets(w)).toEqual([]);
    // The public log gives the category the withdrawal was recorded with.
    const log = text(w, buckets.public, PUBLICATION_LOG_KEY)!;
    expect(log).toContain('{"category":"leak","id":"t01"}');
    expect(log).not.toContain('"category":"other"');
  });

  it("a published record withdrawn in the metadata only (cloud ingest superseding it) is taken down by the next publish run", async () => {
    const { w } = await scenario(true);
    await publishSet(w.deps);
    expect(await leftovers(w, "t01")).not.toEqual([]);
    await applyTransition(w.metadata, "t01", "withdrawn", {
      actor: "pipeline",
      reason: "superseded by a newer version of its intake object",
      at: "2026-11-30T00:00:00.000Z",
    });
    await publishSet(w.deps);
    expect(await leftovers(w, "t01")).toEqual([]);
    expect(brokenSets(w)).toEqual([]);
  });

  it("the next publish run takes down a withdrawn record still held by an older set", async () => {
    const { w, first } = await scenario(true);
    // t01 leaves the newest set without a takedown (test data: its record is set aside)…
    const aside = w.metadata.transcripts.get("t01")!;
    w.metadata.transcripts.delete("t01");
    const second = await publishSet(w.deps);
    expect(manifestOf(w, second.setId!).transcripts.map((t) => t.id)).toEqual(["t02", "t03"]);
    // …then another process withdraws it without a takedown: only the first set still holds it.
    w.metadata.transcripts.set("t01", { ...aside, status: "withdrawn" });
    expect(await leftovers(w, "t01")).not.toEqual([]);
    await addTranscript(w, "t04");
    await publishSet(w.deps);
    expect(manifestOf(w, first.setId!).transcripts.map((t) => t.id)).toEqual(["t02"]);
    expect(await leftovers(w, "t01")).toEqual([]);
    expect(brokenSets(w)).toEqual([]);
  });

  it("a re-screen takedown cut short at any write is finished by the next publish run", async () => {
    const setup = async () => {
      const s = await scenario(true);
      await publishSet(s.w.deps);
      await setPolicy(s.w, "lab-a", { denyTerms: ["zebra-quartz"] });
      return s;
    };
    const probe = await setup();
    probe.faults.arm();
    await publishSet(probe.w.deps);
    const writes = probe.faults.disarm();
    expect(await leftovers(probe.w, "t01")).toEqual([]);
    const failures: string[] = [];
    for (let k = 1; k <= writes; k++) {
      const { w, faults } = await setup();
      faults.arm(k);
      await publishSet(w.deps).catch(() => undefined);
      faults.disarm();
      try {
        await publishSet(w.deps);
      } catch (e) {
        failures.push(`write ${k}: the next run failed: ${(e as Error).message}`);
        continue;
      }
      for (const id of ["t01", "t02", "t03"]) {
        // All three name the term, and all were published.
        expect((await w.metadata.getTranscript(id))?.status).toBe("withdrawn");
        for (const p of await leftovers(w, id)) failures.push(`write ${k}: ${p}`);
      }
      for (const p of brokenSets(w)) failures.push(`write ${k}: ${p}`);
    }
    expect(failures).toEqual([]);
  });

  it("withdrawing another transcript finishes a revision cut short between data.jsonl and the manifest", async () => {
    const { w, first } = await scenario(true);
    const put = w.blobs.put.bind(w.blobs);
    w.blobs.put = async (b, k, body, ct) => {
      if (k === `sets/${first.setId}/manifest.json`) throw new Error("simulated 5xx");
      return put(b, k, body, ct);
    };
    await expect(withdraw(w.deps, "t01", "leak: e-mail", "reviewer")).rejects.toThrow("simulated 5xx");
    w.blobs.put = put;
    // The first set's bundle lacks t01 now, its manifest still lists it.
    expect(text(w, buckets.public, `sets/${first.setId}/data.jsonl`)).not.toContain('"t01"');
    expect(manifestOf(w, first.setId!).transcripts.map((t) => t.id)).toContain("t01");
    const res = await withdraw(w.deps, "t02", "lab_request: pulled", "reviewer");
    expect(res.revised).toContain(first.setId);
    expect(manifestOf(w, first.setId!)).toMatchObject({ transcripts: [], withdrawn: ["t01", "t02"] });
    for (const id of ["t01", "t02"]) expect(await leftovers(w, id)).toEqual([]);
    expect(brokenSets(w)).toEqual([]);
  });

  for (const signed of [true, false]) {
    it(`leaves nothing of it under sets/, whichever write of the publish run failed (${signed ? "signed" : "unsigned"})`, async () => {
      const probe = await scenario(signed);
      probe.faults.arm();
      await publishSet(probe.w.deps);
      const writes = probe.faults.disarm();
      expect(writes).toBeGreaterThan(10);
      const failures: string[] = [];
      for (let k = 1; k <= writes; k++) {
        const { w, faults } = await scenario(signed);
        faults.arm(k);
        await publishSet(w.deps).catch(() => undefined);
        faults.disarm();
        try {
          await withdraw(w.deps, "t01", "leak: e-mail in reasoning", "reviewer");
        } catch (e) {
          failures.push(`write ${k}: withdraw failed: ${(e as Error).message}`);
          continue;
        }
        for (const p of await leftovers(w, "t01")) failures.push(`write ${k}: ${p}`);
        for (const p of brokenSets(w)) failures.push(`write ${k}: ${p}`);
        // And the next run publishes a consistent newest set without it.
        await publishSet(w.deps);
        for (const p of await leftovers(w, "t01")) failures.push(`write ${k}, next run: ${p}`);
      }
      expect(failures).toEqual([]);
    });

    it(`finishes the takedown on a second withdraw, whichever write of the first failed (${signed ? "signed" : "unsigned"})`, async () => {
      const probe = await scenario(signed);
      await publishSet(probe.w.deps);
      probe.faults.arm();
      await withdraw(probe.w.deps, "t01", "leak: e-mail", "reviewer");
      const writes = probe.faults.disarm();
      const failures: string[] = [];
      for (let k = 1; k <= writes; k++) {
        const { w, faults } = await scenario(signed);
        await publishSet(w.deps);
        faults.arm(k);
        await withdraw(w.deps, "t01", "leak: e-mail", "reviewer").catch(() => undefined);
        faults.disarm();
        try {
          await withdraw(w.deps, "t01", "leak: e-mail", "reviewer");
        } catch (e) {
          failures.push(`write ${k}: second withdraw failed: ${(e as Error).message}`);
          continue;
        }
        for (const p of await leftovers(w, "t01")) failures.push(`write ${k}: ${p}`);
        for (const p of brokenSets(w)) failures.push(`write ${k}: ${p}`);
      }
      expect(failures).toEqual([]);
    });
  }
});
