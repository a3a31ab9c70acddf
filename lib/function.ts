/**
 * One cotshare Lambda function: a bundled handler from `lambdas/handlers/`, its own role (no managed
 * policies), its own log group with a retention, X-Ray tracing and Powertools settings.
 */
import { fileURLToPath } from "node:url";
import { type Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { LoggingFormat, ApplicationLogLevel } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import {
  BUNDLING,
  FUNCTION_ARCHITECTURE,
  FUNCTION_RUNTIME,
  FUNCTION_TRACING,
  powertoolsEnvironment,
} from "./function-defaults";

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

export type HandlerName = "ingest" | "dead-letter" | "publish" | "public-api" | "review-api";

export interface CotshareFunctionProps {
  handler: HandlerName;
  description: string;
  timeout: Duration;
  memorySize: number;
  logRetentionDays: number;
  environment?: Record<string, string>;
  reservedConcurrentExecutions?: number;
}

export class CotshareFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CotshareFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, "Logs", {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Own role instead of AWSLambdaBasicExecutionRole: logs go to this log group only.
    this.role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `cotshare ${props.handler} function`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [`${this.logGroup.logGroupArn}`],
      }),
    );
    this.fn = new NodejsFunction(this, "Function", {
      entry: fileURLToPath(new URL(`../lambdas/handlers/${props.handler}.ts`, import.meta.url)),
      handler: "handler",
      projectRoot: REPO_ROOT,
      depsLockFilePath: fileURLToPath(new URL("../package-lock.json", import.meta.url)),
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: FUNCTION_ARCHITECTURE,
      tracing: FUNCTION_TRACING,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      bundling: BUNDLING,
      environment: { ...powertoolsEnvironment(`cotshare-${props.handler}`), ...props.environment },
    });
    // Active tracing adds xray:PutTraceSegments / PutTelemetryRecords, which have no resource-level
    // permissions; tests assert that X-Ray is the only `Resource: *` grant on these roles.
    Validations.of(this.role).acknowledge({
      id: "AwsSolutions-IAM5[Resource::*]",
      reason: "X-Ray PutTraceSegments and PutTelemetryRecords do not support resource-level permissions.",
    });
    Validations.of(this.fn).acknowledge({
      id: "AwsSolutions-L1",
      reason:
        "nodejs22.x is chosen on purpose: the handlers are tested on Node 20/22 (the local runtime runs the same code on Node 20); move to 24 once the toolchain runs there.",
    });
  }
}
