/**
 * The S3 adapter's compare-and-swap (`putIfUnchanged`, used for `log.jsonl`): the conditional
 * headers it sends and how it reads S3's refusals. S3's 412 and 409 answers come from a mock
 * client (s3rver does not check write conditions); the happy path runs against s3rver through the
 * real SDK, which must accept the headers.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3BlobStore, s3Client } from "../../lambdas/adapters/s3";
import { BUCKETS } from "../../lambdas/core/names";
import { startS3, type RunningS3 } from "../../local/emulators";

const dec = new TextDecoder();

function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({
    name,
    $fault: "client",
    $metadata: { httpStatusCode: status },
    message: name,
  });
}

describe("S3BlobStore.putIfUnchanged (mocked S3 answers)", () => {
  const mock = mockClient(S3Client);
  afterAll(() => mock.restore());

  it("sends If-Match with the quoted ETag read, or If-None-Match: * for an object read as absent", async () => {
    mock.reset();
    mock.on(PutObjectCommand).resolves({});
    const blobs = new S3BlobStore(new S3Client({ region: "eu-west-1" }));
    expect(await blobs.putIfUnchanged("b", "log.jsonl", "x\n", "application/x-ndjson", "abc123")).toBe(true);
    expect(await blobs.putIfUnchanged("b", "log.jsonl", "y\n", undefined, null)).toBe(true);
    const inputs = mock.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(inputs[0]).toMatchObject({ Bucket: "b", Key: "log.jsonl", IfMatch: '"abc123"' });
    expect(inputs[0]!.IfNoneMatch).toBeUndefined();
    expect(inputs[1]).toMatchObject({ IfNoneMatch: "*" });
    expect(inputs[1]!.IfMatch).toBeUndefined();
  });

  it("reads 412 PreconditionFailed and 409 ConditionalRequestConflict as 'changed meanwhile', and rethrows the rest", async () => {
    const blobs = new S3BlobStore(new S3Client({ region: "eu-west-1" }));
    for (const [name, status] of [
      ["PreconditionFailed", 412],
      ["ConditionalRequestConflict", 409],
    ] as const) {
      mock.reset();
      mock.on(PutObjectCommand).rejects(s3Error(name, status));
      expect(await blobs.putIfUnchanged("b", "log.jsonl", "x", undefined, "e"), name).toBe(false);
    }
    mock.reset();
    mock.on(PutObjectCommand).rejects(s3Error("AccessDenied", 403));
    await expect(blobs.putIfUnchanged("b", "log.jsonl", "x", undefined, "e")).rejects.toMatchObject({
      name: "AccessDenied",
    });
  });
});

describe("S3BlobStore.getTagged / putIfUnchanged against s3rver", () => {
  let dir: string;
  let s3: RunningS3;
  let blobs: S3BlobStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "cotshare-s3c-"));
    s3 = await startS3(dir, 0);
    blobs = new S3BlobStore(s3Client({ endpoint: s3.url }));
  });
  afterAll(async () => {
    blobs?.client.destroy();
    await s3?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("creates, then replaces the version read, through the real SDK", async () => {
    const key = "cas/log.jsonl";
    expect(await blobs.getTagged(BUCKETS.public, key)).toBeUndefined();
    expect(await blobs.putIfUnchanged(BUCKETS.public, key, "a\n", "application/x-ndjson", null)).toBe(true);
    const first = await blobs.getTagged(BUCKETS.public, key);
    expect(first && dec.decode(first.bytes)).toBe("a\n");
    expect(first?.etag).toMatch(/^[0-9a-f]{32}$/);
    expect(await blobs.putIfUnchanged(BUCKETS.public, key, "a\nb\n", undefined, first!.etag!)).toBe(true);
    const second = await blobs.getTagged(BUCKETS.public, key);
    expect(second && dec.decode(second.bytes)).toBe("a\nb\n");
    expect(second?.etag).not.toBe(first?.etag);
  });
});
