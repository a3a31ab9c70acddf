/**
 * A lab's later corrections reach staged and published transcripts: every publish run screens
 * its candidates and incumbents against the lab's policy as it is now (deny terms, internal
 * domains), with the review's own matcher. Unpublished hits go back to review; published hits are
 * taken down from every set.
 */
import { parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import type { ApiRequest } from "../../lambdas/api/http";
import { createReviewApi } from "../../lambdas/api/review";
import { ephemeralSigner } from "../../lambdas/adapters/signer-local";
import { PUBLICATION_LOG_KEY } from "../../lambdas/core/names";
import { Manifest, verifySet } from "../../lambdas/core/publish";
import { publishSet } from "../../lambdas/service/publish";
import { addTranscript, buckets, publicKeys, setPolicy, text, world } from "./fixtures";

type World = ReturnType<typeof world>;

// A codename the lab adds to its policy after ingest (not a secret: a made-up project name).
const CODENAME = "Bluefinch";

function manifestOf(w: World, setId: string): Manifest {
  return Manifest.parse(JSON.parse(text(w, buckets.public, `sets/${setId}/manifest.json`)!));
}

/** Public objects under sets/ that still hold `needle` (parquet rows read as rows). */
async function holding(w: World, needle: string): Promise<string[]> {
  const out: string[] = [];
  for (const k of publicKeys(w).filter((k) => k.startsWith("sets/"))) {
    const body = w.blobs.objects.get(`${buckets.public}\u0000${k}`)!.body;
    if (k.endsWith(".parquet")) {
      const rows = (await parquetReadObjects({ file: body.slice().buffer })) as Array<{ messages: string }>;
      if (rows.some((r) => r.messages.includes(needle))) out.push(k);
    } else if (new TextDecoder().decode(body).includes(needle)) out.push(k);
  }
  return out;
}

async function twoPublished() {
  const w = world();
  w.deps.signer = ephemeralSigner();
  await addTranscript(w, "t01", { reasoning: `the ${CODENAME} launch plan needs three steps` });
  await addTranscript(w, "t02", { reasoning: "plain arithmetic with no secrets at all" });
  const first = await publishSet(w.deps);
  expect(manifestOf(w, first.setId!).transcripts.map((t) => t.id)).toEqual(["t01", "t02"]);
  return { w, first };
}

describe("publish re-screens against the lab's current policy (pub6)", () => {
  it("takes a published transcript down from every set when a later deny term matches it", async () => {
    const { w, first } = await twoPublished();
    await addTranscript(w, "t03");
    const second = await publishSet(w.deps);
    expect(await holding(w, `the ${CODENAME} launch`)).not.toEqual([]);

    await setPolicy(w, "lab-a", { denyTerms: [CODENAME.toLowerCase()], autoPublish: true });
    const r = await publishSet(w.deps);
    expect(r.excluded.policy_withdrawn).toBe(1);
    expect(await holding(w, `the ${CODENAME} launch`)).toEqual([]);
    expect(publicKeys(w).some((k) => k.endsWith("/transcripts/t01.json"))).toBe(false);
    const latest = JSON.parse(text(w, buckets.public, "latest.json")!).setId as string;
    expect(manifestOf(w, latest).transcripts.map((t) => t.id)).toEqual(["t02", "t03"]);
    for (const s of [first.setId!, second.setId!]) {
      expect(manifestOf(w, s).withdrawn).toContain("t01");
      const m = manifestOf(w, s);
      expect(verifySet(m, (p) => w.blobs.objects.get(`${buckets.public}\u0000sets/${s}/${p}`)?.body)).toEqual(
        [],
      );
    }
    const rec = await w.metadata.getTranscript("t01");
    expect(rec?.status).toBe("withdrawn");
    expect(rec?.verdict).toBe("BLOCK");
    const audit = await w.metadata.listAudit("t01");
    const withdrawal = audit.find((e) => e.to === "withdrawn")!;
    expect(withdrawal.actor).toBe("publisher");
    // The reason names the checks, never the term.
    expect(withdrawal.reason).toContain("deny_term");
    expect(withdrawal.reason!.toLowerCase()).not.toContain(CODENAME.toLowerCase());
    // The public log says why by category only.
    const log = text(w, buckets.public, PUBLICATION_LOG_KEY)!;
    expect(log).toContain('"category":"leak"');
    expect(log.toLowerCase()).not.toContain(CODENAME.toLowerCase());
    // A second run changes nothing.
    expect(await publishSet(w.deps)).toMatchObject({ published: false });
  });

  it("takes several published hits down in one new version", async () => {
    const w = world();
    w.deps.signer = ephemeralSigner();
    for (const id of ["t01", "t02", "t03", "t04"])
      await addTranscript(w, id, { reasoning: id < "t03" ? `${CODENAME} item ${id}` : `plain item ${id}` });
    const first = await publishSet(w.deps);
    await setPolicy(w, "lab-a", { denyTerms: [CODENAME] });
    const r = await publishSet(w.deps);
    expect(r).toMatchObject({ published: false, excluded: { policy_withdrawn: 2 } });
    const latest = manifestOf(w, r.setId!);
    expect(latest.previous).toBe(first.setId);
    expect(latest.transcripts.map((t) => t.id)).toEqual(["t03", "t04"]);
    expect(latest.withdrawn).toEqual(["t01", "t02"]);
    expect(manifestOf(w, first.setId!).withdrawn).toEqual(["t01", "t02"]);
    expect(await holding(w, CODENAME)).toEqual([]);
    const entries = text(w, buckets.public, PUBLICATION_LOG_KEY)!
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; withdrawn?: unknown[] });
    expect(entries.map((e) => e.type)).toEqual(["key", "publish", "publish", "revise"]);
    expect(entries.at(-1)!.withdrawn).toHaveLength(2);
  });

  it("sends an unpublished candidate back to review, and counts it in the manifest", async () => {
    const w = world();
    await addTranscript(w, "t01", { reasoning: `compare ${CODENAME.toUpperCase()}2026 with the baseline` });
    await addTranscript(w, "t02", { reasoning: "host build7.corp.acme.dev answered slowly" });
    await addTranscript(w, "t03");
    await setPolicy(w, "lab-a", { denyTerms: [CODENAME], internalDomains: ["corp.acme.dev"] });
    const r = await publishSet(w.deps);
    expect(r.excluded.policy_review).toBe(2);
    expect(manifestOf(w, r.setId!).transcripts.map((t) => t.id)).toEqual(["t03"]);
    expect(manifestOf(w, r.setId!).selection).toMatchObject({ excluded: { policy_review: 2 } });
    const t01 = await w.metadata.getTranscript("t01");
    expect(t01).toMatchObject({ status: "accepted", verdict: "BLOCK" });
    expect(t01?.reasons?.map((x) => x.code)).toContain("deny_term");
    const t02 = await w.metadata.getTranscript("t02");
    expect(t02).toMatchObject({ status: "accepted", verdict: "NEEDS_HUMAN" });
    expect(t02?.reasons?.map((x) => x.code)).toContain("internal_host");
    expect((await w.metadata.listAudit("t01")).map((e) => e.action)).toContain("rescreen");
    expect(await holding(w, CODENAME.toUpperCase())).toEqual([]);
    expect(await holding(w, "corp.acme.dev")).toEqual([]);
  });

  it("curates again when a pick hits: the set is filled with clean transcripts", async () => {
    const w = world();
    w.deps.curation = { maxSize: 2 };
    for (let i = 1; i <= 6; i++) {
      const id = `t0${i}`;
      // Every other one names the codename.
      await addTranscript(w, id, {
        reasoning: i % 2 ? `${CODENAME} notes for case ${id}` : `notes for case ${id}`,
      });
    }
    await setPolicy(w, "lab-a", { denyTerms: [CODENAME] });
    const r = await publishSet(w.deps);
    expect(r.count).toBe(2);
    expect(
      manifestOf(w, r.setId!)
        .transcripts.map((t) => t.id)
        .every((id) => Number(id.slice(1)) % 2 === 0),
    ).toBe(true);
    expect(await holding(w, CODENAME)).toEqual([]);
    expect(r.excluded.policy_review).toBeGreaterThanOrEqual(1);
  });

  it("revokes an approval the new policy contradicts; a reviewer's new approval then stands", async () => {
    const w = world();
    // Ingest's review asked a human (verdict NEEDS_HUMAN); a reviewer approved it.
    await addTranscript(w, "t01", {
      status: "approved",
      verdict: "NEEDS_HUMAN",
      reasoning: "the nightjarxl build is faster",
    });
    await addTranscript(w, "t02");
    await setPolicy(w, "lab-a", { denyTerms: ["nightjar"] });
    const r = await publishSet(w.deps);
    expect(r.excluded.policy_review).toBe(1);
    const denied = await w.metadata.getTranscript("t01");
    expect(denied).toMatchObject({ status: "denied", verdict: "NEEDS_HUMAN" });
    expect(denied?.reasons?.map((x) => x.code)).toEqual(["deny_term_near"]);
    // The reviewer looks again and approves it knowing the hit: the next run publishes it.
    await w.metadata.updateTranscript("t01", "denied", { status: "approved" });
    const again = await publishSet(w.deps);
    expect(again.excluded.policy_review).toBeUndefined();
    expect(manifestOf(w, again.setId!).transcripts.map((t) => t.id)).toEqual(["t01", "t02"]);
  });

  it("holds a lab's new transcripts back while its stored policy does not parse", async () => {
    const { w } = await twoPublished();
    await addTranscript(w, "t03");
    await setPolicy(w, "lab-a", { denyterms: ["misspelt key"] });
    const r = await publishSet(w.deps);
    expect(r).toMatchObject({ published: false, excluded: { policy_unreadable: 1 } });
  });

  it("applies through the admin API: PUT the policy, then publish", async () => {
    const { w } = await twoPublished();
    const api = createReviewApi({ ...w.deps, authorize: () => "alice" });
    const req = (method: string, path: string, body?: unknown): ApiRequest => ({
      method,
      path,
      query: {},
      headers: {},
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const put = await api(
      req("PUT", "/admin/labs/lab-a/policy", { denyTerms: [CODENAME], allowTerms: [], internalDomains: [] }),
    );
    expect(put.status).toBe(200);
    const pub = await api(req("POST", "/admin/publish"));
    expect(pub.status).toBe(200);
    expect(JSON.parse(pub.body).excluded).toMatchObject({ policy_withdrawn: 1 });
    expect(await holding(w, CODENAME)).toEqual([]);
  });
});
