/**
 * The two embedded AWS emulators behind `cotshare start`: s3rver (S3) and dynalite (DynamoDB), on
 * loopback, persistent under the data folder, with the buckets and tables the cloud stack creates
 * (both from `core/names.ts`).
 */
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Worker } from "node:worker_threads";
import S3rver from "s3rver";
import dynalite from "dynalite";
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
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

/** The parts of s3rver's FilesystemStore (lib/stores/filesystem.js) that `durableWrites` replaces. */
interface FilesystemStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  getBucketPath(bucket: string): string;
  getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
  putObject(object: StoreObject): Promise<{ size: number; md5: string }>;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5?: string): Promise<void>;
  copyObject(...args: unknown[]): Promise<unknown>;
  deleteObject(bucket: string, key: string): Promise<void>;
  getBucket(bucket: string): Promise<unknown>;
  putBucket(bucket: string): Promise<unknown>;
  deleteBucket(bucket: string): Promise<unknown>;
}
interface StoreObject {
  bucket: string;
  key: string;
  content: NodeJS.ReadableStream | Buffer;
  metadata: Record<string, string>;
}

/** Writes `path` whole or not at all: a temporary file beside it, then a rename over it. */
async function replaceFile(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** `replaceFile` for a small text: written and renamed synchronously (no thread-pool round trips). */
function replaceSmallFile(path: string, text: string): void {
  const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * s3rver 3.7's PUT answers before the object is on disk: `putObject` resolves on its hashing
 * stream's `finish`, while the file stream (opened with truncation) may not even be open yet. A
 * GET right after the PUT can then read the object as empty or cut short; for `log.jsonl` an
 * empty read means "no log yet", and the next publication would start a new chain over the old
 * one. S3 is read-after-write consistent, and so must the emulator be: the PUT answers once the
 * bytes are written, and an object is replaced by a rename, so a reader gets the old or the new
 * file whole, never a truncated one.
 *
 * Fewer file-system calls per request, as the store is this runtime's own: an object's stored
 * headers and MD5 (each in a small file of its own) are kept in memory once written or read, so
 * a GET reads neither file; those small files are written synchronously; folders known to exist
 * and buckets are not looked up again (forgotten on any delete).
 */
function durableWrites(store: FilesystemStore): void {
  const known = new Map<string, { stored: Record<string, unknown>; md5: string }>();
  const dirs = new Set<string>();
  const buckets = new Map<string, unknown>();
  const getMetadata = store.getMetadata.bind(store);
  const copyObject = store.copyObject.bind(store);
  const deleteObject = store.deleteObject.bind(store);
  const getBucket = store.getBucket.bind(store);
  const putBucket = store.putBucket.bind(store);
  const deleteBucket = store.deleteBucket.bind(store);

  store.putObject = async (object) => {
    const path = store.getResourcePath(object.bucket, object.key, "object");
    const dir = dirname(path);
    if (!dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      dirs.add(dir);
    }
    const md5 = createHash("md5");
    let size = 0;
    const content = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
    known.delete(path);
    await replaceFile(path, (tmp) =>
      pipeline(
        content,
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            md5.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        }),
        createWriteStream(tmp),
      ),
    );
    const digest = md5.digest("hex");
    await store.putMetadata(object.bucket, object.key, object.metadata, digest);
    return { size, md5: digest };
  };
  // The ETag and the stored headers sit in files of their own: replaced whole as well.
  const allowed = new Set(
    (createRequire(import.meta.url)("s3rver/lib/models/object.js") as { ALLOWED_METADATA: string[] })
      .ALLOWED_METADATA,
  );
  store.putMetadata = async (bucket, key, metadata, md5) => {
    const path = store.getResourcePath(bucket, key, "object");
    const stored = Object.fromEntries(
      Object.entries(metadata).filter(([k]) => allowed.has(k) || k.startsWith("x-amz-meta-")),
    );
    if (md5) replaceSmallFile(store.getResourcePath(bucket, key, "object.md5"), md5);
    replaceSmallFile(store.getResourcePath(bucket, key, "metadata.json"), JSON.stringify(stored, null, 2));
    // Without a new MD5 (a copy that replaces the headers) the MD5 file is read again when needed.
    if (md5) known.set(path, { stored, md5 });
    else known.delete(path);
  };
  // As s3rver's own: the headers, the ETag from the MD5, size and date from the object file.
  store.getMetadata = async (bucket, key) => {
    const path = store.getResourcePath(bucket, key, "object");
    const hit = known.get(path);
    if (!hit) {
      const m = await getMetadata(bucket, key);
      const { etag, "last-modified": _lm, "content-length": _cl, ...stored } = m;
      if (typeof etag === "string" && !known.has(path)) known.set(path, { stored, md5: JSON.parse(etag) });
      return m;
    }
    const st = await stat(path); // throws ENOENT for a missing object, as s3rver expects
    return {
      ...hit.stored,
      etag: JSON.stringify(hit.md5),
      "last-modified": st.mtime.toUTCString(),
      "content-length": st.size,
    };
  };
  store.copyObject = async (...args) => {
    try {
      return await copyObject(...args);
    } finally {
      known.clear();
    }
  };
  store.deleteObject = async (bucket, key) => {
    known.delete(store.getResourcePath(bucket, key, "object"));
    try {
      await deleteObject(bucket, key);
    } finally {
      dirs.clear(); // empty folders are removed
    }
  };
  store.getBucket = async (bucket) => {
    const hit = buckets.get(bucket);
    if (hit) return hit;
    const b = await getBucket(bucket);
    if (b) buckets.set(bucket, b);
    return b;
  };
  store.putBucket = async (bucket) => {
    buckets.delete(bucket);
    return putBucket(bucket);
  };
  store.deleteBucket = async (bucket) => {
    buckets.delete(bucket);
    known.clear();
    dirs.clear();
    try {
      return await deleteBucket(bucket);
    } finally {
      buckets.delete(bucket);
    }
  };
}

export interface RunningS3 {
  url: string;
  server: S3rver;
  stop(): Promise<void>;
}

type KoaMiddleware = (ctx: unknown, next: () => Promise<void>) => Promise<void>;

/**
 * s3rver 3.7 raises no event for a multi-object delete (`POST /<bucket>?delete`, what `aws s3 rm
 * --recursive` and the SDK's DeleteObjects send), where S3 notifies `ObjectRemoved:Delete` for each
 * key: without it, a lab policy removed that way stayed in force locally until a restart. This
 * raises one event per deleted key, through s3rver's own event model, after its handler ran and
 * before the XML answer is built (the middleware sits just inside the XML encoder, before the
 * router).
 */
function multiDeleteEvents(server: S3rver): void {
  const S3Event = createRequire(import.meta.url)("s3rver/lib/models/event.js") as new (
    data: { bucket: string; eventType: "Delete"; S3Item: { key: string } },
    req: { reqHeaders: unknown; sourceIp: unknown },
  ) => object;
  const stack = (server as unknown as { middleware: KoaMiddleware[] }).middleware;
  const raise: KoaMiddleware = async (c, next) => {
    await next();
    const ctx = c as {
      method: string;
      query: Record<string, unknown>;
      status: number;
      params?: { bucket?: string };
      body?: { DeleteResult?: { Deleted?: { Key?: unknown }[] } };
      headers: unknown;
      ip: unknown;
      app: { emit(name: string, ev: object): void };
    };
    if (ctx.method !== "POST" || !("delete" in ctx.query) || ctx.status !== 200) return;
    const bucket = ctx.params?.bucket;
    if (!bucket) return;
    for (const d of ctx.body?.DeleteResult?.Deleted ?? []) {
      if (typeof d.Key !== "string") continue;
      ctx.app.emit(
        "event",
        new S3Event(
          { bucket, eventType: "Delete", S3Item: { key: d.Key } },
          { reqHeaders: ctx.headers, sourceIp: ctx.ip },
        ),
      );
    }
  };
  stack.splice(stack.length - 1, 0, raise);
}

/** s3rver on 127.0.0.1:`port` (0 = ephemeral), objects under `dir`, the three buckets created. */
export async function startS3(
  dir: string,
  port = 0,
  opts: {
    /** Runs before every request, around all of s3rver's own handling (outermost Koa middleware). */
    around?: (next: () => Promise<void>) => Promise<void>;
  } = {},
): Promise<RunningS3> {
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
  durableWrites((server as unknown as { store: FilesystemStore }).store);
  multiDeleteEvents(server);
  const around = opts.around;
  if (around)
    (server as unknown as { middleware: KoaMiddleware[] }).middleware.unshift((_ctx, next) => around(next));
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
      await tableActive(client, def.TableName!);
    }
  } finally {
    client.destroy();
  }
}

/**
 * Waits until a table is ACTIVE. dynalite runs with createTableMs 0, but it still makes a table
 * ACTIVE on a later tick: a write sent right after CreateTable can meet ResourceNotFoundException
 * on a loaded machine, so wait rather than trust timing.
 */
export async function tableActive(client: DynamoDBClient, name: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    const d = await client.send(new DescribeTableCommand({ TableName: name }));
    if (d.Table?.TableStatus === "ACTIVE") return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`table ${name} is not ACTIVE after 5 s`);
}

export interface EmulatorOptions {
  s3Dir: string;
  s3Port: number;
  /** undefined: DynamoDB in memory. */
  dynamoDir: string | undefined;
  dynamoPort: number;
  /** Only S3 events with a record in one of these bucket + key prefixes reach the listener (default: all). */
  events?: { bucket: string; prefix: string }[];
}

/** Whether an S3 event passes `EmulatorOptions.events`. */
export function eventWanted(ev: S3EventRecords, filter: EmulatorOptions["events"]): boolean {
  if (!filter) return true;
  return (ev.Records ?? []).some((r) =>
    filter.some((f) => r.s3?.bucket?.name === f.bucket && (r.s3?.object?.key ?? "").startsWith(f.prefix)),
  );
}

/** What the emulator worker posts to the main thread. */
export type WorkerMessage =
  | { type: "ready"; s3Url: string; dynamoUrl: string }
  | { type: "event"; id: number; event: S3EventRecords }
  | { type: "stopped" }
  | { type: "failed"; error: { name?: string; message?: string; code?: string } };

/** An S3 event as s3rver raises it (the fields the local runtime reads). */
export interface S3EventRecords {
  Records?: {
    eventName?: string;
    eventTime?: string;
    s3?: { bucket?: { name?: string }; object?: { key?: string; eTag?: string; size?: number } };
  }[];
}

export interface RunningEmulators {
  s3Url: string;
  dynamoUrl: string;
  /** Called with each S3 event record set s3rver raises (ObjectCreated, ObjectRemoved), in order. */
  onS3Event(listener: (event: S3EventRecords) => void): void;
  stop(): Promise<void>;
}

/**
 * Both emulators, in this thread or in a worker thread of their own (`worker`). In a worker they
 * run on another core than the ingest handler: on the 2-core machine of the benchmarks the local
 * stack then processes more objects per second. Either way the listener has had an event, in
 * s3rver's order, before the request that raised it is answered (in a worker, the answer waits for
 * the main thread's acknowledgment): a client that uploads and then waits for the queue to be idle
 * finds its object processed, and a policy PUT applies to the next object, as in one thread.
 */
export async function startEmulators(o: EmulatorOptions & { worker: boolean }): Promise<RunningEmulators> {
  if (!o.worker) {
    const s3 = await startS3(o.s3Dir, o.s3Port);
    let dyn: RunningDynamo;
    try {
      dyn = await startDynamo(o.dynamoDir, o.dynamoPort);
    } catch (e) {
      await s3.stop();
      throw e;
    }
    return {
      s3Url: s3.url,
      dynamoUrl: dyn.url,
      onS3Event: (listener) =>
        s3.server.on("event", (ev: S3EventRecords) => {
          if (eventWanted(ev, o.events)) listener(ev);
        }),
      stop: async () => {
        await Promise.allSettled([s3.stop(), dyn.stop()]);
      },
    };
  }
  const data: EmulatorOptions & { entry: string } = {
    s3Dir: o.s3Dir,
    s3Port: o.s3Port,
    dynamoDir: o.dynamoDir,
    dynamoPort: o.dynamoPort,
    ...(o.events ? { events: o.events } : {}),
    entry: new URL("./emulator-worker.ts", import.meta.url).href,
  };
  const worker = new Worker(new URL("./emulator-worker-boot.mjs", import.meta.url), { workerData: data });
  const listeners: ((event: S3EventRecords) => void)[] = [];
  let stopped: (() => void) | undefined;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const ready = await new Promise<{ s3Url: string; dynamoUrl: string }>((resolve, reject) => {
    worker.once("error", reject);
    void exited.then(() => reject(new Error("the emulator worker exited before it was ready")));
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "ready") resolve(m);
      else if (m.type === "event") {
        for (const l of listeners) l(m.event);
        worker.postMessage({ type: "ack", id: m.id });
      } else if (m.type === "stopped") stopped?.();
      else if (m.type === "failed")
        reject(Object.assign(new Error(m.error.message ?? "emulators failed to start"), m.error));
    });
  }).catch(async (e) => {
    await worker.terminate();
    throw e;
  });
  let stopping: Promise<void> | undefined;
  return {
    ...ready,
    onS3Event: (listener) => void listeners.push(listener),
    stop: () =>
      (stopping ??= (async () => {
        const done = new Promise<void>((resolve) => (stopped = resolve));
        worker.postMessage({ type: "stop" });
        // The servers close their sockets first; a worker that does not answer is ended anyway.
        await Promise.race([done, exited, new Promise((r) => setTimeout(r, 10_000).unref())]);
        await worker.terminate();
      })()),
  };
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
