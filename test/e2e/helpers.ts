/** Shared helpers for the end-to-end tests: real clients against a running local stack. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { s3Client } from "../../lambdas/adapters/s3";
import { DynamoMetadataStore, dynamoClient } from "../../lambdas/adapters/dynamodb";
import type { TranscriptRecord } from "../../lambdas/core/records";

export const AWS_CLI = "/usr/bin/aws";

/** `aws s3 cp <file> s3://bucket/key --endpoint-url <url>`, with dummy credentials, as a lab would. */
export async function awsCp(file: string, bucket: string, key: string, endpoint: string): Promise<void> {
  await promisify(execFile)(
    AWS_CLI,
    ["s3", "cp", file, `s3://${bucket}/${key}`, "--endpoint-url", endpoint, "--only-show-errors"],
    {
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: process.env.HOME ?? "/tmp",
        AWS_ACCESS_KEY_ID: "lab" + "key",
        AWS_SECRET_ACCESS_KEY: "lab" + "secret",
        AWS_DEFAULT_REGION: "us-east-1",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_CONFIG_FILE: "/dev/null",
        AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      },
      timeout: 30_000,
    },
  );
}

export async function sdkPut(
  endpoint: string,
  bucket: string,
  key: string,
  body: string | Uint8Array,
): Promise<void> {
  const c = s3Client({ endpoint });
  try {
    await c.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  } finally {
    c.destroy();
  }
}

/** Every object of a bucket with its text. */
export async function bucketTexts(endpoint: string, bucket: string): Promise<Map<string, string>> {
  const c = s3Client({ endpoint });
  const out = new Map<string, string>();
  try {
    let token: string | undefined;
    do {
      const page = await c.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const got = await c.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key! }));
        out.set(o.Key!, Buffer.from(await got.Body!.transformToByteArray()).toString("utf8"));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } finally {
    c.destroy();
  }
  return out;
}

export function metadata(dynamoUrl: string): DynamoMetadataStore {
  return new DynamoMetadataStore(dynamoClient({ endpoint: dynamoUrl }));
}

export async function allRecords(store: DynamoMetadataStore): Promise<TranscriptRecord[]> {
  const out: TranscriptRecord[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const p = await store.listTranscripts({ cursor, limit: 100 });
    out.push(...p.items);
    cursor = p.cursor;
  } while (cursor && ++pages < 100);
  return out;
}

/** Polls `check` every 100 ms until it returns a value, or fails after `ms`. */
export async function until<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Which of `needles` occur in `hay` (reported by index, so a failure never prints a secret). */
export function leaked(hay: string, needles: string[]): number[] {
  return needles.flatMap((n, i) => (hay.includes(n) ? [i] : []));
}
