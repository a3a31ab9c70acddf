/**
 * Processing: the private staging bucket, the HMAC master secret, the ingest function fed by the
 * intake queue (batches of small objects) and by the large intake queue (one large object per
 * invocation) — partial batch failures; idempotency is keyed in the handler on bucket + key +
 * version, backed by the idempotency table — and the dead-letter function fed by the intake DLQ (a
 * rejected `dead_letter` record for every object ingest gave up on).
 */
import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import type * as kms from "aws-cdk-lib/aws-kms";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { ENV, INGEST_BATCH, PREFIX } from "../lambdas/core/names";
import { CotshareFunction } from "./function";
import {
  allow,
  allowDecrypt,
  allowEncryptDecrypt,
  allowMissingObjects,
  allowObjects,
  allowTable,
} from "./grants";
import { DEAD_LETTER_TIMEOUT, type Intake } from "./intake";
import { INGEST_TIMEOUT } from "./intake-defaults";
import type { Metadata } from "./metadata";

export interface ProcessingProps {
  intake: Intake;
  metadata: Metadata;
  intakeKey: kms.IKey;
  dataKey: kms.IKey;
  accessLogs: s3.IBucket;
  logRetentionDays: number;
  maxConcurrency: number;
}

/**
 * Messages per ingest invocation from the intake queue (`INGEST_BATCH.messages`, 64); failures are
 * reported per message, not per batch. Safe for the ingest timeout because only small objects share
 * a batch: in a batch of more than one message, the handler runs the small objects (S3 event size ≤
 * `INGEST_BATCH.objectBytes`, 256 KiB, and together ≤ `INGEST_BATCH.bytes`, 4 MiB) through the
 * pipeline together (a quarter less CPU per transcript than one object at a time, measured in
 * docs/benchmarks.md, and one invocation instead of 64) and hands each other one on, unchanged, to
 * the large intake queue; a batch of one message is processed in place whatever its size. So a
 * batch holds at most 4 MiB of small objects, far less than the one largest object (50 MiB) the
 * timeout is sized for.
 */
export const INGEST_BATCH_SIZE = INGEST_BATCH.messages;
/**
 * How long the event source gathers a batch (SQS needs a window for batches over 10): a lone upload
 * waits up to this long before its invocation starts; a burst fills batches of 64 sooner.
 */
export const INGEST_BATCHING_WINDOW = Duration.seconds(INGEST_BATCH.windowSeconds);

/**
 * Messages per ingest invocation from the large intake queue: one, so a large object has an
 * invocation — the whole timeout and memory — to itself, as every object had before batching.
 */
export const LARGE_INGEST_BATCH_SIZE = 1;

/**
 * Concurrent ingest invocations driven by the large intake queue (SQS's smallest `maxConcurrency`),
 * on top of the configured `ingestMaxConcurrency` of the intake queue. Each runs one large object
 * for up to minutes (up to 10,000 transcripts written to DynamoDB), and the cap bounds ingest as a
 * whole to `ingestMaxConcurrency` + 2: an account on the 10-execution starting quota keeps room for
 * the publish and API functions. Large objects wait in their queue meanwhile (not received, so no
 * retry is spent); small ones keep flowing through the intake queue.
 */
export const LARGE_INGEST_MAX_CONCURRENCY = 2;

/** DLQ messages per dead-letter invocation (each one a few DynamoDB calls); failures are per message. */
export const DEAD_LETTER_BATCH_SIZE = 10;
/**
 * Concurrent dead-letter invocations (SQS's smallest `maxConcurrency`): dead letters are rare, and
 * a burst of them (a bad deploy) should not compete with ingest for DynamoDB capacity.
 */
export const DEAD_LETTER_MAX_CONCURRENCY = 2;

export class Processing extends Construct {
  readonly stagingBucket: s3.Bucket;
  readonly hmacSecret: secretsmanager.Secret;
  readonly ingest: CotshareFunction;
  readonly deadLetter: CotshareFunction;

  constructor(scope: Construct, id: string, props: ProcessingProps) {
    super(scope, id);
    const { intake, metadata } = props;
    this.stagingBucket = new s3.Bucket(this, "StagingBucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.dataKey,
      bucketKeyEnabled: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: "s3/staging/",
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.hmacSecret = new secretsmanager.Secret(this, "HmacMasterKey", {
      description: "cotshare HMAC master key; per-lab finding-hash keys are HMAC-SHA256(master, labId)",
      encryptionKey: props.dataKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.hmacSecret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "Rotating the HMAC master key changes every finding hash and breaks cross-set comparisons; it is rotated by hand with the documented procedure (docs/deploy.md), not on a schedule.",
    });

    this.ingest = new CotshareFunction(this, "Ingest", {
      handler: "ingest",
      description: "cotshare ingest: parse, normalise, redact, review and score one intake object",
      timeout: INGEST_TIMEOUT,
      memorySize: 1024,
      logRetentionDays: props.logRetentionDays,
      environment: {
        [ENV.intakeBucket]: intake.bucket.bucketName,
        [ENV.stagingBucket]: this.stagingBucket.bucketName,
        [ENV.transcriptsTable]: metadata.transcripts.tableName,
        [ENV.auditTable]: metadata.audit.tableName,
        // The metadata store adapter is built over all three tables; ingest only reads sets.
        [ENV.setsTable]: metadata.sets.tableName,
        [ENV.idempotencyTable]: metadata.idempotency.tableName,
        [ENV.hmacSecretArn]: this.hmacSecret.secretArn,
        // Where a batch of several messages hands on its large objects.
        [ENV.largeIntakeQueueUrl]: intake.largeQueue.queueUrl,
      },
    });
    const role = this.ingest.role;
    allowObjects(role, intake.bucket, PREFIX.incoming, ["s3:GetObject", "s3:GetObjectVersion"]);
    // A missing object reads as absent (an intake object deleted since its event, a lab without a
    // policy, a key never processed before), not as access denied.
    allowMissingObjects(role, intake.bucket);
    allowMissingObjects(role, this.stagingBucket);
    allowDecrypt(role, props.intakeKey);
    allowObjects(role, this.stagingBucket, PREFIX.staging, ["s3:PutObject"]);
    allowObjects(role, this.stagingBucket, PREFIX.reports, ["s3:PutObject"]);
    allowObjects(role, this.stagingBucket, PREFIX.labConfig, ["s3:GetObject"]);
    // The version of each intake key processed last: a newer version supersedes an older one's records.
    allowObjects(role, this.stagingBucket, PREFIX.intakeMarks, ["s3:GetObject", "s3:PutObject"]);
    allowEncryptDecrypt(role, props.dataKey);
    allowTable(role, metadata.transcripts, true);
    allowTable(role, metadata.audit, true);
    allowTable(role, metadata.idempotency, true);
    allowTable(role, metadata.sets, false);
    allow(role, ["secretsmanager:GetSecretValue"], [this.hmacSecret.secretArn]);

    // Handing a large object on: SendMessage to the large intake queue only (not to the intake
    // queue, not to the DLQ), and the queue key's data key for SSE-KMS (SQS needs kms:Decrypt too
    // to send to an encrypted queue). The queue key is the data key today, already granted above;
    // this statement names the queue's own key so the grant follows it if that ever changes.
    allow(role, ["sqs:SendMessage"], [intake.largeQueue.queueArn]);
    const largeQueueKey = intake.largeQueue.encryptionMasterKey;
    if (!largeQueueKey) throw new Error("the large intake queue must be encrypted with a customer key");
    allow(role, ["kms:GenerateDataKey", "kms:Decrypt"], [largeQueueKey.keyArn]);

    // Each event source adds receive/delete/visibility rights on its queue (and kms:Decrypt on its key).
    this.ingest.fn.addEventSource(
      new SqsEventSource(intake.queue, {
        batchSize: INGEST_BATCH_SIZE,
        maxBatchingWindow: INGEST_BATCHING_WINDOW,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency,
      }),
    );
    this.ingest.fn.addEventSource(
      new SqsEventSource(intake.largeQueue, {
        batchSize: LARGE_INGEST_BATCH_SIZE,
        reportBatchItemFailures: true,
        maxConcurrency: LARGE_INGEST_MAX_CONCURRENCY,
      }),
    );

    // Dead letters: only what `recordDeadLetter` does — read, put and conditionally update the
    // key's record in the transcripts table, read the key's audit trail and put its event, read
    // the key's intake mark — and the data key those tables, the staging bucket and the DLQ are
    // encrypted with. No other object, no sets table, no idempotency table, no publish.
    this.deadLetter = new CotshareFunction(this, "DeadLetter", {
      handler: "dead-letter",
      description: "cotshare dead letters: a rejected dead_letter record for each object ingest gave up on",
      timeout: DEAD_LETTER_TIMEOUT,
      memorySize: 256,
      logRetentionDays: props.logRetentionDays,
      environment: {
        // A name to filter events by; the function has no access to the bucket.
        [ENV.intakeBucket]: intake.bucket.bucketName,
        // For the intake marks only: a version older than one processed since is `superseded`.
        [ENV.stagingBucket]: this.stagingBucket.bucketName,
        [ENV.transcriptsTable]: metadata.transcripts.tableName,
        [ENV.auditTable]: metadata.audit.tableName,
        // The metadata store adapter is built over all three tables; dead letters never touch sets.
        [ENV.setsTable]: metadata.sets.tableName,
      },
    });
    const dl = this.deadLetter.role;
    allow(
      dl,
      ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
      [metadata.transcripts.tableArn],
    );
    // Its audit event, and the key's audit trail, where ingest noted the last failure's code.
    allow(dl, ["dynamodb:PutItem", "dynamodb:Query"], [metadata.audit.tableArn]);
    allowObjects(dl, this.stagingBucket, PREFIX.intakeMarks, ["s3:GetObject"]);
    allowMissingObjects(dl, this.stagingBucket); // a key never processed has no mark
    allowEncryptDecrypt(dl, props.dataKey);
    // The event source adds receive/delete/visibility rights on the DLQ (and kms:Decrypt on its key).
    this.deadLetter.fn.addEventSource(
      new SqsEventSource(intake.deadLetterQueue, {
        batchSize: DEAD_LETTER_BATCH_SIZE,
        reportBatchItemFailures: true,
        maxConcurrency: DEAD_LETTER_MAX_CONCURRENCY,
      }),
    );
  }
}
