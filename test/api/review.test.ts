import { describe, expect, it } from "vitest";
import type { ApiRequest } from "../../lambdas/api/http";
import { createReviewApi } from "../../lambdas/api/review";
import { labPolicyKey, stagingReportKey } from "../../lambdas/core/names";
import { publishSet } from "../../lambdas/service/publish";
import { addTranscript, buckets, publicKeys, text, world } from "../service/fixtures";

const TOKEN = "tok-" + "test";

function req(
  method: string,
  path: string,
  opts: { query?: Record<string, string>; body?: unknown; auth?: boolean } = {},
): ApiRequest {
  return {
    method,
    path,
    query: opts.query ?? {},
    headers: opts.auth === false ? {} : { authorization: `Bearer ${TOKEN}` },
    ...(opts.body !== undefined
      ? { body: typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body) }
      : {}),
  };
}

async function setup() {
  const w = world();
  await addTranscript(w, "t01");
  await addTranscript(w, "t02", { verdict: "NEEDS_HUMAN", lab: "lab-b" });
  await addTranscript(w, "t03", { verdict: "BLOCK" });
  await w.metadata.putTranscript({
    id: "r04",
    lab: "lab-b",
    source: "incoming/lab-b/bad.json",
    status: "rejected",
    receivedAt: "2025-02-01T00:00:09.000Z",
    updatedAt: "2025-02-01T00:00:09.000Z",
    code: "invalid_json",
    message: "incoming/lab-b/bad.json: not JSON",
  });
  const api = createReviewApi({
    ...w.deps,
    authorize: (r) => (r.headers.authorization === `Bearer ${TOKEN}` ? "alice" : undefined),
  });
  return { w, api };
}
const body = (r: { body: string }) => JSON.parse(r.body);

describe("review API", () => {
  it("requires authentication on every review and admin route", async () => {
    const { api } = await setup();
    for (const [m, p] of [
      ["GET", "/review/transcripts"],
      ["GET", "/review/transcripts/t01"],
      ["POST", "/review/transcripts/t01/decision"],
      ["POST", "/admin/publish"],
      ["PUT", "/admin/labs/lab-a/policy"],
      ["GET", "/review/nope"],
    ] as const) {
      const r = await api(req(m, p, { auth: false, body: { decision: "approve", reason: "x" } }));
      expect(r.status, `${m} ${p}`).toBe(401);
      expect(r.headers["www-authenticate"]).toBe("Bearer");
    }
    // Wrong token too.
    const bad = await api({
      ...req("GET", "/review/transcripts"),
      headers: { authorization: "Bearer nope" },
    });
    expect(bad.status).toBe(401);
  });

  it("lists transcripts, rejected ones included, filtered and paged", async () => {
    const { api } = await setup();
    const all = body(await api(req("GET", "/review/transcripts")));
    expect(all.items.map((i: { id: string }) => i.id).sort()).toEqual(["r04", "t01", "t02", "t03"]);
    const rej = all.items.find((i: { id: string }) => i.id === "r04");
    expect(rej).toEqual({
      id: "r04",
      lab: "lab-b",
      source: "incoming/lab-b/bad.json",
      status: "rejected",
      verdict: null,
      legibility: null,
      receivedAt: "2025-02-01T00:00:09.000Z",
      code: "invalid_json",
    });
    const labB = body(await api(req("GET", "/review/transcripts", { query: { lab: "lab-b" } })));
    expect(labB.items.map((i: { id: string }) => i.id).sort()).toEqual(["r04", "t02"]);
    const acc = body(await api(req("GET", "/review/transcripts", { query: { status: "accepted" } })));
    expect(acc.items).toHaveLength(3);
    const p1 = body(await api(req("GET", "/review/transcripts", { query: { limit: "3" } })));
    expect(p1.items).toHaveLength(3);
    const p2 = body(
      await api(req("GET", "/review/transcripts", { query: { limit: "3", cursor: p1.cursor } })),
    );
    expect(p2.items).toHaveLength(1);
    expect(p2.cursor).toBeUndefined();
    // The reviewers' queue: accepted transcripts by verdict.
    const queue = body(
      await api(req("GET", "/review/transcripts", { query: { status: "accepted", verdict: "NEEDS_HUMAN" } })),
    );
    expect(queue.items.map((i: { id: string }) => i.id)).toEqual(["t02"]);
    const blocked = body(await api(req("GET", "/review/transcripts", { query: { verdict: "BLOCK" } })));
    expect(blocked.items.map((i: { id: string }) => i.id)).toEqual(["t03"]);
    const badVerdict = await api(req("GET", "/review/transcripts", { query: { verdict: "needs_human" } }));
    expect(badVerdict.status).toBe(400);
    expect(body(badVerdict).error.message).toMatch(/NEEDS_HUMAN/);
    expect((await api(req("GET", "/review/transcripts", { query: { status: "bogus" } }))).status).toBe(400);
    expect((await api(req("GET", "/review/transcripts", { query: { limit: "0" } }))).status).toBe(400);
    const badCursor = await api(req("GET", "/review/transcripts", { query: { cursor: "garbage" } }));
    expect(badCursor.status).toBe(400);
    expect(body(badCursor).error.code).toBe("invalid_cursor");
    const r = await api(req("GET", "/review/transcripts"));
    expect(r.headers["cache-control"]).toBe("no-store");
  });

  it("shows one record with its redacted transcript and findings, never a raw value", async () => {
    const { w, api } = await setup();
    const raw = "hunter" + "2-secret-value";
    await w.blobs.put(
      buckets.staging,
      stagingReportKey("t02"),
      JSON.stringify({
        counts: { secret: 1, email: 1 },
        findings: [
          {
            category: "secret",
            detector: "secretlint",
            path: "messages[1].parts[0].text",
            start: 3,
            end: 13,
            placeholder: "⟦SECRET_1⟧",
            valueHash: "ab",
            value: raw,
          },
          {
            category: "email",
            detector: "regex",
            path: "messages[0].parts[0].text",
            start: 0,
            end: 9,
            placeholder: "⟦EMAIL_1⟧",
            raw,
          },
        ],
      }),
    );
    const r = await api(req("GET", "/review/transcripts/t02"));
    expect(r.status).toBe(200);
    const b = body(r);
    expect(b.record).toMatchObject({ id: "t02", status: "accepted", verdict: "NEEDS_HUMAN", lab: "lab-b" });
    expect(b.transcript).toMatchObject({ id: "t02", schema: "cotshare/transcript@1" });
    expect(b.findings.byCategory).toEqual({ secret: 1, email: 1 });
    expect(b.findings.byDetector).toEqual({ secretlint: 1, regex: 1 });
    expect(b.findings.items[0]).toEqual({
      category: "secret",
      detector: "secretlint",
      path: "messages[1].parts[0].text",
      start: 3,
      end: 13,
      placeholder: "⟦SECRET_1⟧",
    });
    expect(r.body).not.toContain(raw);
    expect(b.audit).toEqual([]);
    const rej = body(await api(req("GET", "/review/transcripts/r04")));
    expect(rej.transcript).toBeNull();
    expect(rej.findings.items).toEqual([]);
    expect((await api(req("GET", "/review/transcripts/nope"))).status).toBe(404);
    expect((await api(req("GET", "/review/transcripts/..%2Fconfig"))).status).toBe(404);
  });

  it("approves, denies and withdraws with a reason, through the lifecycle", async () => {
    const { w, api } = await setup();
    const decide = (id: string, b: unknown) =>
      api(req("POST", `/review/transcripts/${id}/decision`, { body: b }));
    const a = await decide("t02", { decision: "approve", reason: "placeholders look right" });
    expect(a.status).toBe(200);
    expect(body(a)).toEqual({ id: "t02", status: "approved" });
    expect(await w.metadata.listAudit("t02")).toEqual([
      expect.objectContaining({
        actor: "reviewer:alice",
        from: "accepted",
        to: "approved",
        reason: "placeholders look right",
      }),
    ]);
    // BLOCK cannot be approved; denied is fine.
    const blocked = await decide("t03", { decision: "approve", reason: "ok" });
    expect(blocked.status).toBe(409);
    expect(body(blocked).error.code).toBe("blocked_verdict");
    expect(body(await decide("t03", { decision: "deny", reason: "residual secret" }))).toEqual({
      id: "t03",
      status: "denied",
    });
    // Rejected inputs cannot be approved.
    expect((await decide("r04", { decision: "approve", reason: "x" })).status).toBe(409);
    // Validation.
    const noReason = await decide("t01", { decision: "approve" });
    expect(noReason.status).toBe(400);
    expect(body(noReason).error.message).toBe("reason: expected string");
    expect((await decide("t01", { decision: "approve", reason: "   " })).status).toBe(400);
    expect((await decide("t01", { decision: "maybe", reason: "x" })).status).toBe(400);
    expect((await decide("t01", "{not json")).status).toBe(400);
    expect((await decide("nope", { decision: "approve", reason: "x" })).status).toBe(404);
    // Withdraw before publication.
    expect(body(await decide("t01", { decision: "withdraw", reason: "lab request" }))).toMatchObject({
      id: "t01",
      status: "withdrawn",
      revised: [],
    });
  });

  it("withdrawing a published transcript takes it down", async () => {
    const { w, api } = await setup();
    const pub = body(await api(req("POST", "/admin/publish")));
    expect(pub).toMatchObject({ published: true, count: 1 });
    expect((await w.metadata.getTranscript("t01"))?.status).toBe("published");
    const r = await api(
      req("POST", "/review/transcripts/t01/decision", { body: { decision: "withdraw", reason: "takedown" } }),
    );
    expect(r.status).toBe(200);
    expect(body(r).revised).toEqual([pub.setId]);
    expect(publicKeys(w).some((k) => k.includes("t01.json"))).toBe(false);
    expect((await w.metadata.listAudit(pub.setId)).at(0)).toMatchObject({
      actor: "admin:alice",
      action: "publish",
    });
  });

  it("stores a validated lab policy and never echoes it", async () => {
    const { w, api } = await setup();
    const term = "Project" + "Nightjar";
    const policy = {
      denyTerms: [term],
      allowTerms: ["GPT-4o"],
      internalDomains: ["corp.example"],
      autoPublish: true,
    };
    const r = await api(req("PUT", "/admin/labs/lab-b/policy", { body: policy }));
    expect(r.status).toBe(200);
    expect(body(r)).toEqual({ labId: "lab-b", stored: true });
    expect(r.body).not.toContain(term);
    expect(JSON.parse(text(w, buckets.staging, labPolicyKey("lab-b"))!)).toEqual(policy);
    expect(publicKeys(w)).toEqual([]);
    expect(await w.metadata.listAudit("lab:lab-b")).toEqual([
      expect.objectContaining({ actor: "admin:alice", action: "policy_put" }),
    ]);
    // Invalid policies: the error names paths and codes, never the values.
    const bad = await api(
      req("PUT", "/admin/labs/lab-b/policy", { body: { denyTerms: [term, 42], extra: term } }),
    );
    expect(bad.status).toBe(400);
    expect(body(bad).error.code).toBe("invalid_policy");
    expect(bad.body).not.toContain(term);
    // A misspelt key is named, in the same words as `process --policy` and `start --policy` use.
    const typo = await api(
      req("PUT", "/admin/labs/lab-b/policy", { body: { denyTerms: [term], autopublish: true } }),
    );
    expect(typo.status).toBe(400);
    expect(body(typo).error.message).toContain('unknown key "autopublish"');
    expect(body(typo).error.message).toContain('"autoPublish"?: boolean');
    expect(typo.body).not.toContain(term);
    const long = await api(
      req("PUT", "/admin/labs/lab-b/policy", { body: { denyTerms: [term.repeat(40)] } }),
    );
    expect(long.status).toBe(400);
    expect(long.body).not.toContain(term);
    expect((await api(req("PUT", "/admin/labs/Bad_Lab/policy", { body: policy }))).status).toBe(400);
    expect((await api(req("PUT", "/admin/labs/lab-b/policy", { body: "nope{" }))).status).toBe(400);
    // The stored policy is unchanged by the failed attempts, and it gives consent to publish.
    expect(JSON.parse(text(w, buckets.staging, labPolicyKey("lab-b"))!)).toEqual(policy);
    await addTranscript(w, "t05", { lab: "lab-b", publishable: undefined });
    const out = await publishSet(w.deps);
    expect(out.count).toBe(2); // t01 (publishable) and t05 (lab auto-publish)
  });

  it("answers 404 for unknown routes, 405 for wrong methods, and serves its OpenAPI document", async () => {
    const { api } = await setup();
    expect((await api(req("GET", "/review/nope"))).status).toBe(404);
    const r = await api(req("DELETE", "/review/transcripts/t01"));
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe("GET");
    expect((await api(req("GET", "/admin/publish"))).status).toBe(405);
    const doc = await api(req("GET", "/review/openapi.json", { auth: false }));
    expect(doc.status).toBe(200);
    expect(Object.keys(body(doc).paths)).toEqual(
      expect.arrayContaining([
        "/review/transcripts",
        "/review/transcripts/{id}/decision",
        "/admin/publish",
        "/admin/labs/{labId}/policy",
      ]),
    );
  });
});
