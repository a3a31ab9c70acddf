/**
 * Publishing: the public bucket (never public itself: CloudFront reads it through OAC), the
 * asymmetric signing key, and the publish function run on a schedule or on demand.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import type * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { ENV, PREFIX } from "../lambdas/core/names";
import { CotshareFunction } from "./function";
import { allow, allowEncryptDecrypt, allowMissingObjects, allowObjects, allowTable } from "./grants";
import type { Metadata } from "./metadata";

export interface PublishingProps {
  metadata: Metadata;
  stagingBucket: s3.Bucket;
  dataKey: kms.IKey;
  accessLogs: s3.IBucket;
  schedule: string;
  setSize: number;
  logRetentionDays: number;
  /** 1 → construct `SigningKey`; n > 1 → `SigningKey<n>`: a new key, the old one retained. */
  signingKeyGeneration: number;
  /** Reserved concurrency 1 for the publish function: publications and takedowns never overlap. */
  serializePublishing: boolean;
}

export class Publishing extends Construct {
  readonly publicBucket: s3.Bucket;
  readonly signingKey: kms.Key;
  readonly publish: CotshareFunction;
  readonly scheduleRule: events.Rule;

  constructor(scope: Construct, id: string, props: PublishingProps) {
    super(scope, id);
    const { metadata } = props;
    // SSE-S3, not KMS: everything here is public by intent, and CloudFront OAC reads it directly.
    this.publicBucket = new s3.Bucket(this, "PublicBucket", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: "s3/public/",
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // ECDSA P-256 for signed manifests. Asymmetric KMS keys never export their private half.
    const keyId = props.signingKeyGeneration === 1 ? "SigningKey" : `SigningKey${props.signingKeyGeneration}`;
    this.signingKey = new kms.Key(this, keyId, {
      description: "cotshare manifest signing key (ECDSA P-256)",
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    this.publish = new CotshareFunction(this, "Publish", {
      handler: "publish",
      description: "cotshare publish: curate, write and sign a new public set",
      timeout: Duration.minutes(5),
      memorySize: 1024,
      logRetentionDays: props.logRetentionDays,
      // Each run reads log.jsonl and latest.json and writes them back whole: a second run at the
      // same time is throttled instead (the schedule's asynchronous invoke is retried by Lambda,
      // the review API answers 503 publish_busy).
      reservedConcurrentExecutions: props.serializePublishing ? 1 : undefined,
      environment: {
        [ENV.stagingBucket]: props.stagingBucket.bucketName,
        [ENV.publicBucket]: this.publicBucket.bucketName,
        [ENV.transcriptsTable]: metadata.transcripts.tableName,
        [ENV.setsTable]: metadata.sets.tableName,
        [ENV.auditTable]: metadata.audit.tableName,
        [ENV.setSize]: String(props.setSize),
        [ENV.signingKeyId]: this.signingKey.keyId,
      },
    });
    const role = this.publish.role;
    allowObjects(role, props.stagingBucket, PREFIX.staging, ["s3:GetObject"]);
    // The labs' policies: consent (`autoPublish`) and the re-screen of every candidate and
    // published transcript against the current deny terms and internal domains.
    allowObjects(role, props.stagingBucket, PREFIX.labConfig, ["s3:GetObject"]);
    allowMissingObjects(role, props.stagingBucket); // a lab without a policy file
    allowEncryptDecrypt(role, props.dataKey);
    allowObjects(
      role,
      this.publicBucket,
      "",
      ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      "The publish function owns the public bucket's content: it writes new set folders, latest.json and keys, and deletes withdrawn transcripts.",
    );
    allow(role, ["s3:ListBucket"], [this.publicBucket.bucketArn]);
    allowTable(role, metadata.transcripts, true);
    allowTable(role, metadata.sets, true);
    allowTable(role, metadata.audit, true);
    allow(role, ["kms:Sign", "kms:GetPublicKey"], [this.signingKey.keyArn], "SignManifests");

    // Only the publish role may sign, whatever IAM policies anyone else in the account is given.
    this.signingKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "OnlyThePublishFunctionSigns",
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ["kms:Sign"],
        resources: ["*"],
        conditions: { ArnNotEquals: { "aws:PrincipalArn": role.roleArn } },
      }),
    );

    this.scheduleRule = new events.Rule(this, "Schedule", {
      description: "cotshare: publish a new set",
      schedule: events.Schedule.expression(props.schedule),
      targets: [new targets.LambdaFunction(this.publish.fn, { retryAttempts: 2 })],
    });
  }

  /**
   * Tells the publish function which distribution serves the public bucket (`ENV.distributionId`)
   * and lets it invalidate that one distribution, which it does after a takedown.
   */
  allowInvalidation(distribution: cloudfront.IDistribution): void {
    this.publish.fn.addEnvironment(ENV.distributionId, distribution.distributionId);
    allow(
      this.publish.role,
      ["cloudfront:CreateInvalidation"],
      [distribution.distributionArn],
      "InvalidateTakedowns",
    );
  }
}
