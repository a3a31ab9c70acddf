/**
 * `cotshare verify` as a reader runs it: on a copy of the public bucket written to disk, on one
 * set's folder (with and without --root), over HTTP from a loopback server, and after tampering.
 * The sets are published by the real publishing service with a freshly generated key.
 */
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main";
import { startLocal, type LocalRuntime } from "../../local/index";
import { ephemeralSigner } from "../../lambdas/adapters/signer-local";
import { keyIdOf } from "../../lambdas/core/provenance";
import { publishSet } from "../../lambdas/service/publish";
import { addTranscript, buckets, world } from "../service/fixtures";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "cotshare.js");

let tmp: string;
let bucket: string;
let set1: string;
let set2: string;
let keyId: string;
let server: Server;
let baseUrl: string;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((c) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((c) => ((err += String(c)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** A fresh copy of the bucket folder to tamper with. */
function copy(): string {
  const d = mkdtempSync(join(tmp, "copy-"));
  cpSync(bucket, d, { recursive: true });
  return d;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "cotshare-verify-"));
  bucket = join(tmp, "bucket");
  const w = world();
  const signer = ephemeralSigner();
  w.deps.signer = signer;
  keyId = keyIdOf(await signer.publicKeyPem())!;
  await addTranscript(w, "t01");
  await addTranscript(w, "t02");
  set1 = (await publishSet(w.deps)).setId!;
  await addTranscript(w, "t03");
  set2 = (await publishSet(w.deps)).setId!;
  for await (const o of w.blobs.list(buckets.public, "")) {
    const file = join(bucket, ...o.key.split("/"));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, (await w.blobs.get(buckets.public, o.key))!);
  }
  // A static server over the bucket folder, as CloudFront serves the public bucket.
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = resolve(bucket, "." + path);
    try {
      if (!file.startsWith(resolve(bucket) + sep)) throw new Error("outside");
      const body = readFileSync(file);
      res.writeHead(200).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise<void>((r) => server?.close(() => r()));
  rmSync(tmp, { recursive: true, force: true });
});

describe("cotshare verify", () => {
  it("verifies the newest set of a bucket copy, from the command line (exit 0)", () => {
    const r = spawnSync(process.execPath, [BIN, "verify", bucket], { encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`set ${set2} (`);
    expect(r.stdout).toMatch(/ok {4}files {6}\d+ files match manifest\.json/);
    expect(r.stdout).toContain(`ok    signature  ES256 signature by key ${keyId} verifies`);
    expect(r.stdout).toContain("ok    log        3 entries, chain intact; set recorded at line 3");
    expect(r.stdout).toContain(`VERIFIED: set ${set2} is intact, signed by key ${keyId}`);
  });

  it("verifies an older set, every set, and with a pinned key", async () => {
    expect((await run(["verify", bucket, "--set", set1])).code).toBe(0);
    const all = await run(["verify", bucket, "--all", "--json", "--trust", keyId]);
    expect(all.code).toBe(0);
    const verdicts = all.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { setId: string; ok: boolean });
    expect(verdicts.map((v) => [v.setId, v.ok])).toEqual([
      [set1, true],
      [set2, true],
    ]);
    const other = "0".repeat(32);
    const pinned = await run(["verify", bucket, "--trust", other]);
    expect(pinned.code).toBe(1);
    expect(pinned.out).toContain(
      `NOT VERIFIED: manifest.sig: signed by key ${keyId}, which is not among the trusted keys`,
    );
  });

  it("verifies a set's own folder, finding the root itself or from --root", async () => {
    const setDir = join(bucket, "sets", set1);
    expect((await run(["verify", setDir])).code).toBe(0);
    // Moved out of the bucket copy: it needs --root.
    const alone = join(tmp, "alone", set1);
    cpSync(setDir, alone, { recursive: true });
    const noRoot = await run(["verify", alone]);
    expect(noRoot.code).toBe(1);
    expect(noRoot.err).toMatch(/is a set's folder: give --root <folder> holding keys\/ and log\.jsonl/);
    const r = await run(["verify", alone, "--root", bucket]);
    expect([r.code, r.out]).toEqual([0, expect.stringContaining(`VERIFIED: set ${set1}`)]);
  });

  it("verifies over HTTP: the site's base URL, a set URL, a viewer link", async () => {
    const base = await run(["verify", baseUrl]);
    expect([base.code, base.err]).toEqual([0, ""]);
    expect(base.out).toContain(`VERIFIED: set ${set2}`);
    expect((await run(["verify", `${baseUrl}sets/${set1}/manifest.json`])).out).toContain(
      `VERIFIED: set ${set1}`,
    );
    expect((await run(["verify", `${baseUrl}#/sets/${set1}`])).out).toContain(`VERIFIED: set ${set1}`);
  });

  it("fails (exit 1) with the reason when a file was changed", async () => {
    const d = copy();
    const file = join(d, "sets", set2, "transcripts", "t01.json");
    const body = readFileSync(file);
    body[body.indexOf("concludes")] = "C".charCodeAt(0);
    writeFileSync(file, body);
    const r = await run(["verify", d]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("FAIL  files      transcripts/t01.json: sha256 does not match the manifest");
    expect(r.out).toContain("ok    signature");
    expect(r.out).toContain(
      "NOT VERIFIED: transcripts/t01.json: sha256 does not match the manifest (the file was changed)",
    );
  });

  it("fails with the reason when the log lost an entry", async () => {
    const d = copy();
    const log = join(d, "log.jsonl");
    const lines = readFileSync(log, "utf8").trim().split("\n");
    writeFileSync(log, [lines[0], lines[2]].join("\n") + "\n");
    const r = await run(["verify", d]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("FAIL  log        log.jsonl line 2: prev is not the sha256 of line 1");
    expect(r.out).toContain("(and 1 more)");
  });

  it("usage errors exit 1", async () => {
    expect((await run(["verify", join(tmp, "nowhere")])).err).toMatch(/no such folder/);
    expect((await run(["verify", bucket, "--set", "nope"])).code).toBe(1);
    expect((await run(["verify", bucket, "--trust", "abc"])).code).toBe(1);
    expect((await run(["verify", bucket, "--all", "--set", set1])).code).toBe(1);
    const unreachable = await run(["verify", "http://127.0.0.1:1/"]);
    expect([unreachable.code, unreachable.err]).toEqual([1, expect.stringMatching(/cannot be reached/)]);
  });
});

describe("cotshare verify on sets from the local stack (npm start)", () => {
  let rt: LocalRuntime | undefined;
  let dataDir: string;
  afterAll(async () => {
    await rt?.stop();
  });

  it("publishes signed sets, serves keys/ and log.jsonl, and verifies them over HTTP, also after a takedown", async () => {
    dataDir = mkdtempSync(join(tmp, "local-"));
    rt = await startLocal({ dataDir, s3Port: 0, httpPort: 0, demo: true, quiet: true, log: () => undefined });
    await rt.waitForIdle();
    const published = (await rt.publishNow()) as { setId: string };
    const key = readFileSync(join(dataDir, "signing-key.pem"), "utf8");
    expect(key).toContain("BEGIN PRIVATE KEY");

    const first = await run(["verify", rt.httpUrl]);
    expect([first.code, first.err]).toEqual([0, ""]);
    expect(first.out).toContain(`VERIFIED: set ${published.setId}`);
    const log = await fetch(`${rt.httpUrl}/log.jsonl`);
    expect([log.status, log.headers.get("content-type")]).toEqual([
      200,
      "application/x-ndjson; charset=utf-8",
    ]);
    const localKeyId = /signed by key ([0-9a-f]{32})/.exec(first.out)![1]!;
    const pem = await fetch(`${rt.httpUrl}/keys/${localKeyId}.pem`);
    expect(await pem.text()).toContain("BEGIN PUBLIC KEY");
    expect((await fetch(`${rt.httpUrl}/keys/../review-token`)).status).toBe(404);

    // A takedown through the review API: a new version and a revision, both signed and logged.
    const manifest = (await (await fetch(`${rt.httpUrl}/sets/${published.setId}/manifest.json`)).json()) as {
      transcripts: { id: string }[];
    };
    const victim = manifest.transcripts[0]!.id;
    const res = await fetch(`${rt.httpUrl}/review/transcripts/${victim}/decision`, {
      method: "POST",
      headers: { authorization: `Bearer ${rt.token}`, "content-type": "application/json" },
      body: JSON.stringify({ decision: "withdraw", reason: "consent: the lab withdrew it" }),
    });
    expect(res.status).toBe(200);
    const all = await run(["verify", rt.httpUrl, "--all", "--trust", localKeyId, "--json"]);
    const verdicts = all.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { ok: boolean; failures: string[] });
    expect(verdicts.length).toBe(2);
    expect(verdicts.flatMap((v) => v.failures)).toEqual([]);
    expect(all.code).toBe(0);
    const logText = await (await fetch(`${rt.httpUrl}/log.jsonl`)).text();
    expect(logText).toContain(`{"category":"consent","id":"${victim}"}`);
    expect(logText).not.toContain("the lab withdrew it");

    // A restart keeps the key: nothing new is introduced in the log.
    await rt.stop();
    rt = await startLocal({ dataDir, s3Port: 0, httpPort: 0, quiet: true, log: () => undefined });
    expect(readFileSync(join(dataDir, "signing-key.pem"), "utf8")).toBe(key);
    expect((await run(["verify", rt.httpUrl, "--trust", localKeyId])).code).toBe(0);
  }, 120_000);
});
