/**
 * The local S3 emulator is read-after-write consistent, like S3: a GET right after a PUT returns
 * the whole object, even when the disk is slow (s3rver alone answers the PUT before the bytes are
 * written, so `log.jsonl` could read as empty and a publication would start a new log over it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startS3, type RunningS3 } from "../../local/emulators";
import { DeleteObjectsCommand } from "@aws-sdk/client-s3";
import { S3BlobStore, s3Client } from "../../lambdas/adapters/s3";
import { BUCKETS } from "../../lambdas/core/names";
import { slowObjectWrites } from "./slow-disk";

let dir: string;
let s3: RunningS3;
let blobs: S3BlobStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cotshare-s3-"));
  s3 = await startS3(dir, 0);
  blobs = new S3BlobStore(s3Client({ endpoint: s3.url }));
});
afterAll(async () => {
  blobs?.client.destroy();
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("local S3 emulator", () => {
  it("a GET right after a PUT returns the whole new object, on a slow disk too", async () => {
    const key = "log.jsonl";
    for (let i = 0; i < 3; i++) {
      const body = `${JSON.stringify({ seq: i, pad: "x".repeat(200 + i) })}\n`.repeat(i + 1);
      await slowObjectWrites(300, () => blobs.put(BUCKETS.public, key, body, "application/x-ndjson"));
      const got = await blobs.getObject(BUCKETS.public, key);
      expect(got && new TextDecoder().decode(got.bytes), `round ${i}`).toBe(body);
    }
    // Nothing but the object's own files is left beside it (no temporary file).
    expect((await readdir(join(dir, BUCKETS.public))).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    const listed: string[] = [];
    for await (const o of blobs.list(BUCKETS.public, "")) listed.push(o.key);
    expect(listed).toEqual([key]);
  });

  it("raises ObjectRemoved:Delete for each key of a multi-object delete, as S3 does (s3rver alone raises none)", async () => {
    const keys = ["config/lab-a/policy.json", "config/lab-b/policy.json"];
    for (const k of keys) await blobs.put(BUCKETS.staging, k, "{}", "application/json");
    const seen: { name?: string; bucket?: string; key?: string }[] = [];
    const listener = (ev: {
      Records?: { eventName?: string; s3?: { bucket?: { name?: string }; object?: { key?: string } } }[];
    }) => {
      for (const r of ev.Records ?? [])
        seen.push({ name: r.eventName, bucket: r.s3?.bucket?.name, key: r.s3?.object?.key });
    };
    s3.server.on("event", listener);
    try {
      await blobs.client.send(
        new DeleteObjectsCommand({
          Bucket: BUCKETS.staging,
          Delete: { Objects: keys.map((Key) => ({ Key })) },
        }),
      );
    } finally {
      s3.server.off("event", listener);
    }
    expect(seen).toEqual(keys.map((key) => ({ name: "ObjectRemoved:Delete", bucket: BUCKETS.staging, key })));
    for (const k of keys) expect(await blobs.get(BUCKETS.staging, k)).toBeUndefined();
  });
});
