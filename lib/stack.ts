/**
 * The cotshare stack: composes one construct per concern and exports what operators and labs need.
 */
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import { Construct } from "constructs";
import { AccessLogs } from "./access-logs";
import type { CotshareConfig } from "./config";
import { Intake } from "./intake";
import { Keys } from "./keys";
import { Metadata } from "./metadata";
import { Operations } from "./operations";
import { Processing } from "./processing";
import { PublicSite } from "./public-site";
import { Publishing } from "./publishing";
import { ReviewApi } from "./review-api";
import { ensureLogRetention } from "./log-retention";
import { acknowledgeFindings } from "./nag-acknowledgments";

export interface CotshareStackProps extends StackProps {
  config: CotshareConfig;
  /** Viewer folder to deploy (default `web/`, deployed only when it holds an index.html). */
  webDir?: string;
}

/** CloudFormation output id for a lab's upload role. */
export function labRoleOutputId(labId: string): string {
  return `LabRoleArn${labId.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase())}`;
}

export class CotshareStack extends Stack {
  readonly keys: Keys;
  readonly intake: Intake;
  readonly metadata: Metadata;
  readonly processing: Processing;
  readonly publishing: Publishing;
  readonly publicSite: PublicSite;
  readonly reviewApi: ReviewApi;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: CotshareStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetentionDays = config.logRetentionDays;

    this.keys = new Keys(this, "Keys");
    const accessLogs = new AccessLogs(this, "AccessLogs", { retentionDays: config.accessLogRetentionDays })
      .bucket;
    this.intake = new Intake(this, "Intake", {
      labs: config.labs,
      retentionDays: config.retentionDays,
      key: this.keys.intake,
      queueKey: this.keys.data,
      accessLogs,
    });
    this.metadata = new Metadata(this, "Metadata", { key: this.keys.data });
    this.processing = new Processing(this, "Processing", {
      intake: this.intake,
      metadata: this.metadata,
      intakeKey: this.keys.intake,
      dataKey: this.keys.data,
      accessLogs,
      logRetentionDays,
      maxConcurrency: config.ingestMaxConcurrency,
    });
    this.publishing = new Publishing(this, "Publishing", {
      metadata: this.metadata,
      stagingBucket: this.processing.stagingBucket,
      dataKey: this.keys.data,
      accessLogs,
      schedule: config.schedule,
      setSize: config.setSize,
      logRetentionDays,
      signingKeyGeneration: config.signingKeyGeneration,
      serializePublishing: config.serializePublishing,
    });
    this.publicSite = new PublicSite(this, "PublicSite", {
      publicBucket: this.publishing.publicBucket,
      accessLogs,
      transcripts: this.metadata.transcripts,
      sets: this.metadata.sets,
      dataKey: this.keys.data,
      logRetentionDays,
      domain: config.domain,
      webDir: props.webDir,
    });
    // After a takedown the publish function invalidates the rewritten sets at the CDN. The
    // distribution depends on the bucket, not on the function, so this adds no cycle.
    this.publishing.allowInvalidation(this.publicSite.distribution);
    this.reviewApi = new ReviewApi(this, "ReviewApi", {
      metadata: this.metadata,
      stagingBucket: this.processing.stagingBucket,
      publishFunction: this.publishing.publish.fn,
      dataKey: this.keys.data,
      logRetentionDays,
    });
    this.operations = new Operations(this, "Operations", {
      alarmEmail: config.alarmEmail,
      deadLetterQueue: this.intake.deadLetterQueue,
      deadLetterFunction: this.processing.deadLetter.fn,
      ingestQueues: { Intake: this.intake.queue, LargeIntake: this.intake.largeQueue },
      functions: {
        Ingest: this.processing.ingest.fn,
        DeadLetter: this.processing.deadLetter.fn,
        Publish: this.publishing.publish.fn,
        PublicApi: this.publicSite.publicApi.fn,
        ReviewApi: this.reviewApi.review.fn,
      },
    });

    new CfnOutput(this, "IntakeBucketName", { value: this.intake.bucket.bucketName });
    new CfnOutput(this, "StagingBucketName", { value: this.processing.stagingBucket.bucketName });
    new CfnOutput(this, "PublicBucketName", { value: this.publishing.publicBucket.bucketName });
    for (const [labId, role] of this.intake.labRoles) {
      new CfnOutput(this, labRoleOutputId(labId), {
        value: role.roleArn,
        description: `Upload role of lab ${labId} (PutObject under incoming/${labId}/ only)`,
      });
    }
    new CfnOutput(this, "DistributionDomainName", {
      value: this.publicSite.distribution.distributionDomainName,
    });
    new CfnOutput(this, "PublicApiUrl", {
      value: `https://${config.domain?.name ?? this.publicSite.distribution.distributionDomainName}/api/`,
    });
    new CfnOutput(this, "ReviewApiUrl", { value: this.reviewApi.url });
    new CfnOutput(this, "ReviewerPolicyArn", { value: this.reviewApi.reviewerPolicy.managedPolicyArn });
    new CfnOutput(this, "AdminPolicyArn", { value: this.reviewApi.adminPolicy.managedPolicyArn });
    new CfnOutput(this, "PublishFunctionName", { value: this.publishing.publish.fn.functionName });
    new CfnOutput(this, "SigningKeyArn", { value: this.publishing.signingKey.keyArn });
    new CfnOutput(this, "AlarmTopicArn", { value: this.operations.topic.topicArn });

    ensureLogRetention(this, logRetentionDays);
    acknowledgeFindings(this);
  }
}
