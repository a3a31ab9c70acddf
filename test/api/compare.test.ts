/** The public API serves a set's model comparison (issue 10): stats.json and models.svg. */
import { describe, expect, it } from "vitest";
import { createPublicApi } from "../../lambdas/api/public";
import type { ApiRequest } from "../../lambdas/api/http";
import { publishSet } from "../../lambdas/service/publish";
import { addTranscript, buckets, text, world } from "../service/fixtures";

const get = (path: string): ApiRequest => ({ method: "GET", path, query: {}, headers: {} });

describe("GET /api/sets/<setId>/stats.json and models.svg", () => {
  it("serves the files the set stored, byte for byte; 404 otherwise", async () => {
    const w = world();
    await addTranscript(w, "t01", { model: "alpha", score: 90 });
    await addTranscript(w, "t02", { model: "beta", score: 30 });
    await addTranscript(w, "t03", { model: "beta", score: 60 });
    const { setId } = await publishSet(w.deps);
    const api = createPublicApi({ metadata: w.metadata, blobs: w.blobs, buckets });

    const stats = await api(get(`/api/sets/${setId}/stats.json`));
    expect(stats.status).toBe(200);
    expect(stats.headers["content-type"]).toMatch(/^application\/json/);
    expect(stats.headers["cache-control"]).toContain("immutable");
    expect(stats.body).toBe(text(w, buckets.public, `sets/${setId}/stats.json`));
    const parsed = JSON.parse(stats.body);
    expect(parsed.schema).toBe("cotshare/stats@1");
    expect(parsed.models.map((m: { model: string; count: number }) => [m.model, m.count])).toEqual([
      ["alpha", 1],
      ["beta", 2],
    ]);

    const svg = await api(get(`/api/sets/${setId}/models.svg`));
    expect(svg.status).toBe(200);
    expect(svg.headers["content-type"]).toMatch(/^image\/svg\+xml/);
    expect(svg.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(svg.body).toContain('href="#/transcripts/t02"');

    expect((await api(get("/api/sets/0000000000aaaaaaaaaa/stats.json"))).status).toBe(404);
    expect((await api(get(`/api/sets/${setId}/data.jsonl`))).status).toBe(404);
    expect((await api(get(`/api/sets/..%2F/stats.json`))).status).toBe(404);
  });
});
