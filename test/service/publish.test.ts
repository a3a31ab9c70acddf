import { describe, expect, it } from "vitest";
import { LATEST_KEY } from "../../lambdas/core/names";
import { Manifest, verifySet } from "../../lambdas/core/publish";
import { latestManifest, publishSet, withdraw } from "../../lambdas/service/publish";
import { addTranscript, buckets, publicKeys, setPolicy, text, world } from "./fixtures";

function manifestOf(w: ReturnType<typeof world>, setId: string): Manifest {
  return Manifest.parse(JSON.parse(text(w, buckets.public, `sets/${setId}/manifest.json`)!));
}
function verifies(w: ReturnType<typeof world>, setId: string): string[] {
  return verifySet(
    manifestOf(w, setId),
    (p) => w.blobs.objects.get(`${buckets.public}\u0000sets/${setId}/${p}`)?.body,
  );
}

describe("publishSet", () => {
  it("publishes eligible, consented transcripts and records everything", async () => {
    const w = world();
    await addTranscript(w, "t01");
    await addTranscript(w, "t02", { status: "approved", verdict: "NEEDS_HUMAN" });
    await addTranscript(w, "t03", { verdict: "NEEDS_HUMAN" });
    await addTranscript(w, "t04", { publishable: undefined, lab: "lab-b" });
    await addTranscript(w, "t05", { publishable: undefined, lab: "lab-c" });
    await setPolicy(w, "lab-c", { denyTerms: ["x"], autoPublish: true });
    await addTranscript(w, "t06", { status: "denied" });

    const r = await publishSet(w.deps);
    expect(r.published).toBe(true);
    expect(r.count).toBe(3);
    expect(r.previous).toBeNull();
    const m = manifestOf(w, r.setId!);
    expect(m.transcripts.map((t) => t.id)).toEqual(["t01", "t02", "t05"]);
    expect(verifies(w, r.setId!)).toEqual([]);
    expect(JSON.parse(text(w, buckets.public, LATEST_KEY)!)).toMatchObject({
      setId: r.setId,
      count: 3,
      manifest: `sets/${r.setId}/manifest.json`,
    });
    expect(m.scorer).toBe("legibility@1");
    expect(m.selection).toEqual({
      policy: expect.objectContaining({ maxSize: 50 }),
      candidates: 5,
      excluded: { not_pass: 1, no_consent: 1 },
    });

    for (const id of ["t01", "t02", "t05"]) {
      const rec = await w.metadata.getTranscript(id);
      expect(rec?.status).toBe("published");
      expect(rec?.setIds).toEqual([r.setId]);
      const events = (await w.metadata.listAudit(id)).map((e) => `${e.actor}:${e.from}>${e.to}`);
      expect(events).toEqual(
        id === "t02"
          ? ["publisher:approved>published"]
          : ["publisher:accepted>approved", "publisher:approved>published"],
      );
    }
    expect((await w.metadata.getTranscript("t03"))?.status).toBe("accepted");
    expect(await w.metadata.getSet(r.setId!)).toMatchObject({
      count: 3,
      transcriptIds: ["t01", "t02", "t05"],
      withdrawn: [],
    });
    // Nothing outside sets/ and latest.json in the public bucket; no policy anywhere in it.
    expect(publicKeys(w).every((k) => k === LATEST_KEY || k.startsWith(`sets/${r.setId}/`))).toBe(true);
  });

  it("does not publish again when nothing changed, and chains versions when something did", async () => {
    const w = world();
    await addTranscript(w, "t01");
    await addTranscript(w, "t02");
    const first = await publishSet(w.deps);
    const again = await publishSet(w.deps);
    expect(again).toMatchObject({ published: false, setId: first.setId });
    await addTranscript(w, "t03");
    const second = await publishSet(w.deps);
    expect(second.published).toBe(true);
    expect(second.previous).toBe(first.setId);
    const m = manifestOf(w, second.setId!);
    expect(m.previous).toBe(first.setId);
    expect(m.transcripts.map((t) => t.id)).toEqual(["t01", "t02", "t03"]);
    expect((await w.metadata.getTranscript("t01"))?.setIds).toEqual([first.setId, second.setId]);
    expect((await latestManifest(w.deps))?.setId).toBe(second.setId);
    // The first set is untouched.
    expect(verifies(w, first.setId!)).toEqual([]);
    expect(manifestOf(w, first.setId!).transcripts).toHaveLength(2);
  });

  it("skips transcripts whose staging copy is missing or invalid", async () => {
    const w = world();
    await addTranscript(w, "t01");
    await addTranscript(w, "t02");
    await w.blobs.put(buckets.staging, "transcripts/t02.json", JSON.stringify({ id: "t02", metadata: {} }));
    await addTranscript(w, "t03");
    await w.blobs.delete(buckets.staging, "transcripts/t03.json");
    const r = await publishSet(w.deps);
    expect(manifestOf(w, r.setId!).transcripts.map((t) => t.id)).toEqual(["t01"]);
    expect(r.excluded.unreadable).toBe(2);
  });

  it("publishes nothing when there is nothing to publish", async () => {
    const w = world();
    await addTranscript(w, "t01", { verdict: "BLOCK" });
    expect(await publishSet(w.deps)).toMatchObject({ published: false, count: 0 });
    expect(publicKeys(w)).toEqual([]);
  });

  it("applies the curation config (size, dedupe)", async () => {
    const w = world();
    for (let i = 10; i < 30; i++) await addTranscript(w, `t${i}`, { model: `m${i}` });
    await addTranscript(w, "t30", {
      reasoning: "reasoning of t10: wordt10 considers case t10 carefully and concludes",
    });
    const small = await publishSet({ ...w.deps, curation: { maxSize: 5 } });
    expect(small.count).toBe(5);
    expect(small.excluded.set_full).toBeGreaterThanOrEqual(15);
    const w2 = world();
    for (let i = 10; i < 30; i++) await addTranscript(w2, `t${i}`, { model: `m${i}` });
    await addTranscript(w2, "t30", {
      reasoning: "reasoning of t10: wordt10 considers case t10 carefully and concludes",
    });
    const all = await publishSet({ ...w2.deps, curation: { maxSize: 50 } });
    expect(all.count).toBe(20);
    expect(all.excluded.duplicate).toBe(1);
  });
});

describe("withdraw (takedown)", () => {
  it("publishes a version without it, deletes its objects and marks it withdrawn in older manifests", async () => {
    const w = world();
    for (const id of ["t01", "t02", "t03"])
      await addTranscript(w, id, { reasoning: `secret-ish plan ${id} alpha beta gamma` });
    const first = await publishSet(w.deps);
    await addTranscript(w, "t04");
    const second = await publishSet(w.deps);

    const res = await withdraw(w.deps, "t02", "lab asked", "reviewer:alice");
    expect(res.setId).toBeDefined();
    expect(res.revised.sort()).toEqual([first.setId, second.setId].sort());

    // latest.json moved to the new version, which lacks t02.
    expect(JSON.parse(text(w, buckets.public, LATEST_KEY)!).setId).toBe(res.setId);
    const latest = manifestOf(w, res.setId!);
    expect(latest.previous).toBe(second.setId);
    expect(latest.transcripts.map((t) => t.id)).toEqual(["t01", "t03", "t04"]);
    expect(latest.withdrawn).toEqual(["t02"]);

    // No public object holds its content any more; every set still verifies.
    for (const k of publicKeys(w)) {
      expect(k).not.toContain("t02.json");
      const body = text(w, buckets.public, k)!;
      if (!k.endsWith(".parquet")) expect(body).not.toContain("secret-ish plan t02");
    }
    for (const s of [first.setId!, second.setId!, res.setId!]) {
      expect(verifies(w, s)).toEqual([]);
      expect(manifestOf(w, s).transcripts.map((t) => t.id)).not.toContain("t02");
    }
    expect(manifestOf(w, first.setId!)).toMatchObject({ setId: first.setId, withdrawn: ["t02"] });
    expect(manifestOf(w, first.setId!).revisedAt).toBeDefined();
    expect(await w.metadata.getSet(first.setId!)).toMatchObject({
      transcriptIds: ["t01", "t03"],
      withdrawn: ["t02"],
      count: 2,
    });

    const rec = await w.metadata.getTranscript("t02");
    expect(rec?.status).toBe("withdrawn");
    const audit = await w.metadata.listAudit("t02");
    expect(
      audit.some((e) => e.to === "withdrawn" && e.actor === "reviewer:alice" && e.reason === "lab asked"),
    ).toBe(true);
    expect(audit.at(-1)?.action).toBe("takedown");
    // The next publish does not bring it back.
    expect((await publishSet(w.deps)).published).toBe(false);
  });

  it("is idempotent and finishes an interrupted takedown", async () => {
    const w = world();
    for (const id of ["t01", "t02"]) await addTranscript(w, id);
    const first = await publishSet(w.deps);
    // Simulate a crash right after the status change: the record says withdrawn, the sets do not.
    await w.metadata.updateTranscript("t02", "published", { status: "withdrawn" });
    const res = await withdraw(w.deps, "t02", "retry", "reviewer:bob");
    expect(res.revised).toEqual([first.setId]);
    expect(publicKeys(w).some((k) => k.endsWith("t02.json"))).toBe(false);
    const again = await withdraw(w.deps, "t02", "retry", "reviewer:bob");
    expect(again).toEqual({ id: "t02", status: "withdrawn", revised: [] });
  });

  it("withdraws an unpublished transcript without touching the public bucket", async () => {
    const w = world();
    await addTranscript(w, "t01");
    await addTranscript(w, "t02", { verdict: "NEEDS_HUMAN" });
    const before = await publishSet(w.deps);
    const res = await withdraw(w.deps, "t02", "not for release", "reviewer:x");
    expect(res).toEqual({ id: "t02", status: "withdrawn", revised: [] });
    expect(JSON.parse(text(w, buckets.public, LATEST_KEY)!).setId).toBe(before.setId);
  });

  it("rejects unknown ids and impossible transitions", async () => {
    const w = world();
    await addTranscript(w, "t01", { status: "rejected" });
    await expect(withdraw(w.deps, "nope", "r", "a")).rejects.toMatchObject({ code: "not_found" });
    await expect(withdraw(w.deps, "t01", "r", "a")).rejects.toMatchObject({ code: "invalid_transition" });
  });
});
