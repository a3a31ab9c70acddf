/**
 * Every function's log group has a retention, CDK's own deploy-time functions included: those get
 * a log group created here and wired in through `LoggingConfig` (their roles already may write logs).
 */
import { CfnResource, RemovalPolicy, type Stack } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import type { IConstruct } from "constructs";

export function ensureLogRetention(stack: Stack, retentionDays: number): void {
  const groupFor = (node: IConstruct): logs.LogGroup =>
    new logs.LogGroup(node.node.scope ?? stack, `${node.node.id}Logs`, {
      retention: retentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  for (const node of stack.node.findAll()) {
    if (node instanceof lambda.CfnFunction) {
      const config = stack.resolve(node.loggingConfig) as { logGroup?: unknown } | undefined;
      if (config?.logGroup !== undefined) continue;
      node.loggingConfig = { ...(config ?? {}), logGroup: groupFor(node).logGroupName };
    } else if (CfnResource.isCfnResource(node) && node.cfnResourceType === "AWS::Lambda::Function") {
      // CDK's bucket-notifications handler is a raw CfnResource with no LoggingConfig of its own.
      node.addPropertyOverride("LoggingConfig.LogGroup", groupFor(node).logGroupName);
    }
  }
}
