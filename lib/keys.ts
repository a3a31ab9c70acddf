/**
 * The stack's customer-managed KMS keys. Two symmetric keys so that a lab's upload grant can never
 * touch processed data: `intake` (the intake bucket only; labs may encrypt with it through S3) and
 * `data` (queues, staging bucket, tables, the HMAC secret; no lab is ever granted it).
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as kms from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";

export class Keys extends Construct {
  readonly intake: kms.Key;
  readonly data: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const common = {
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    };
    this.intake = new kms.Key(this, "Intake", {
      ...common,
      description: "cotshare intake bucket",
    });
    this.data = new kms.Key(this, "Data", {
      ...common,
      description: "cotshare queues, staging bucket, metadata tables and HMAC secret",
    });
  }
}
