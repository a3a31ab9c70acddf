/**
 * The ingest Lambda: SQS batches of S3 `ObjectCreated` events from the intake bucket. Per record:
 * decode the event, skip what is not an `incoming/` object, and run `ingestObject` once per object
 * version (Powertools idempotency keyed on bucket + key + versionId-or-ETag). Failed records are
 * reported as partial batch failures so SQS retries only them (and moves them to the DLQ at last).
 *
 * A batch of several messages runs its small objects' pipelines together (`PipelineBatch`, when
 * `pipelineFiles` is given) and hands each message naming a large object (or one of unknown size,
 * or one past the batch's bytes: `INGEST_BATCH`) on to the large intake queue (`handOn`), where it
 * has an invocation to itself. A batch of one message is processed in place, whatever its size.
 *
 * `createIngestHandler` is what `local/` runs too, with clients pointed at the emulators.
 * Logs carry keys, ids, codes and counts only — never transcript content.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import type { BasePersistenceLayer } from "@aws-lambda-powertools/idempotency/persistence";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { CotshareError } from "../core/errors";
import { processBytes, processFiles } from "../core/pipeline";
import { ENV, INGEST_BATCH } from "../core/names";
import { systemClock } from "../ports";
import { S3BlobStore, s3Client } from "../adapters/s3";
import { failureCode, refsFromMessage } from "../adapters/s3-events";
import { DynamoMetadataStore, dynamoClient } from "../adapters/dynamodb";
import { BlobLabConfig, secretsManagerMaster } from "../adapters/lab-config";
import { sqsClient, sqsSender } from "../adapters/sqs";
import { applyTransition } from "../core/lifecycle";
import {
  recordIngestFailure,
  ingestObject,
  isFolderMarker,
  versionTag,
  type IngestDeps,
  type IngestProgress,
  type IngestResult,
  type IntakeRef,
} from "../service/ingest";
import { PipelineBatch, type PipelineFiles, type Slot } from "../service/pipeline-batch";

export interface IngestHandlerDeps {
  ingest: IngestDeps;
  persistence: BasePersistenceLayer;
  /** Only events of this bucket are processed (undefined: any bucket). */
  intakeBucket?: string;
  logger: Logger;
  metrics: Metrics;
  /** How long a completed object is remembered (default 7 days, the intake bucket's expiry). */
  idempotencySeconds?: number;
  /** A progress line every this many transcripts (default 500) or milliseconds (default 10 s) of one object. */
  progressEvery?: number;
  progressMs?: number;
  /**
   * The pipeline over several objects at once (`processFiles`): given, the small objects of a batch
   * go through the pipeline together (same outcomes, less CPU). Without it each runs alone.
   */
  pipelineFiles?: PipelineFiles;
  /**
   * Hands a message on, unchanged, to the large intake queue (cloud). Given, a batch of several
   * messages hands on each one naming an object over INGEST_BATCH.objectBytes (or of unknown size,
   * or past INGEST_BATCH.bytes of the batch's small objects), so that an invocation never runs more
   * than one large object or 4 MiB of small ones. Without it (locally, where no timeout applies)
   * such objects are processed in place like the others.
   */
  handOn?: (body: string) => Promise<void>;
}

/** Whether an object may share a batch: its event states a size, and it is small (`INGEST_BATCH`). */
export function sharesBatch(ref: { size?: number }): boolean {
  return typeof ref.size === "number" && ref.size <= INGEST_BATCH.objectBytes;
}

/** What the idempotency record keeps of a run: counts only (a 10,000-id list would not fit an item). */
export type IngestSummary = Omit<IngestResult, "ids">;

// The event decoder lives in its own small module, so the dead-letter function can reuse it
// without bundling the pipeline.
export { decodeS3Key, failureCode, refsFromMessage } from "../adapters/s3-events";

function errorFields(e: unknown): { name: string; code?: string; message?: string } {
  const err = e as { name?: string; code?: string; message?: string };
  // Only our own typed errors promise a content-free message; for others, name and code only.
  return e instanceof CotshareError
    ? { name: err.name ?? "Error", code: err.code, message: err.message }
    : { name: err?.name ?? "Error", ...(typeof err?.code === "string" ? { code: err.code } : {}) };
}

export function createIngestHandler(deps: IngestHandlerDeps) {
  const { logger, metrics } = deps;
  const config = new IdempotencyConfig({
    eventKeyJmesPath: "[bucket, key, version]",
    expiresAfterSeconds: deps.idempotencySeconds ?? 7 * 24 * 3600,
  });
  /** Objects being processed now, with their progress (what a shutdown waits for). */
  const running = new Map<string, IngestProgress>();
  /** The last failure's code per object version, for the dead letter (bounded). */
  const failures = new Map<string, string>();
  const versionKey = (key: string, version: string | undefined) => `${key}\u0000${version ?? ""}`;
  /** The slots of the batches in flight, by a number the idempotent call's payload carries. */
  const slots = new Map<number, Slot>();
  let nextSlot = 0;
  const processObject = makeIdempotent(
    async (payload: {
      bucket: string;
      key: string;
      version: string | null;
      ref: IntakeRef;
      /** Not part of the idempotency key (`eventKeyJmesPath`): which batch slot runs its pipeline. */
      slot?: number;
    }): Promise<IngestSummary> => {
      const { key } = payload.ref;
      const slot = payload.slot === undefined ? undefined : slots.get(payload.slot);
      const ingest = slot ? { ...deps.ingest, pipeline: slot.pipeline } : deps.ingest;
      const onProgress = (p: IngestProgress) => {
        running.set(key, p);
        logger.info("intake object progress", { ...p });
      };
      running.set(key, { key, done: 0, total: 0, accepted: 0, rejected: 0, ms: 0 });
      try {
        const out = await ingestObject(ingest, payload.ref, {
          onProgress,
          ...(deps.progressEvery ? { progressEvery: deps.progressEvery } : {}),
          ...(deps.progressMs ? { progressMs: deps.progressMs } : {}),
        });
        const { ids: _ids, ...summary } = out;
        return summary;
      } finally {
        running.delete(key);
      }
    },
    { persistenceStore: deps.persistence, config, keyPrefix: "ingest" },
  );
  /** What one invocation shares: the messages it hands on, and its small objects' slots. */
  interface BatchRun {
    handOn: Set<string>;
    slotOf: Map<string, number>;
    batch?: PipelineBatch;
    /** Each message's objects, as `startBatch` read them (a message it could not read is absent). */
    refsOf: Map<string, IntakeRef[]>;
  }

  /**
   * Sorts a batch of several messages: each one naming only small objects, while they add up to at
   * most INGEST_BATCH.bytes, stays (with a slot, taken before any record runs, so that no object's
   * pipeline starts a group early); with `handOn`, every other one is handed on.
   */
  const startBatch = (event: SQSEvent): BatchRun => {
    const run: BatchRun = { handOn: new Set(), slotOf: new Map(), refsOf: new Map() };
    if (event.Records.length < 2) return run;
    const stay: SQSRecord[] = [];
    let bytes = 0;
    for (const r of event.Records) {
      let refs: IntakeRef[];
      try {
        refs = refsFromMessage(r.body, deps.intakeBucket);
      } catch {
        continue; // the record fails on its own below
      }
      run.refsOf.set(r.messageId, refs);
      if (refs.length === 0) continue;
      const size = refs.reduce((a, ref) => a + (ref.size ?? 0), 0);
      const fits = refs.every(sharesBatch) && bytes + size <= INGEST_BATCH.bytes;
      if (!fits && deps.handOn) {
        run.handOn.add(r.messageId);
        continue;
      }
      if (fits) bytes += size;
      stay.push(r);
    }
    if (!deps.pipelineFiles || stay.length < 2) return run;
    const batch = new PipelineBatch(deps.pipelineFiles, deps.ingest.pipeline);
    run.batch = batch;
    for (const r of stay) {
      const n = nextSlot++;
      slots.set(n, batch.slot());
      run.slotOf.set(r.messageId, n);
    }
    return run;
  };

  const recordHandler = async (record: SQSRecord, run: BatchRun): Promise<void> => {
    const n = run.slotOf.get(record.messageId);
    try {
      await handleRecord(record, run, n);
    } finally {
      if (n !== undefined) {
        slots.get(n)?.done();
        slots.delete(n);
      }
    }
  };

  const handleRecord = async (record: SQSRecord, run: BatchRun, slot: number | undefined): Promise<void> => {
    const refs = run.refsOf.get(record.messageId) ?? refsFromMessage(record.body, deps.intakeBucket);
    if (run.handOn.has(record.messageId)) {
      // Too large (of unknown size, or past the batch's bytes) to share this invocation: an
      // invocation of its own, through the large queue.
      try {
        await deps.handOn!(record.body);
      } catch (e) {
        metrics.addMetric("IngestFailures", MetricUnit.Count, 1);
        const code = failureCode(e);
        for (const ref of refs) {
          logger.error("intake object not handed on", { key: ref.key, error: errorFields(e) });
          await recordIngestFailure(deps.ingest, ref, code).catch((noted: unknown) =>
            logger.warn("ingest failure not noted", { key: ref.key, error: failureCode(noted) }),
          );
        }
        throw e;
      }
      metrics.addMetric("IntakeObjectsHandedOn", MetricUnit.Count, refs.length);
      for (const ref of refs)
        logger.info("intake object handed on to the large queue", {
          key: ref.key,
          ...(typeof ref.size === "number" ? { size: ref.size } : {}),
        });
      return;
    }
    for (const ref of refs) {
      // A folder marker is not an intake object (`ingestObject` checks the bytes when size is unknown).
      if (isFolderMarker(ref.key, ref.size)) {
        logger.debug("folder marker ignored", { key: ref.key });
        continue;
      }
      const started = Date.now();
      try {
        const out = await processObject({
          bucket: ref.bucket,
          key: ref.key,
          version: versionTag(ref) ?? null,
          ref,
          ...(slot !== undefined ? { slot } : {}),
        });
        failures.delete(versionKey(ref.key, versionTag(ref)));
        if (out.state === "ignored") {
          logger.debug("folder marker ignored", { key: ref.key });
          continue;
        }
        metrics.addMetric("TranscriptsAccepted", MetricUnit.Count, out.accepted);
        metrics.addMetric("TranscriptsRejected", MetricUnit.Count, out.rejected);
        logger.info("intake object processed", {
          key: ref.key,
          lab: out.lab,
          state: out.state,
          accepted: out.accepted,
          rejected: out.rejected,
          replayed: out.replayed,
          superseded: out.superseded,
          ms: Date.now() - started,
        });
      } catch (e) {
        metrics.addMetric("IngestFailures", MetricUnit.Count, 1);
        if (failures.size >= 1000) failures.delete(failures.keys().next().value!);
        const code = failureCode(e);
        failures.set(versionKey(ref.key, versionTag(ref)), code);
        logger.error("intake object failed", { key: ref.key, error: errorFields(e) });
        // For the dead letter after the last retry (the DLQ's function, another process): the code.
        await recordIngestFailure(deps.ingest, ref, code).catch((noted: unknown) =>
          logger.warn("ingest failure not noted", { key: ref.key, error: failureCode(noted) }),
        );
        throw e;
      }
    }
  };

  const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    config.registerLambdaContext(context);
    // A processor per invocation: the local runtime runs several batches at once on one handler.
    const processor = new BatchProcessor(EventType.SQS);
    const run = startBatch(event);
    try {
      const res = await processPartialResponse(event, (r: SQSRecord) => recordHandler(r, run), processor, {
        context,
      });
      if (event.Records.length > 1)
        logger.info("intake batch done", {
          messages: event.Records.length,
          failed: res.batchItemFailures.length,
          handedOn: run.handOn.size,
          // Objects whose pipelines ran together, in how many groups, and those that ran alone.
          ...(run.batch ? { ...run.batch.stats } : {}),
        });
      return res;
    } finally {
      metrics.publishStoredMetrics();
    }
  };
  return Object.assign(handler, {
    /** The stable code of the last failure of this object version, if it failed in this process. */
    lastFailure: (key: string, version: string | undefined): string | undefined =>
      failures.get(versionKey(key, version)),
    /** The objects being processed now, with their progress so far (counts only). */
    inProgress: (): IngestProgress[] => [...running.values()].map((p) => ({ ...p })),
  });
}

export type IngestHandler = ReturnType<typeof createIngestHandler>;

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new CotshareError("config", `environment variable ${name} is not set`);
  return v;
}

let cloud: Promise<IngestHandler> | undefined;

/**
 * The cloud wiring: every name from `ENV`, clients with the Lambda's own credentials.
 *
 * No Powertools Tracer (like the other three handlers): the function's X-Ray segments come from
 * active tracing (lib/function-defaults.ts), without per-call SDK subsegments. The tracer pulled
 * in aws-xray-sdk-core, cls-hooked and semver (~115 KB of the bundle) and cls-hooked's async hook
 * runs on every promise of the process (about 5 % of the local stack's CPU in a profile).
 */
async function cloudHandler(): Promise<IngestHandler> {
  const s3 = s3Client();
  const ddb = dynamoClient();
  const blobs = new S3BlobStore(s3);
  const stagingBucket = required(ENV.stagingBucket);
  const store = new DynamoMetadataStore(ddb, {
    transcripts: required(ENV.transcriptsTable),
    sets: required(ENV.setsTable),
    audit: required(ENV.auditTable),
  });
  return createIngestHandler({
    ingest: {
      intake: blobs,
      blobs,
      store,
      labs: new BlobLabConfig({
        blobs,
        bucket: stagingBucket,
        master: secretsManagerMaster(required(ENV.hmacSecretArn)),
      }),
      clock: systemClock,
      stagingBucket,
      pipeline: processBytes,
      // Superseding a published record withdraws it (status and audit event); the next publish run
      // takes it out of every set (it finishes the takedown of any withdrawn member), so ingest
      // needs no access to the public bucket nor to the publish function (nor the Lambda client in
      // its bundle).
      withdraw: (id, reason, actor) =>
        applyTransition(store, id, "withdrawn", { actor, reason, at: new Date().toISOString() }),
    },
    persistence: new DynamoDBPersistenceLayer({
      tableName: required(ENV.idempotencyTable),
      awsSdkV3Client: ddb,
    }),
    intakeBucket: required(ENV.intakeBucket),
    pipelineFiles: processFiles,
    handOn: sqsSender(sqsClient(), required(ENV.largeIntakeQueueUrl)),
    logger: new Logger({ serviceName: "cotshare-ingest" }),
    metrics: new Metrics({ namespace: "cotshare", serviceName: "cotshare-ingest" }),
  });
}

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  cloud ??= cloudHandler().catch((e) => {
    cloud = undefined;
    throw e;
  });
  return (await cloud)(event, context);
};
