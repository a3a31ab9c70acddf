/**
 * Intake: the bucket labs write to, one write-only role per lab, the encrypted queue that S3
 * notifies for every object created under `incoming/`, the large intake queue (ingest hands on to
 * it each large object of a batch, so that a large object has an invocation to itself) and the DLQ
 * both queues redrive to. The DLQ feeds the dead-letter function (lib/processing.ts), which records
 * each object ingest gave up on.
 */
import { Duration, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as s3n from "aws-cdk-lib/aws-s3-notifications";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { PREFIX } from "../lambdas/core/names";
import type { LabConfig } from "./config";
import { acknowledgeWildcard } from "./grants";
import {
  ABORT_MULTIPART_AFTER_DAYS,
  DLQ_RETENTION,
  INGEST_TIMEOUT,
  LAB_SESSION_DURATION,
  MAX_RECEIVE_COUNT,
  VISIBILITY_TIMEOUT_FACTOR,
} from "./intake-defaults";

/**
 * The dead-letter function's timeout: it writes one small record (and audit event) per object of
 * up to `DEAD_LETTER_BATCH_SIZE` messages, a few DynamoDB calls each.
 */
export const DEAD_LETTER_TIMEOUT = Duration.seconds(30);
/** The DLQ's visibility timeout: AWS's 6 × the consuming function's timeout, as for the intake queue. */
export const DEAD_LETTER_VISIBILITY_TIMEOUT = Duration.seconds(
  DEAD_LETTER_TIMEOUT.toSeconds() * VISIBILITY_TIMEOUT_FACTOR,
);

export interface IntakeProps {
  labs: readonly LabConfig[];
  retentionDays: number;
  /** Encrypts the intake bucket; the only key a lab role may use (through S3). */
  key: kms.IKey;
  /**
   * Encrypts the queues. Must differ from `key`: S3's send grant on the queue key names the bucket,
   * and the bucket names its own key, which would be a dependency cycle.
   */
  queueKey: kms.IKey;
  accessLogs: s3.IBucket;
}

/** The principal a lab's role trusts: an account (its root) or one IAM role/user ARN. */
export function labPrincipal(principal: string): iam.IPrincipal {
  return /^\d{12}$/.test(principal) ? new iam.AccountPrincipal(principal) : new iam.ArnPrincipal(principal);
}

export class Intake extends Construct {
  readonly bucket: s3.Bucket;
  readonly queue: sqs.Queue;
  /**
   * The large intake queue: no S3 notification targets it; only the ingest function sends to it,
   * the unchanged message of each large object (> 256 KiB, or of unknown size) in a batch of
   * several. Ingest consumes it one message per invocation (lib/processing.ts).
   */
  readonly largeQueue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly labRoles: ReadonlyMap<string, iam.Role>;

  constructor(scope: Construct, id: string, props: IntakeProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, "Bucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: "s3/intake/",
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: "expire-raw-intake",
          expiration: Duration.days(props.retentionDays),
          noncurrentVersionExpiration: Duration.days(props.retentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(ABORT_MULTIPART_AFTER_DAYS),
        },
        // Delete markers left by the rule above would otherwise linger forever.
        { id: "remove-expired-delete-markers", expiredObjectDeleteMarker: true },
      ],
    });

    this.deadLetterQueue = new sqs.Queue(this, "DeadLetterQueue", {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.queueKey,
      enforceSSL: true,
      retentionPeriod: DLQ_RETENTION,
      // Consumed by the dead-letter function; a message it fails to record comes back after this.
      visibilityTimeout: DEAD_LETTER_VISIBILITY_TIMEOUT,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is the dead-letter queue of the intake queue and of the large intake queue; its consumer records every message as a dead letter, and alarms watch both the queue and its consumer.",
    });
    // Both queues feed the ingest function, with the same timeout, retries and DLQ: a large object
    // fails into the same dead-letter record as a small one.
    const ingestQueueProps: sqs.QueueProps = {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.queueKey,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(INGEST_TIMEOUT.toSeconds() * VISIBILITY_TIMEOUT_FACTOR),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    };
    this.queue = new sqs.Queue(this, "Queue", ingestQueueProps);
    this.largeQueue = new sqs.Queue(this, "LargeQueue", ingestQueueProps);
    this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queue), {
      prefix: PREFIX.incoming,
    });

    const roles = new Map<string, iam.Role>();
    for (const lab of props.labs) roles.set(lab.id, this.labRole(lab, props.key));
    this.labRoles = roles;
  }

  /**
   * A role the lab assumes to upload. It may only PutObject under `incoming/<labId>/`: no read, no
   * list, no other prefix. KMS use is limited to what S3 needs to encrypt that upload (multipart
   * uploads also need kms:Decrypt), only through S3 and only for this bucket.
   */
  private labRole(lab: LabConfig, key: kms.IKey): iam.Role {
    const role = new iam.Role(this, `Lab-${lab.id}`, {
      assumedBy: labPrincipal(lab.principal),
      externalIds: lab.externalId ? [lab.externalId] : undefined,
      maxSessionDuration: LAB_SESSION_DURATION,
      description: `cotshare lab ${lab.id}: may only write under ${PREFIX.incoming}${lab.id}/`,
    });
    const ownPrefix = this.bucket.arnForObjects(`${PREFIX.incoming}${lab.id}/*`);
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: "WriteOwnPrefixOnly",
        actions: ["s3:PutObject"],
        resources: [ownPrefix],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: "EncryptUploadsThroughS3",
        actions: ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"],
        resources: [key.keyArn],
        conditions: {
          StringEquals: {
            "kms:ViaService": `s3.${Stack.of(this).region}.amazonaws.com`,
            "kms:EncryptionContext:aws:s3:arn": this.bucket.bucketArn,
          },
        },
      }),
    );
    acknowledgeWildcard(
      role,
      ownPrefix,
      `The wildcard is the lab's own intake prefix: it may write any object name under ${PREFIX.incoming}${lab.id}/ and nowhere else.`,
    );
    return role;
  }
}
