/**
 * Every name that the cloud stack (`lib/`) and the local runtime (`local/`) share: buckets,
 * tables, indexes, key layouts. Defined once so the two cannot drift apart.
 */

/** Logical bucket roles. Locally these are the bucket names; in the cloud CDK derives unique names. */
export const BUCKETS = {
  intake: "cotshare-intake",
  staging: "cotshare-staging",
  public: "cotshare-public",
} as const;

/** DynamoDB tables (local names; the cloud stack lets CloudFormation name them). */
export const TABLES = {
  transcripts: "cotshare-transcripts",
  sets: "cotshare-sets",
  audit: "cotshare-audit",
  idempotency: "cotshare-idempotency",
} as const;

/** Key schema of the transcripts table and its indexes. */
export const TRANSCRIPTS_TABLE = {
  partitionKey: "pk",
  indexes: {
    byStatus: { name: "byStatus", partitionKey: "status", sortKey: "receivedAt" },
    byLab: { name: "byLab", partitionKey: "lab", sortKey: "receivedAt" },
    byModel: { name: "byModel", partitionKey: "modelId", sortKey: "receivedAt" },
    /**
     * The reviewers' queue, a sparse index: `queue` holds the verdict of a record that waits for
     * a person (status `accepted`, verdict `NEEDS_HUMAN` or `BLOCK`) and is absent otherwise, so
     * the queue is read without paging through every accepted PASS (see `queueOf`).
     */
    byQueue: { name: "byQueue", partitionKey: "queue", sortKey: "receivedAt" },
  },
} as const;

export const SETS_TABLE = { partitionKey: "setId", sortKey: undefined } as const;
export const AUDIT_TABLE = { partitionKey: "subject", sortKey: "at" } as const;
export const IDEMPOTENCY_TABLE = { partitionKey: "id" } as const;

/** Key prefixes. A lab may only write under `incoming/<labId>/`. */
export const PREFIX = {
  incoming: "incoming/",
  staging: "transcripts/",
  reports: "reports/",
  sets: "sets/",
  keys: "keys/",
  /** Per-lab configuration in the staging bucket: `config/labs/<labId>/policy.json`. Never published. */
  labConfig: "config/labs/",
  /**
   * One small mark per intake key in the staging bucket: the version of it processed last, so a
   * newer version knows to supersede what an older one left. Never published.
   */
  intakeMarks: "intake-marks/",
} as const;

export const LATEST_KEY = "latest.json";
export const PUBLICATION_LOG_KEY = "log.jsonl";

/** `incoming/<labId>/<name>` → labId; undefined if the key is not an intake key. */
export function labFromIntakeKey(key: string): string | undefined {
  const m = /^incoming\/([a-z0-9][a-z0-9-]{1,39})\/(.+)$/.exec(key);
  return m ? m[1] : undefined;
}

export const LAB_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,39}$/;

export function intakeKey(labId: string, name: string): string {
  return `${PREFIX.incoming}${labId}/${name}`;
}
export function stagingTranscriptKey(id: string): string {
  return `${PREFIX.staging}${id}.json`;
}
export function stagingReportKey(id: string): string {
  return `${PREFIX.reports}${id}.json`;
}
/**
 * The mark of an intake key (`intakeMarks`): named by a hex digest of the key (computed by the
 * caller; the core stays free of I/O and of node:crypto here), so any key fits an S3 key.
 */
export function intakeMarkKey(keyDigest: string): string {
  return `${PREFIX.intakeMarks}${keyDigest}.json`;
}
export function labPolicyKey(labId: string): string {
  return `${PREFIX.labConfig}${labId}/policy.json`;
}
export function setPrefix(setId: string): string {
  return `${PREFIX.sets}${setId}/`;
}

/**
 * How the ingest function takes the intake queue (lib/processing.ts) and shares its invocations
 * (lambdas/handlers/ingest.ts). Up to `messages` S3 events per invocation, gathered for up to
 * `windowSeconds` (SQS event sources need a window for batches over 10): their small objects go
 * through the pipeline together, which costs less CPU per transcript than one object at a time.
 * An object over `objectBytes`, of unknown size, or past `bytes` of the batch's small objects is
 * handed on to the large intake queue, read one message per invocation. So one invocation runs at
 * most `bytes` of small objects, or a single object of any size (a batch of one message).
 */
export const INGEST_BATCH = {
  messages: 64,
  windowSeconds: 1,
  objectBytes: 256 * 1024,
  bytes: 4 * 1024 * 1024,
} as const;

/** Environment variables the handlers read; set by the CDK stack and by `local/` alike. */
export const ENV = {
  intakeBucket: "INTAKE_BUCKET",
  stagingBucket: "STAGING_BUCKET",
  publicBucket: "PUBLIC_BUCKET",
  transcriptsTable: "TRANSCRIPTS_TABLE",
  setsTable: "SETS_TABLE",
  auditTable: "AUDIT_TABLE",
  idempotencyTable: "IDEMPOTENCY_TABLE",
  /**
   * URL of the queue of intake objects too large to share an ingest batch (cloud, ingest only): an
   * ingest batch of several messages hands each such object on to it, where it has an invocation to
   * itself (`INGEST_BATCH`; LARGE_INGEST_BATCH_SIZE in lib/processing.ts).
   */
  largeIntakeQueueUrl: "LARGE_INTAKE_QUEUE_URL",
  /**
   * ARN of the Secrets Manager secret holding the deployment's HMAC master key (cloud). Each lab's
   * finding-hash key is HMAC-SHA256(master, labId). Locally the master key is `<data>/hmac-key`.
   */
  hmacSecretArn: "HMAC_SECRET_ARN",
  setSize: "SET_SIZE",
  signingKeyId: "SIGNING_KEY_ID",
  /**
   * Name of the publish function (cloud, review function only): the review API invokes it to
   * publish and to take down, since only the publish function may sign and write sets.
   */
  publishFunctionName: "PUBLISH_FUNCTION_NAME",
  /** CloudFront distribution id (cloud, publish function only): invalidated after a takedown. */
  distributionId: "DISTRIBUTION_ID",
} as const;
