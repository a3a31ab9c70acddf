/**
 * The viewer's provenance badge (web/verify.js). First its checks alone, with Node's WebCrypto
 * (the same `crypto.subtle` API the browser has) over sets published by the real publishing
 * service and then tampered with; then in chromium against the local stack: "verified" on a set
 * from the demo, "not verified (reason)" after a published file is changed in the bucket.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ephemeralSigner } from "../../lambdas/adapters/signer-local";
import { S3BlobStore, s3Client } from "../../lambdas/adapters/s3";
import { BUCKETS, PUBLICATION_LOG_KEY } from "../../lambdas/core/names";
import { keyIdOf, manifestMessage } from "../../lambdas/core/provenance";
import { publishSet } from "../../lambdas/service/publish";
import { startLocal, type LocalRuntime } from "../../local/index";
import { addTranscript, buckets, world } from "../service/fixtures";
import { axeProblems, go, launch } from "./browser";

type Result = { ok: boolean; reason?: string; keyId?: string; files?: number; entries?: number };
type Verify = (setId: string, read: (p: string) => Promise<Uint8Array | undefined>) => Promise<Result>;

let verify: Verify;
const dec = new TextDecoder();
const enc = new TextEncoder();

beforeAll(async () => {
  // web/verify.js reads browser globals through `window`; Node has the same ones on globalThis.
  (globalThis as { window?: unknown }).window ??= globalThis;
  const mod = (await import(
    pathToFileURL(join(import.meta.dirname, "..", "..", "web", "verify.js")).href
  )) as {
    verifySetProvenance: Verify;
  };
  verify = mod.verifySetProvenance;
});

describe("web/verify.js checks (WebCrypto)", () => {
  async function published() {
    const w = world();
    const signer = ephemeralSigner();
    w.deps.signer = signer;
    await addTranscript(w, "t01");
    await addTranscript(w, "t02");
    const set1 = (await publishSet(w.deps)).setId!;
    await addTranscript(w, "t03");
    const set2 = (await publishSet(w.deps)).setId!;
    const read = async (p: string) => w.blobs.get(buckets.public, p);
    const put = (k: string, body: string | Uint8Array) => w.blobs.put(buckets.public, k, body);
    const text = async (k: string) => dec.decode((await read(k))!);
    return { w, signer, set1, set2, read, put, text, keyId: keyIdOf(await signer.publicKeyPem())! };
  }

  it("verifies published sets, the newest and an older one", async () => {
    const p = await published();
    expect(await verify(p.set2, p.read)).toEqual({
      ok: true,
      keyId: p.keyId,
      files: expect.any(Number),
      entries: 3,
    });
    expect((await verify(p.set1, p.read)).ok).toBe(true);
  });

  it("says why when something was tampered with", async () => {
    const cases: [string, (p: Awaited<ReturnType<typeof published>>) => Promise<unknown>, string][] = [
      [
        "a changed transcript byte",
        async (p) => {
          const k = `sets/${p.set2}/transcripts/t01.json`;
          await p.put(k, (await p.text(k)).replace("concludes", "Concludes"));
        },
        "transcripts/t01.json does not match its SHA-256 in the manifest",
      ],
      [
        "a changed manifest",
        async (p) => {
          const k = `sets/${p.set2}/manifest.json`;
          await p.put(k, (await p.text(k)).replace('"CC-BY-4.0"', '"CC0-1.0"'));
        },
        "the signature does not match the manifest",
      ],
      [
        "a removed file",
        (p) => p.w.blobs.delete(buckets.public, `sets/${p.set2}/data.jsonl`),
        "data.jsonl is missing",
      ],
      [
        "a forged signature",
        async (p) => {
          const k = `sets/${p.set2}/manifest.sig`;
          const sig = JSON.parse(await p.text(k)) as { sig: string };
          const flipped = (sig.sig[10] === "A" ? "B" : "A") as string;
          await p.put(k, JSON.stringify({ ...sig, sig: sig.sig.slice(0, 10) + flipped + sig.sig.slice(11) }));
        },
        "the signature does not match the manifest",
      ],
      [
        "a signature by another key, its public key planted",
        async (p) => {
          const other = ephemeralSigner();
          const pem = await other.publicKeyPem();
          const id = keyIdOf(pem)!;
          const bytes = (await p.read(`sets/${p.set2}/manifest.json`))!;
          const raw = await other.sign(manifestMessage(bytes));
          await p.put(`keys/${id}.pem`, pem);
          await p.put(
            `sets/${p.set2}/manifest.sig`,
            JSON.stringify({ alg: "ES256", keyId: id, sig: Buffer.from(raw).toString("base64url") }),
          );
        },
        "the signing key was never introduced in the publication log",
      ],
      [
        "an unsigned set",
        (p) => p.w.blobs.delete(buckets.public, `sets/${p.set2}/manifest.sig`),
        "the set is not signed (no manifest.sig)",
      ],
      [
        "a rewritten log entry",
        async (p) => {
          const lines = (await p.text(PUBLICATION_LOG_KEY)).trim().split("\n");
          lines[1] = lines[1]!.replace('"withdrawn":[]', '"withdrawn":[{"category":"other","id":"t09"}]');
          await p.put(PUBLICATION_LOG_KEY, lines.join("\n") + "\n");
        },
        "log.jsonl line 2 has a signature that does not verify",
      ],
      [
        "a removed log entry",
        async (p) => {
          const lines = (await p.text(PUBLICATION_LOG_KEY)).trim().split("\n");
          await p.put(PUBLICATION_LOG_KEY, [lines[0], lines[2]].join("\n") + "\n");
        },
        "log.jsonl line 2 breaks the chain (an entry was changed, removed or reordered)",
      ],
      [
        "a truncated log",
        async (p) => {
          const lines = (await p.text(PUBLICATION_LOG_KEY)).trim().split("\n");
          await p.put(PUBLICATION_LOG_KEY, lines.slice(0, 2).join("\n") + "\n");
        },
        "the set is not in the publication log",
      ],
      [
        "a log replaced by an empty one",
        (p) => p.put(PUBLICATION_LOG_KEY, enc.encode("")),
        "log.jsonl is empty",
      ],
    ];
    for (const [name, tamper, reason] of cases) {
      const p = await published();
      await tamper(p);
      expect([name, await verify(p.set2, p.read)]).toEqual([name, { ok: false, reason }]);
    }
  });

  it("keeps a rotated-away key's sets verifiable", async () => {
    const p = await published();
    p.w.deps.signer = ephemeralSigner();
    await addTranscript(p.w, "t04");
    const set3 = (await publishSet(p.w.deps)).setId!;
    expect((await verify(p.set1, p.read)).keyId).toBe(p.keyId);
    const r3 = await verify(set3, p.read);
    expect(r3.ok).toBe(true);
    expect(r3.keyId).not.toBe(p.keyId);
  });
});

describe("the badge in chromium, on the local stack", () => {
  let dataDir: string;
  let rt: LocalRuntime;
  let browser: Browser;
  let page: Page;
  let setId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "cotshare-web-verify-"));
    rt = await startLocal({ dataDir, s3Port: 0, httpPort: 0, demo: true, quiet: true, log: () => undefined });
    await rt.waitForIdle();
    setId = ((await rt.publishNow()) as { setId: string }).setId;
    browser = await launch();
    page = await (await browser.newContext()).newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await rt?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const badge = async () => {
    await page.waitForSelector('.provenance:not([data-state="checking"])');
    return {
      state: await page.getAttribute(".provenance", "data-state"),
      text: (await page.textContent(".provenance"))!.replace(/\s+/g, " ").trim(),
    };
  };

  it("shows “verified” on a published set, and the page stays accessible", async () => {
    await go(page, rt.httpUrl, `#/sets/${setId}`);
    const b = await badge();
    expect(b.state).toBe("verified");
    expect(b.text).toMatch(
      /^✔ verified — signed by key [0-9a-f]{32}; \d+ files match the manifest; recorded in the publication log \(2 entries\)\.$/,
    );
    expect(await axeProblems(page)).toEqual([]);
  }, 60_000);

  it("shows “not verified (reason)” after a published file is changed", async () => {
    const s3 = s3Client({ endpoint: rt.s3Url });
    try {
      const blobs = new S3BlobStore(s3);
      const key = `sets/${setId}/README.md`;
      const body = dec.decode((await blobs.get(BUCKETS.public, key))!);
      await blobs.put(BUCKETS.public, key, body + "\nappended by someone else\n", "text/markdown");
    } finally {
      s3.destroy();
    }
    await page.goto("about:blank");
    await go(page, rt.httpUrl, `#/sets/${setId}`);
    const b = await badge();
    expect(b).toEqual({
      state: "failed",
      text: "✘ not verified (README.md does not match its SHA-256 in the manifest).",
    });
  }, 60_000);
});
