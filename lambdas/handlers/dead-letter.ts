/**
 * The dead-letter Lambda: SQS batches from the intake queue's DLQ. A message lands there after
 * ingest failed it `MAX_RECEIVE_COUNT` times; without this function it would sit in the DLQ and
 * the object would never get a record. Per message: decode the S3 event exactly as ingest does
 * (`refsFromMessage`: only `ObjectCreated` under `incoming/` of the intake bucket; folder markers
 * are skipped like ingest skips them) and give each object a terminal rejected record with code
 * `dead_letter` (`recordDeadLetter`, the same record the local runtime writes), reason
 * `retries_exhausted`.
 *
 * Partial batch failures: a message whose record cannot be written (or whose body is not an S3
 * event) is reported alone and comes back after the DLQ's visibility timeout; the others are
 * deleted. Re-delivery is idempotent (one record and one audit event per key and version), and a
 * dead letter a later successful ingest of the key already superseded is left alone.
 *
 * Not on the record: the last failure's own code (e.g. `invalid_policy`), which the local runtime
 * adds — the failing ingest invocation does not persist it anywhere the DLQ message could lead to.
 *
 * Logs carry keys, message ids, record ids and codes only — never transcript content.
 */
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { CotshareError } from "../core/errors";
import { ENV } from "../core/names";
import type { MetadataStore } from "../core/records";
import { systemClock, type BlobStore, type Clock } from "../ports";
import { DynamoMetadataStore, dynamoClient } from "../adapters/dynamodb";
import { S3BlobStore, s3Client } from "../adapters/s3";
import {
  isFolderMarker,
  objectRecordId,
  recordDeadLetter,
  versionTag,
  type IntakeRef,
} from "../service/ingest";
import { failureCode, refsFromMessage } from "../adapters/s3-events";

/** Why the object has a dead letter: SQS gave up on it after every receive. */
export const RETRIES_EXHAUSTED = "retries_exhausted";

/** The metric (namespace `cotshare`) counting dead letters recorded. */
export const DEAD_LETTER_METRIC = "DeadLetters";
/** The metric counting DLQ messages this function could not record (they come back). */
export const DEAD_LETTER_FAILURE_METRIC = "DeadLetterRecordFailures";

export interface DeadLetterHandlerDeps {
  store: MetadataStore;
  clock: Clock;
  /**
   * The staging bucket's intake marks (the version of each key processed last): a version older
   * than a processed one is recorded `superseded`, not dead-lettered. Without them, every object
   * gets its dead letter (a later successful run of the key supersedes it).
   */
  blobs?: BlobStore;
  stagingBucket?: string;
  /** Only events of this bucket are recorded (undefined: any bucket). */
  intakeBucket?: string;
  logger: Logger;
  metrics: Metrics;
}

/** What happened to one object of a DLQ message. */
export type DeadLetterOutcome = "recorded" | "resolved";

export function createDeadLetterHandler(deps: DeadLetterHandlerDeps) {
  const { logger, metrics } = deps;
  const processor = new BatchProcessor(EventType.SQS);

  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const receives = record.attributes?.ApproximateReceiveCount;
    let key: string | undefined;
    try {
      const refs = refsFromMessage(record.body, deps.intakeBucket);
      if (refs.length === 0)
        logger.info("dead letter names no intake object", { messageId: record.messageId });
      for (const ref of refs) {
        if (isFolderMarker(ref.key, ref.size)) {
          logger.debug("folder marker ignored", { key: ref.key });
          continue;
        }
        key = ref.key;
        const outcome = await recordOne(deps, ref);
        const fields = {
          key: ref.key,
          id: outcome.id,
          code: RETRIES_EXHAUSTED,
          messageId: record.messageId,
          ...(receives ? { receives } : {}),
        };
        if (outcome.state === "recorded") {
          metrics.addMetric(DEAD_LETTER_METRIC, MetricUnit.Count, 1);
          logger.warn("intake object dead-lettered", fields);
        } else logger.info("dead letter already resolved by a later ingest", fields);
      }
    } catch (e) {
      metrics.addMetric(DEAD_LETTER_FAILURE_METRIC, MetricUnit.Count, 1);
      // The code only: an error's message could quote what it failed on.
      logger.error("dead letter not recorded", {
        messageId: record.messageId,
        ...(key !== undefined ? { key } : {}),
        error: failureCode(e),
        ...(receives ? { receives } : {}),
      });
      throw e;
    }
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    try {
      // One message after another: the same object twice in a batch (SQS is at-least-once) then
      // writes one dead letter and one audit event, not two racing ones. A batch is at most a few
      // small writes per message. When every message fails, Powertools throws (an Errors
      // datapoint); SQS retries them all.
      return await processPartialResponse(event, recordHandler, processor, {
        context,
        processInParallel: false,
      });
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

export type DeadLetterHandler = ReturnType<typeof createDeadLetterHandler>;

/**
 * Records one object's dead letter. A re-delivered message whose dead letter a later successful
 * ingest has since marked `superseded` leaves it so: `recordDeadLetter` would replace it (it takes
 * any record that is not this version's dead letter for an older dead letter).
 */
async function recordOne(
  deps: DeadLetterHandlerDeps,
  ref: IntakeRef,
): Promise<{ state: DeadLetterOutcome; id: string }> {
  const id = objectRecordId("dlq", ref.key, undefined);
  const version = versionTag(ref);
  const existing = await deps.store.getTranscript(id);
  if (existing && existing.code === "superseded" && existing.intakeVersion === version)
    return { state: "resolved", id };
  const r = await recordDeadLetter(
    {
      store: deps.store,
      clock: deps.clock,
      ...(deps.blobs && deps.stagingBucket ? { blobs: deps.blobs, stagingBucket: deps.stagingBucket } : {}),
    },
    ref,
    RETRIES_EXHAUSTED,
  );
  return { state: r.code === "dead_letter" ? "recorded" : "resolved", id: r.id };
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new CotshareError("config", `environment variable ${name} is not set`);
  return v;
}

let cloud: DeadLetterHandler | undefined;

/** The cloud wiring: table and bucket names from `ENV`, the Lambda's own credentials. */
function cloudHandler(): DeadLetterHandler {
  return createDeadLetterHandler({
    // Built over the three tables; a dead letter reads and writes transcripts and audit only.
    store: new DynamoMetadataStore(dynamoClient(), {
      transcripts: required(ENV.transcriptsTable),
      sets: required(ENV.setsTable),
      audit: required(ENV.auditTable),
    }),
    clock: systemClock,
    intakeBucket: required(ENV.intakeBucket),
    // Read only: the intake marks (`intake-marks/`), the version of each key processed last.
    blobs: new S3BlobStore(s3Client()),
    stagingBucket: required(ENV.stagingBucket),
    logger: new Logger({ serviceName: "cotshare-dead-letter" }),
    metrics: new Metrics({ namespace: "cotshare", serviceName: "cotshare-dead-letter" }),
  });
}

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  cloud ??= cloudHandler();
  return cloud(event, context);
};
