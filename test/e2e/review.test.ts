/**
 * End to end through the review API: a transcript the review flags NEEDS_HUMAN (opaque reasoning)
 * is listed for reviewers, approved with the bearer token, and then published and served.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocal, type LocalRuntime } from "../../local/index";
import { BUCKETS, intakeKey } from "../../lambdas/core/names";
import { metadata, sdkPut } from "./helpers";

const LAB = "review-lab";
let dir: string;
let rt: LocalRuntime;

const opaque = JSON.stringify({
  model: "demo-reasoner-7",
  max_tokens: 1024,
  messages: [
    { role: "user", content: "What is the capital of Portugal?" },
    {
      role: "assistant",
      content: [
        { type: "redacted_thinking", data: "b3BhcXVlLXJlYXNvbmluZy1ibG9i" },
        { type: "text", text: "The capital of Portugal is Lisbon." },
      ],
    },
  ],
});

/** `token: null` sends no Authorization header. */
async function call(method: string, path: string, body?: unknown, token: string | null = rt.token) {
  const res = await fetch(rt.httpUrl + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cotshare-review-"));
  rt = await startLocal({
    dataDir: join(dir, "data"),
    s3Port: 0,
    httpPort: 0,
    quiet: true,
    log: () => undefined,
  });
  // The lab consents through the admin API, as an operator would.
  const put = await call("PUT", `/admin/labs/${LAB}/policy`, { denyTerms: [], autoPublish: true });
  expect(put.status).toBe(200);
  await sdkPut(rt.s3Url, BUCKETS.intake, intakeKey(LAB, "opaque.json"), opaque);
  await rt.waitForIdle();
}, 60_000);

afterAll(async () => {
  await rt?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("review through the API", () => {
  it("refuses the review API without the token", async () => {
    expect((await call("GET", "/review/transcripts", undefined, null)).status).toBe(401);
    expect((await call("GET", "/review/transcripts", undefined, "wrong")).status).toBe(401);
    expect((await call("POST", "/admin/publish", undefined, "wrong")).status).toBe(401);
  });

  it("approves a NEEDS_HUMAN transcript, which is then published", async () => {
    const list = await call("GET", `/review/transcripts?lab=${LAB}`);
    expect(list.status).toBe(200);
    const items = list.body!.items as { id: string; status: string; verdict?: string }[];
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item.verdict).toBe("NEEDS_HUMAN");
    expect(item.status).toBe("accepted");

    // Not publishable before a human says so.
    const before = (await rt.publishNow()) as { published: boolean };
    expect(before.published).toBe(false);

    const decided = await call("POST", `/review/transcripts/${item.id}/decision`, {
      decision: "approve",
      reason: "opaque reasoning is acceptable for this sample",
    });
    expect(decided.status).toBe(200);
    const store = metadata(rt.dynamoUrl);
    expect((await store.getTranscript(item.id))?.status).toBe("approved");
    const audit = await store.listAudit(item.id);
    expect(audit.map((e) => e.to)).toEqual(["accepted", "approved"]);
    expect(audit[1]?.actor).toContain("reviewer");

    const published = await call("POST", "/admin/publish");
    expect(published.status).toBe(200);
    expect(published.body!.published).toBe(true);
    const setId = published.body!.setId as string;
    const manifest = await call("GET", `/api/sets/${setId}`, undefined, null);
    expect((manifest.body!.transcripts as { id: string }[]).map((t) => t.id)).toEqual([item.id]);
    const doc = await call("GET", `/api/transcripts/${item.id}`, undefined, null);
    expect(doc.status).toBe(200);
    expect((await store.getTranscript(item.id))?.status).toBe("published");
  });
});
