/**
 * Metadata: the DynamoDB tables (transcripts with its indexes, sets, audit trail, idempotency).
 * On demand, point-in-time recovery, encrypted with the stack's customer-managed data key: records
 * name labs, models and findings, so the deployer controls (and can audit or revoke) every read
 * through one key policy and CloudTrail, which an AWS-owned key would not allow.
 */
import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type * as kms from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import { AUDIT_TABLE, IDEMPOTENCY_TABLE, SETS_TABLE, TRANSCRIPTS_TABLE } from "../lambdas/core/names";

export interface MetadataProps {
  key: kms.IKey;
}

const S = dynamodb.AttributeType.STRING;

export class Metadata extends Construct {
  readonly transcripts: dynamodb.Table;
  readonly sets: dynamodb.Table;
  readonly audit: dynamodb.Table;
  readonly idempotency: dynamodb.Table;

  constructor(scope: Construct, id: string, props: MetadataProps) {
    super(scope, id);
    const common = {
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
    };
    const kept = { ...common, removalPolicy: RemovalPolicy.RETAIN, deletionProtection: true };

    this.transcripts = new dynamodb.Table(this, "Transcripts", {
      ...kept,
      partitionKey: { name: TRANSCRIPTS_TABLE.partitionKey, type: S },
    });
    for (const index of Object.values(TRANSCRIPTS_TABLE.indexes)) {
      this.transcripts.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: S },
        sortKey: { name: index.sortKey, type: S },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    this.sets = new dynamodb.Table(this, "Sets", {
      ...kept,
      partitionKey: { name: SETS_TABLE.partitionKey, type: S },
    });
    this.audit = new dynamodb.Table(this, "Audit", {
      ...kept,
      partitionKey: { name: AUDIT_TABLE.partitionKey, type: S },
      sortKey: { name: AUDIT_TABLE.sortKey, type: S },
    });
    // Idempotency records are short-lived by design: TTL on `expiration`, safe to destroy.
    this.idempotency = new dynamodb.Table(this, "Idempotency", {
      ...common,
      removalPolicy: RemovalPolicy.DESTROY,
      partitionKey: { name: IDEMPOTENCY_TABLE.partitionKey, type: S },
      timeToLiveAttribute: "expiration",
    });
  }
}
