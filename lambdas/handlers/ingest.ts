/**
 * The ingest Lambda: SQS batches of S3 `ObjectCreated` events from the intake bucket. Per record:
 * decode the event, skip what is not an `incoming/` object, and run `ingestObject` once per object
 * version (Powertools idempotency keyed on bucket + key + versionId-or-ETag). Failed records are
 * reported as partial batch failures so SQS retries only them (and moves them to the DLQ at last).
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
import { processBytes } from "../core/pipeline";
import { ENV } from "../core/names";
import { systemClock } from "../ports";
import { S3BlobStore, s3Client } from "../adapters/s3";
import { failureCode, refsFromMessage } from "../adapters/s3-events";
import { DynamoMetadataStore, dynamoClient } from "../adapters/dynamodb";
import { BlobLabConfig, secretsManagerMaster } from "../adapters/lab-config";
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
  const processObject = makeIdempotent(
    async (payload: {
      bucket: string;
      key: string;
      version: string | null;
      ref: IntakeRef;
    }): Promise<IngestSummary> => {
      const { key } = payload.ref;
      const onProgress = (p: IngestProgress) => {
        running.set(key, p);
        logger.info("intake object progress", { ...p });
      };
      running.set(key, { key, done: 0, total: 0, accepted: 0, rejected: 0, ms: 0 });
      try {
        const out = await ingestObject(deps.ingest, payload.ref, {
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
  const processor = new BatchProcessor(EventType.SQS);

  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const refs = refsFromMessage(record.body, deps.intakeBucket);
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
    try {
      return await processPartialResponse(event, recordHandler, processor, { context });
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
