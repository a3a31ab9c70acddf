import { describe, expect, it } from "vitest";
import { createPublicApi } from "../../lambdas/api/public";
import type { ApiRequest } from "../../lambdas/api/http";
import { publishSet, withdraw } from "../../lambdas/service/publish";
import { addTranscript, buckets, world } from "../service/fixtures";

function get(path: string, query: Record<string, string> = {}, method = "GET"): ApiRequest {
  return { method, path, query, headers: {} };
}

async function published() {
  const w = world();
  await addTranscript(w, "t01", {
    lab: "lab-a",
    model: "alpha",
    score: 90,
    reasoning: "The Quick brown fox considers prime numbers",
  });
  await addTranscript(w, "t02", {
    lab: "lab-b",
    model: "beta",
    score: 40,
    reasoning: "token soup fox fox glorp",
  });
  await addTranscript(w, "t03", {
    lab: "lab-a",
    model: "beta",
    score: 10,
    reasoning: "mixed 语言 reasoning about primes",
  });
  const first = await publishSet(w.deps);
  await addTranscript(w, "t04", {
    lab: "lab-b",
    model: "alpha",
    score: 70,
    reasoning: "clean prose about a fox",
  });
  await addTranscript(w, "t05", { verdict: "NEEDS_HUMAN" });
  const second = await publishSet(w.deps);
  const api = createPublicApi({ metadata: w.metadata, blobs: w.blobs, buckets });
  return { w, api, first: first.setId!, second: second.setId! };
}

const body = (r: { body: string }) => JSON.parse(r.body);

describe("public API", () => {
  it("lists sets newest first with cursor pagination, short-cached, with CORS", async () => {
    const { api, first, second } = await published();
    const r = await api(get("/api/sets"));
    expect(r.status).toBe(200);
    expect(r.headers["access-control-allow-origin"]).toBe("*");
    expect(r.headers["cache-control"]).toBe("public, max-age=60");
    expect(body(r).items.map((s: { setId: string }) => s.setId)).toEqual([second, first]);
    expect(body(r).items[0]).toMatchObject({ count: 4, previous: first, withdrawn: 0 });
    const p1 = await api(get("/api/sets", { limit: "1" }));
    expect(body(p1).items.map((s: { setId: string }) => s.setId)).toEqual([second]);
    const p2 = await api(get("/api/sets", { limit: "1", cursor: body(p1).cursor }));
    expect(body(p2).items.map((s: { setId: string }) => s.setId)).toEqual([first]);
    expect(body(p2).cursor).toBeUndefined();
    expect((await api(get("/api/sets", { limit: "0" }))).status).toBe(400);
    // A cursor no page handed out is an error, as for /api/search, not a silent first page.
    for (const cursor of ["garbage", "!!", "MA"]) {
      const bad = await api(get("/api/sets", { cursor }));
      expect(bad.status, cursor).toBe(400);
      expect(body(bad).error.code, cursor).toBe("invalid_cursor");
    }
  });

  it("serves a set's manifest byte for byte, long-cached; 404 for unknown sets", async () => {
    const { w, api, first } = await published();
    const r = await api(get(`/api/sets/${first}`));
    expect(r.status).toBe(200);
    expect(r.headers["cache-control"]).toContain("immutable");
    expect(r.body).toBe(
      new TextDecoder().decode(await w.blobs.get(buckets.public, `sets/${first}/manifest.json`)),
    );
    expect(body(r).setId).toBe(first);
    expect((await api(get("/api/sets/0000000000aaaaaaaaaa"))).status).toBe(404);
    const bad = await api(get("/api/sets/..%2Flatest.json"));
    expect(bad.status).toBe(404);
    expect(body(bad).error.code).toBe("not_found");
    expect(bad.headers["cache-control"]).toBe("no-store");
  });

  it("serves published transcripts; 404 for unpublished, 410 once withdrawn", async () => {
    const { w, api } = await published();
    const r = await api(get("/api/transcripts/t04"));
    expect(r.status).toBe(200);
    expect(body(r)).toMatchObject({ id: "t04", lab: "lab-b", model: { id: "alpha" } });
    expect(r.headers["cache-control"]).toBe("public, max-age=300");
    expect((await api(get("/api/transcripts/t05"))).status).toBe(404);
    expect((await api(get("/api/transcripts/nope"))).status).toBe(404);
    expect((await api(get("/api/transcripts/..%2F..%2Flatest"))).status).toBe(404);
    expect((await api(get("/api/transcripts/%E0%A4%A"))).status).toBe(404);
    await withdraw(w.deps, "t04", "asked", "reviewer:r");
    const gone = await api(get("/api/transcripts/t04"));
    expect(gone.status).toBe(410);
    expect(body(gone).error.code).toBe("withdrawn");
  });

  it("searches by model, lab, score range and words in the reasoning, with pagination", async () => {
    const { api, first } = await published();
    const ids = async (q: Record<string, string>) =>
      body(await api(get("/api/search", q))).items.map((i: { id: string }) => i.id);
    expect(await ids({})).toEqual(["t01", "t02", "t03", "t04"]);
    expect(await ids({ model: "beta" })).toEqual(["t02", "t03"]);
    expect(await ids({ lab: "lab-a" })).toEqual(["t01", "t03"]);
    expect(await ids({ minScore: "40", maxScore: "80" })).toEqual(["t02", "t04"]);
    expect(await ids({ q: "FOX" })).toEqual(["t01", "t02", "t04"]);
    expect(await ids({ q: "fox prime" })).toEqual(["t01"]);
    expect(await ids({ q: "语言" })).toEqual(["t03"]);
    expect(await ids({ q: "question" })).toEqual([]); // user text is not reasoning
    expect(await ids({ setId: first })).toEqual(["t01", "t02", "t03"]);
    const hit = body(await api(get("/api/search", { q: "glorp" }))).items[0];
    expect(hit).toMatchObject({ id: "t02", lab: "lab-b", model: "beta", legibility: 40, verdict: "PASS" });
    expect(hit.snippet).toContain("glorp");
    // Snippets quote the reasoning as written, not its case-folded search form.
    const fox = body(await api(get("/api/search", { q: "quick" }))).items[0];
    expect(fox.snippet).toBe("The Quick brown fox considers prime numbers");
    expect(hit.setId).toMatch(/^[0-9a-f]{20}$/);

    const p1 = body(await api(get("/api/search", { limit: "3" })));
    expect(p1.items).toHaveLength(3);
    expect(p1.total).toBe(4);
    const p2 = body(await api(get("/api/search", { limit: "3", cursor: p1.cursor })));
    expect(p2.items.map((i: { id: string }) => i.id)).toEqual(["t04"]);
    expect(p2.cursor).toBeUndefined();

    expect((await api(get("/api/search", { minScore: "abc" }))).status).toBe(400);
    expect((await api(get("/api/search", { maxScore: "101" }))).status).toBe(400);
    expect((await api(get("/api/search", { cursor: "!!" }))).status).toBe(400);
    expect((await api(get("/api/search", { setId: "nope" }))).status).toBe(404);
  });

  it("returns an empty search before anything is published", async () => {
    const w = world();
    const api = createPublicApi({ metadata: w.metadata, blobs: w.blobs, buckets });
    expect(body(await api(get("/api/search")))).toEqual({ items: [] });
    expect(body(await api(get("/api/sets")))).toEqual({ items: [] });
  });

  it("is read-only: other methods get 405, OPTIONS a CORS preflight, HEAD no body", async () => {
    const { api } = await published();
    for (const m of ["POST", "PUT", "DELETE", "PATCH"]) {
      const r = await api(get("/api/sets", {}, m));
      expect(r.status).toBe(405);
      expect(r.headers.allow).toBe("GET, HEAD, OPTIONS");
      expect(r.headers["access-control-allow-origin"]).toBe("*");
    }
    const pre = await api(get("/api/sets", {}, "OPTIONS"));
    expect(pre.status).toBe(204);
    expect(pre.headers["access-control-allow-methods"]).toContain("GET");
    const head = await api(get("/api/sets", {}, "HEAD"));
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  it("answers 404 for unknown routes and serves an OpenAPI document covering every route", async () => {
    const { api } = await published();
    expect((await api(get("/api/nope"))).status).toBe(404);
    const doc = body(await api(get("/api/openapi.json")));
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/api/openapi.json",
        "/api/search",
        "/api/sets",
        "/api/sets/{setId}",
        "/api/sets/{setId}/{file}",
        "/api/transcripts/{id}",
      ].sort(),
    );
  });
});
