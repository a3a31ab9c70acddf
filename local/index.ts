/**
 * `cotshare start`: the whole pipeline on one machine. Embedded S3 (s3rver) and DynamoDB (dynalite)
 * on loopback, persistent under the data folder, in a worker thread (a second core); S3 events
 * delivered as SQS batches (up to 4 at once) to the same ingest handler the cloud runs, lab
 * policies cached until their object changes; publishing on a timer and on demand; one HTTP
 * server for the viewer and the APIs. On start it reconciles the intake bucket with the records,
 * so objects that arrived while it was down, or were mid-processing when it died, are processed
 * exactly once.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, writeFile, appendFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { DeleteCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { BUCKETS, LAB_ID_PATTERN, PREFIX, TABLES, intakeKey } from "../lambdas/core/names";
import { systemClock, type BlobStore } from "../lambdas/ports";
import { S3BlobStore, s3Client } from "../lambdas/adapters/s3";
import { DynamoMetadataStore, documentClient, dynamoClient } from "../lambdas/adapters/dynamodb";
import { BlobLabConfig, fileMaster, parseLabPolicy, type LabPolicy } from "../lambdas/adapters/lab-config";
import { recordDeadLetter, type Pipeline } from "../lambdas/service/ingest";
import { createIngestHandler } from "../lambdas/handlers/ingest";
import { apiError, json, type ApiHandler, type ApiRequest } from "../lambdas/api/http";
import { bearerMatches, startHttp, WEB_ROOT } from "./server";
import { dataPaths, startEmulators } from "./emulators";
import { EventQueue, type ObjectEvent } from "./events";
import { createReviewApi } from "../lambdas/api/review";
import { processBytes, processFiles } from "../lambdas/core/pipeline";
import { createPublicApi } from "../lambdas/api/public";
import { publishSet, withdraw, type PublishDeps } from "../lambdas/service/publish";
import { LOCAL_SIGNING_KEY_FILE, localSigner } from "../lambdas/adapters/signer-local";
import { DEMO_LAB, demoFiles, demoPolicy } from "./demo/index";

export interface StartOptions {
  dataDir: string;
  /** 0 = ephemeral. Default 4569 / 8080 (the CLI's defaults; tests pass 0). */
  s3Port?: number;
  httpPort?: number;
  dynamoPort?: number;
  /** Submit the demo transcripts on the first start of this data folder. */
  demo?: boolean;
  /** Publish a set every this many ms (0 or undefined: only on demand). */
  publishIntervalMs?: number;
  /** Lab policies (besides `<data>/policies/<labId>.json`). */
  policies?: Record<string, LabPolicy>;
  /** Ingest logs at warn level only. */
  quiet?: boolean;
  /** Test hooks: the pipeline (default: `core/pipeline`), retry tuning, a slow-motion delay per object. */
  pipeline?: Pipeline;
  maxAttempts?: number;
  backoffMs?: number;
  ingestDelayMs?: number;
  /** Test hook: wraps the blob store that publishing and the APIs use (e.g. to slow one write down). */
  wrapPublishBlobs?: (blobs: BlobStore) => BlobStore;
  /** Where logs go (default stdout); the ingest logger and the runtime's own lines alike. */
  log?: (line: string) => void;
  /**
   * Run s3rver and dynalite in a worker thread (default true), so they use another core than the
   * ingest work. False keeps them in this thread (tests that patch their `fs` need that).
   */
  emulatorsInWorker?: boolean;
}

export interface LocalRuntime {
  s3Url: string;
  httpUrl: string;
  dynamoUrl: string;
  token: string;
  dataDir: string;
  waitForIdle(): Promise<void>;
  publishNow(): Promise<unknown>;
  stop(): Promise<void>;
}

async function readOrCreate(path: string, make: () => string): Promise<string> {
  try {
    const v = (await readFile(path, "utf8")).trim();
    if (v) return v;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const v = make();
  await writeFile(path, `${v}\n`, { mode: 0o600 });
  return v;
}

async function exists(path: string): Promise<boolean> {
  return readFile(path).then(
    () => true,
    () => false,
  );
}

/** Refuses a second runtime on the same data folder (a stale lock from a killed process is taken over). */
async function takeLock(path: string): Promise<void> {
  try {
    const pid = Number.parseInt(await readFile(path, "utf8"), 10);
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new Error(`another cotshare start (pid ${pid}) is using this data folder`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  await writeFile(path, String(process.pid));
}

/** The policies in `<data>/policies/<labId>.json`. */
async function policiesFromDir(dir: string): Promise<Record<string, LabPolicy>> {
  const out: Record<string, LabPolicy> = {};
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const m = /^(.+)\.json$/.exec(n);
    if (!m || !LAB_ID_PATTERN.test(m[1]!)) continue;
    const file = join(dir, n);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, "utf8"));
    } catch {
      throw new Error(`${file}: policy is not valid JSON`);
    }
    out[m[1]!] = parseLabPolicy(raw, file);
  }
  return out;
}

/**
 * A process killed mid-batch leaves its idempotency records INPROGRESS. Locally this process is
 * the only consumer, so at start-up none of them is really in progress: clear them, so the
 * reconciliation can process those objects now rather than after the in-progress timeout.
 */
async function clearStaleInProgress(endpoint: string): Promise<number> {
  const doc = documentClient(dynamoClient({ endpoint }));
  let n = 0;
  let start: Record<string, unknown> | undefined;
  try {
    do {
      const out = await doc.send(
        new ScanCommand({
          TableName: TABLES.idempotency,
          FilterExpression: "#s = :p",
          ExpressionAttributeNames: { "#s": "status" },
          ExpressionAttributeValues: { ":p": "INPROGRESS" },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        await doc.send(new DeleteCommand({ TableName: TABLES.idempotency, Key: { id: item.id } }));
        n++;
      }
      start = out.LastEvaluatedKey;
    } while (start);
  } finally {
    doc.destroy();
  }
  return n;
}

export async function startLocal(opts: StartOptions): Promise<LocalRuntime> {
  const paths = dataPaths(opts.dataDir);
  await mkdir(opts.dataDir, { recursive: true });
  await takeLock(paths.lock);
  const write = opts.log ?? ((line: string) => process.stdout.write(line + "\n"));
  const say = (message: string, fields: Record<string, unknown> = {}) =>
    write(JSON.stringify({ level: "INFO", service: "cotshare-local", message, ...fields }));

  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  };
  try {
    const emulators = await startEmulators({
      s3Dir: paths.s3,
      s3Port: opts.s3Port ?? 0,
      dynamoDir: paths.dynamo,
      dynamoPort: opts.dynamoPort ?? 0,
      worker: opts.emulatorsInWorker ?? true,
      // What this runtime listens for: intake uploads, and lab policies (to drop cached ones).
      events: [
        { bucket: BUCKETS.intake, prefix: PREFIX.incoming },
        { bucket: BUCKETS.staging, prefix: PREFIX.labConfig },
      ],
    });
    cleanups.push(() => emulators.stop());
    const s3 = { url: emulators.s3Url };
    const dyn = { url: emulators.dynamoUrl };

    const s3c = s3Client({ endpoint: s3.url });
    const ddb = dynamoClient({ endpoint: dyn.url });
    cleanups.push(async () => {
      s3c.destroy();
      ddb.destroy();
    });
    const blobs = new S3BlobStore(s3c);
    const store = new DynamoMetadataStore(ddb);
    const labs = new BlobLabConfig({
      blobs,
      bucket: BUCKETS.staging,
      master: fileMaster(paths.hmacKey),
      // Kept until the policy object changes: every write to the staging bucket's lab config
      // raises an S3 event here (below), before the PUT is answered, and invalidates the cache.
      cacheMs: Number.POSITIVE_INFINITY,
    });
    await labs.hmacKey("warm-up"); // creates <data>/hmac-key on first start

    const policies = {
      ...(opts.demo ? { [DEMO_LAB]: demoPolicy() } : {}),
      ...(await policiesFromDir(paths.policies)),
      ...opts.policies,
    };
    for (const [lab, p] of Object.entries(policies)) await labs.putPolicy(lab, p);

    // Signs every published manifest and log entry (docs/provenance.md); created on first start.
    const signer = await localSigner(join(opts.dataDir, LOCAL_SIGNING_KEY_FILE));
    const token = await readOrCreate(paths.token, () => randomBytes(24).toString("base64url"));
    const stale = await clearStaleInProgress(dyn.url);

    const basePipeline: Pipeline = opts.pipeline ?? processBytes;
    const delay = opts.ingestDelayMs ?? 0;
    const pipeline: Pipeline =
      delay > 0
        ? async (...args) => {
            const out = await basePipeline(...args);
            await new Promise((r) => setTimeout(r, delay));
            return out;
          }
        : basePipeline;

    process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
    const logger = new Logger({
      serviceName: "cotshare-ingest",
      logLevel: opts.quiet ? "WARN" : "INFO",
    });
    if (opts.log) redirectLogger(logger, write);
    // Publishing. Publications and takedowns rewrite log.jsonl and move latest.json: one at a time
    // (docs/provenance.md), whether they come from the timer, `publishNow` or the review API.
    const publishBlobs: BlobStore = opts.wrapPublishBlobs ? opts.wrapPublishBlobs(blobs) : blobs;
    const publishDeps: PublishDeps = {
      metadata: store,
      blobs: publishBlobs,
      clock: systemClock,
      buckets: BUCKETS,
      log: (message, fields) => say(message, fields),
      signer,
    };
    let publishing: Promise<unknown> | undefined;
    const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
      // A request during a publication waits for it, then runs its own.
      while (publishing) await publishing.catch(() => undefined);
      const run = work();
      publishing = run;
      try {
        return await run;
      } finally {
        if (publishing === run) publishing = undefined;
      }
    };
    const publishAs = (actor?: string): Promise<unknown> =>
      exclusive(() => publishSet(publishDeps, actor ? { actor } : {}));
    const publishNow = (): Promise<unknown> => publishAs();

    const ingestDeps = {
      intake: blobs,
      blobs,
      store,
      labs,
      clock: systemClock,
      stagingBucket: BUCKETS.staging,
      pipeline,
      // A newer version of an intake object takes an older, published record down (one at a time
      // with publications and the review API's takedowns).
      withdraw: (id: string, reason: string, actor: string) =>
        exclusive(() => withdraw(publishDeps, id, reason, actor)),
    };
    const handler = createIngestHandler({
      ingest: ingestDeps,
      persistence: new DynamoDBPersistenceLayer({ tableName: TABLES.idempotency, awsSdkV3Client: ddb }),
      intakeBucket: BUCKETS.intake,
      // A batch's small objects through the pipeline together, as in the cloud (not with a test's
      // own pipeline). No hand-on: without a Lambda timeout, large objects are processed in place.
      ...(opts.pipeline || delay > 0 ? {} : { pipelineFiles: processFiles }),
      logger,
      metrics: new Metrics({ namespace: "cotshare", serviceName: "cotshare-ingest" }),
    });

    const queue = new EventQueue({
      handler,
      head: (bucket, key) => blobs.head(bucket, key),
      maxAttempts: opts.maxAttempts,
      backoffMs: opts.backoffMs,
      onError: (message, fields) => say(message, fields),
      onDeadLetter: async (dl) => {
        // The last failure's stable code (e.g. invalid_policy), never its message.
        const error = handler.lastFailure(dl.key, dl.etag);
        await appendFile(paths.deadLetter, JSON.stringify({ ...dl, ...(error ? { error } : {}) }) + "\n");
        const r = await recordDeadLetter(
          { store, clock: systemClock },
          { bucket: BUCKETS.intake, key: dl.key, etag: dl.etag },
          "retries_exhausted",
          error,
        );
        say("dead letter", { key: dl.key, attempts: dl.attempts, id: r.id, ...(error ? { error } : {}) });
      },
    });
    cleanups.push(async () => {
      // Ctrl-C during a long object: say what the shutdown waits for (keys and counts only).
      const waiting = handler.inProgress();
      if (waiting.length > 0)
        say("stopping: waiting for the intake objects in progress to finish", {
          objects: waiting.map((p) => ({ key: p.key, done: p.done, total: p.total })),
        });
      await queue.stop();
    });
    emulators.onS3Event((ev) => {
      for (const r of ev.Records ?? []) {
        const bucket = r.s3?.bucket?.name;
        const key = r.s3?.object?.key;
        if (!bucket || key === undefined) continue;
        // A lab policy written (or deleted) by anyone: ingest reads it afresh from now on.
        if (bucket === BUCKETS.staging && key.startsWith(PREFIX.labConfig)) labs.invalidate();
        queue.push({
          bucket,
          key,
          etag: r.s3?.object?.eTag?.replace(/^"|"$/g, ""),
          size: r.s3?.object?.size,
          eventName: r.eventName,
          eventTime: r.eventTime,
        });
      }
    });

    // Reconcile: every intake object goes through the handler; idempotency makes the ones already
    // done a no-op, and finishes the ones a crash interrupted.
    let reconciled = 0;
    for await (const o of blobs.list(BUCKETS.intake, PREFIX.incoming)) {
      const e: ObjectEvent = {
        bucket: BUCKETS.intake,
        key: o.key,
        etag: o.etag,
        size: o.size,
        eventName: "ObjectCreated:Put",
        eventTime: o.lastModified?.toISOString(),
      };
      if (queue.push(e)) reconciled++;
    }

    // HTTP.
    const apiDeps = { metadata: store, blobs: publishBlobs, clock: systemClock, buckets: BUCKETS, signer };
    const api = createPublicApi(apiDeps);
    const authorize = (req: Pick<ApiRequest, "headers">) =>
      bearerMatches(req.headers.authorization, token) ? "reviewer:local" : undefined;
    const review = createReviewApi({
      ...apiDeps,
      authorize,
      log: (message: string, fields?: Record<string, unknown>) => say(message, fields),
      // The review API's publications and takedowns go through the same queue.
      publish: publishAs,
      withdraw: (id, reason, actor) => exclusive(() => withdraw(publishDeps, id, reason, actor)),
    });
    const localAdmin: ApiHandler = async (req) => {
      // Publishing goes through this runtime's one-at-a-time queue (the timer uses it too).
      if (req.method === "POST" && req.path === "/admin/publish") {
        try {
          return json(200, await publishNow());
        } catch (e) {
          return apiError(503, (e as { code?: string }).code ?? "publish_failed", "publishing failed");
        }
      }
      return review(req);
    };
    const http = await startHttp({
      port: opts.httpPort ?? 0,
      webRoot: WEB_ROOT,
      token,
      routes: { api, review: localAdmin, files: (key) => blobs.get(BUCKETS.public, key) },
      onError: (message, fields) => say(message, fields),
    });
    cleanups.push(() => http.stop());

    // Demo: on the first start of this data folder only.
    const marker = join(opts.dataDir, "demo-submitted");
    if (opts.demo && !(await exists(marker))) {
      for (const f of demoFiles())
        await blobs.put(BUCKETS.intake, intakeKey(f.lab, f.name), f.body, "application/json");
      await writeFile(marker, new Date().toISOString() + "\n");
      say("demo transcripts submitted", { count: demoFiles().length, lab: DEMO_LAB });
      // So the viewer shows a set within seconds: publish as soon as the demo is ingested.
      void queue
        .waitForIdle()
        .then(publishNow)
        .then(() => say("demo set published"))
        .catch((e) =>
          say("demo publish failed", { error: (e as Error)?.name, code: (e as { code?: string })?.code }),
        );
    }

    let timer: NodeJS.Timeout | undefined;
    if (opts.publishIntervalMs && opts.publishIntervalMs > 0) {
      timer = setInterval(() => {
        void queue
          .waitForIdle()
          .then(publishNow)
          .catch((e) => say("scheduled publish failed", { error: (e as Error)?.name }));
      }, opts.publishIntervalMs);
      timer.unref();
      cleanups.push(async () => clearInterval(timer));
    }

    say("started", {
      s3: s3.url,
      http: http.url,
      dynamodb: dyn.url,
      reconciled,
      staleInProgress: stale,
    });

    let stopping: Promise<void> | undefined;
    return {
      s3Url: s3.url,
      httpUrl: http.url,
      dynamoUrl: dyn.url,
      token,
      dataDir: opts.dataDir,
      waitForIdle: () => queue.waitForIdle(),
      publishNow,
      stop: () =>
        (stopping ??= (async () => {
          await publishing?.catch(() => undefined);
          await cleanup();
          await rm(paths.lock, { force: true });
        })()),
    };
  } catch (e) {
    await cleanup();
    await rm(paths.lock, { force: true });
    throw e;
  }
}

/** Sends the Powertools logger's JSON lines to `write` (tests capture every log line this way). */
function redirectLogger(logger: Logger, write: (line: string) => void) {
  const target = logger as unknown as { console: Console };
  const sink = (...args: unknown[]) => write(args.map(String).join(" "));
  target.console = {
    ...console,
    log: sink,
    info: sink,
    warn: sink,
    error: sink,
    debug: sink,
    trace: sink,
  } as Console;
}
