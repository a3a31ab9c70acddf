/**
 * The two embedded AWS emulators behind `cotshare start`: s3rver (S3) and dynalite (DynamoDB), on
 * loopback, persistent under the data folder, with the buckets and tables the cloud stack creates
 * (both from `core/names.ts`).
 */
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import S3rver from "s3rver";
import dynalite from "dynalite";
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException } from "@aws-sdk/client-dynamodb";
import { BUCKETS } from "../lambdas/core/names";
import { TABLE_DEFINITIONS, dynamoClient } from "../lambdas/adapters/dynamodb";

export const LOOPBACK = "127.0.0.1";

/**
 * CONTRACT.md promises "any access key" locally; s3rver knows one dummy key pair. Unknown key ids
 * resolve to its dummy account (s3rver does not check v4 signatures at all).
 */
function acceptAnyAccessKey() {
  const require = createRequire(import.meta.url);
  const Account = require("s3rver/lib/models/account.js") as {
    registry: Map<string, unknown>;
    DUMMY_ACCOUNT: unknown;
  };
  const registry = Account.registry as Map<string, unknown> & { anyKey?: boolean };
  if (registry.anyKey) return;
  const get = registry.get.bind(registry);
  registry.get = (id: string) => get(id) ?? Account.DUMMY_ACCOUNT;
  registry.anyKey = true;
}

export interface RunningS3 {
  url: string;
  server: S3rver;
  stop(): Promise<void>;
}

/** s3rver on 127.0.0.1:`port` (0 = ephemeral), objects under `dir`, the three buckets created. */
export async function startS3(dir: string, port = 0): Promise<RunningS3> {
  await mkdir(dir, { recursive: true });
  acceptAnyAccessKey();
  const server = new S3rver({
    address: LOOPBACK,
    port,
    directory: dir,
    silent: true,
    // Lab clients sign with their own (any) keys; locally they are not checked.
    allowMismatchedSignatures: true,
    configureBuckets: Object.values(BUCKETS).map((name) => ({ name })),
  });
  const addr = await server.run();
  let stopped = false;
  return {
    url: `http://${LOOPBACK}:${addr.port}`,
    server,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
    },
  };
}

export interface RunningDynamo {
  url: string;
  stop(): Promise<void>;
}

/** dynalite on 127.0.0.1:`port` (0 = ephemeral), LevelDB under `dir` (undefined: in memory), tables created. */
export async function startDynamo(dir: string | undefined, port = 0): Promise<RunningDynamo> {
  if (dir) await mkdir(dir, { recursive: true });
  const server = dynalite({
    ...(dir ? { path: dir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, LOOPBACK, () => resolve());
  });
  const url = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`;
  await ensureTables(url);
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Creates every table that does not exist yet (a restart finds them in place). */
export async function ensureTables(endpoint: string): Promise<void> {
  const client = dynamoClient({ endpoint });
  try {
    for (const def of TABLE_DEFINITIONS) {
      try {
        await client.send(new CreateTableCommand(def));
      } catch (e) {
        if (!(e instanceof ResourceInUseException) && (e as Error)?.name !== "ResourceInUseException")
          throw e;
      }
      // createTableMs is 0, but wait for ACTIVE all the same rather than trust timing.
      for (let i = 0; i < 50; i++) {
        const d = await client.send(new DescribeTableCommand({ TableName: def.TableName }));
        if (d.Table?.TableStatus === "ACTIVE") break;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  } finally {
    client.destroy();
  }
}

export const dataPaths = (dataDir: string) => ({
  s3: join(dataDir, "s3"),
  dynamo: join(dataDir, "dynamodb"),
  token: join(dataDir, "review-token"),
  hmacKey: join(dataDir, "hmac-key"),
  policies: join(dataDir, "policies"),
  deadLetter: join(dataDir, "dead-letter.jsonl"),
  lock: join(dataDir, "cotshare.pid"),
});
