/**
 * Least-privilege grants written out action by action. The CDK `grant*` helpers add wildcard
 * actions (`s3:GetObject*`, `kms:GenerateDataKey*`, `s3:List*`) that the functions do not need.
 *
 * A grant on "every object under one prefix" or "every index of one table" is a resource wildcard
 * that cdk-nag (AwsSolutions-IAM5) reports. Each helper acknowledges exactly the finding its own
 * statement produces — computed from the same resource it writes — and says why, so no other
 * wildcard on the same role can slip through under that acknowledgment.
 */
import { Stack, Validations } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import type * as s3 from "aws-cdk-lib/aws-s3";
import { flattenCfnReference } from "cdk-nag/lib/utils/flatten-cfn-reference";
import type { IConstruct } from "constructs";

export const TABLE_READ = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"];
export const TABLE_WRITE = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
];

export function allow(role: iam.IRole, actions: string[], resources: string[], sid?: string): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({ sid, actions, resources }));
}

/**
 * Acknowledge the IAM5 finding for one wildcard resource (the exact ARN string, tokens and all, as
 * written into the policy) on a role or policy, with a reason. The finding id is rendered with
 * cdk-nag's own flattening, so it matches exactly that resource and nothing else.
 */
export function acknowledgeWildcard(scope: IConstruct, resource: string, reason: string): void {
  const flat = flattenCfnReference(Stack.of(scope).resolve(resource));
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flat}]`, reason });
}

/** Read (and optionally write) items of a table and query its indexes. */
export function allowTable(role: iam.IRole, table: dynamodb.ITable, write: boolean): void {
  allow(role, write ? [...TABLE_READ, ...TABLE_WRITE] : TABLE_READ, [
    table.tableArn,
    `${table.tableArn}/index/*`,
  ]);
  acknowledgeWildcard(
    role,
    `${table.tableArn}/index/*`,
    "Queries go through this table's own global secondary indexes; index ARNs are only expressible as table/index/*.",
  );
}

/**
 * `s3:ListBucket` on a bucket whose objects the role reads, so that reading a missing object
 * answers 404 (not found) rather than 403: without it S3 denies the read, and an optional object
 * (a lab without a policy file, a key never processed, an object deleted since its event) would
 * fail the function instead of being absent. Names only, no content.
 */
export function allowMissingObjects(role: iam.IRole, bucket: s3.IBucket): void {
  allow(role, ["s3:ListBucket"], [bucket.bucketArn]);
}

/** Object actions under one key prefix of a bucket (e.g. `transcripts/`). */
export function allowObjects(
  role: iam.IRole,
  bucket: s3.IBucket,
  prefix: string,
  actions: string[],
  reason = `Object names under ${prefix} are generated at run time (ids, lab ids); the grant is limited to that one prefix.`,
): void {
  const resource = bucket.arnForObjects(`${prefix}*`);
  allow(role, actions, [resource]);
  acknowledgeWildcard(role, resource, reason);
}

export function allowDecrypt(role: iam.IRole, key: kms.IKey): void {
  allow(role, ["kms:Decrypt"], [key.keyArn]);
}

export function allowEncryptDecrypt(role: iam.IRole, key: kms.IKey): void {
  allow(role, ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"], [key.keyArn]);
}
