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
import { ENV, PREFIX } from "../core/names";
import { systemClock } from "../ports";
import { S3BlobStore, s3Client } from "../adapters/s3";
import { DynamoMetadataStore, dynamoClient } from "../adapters/dynamodb";
import { BlobLabConfig, secretsManagerMaster } from "../adapters/lab-config";
import {
  ingestObject,
  versionTag,
  type IngestDeps,
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
}

/** One S3 event record inside an SQS message body, as AWS sends it. */
interface S3EventRecord {
  eventName?: string;
  s3?: {
    bucket?: { name?: string };
    object?: { key?: string; eTag?: string; versionId?: string; size?: number };
  };
}

/** S3 event keys are URL-encoded with `+` for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, " "));
}

/** The intake objects an SQS message names; `[]` for test events and other buckets or prefixes. */
export function refsFromMessage(body: string, intakeBucket?: string): IntakeRef[] {
  let parsed: { Event?: string; Records?: S3EventRecord[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw new CotshareError("invalid_event", "SQS message body is not JSON");
  }
  if (parsed.Event === "s3:TestEvent") return [];
  if (!Array.isArray(parsed.Records))
    throw new CotshareError("invalid_event", "SQS message body has no Records");
  const refs: IntakeRef[] = [];
  for (const r of parsed.Records) {
    if (!r.eventName?.startsWith("ObjectCreated:")) continue;
    const bucket = r.s3?.bucket?.name;
    const raw = r.s3?.object?.key;
    if (!bucket || raw === undefined)
      throw new CotshareError("invalid_event", "S3 event record without bucket or key");
    if (intakeBucket && bucket !== intakeBucket) continue;
    const key = decodeS3Key(raw);
    if (!key.startsWith(PREFIX.incoming)) continue;
    const etag = r.s3?.object?.eTag?.replace(/^"|"$/g, "");
    const versionId = r.s3?.object?.versionId;
    refs.push({ bucket, key, ...(etag ? { etag } : {}), ...(versionId ? { versionId } : {}) });
  }
  return refs;
}

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
  const processObject = makeIdempotent(
    async (payload: {
      bucket: string;
      key: string;
      version: string | null;
      ref: IntakeRef;
    }): Promise<IngestResult> => ingestObject(deps.ingest, payload.ref),
    { persistenceStore: deps.persistence, config, keyPrefix: "ingest" },
  );
  const processor = new BatchProcessor(EventType.SQS);

  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const refs = refsFromMessage(record.body, deps.intakeBucket);
    for (const ref of refs) {
      const started = Date.now();
      try {
        const out = await processObject({
          bucket: ref.bucket,
          key: ref.key,
          version: versionTag(ref) ?? null,
          ref,
        });
        metrics.addMetric("TranscriptsAccepted", MetricUnit.Count, out.accepted);
        metrics.addMetric("TranscriptsRejected", MetricUnit.Count, out.rejected);
        logger.info("intake object processed", {
          key: ref.key,
          lab: out.lab,
          state: out.state,
          accepted: out.accepted,
          rejected: out.rejected,
          replayed: out.replayed,
          ms: Date.now() - started,
        });
      } catch (e) {
        metrics.addMetric("IngestFailures", MetricUnit.Count, 1);
        logger.error("intake object failed", { key: ref.key, error: errorFields(e) });
        throw e;
      }
    }
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    config.registerLambdaContext(context);
    try {
      return await processPartialResponse(event, recordHandler, processor, { context });
    } finally {
      metrics.publishStoredMetrics();
    }
  };
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
  return createIngestHandler({
    ingest: {
      intake: blobs,
      blobs,
      store: new DynamoMetadataStore(ddb, {
        transcripts: required(ENV.transcriptsTable),
        sets: required(ENV.setsTable),
        audit: required(ENV.auditTable),
      }),
      labs: new BlobLabConfig({
        blobs,
        bucket: stagingBucket,
        master: secretsManagerMaster(required(ENV.hmacSecretArn)),
      }),
      clock: systemClock,
      stagingBucket,
      pipeline: processBytes,
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
