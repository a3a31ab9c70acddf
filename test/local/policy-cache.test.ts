/**
 * Lab policies are cached by the local runtime (no S3 read per object), and a policy written to the
 * staging bucket — through the review API, `putPolicy` or any S3 client — takes effect for the
 * next object at once; a deleted policy is forgotten at once too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteObjectCommand, DeleteObjectsCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { startLocal, type LocalRuntime } from "../../local/index";
import { s3Client } from "../../lambdas/adapters/s3";
import { BlobLabConfig } from "../../lambdas/adapters/lab-config";
import { MemoryBlobStore } from "../../lambdas/adapters/memory";
import { BUCKETS, labPolicyKey } from "../../lambdas/core/names";
import type { LabPolicy } from "../../lambdas/core/lab-policy";
import type { Pipeline } from "../../lambdas/service/ingest";
import { fakePipeline } from "./fake-pipeline";

const master = async () => new TextEncoder().encode("m".repeat(64));

/** A blob store that counts reads and can hold one read until released. */
class CountingBlobs extends MemoryBlobStore {
  gets = 0;
  hold?: Promise<void>;
  override async get(bucket: string, key: string) {
    this.gets++;
    const bytes = await super.get(bucket, key);
    if (this.hold) await this.hold;
    return bytes;
  }
}

describe("BlobLabConfig cache", () => {
  it("with cacheMs Infinity reads a policy once, and again after invalidate", async () => {
    const blobs = new CountingBlobs();
    const labs = new BlobLabConfig({ blobs, bucket: "b", master, cacheMs: Number.POSITIVE_INFINITY });
    await blobs.put("b", labPolicyKey("lab-a"), JSON.stringify({ denyTerms: ["alpha"] }));
    expect((await labs.policy("lab-a"))?.denyTerms).toEqual(["alpha"]);
    expect((await labs.policy("lab-a"))?.denyTerms).toEqual(["alpha"]);
    expect(blobs.gets).toBe(1);
    await blobs.put("b", labPolicyKey("lab-a"), JSON.stringify({ denyTerms: ["beta"] }));
    labs.invalidate("lab-a");
    expect((await labs.policy("lab-a"))?.denyTerms).toEqual(["beta"]);
    expect(blobs.gets).toBe(2);
  });

  it("does not cache a read that was in flight when the policy changed", async () => {
    const blobs = new CountingBlobs();
    const labs = new BlobLabConfig({ blobs, bucket: "b", master, cacheMs: Number.POSITIVE_INFINITY });
    await blobs.put("b", labPolicyKey("lab-a"), JSON.stringify({ denyTerms: ["old"] }));
    let release!: () => void;
    blobs.hold = new Promise((r) => (release = r));
    const stale = labs.policy("lab-a");
    await new Promise((r) => setTimeout(r, 5));
    // The policy is replaced while the read above is still in flight.
    await blobs.put("b", labPolicyKey("lab-a"), JSON.stringify({ denyTerms: ["new"] }));
    labs.invalidate("lab-a");
    release();
    blobs.hold = undefined;
    expect((await stale)?.denyTerms).toEqual(["old"]);
    expect((await labs.policy("lab-a"))?.denyTerms).toEqual(["new"]);
  });
});

describe("local runtime: lab policy changes", () => {
  let dir: string;
  let rt: LocalRuntime | undefined;
  const seen = new Map<string, LabPolicy | undefined>();
  const recording: Pipeline = (source, bytes, opts) => {
    seen.set(source, opts.policy);
    return fakePipeline(source, bytes, opts);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cotshare-policy-"));
    rt = await startLocal({
      dataDir: dir,
      s3Port: 0,
      httpPort: 0,
      pipeline: recording,
      policies: { "lab-p": { denyTerms: ["first"], allowTerms: [], internalDomains: [] } },
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await rt?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function ingest(name: string): Promise<LabPolicy | undefined> {
    const c = s3Client({ endpoint: rt!.s3Url });
    const key = `incoming/lab-p/${name}.json`;
    await c.send(
      new PutObjectCommand({ Bucket: BUCKETS.intake, Key: key, Body: JSON.stringify({ id: name }) }),
    );
    c.destroy();
    await rt!.waitForIdle();
    expect(seen.has(key)).toBe(true);
    return seen.get(key);
  }

  it("applies a policy PUT through the review API, an S3 client or a delete to the very next object", async () => {
    expect((await ingest("a1"))?.denyTerms).toEqual(["first"]);
    expect((await ingest("a2"))?.denyTerms).toEqual(["first"]);

    const res = await fetch(`${rt!.httpUrl}/admin/labs/lab-p/policy`, {
      method: "PUT",
      headers: { authorization: `Bearer ${rt!.token}`, "content-type": "application/json" },
      body: JSON.stringify({ denyTerms: ["second"] }),
    });
    expect(res.status).toBe(200);
    expect((await ingest("b1"))?.denyTerms).toEqual(["second"]);

    const c = s3Client({ endpoint: rt!.s3Url });
    await c.send(
      new PutObjectCommand({
        Bucket: BUCKETS.staging,
        Key: labPolicyKey("lab-p"),
        Body: JSON.stringify({ denyTerms: ["third"] }),
      }),
    );
    expect((await ingest("c1"))?.denyTerms).toEqual(["third"]);

    await c.send(new DeleteObjectCommand({ Bucket: BUCKETS.staging, Key: labPolicyKey("lab-p") }));
    expect(await ingest("d1")).toBeUndefined();

    // A multi-object delete (what `aws s3 rm --recursive` sends) is forgotten at once too.
    await c.send(
      new PutObjectCommand({
        Bucket: BUCKETS.staging,
        Key: labPolicyKey("lab-p"),
        Body: JSON.stringify({ denyTerms: ["fourth"] }),
      }),
    );
    expect((await ingest("e1"))?.denyTerms).toEqual(["fourth"]);
    await c.send(
      new DeleteObjectsCommand({
        Bucket: BUCKETS.staging,
        Delete: { Objects: [{ Key: labPolicyKey("lab-p") }] },
      }),
    );
    c.destroy();
    expect(await ingest("e2")).toBeUndefined();
  });
});
