/**
 * Review API: an HTTP API whose every route requires AWS IAM (SigV4) authorisation, in front of the
 * review function. Reviewers (people with the reviewer role, or bots) list the queue, fetch a
 * redacted transcript with its findings, and approve / deny / withdraw. Lab policies are set here
 * too (`PUT /admin/labs/{labId}/policy`). Nothing here is reachable without IAM credentials.
 * Publishing and takedowns are delegated to the publish function (Lambda invoke): the review
 * function can neither sign nor write the public bucket or the sets table.
 */
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import * as apigw from "aws-cdk-lib/aws-apigatewayv2";
import { HttpIamAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { ENV, PREFIX } from "../lambdas/core/names";
import { CotshareFunction } from "./function";
import {
  acknowledgeWildcard,
  allow,
  allowEncryptDecrypt,
  allowMissingObjects,
  allowObjects,
  allowTable,
} from "./grants";
import type { Metadata } from "./metadata";

export interface ReviewApiProps {
  metadata: Metadata;
  stagingBucket: s3.Bucket;
  /** `POST /admin/publish` and withdrawals invoke it: the only function that signs and writes sets. */
  publishFunction: lambda.IFunction;
  dataKey: kms.IKey;
  logRetentionDays: number;
}

/** Every route the review function serves; all of them require IAM. */
export const REVIEW_ROUTES: ReadonlyArray<{ method: apigw.HttpMethod; path: string }> = [
  { method: apigw.HttpMethod.GET, path: "/review/transcripts" },
  { method: apigw.HttpMethod.GET, path: "/review/transcripts/{id}" },
  { method: apigw.HttpMethod.POST, path: "/review/transcripts/{id}/decision" },
  { method: apigw.HttpMethod.GET, path: "/review/openapi.json" },
  { method: apigw.HttpMethod.POST, path: "/admin/publish" },
  { method: apigw.HttpMethod.PUT, path: "/admin/labs/{labId}/policy" },
];

export const REVIEW_THROTTLE = { rateLimit: 20, burstLimit: 40 } as const;

export class ReviewApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly review: CotshareFunction;
  /** A role reviewers (or bots) in this account can be allowed to assume to call the API. */
  readonly reviewerPolicy: iam.ManagedPolicy;
  /** Admins: every route, including publishing and lab policies. */
  readonly adminPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: ReviewApiProps) {
    super(scope, id);
    const { metadata } = props;
    this.review = new CotshareFunction(this, "Review", {
      handler: "review-api",
      description: "cotshare review API: queue, findings, decisions, lab policies",
      // Publishing and takedowns wait for the publish function: up to what API Gateway allows (30 s).
      timeout: Duration.seconds(29),
      memorySize: 512,
      logRetentionDays: props.logRetentionDays,
      environment: {
        [ENV.stagingBucket]: props.stagingBucket.bucketName,
        [ENV.transcriptsTable]: metadata.transcripts.tableName,
        [ENV.auditTable]: metadata.audit.tableName,
        [ENV.setsTable]: metadata.sets.tableName,
        [ENV.publishFunctionName]: props.publishFunction.functionName,
      },
    });
    const role = this.review.role;
    allowTable(role, metadata.transcripts, true);
    allowTable(role, metadata.audit, true);
    // Publishing and takedowns: the publish function, unqualified (its one $LATEST), and nothing else.
    allow(role, ["lambda:InvokeFunction"], [props.publishFunction.functionArn], "InvokePublish");
    allowObjects(role, props.stagingBucket, PREFIX.staging, ["s3:GetObject"]);
    allowObjects(role, props.stagingBucket, PREFIX.reports, ["s3:GetObject"]);
    allowMissingObjects(role, props.stagingBucket); // a missing transcript or report is a 404
    allowObjects(role, props.stagingBucket, PREFIX.labConfig, ["s3:PutObject"]);
    allowEncryptDecrypt(role, props.dataKey);

    this.api = new apigw.HttpApi(this, "Api", {
      description: "cotshare review API (IAM-authorised)",
      createDefaultStage: false,
      defaultAuthorizer: new HttpIamAuthorizer(),
    });
    const integration = new HttpLambdaIntegration("Review", this.review.fn);
    for (const route of REVIEW_ROUTES) {
      this.api.addRoutes({ path: route.path, methods: [route.method], integration });
    }
    const accessLogs = new logs.LogGroup(this, "AccessLogs", {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new apigw.HttpStage(this, "Stage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      throttle: REVIEW_THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            ip: "$context.identity.sourceIp",
            caller: "$context.identity.userArn",
            time: "$context.requestTime",
            method: "$context.httpMethod",
            route: "$context.routeKey",
            status: "$context.status",
            latency: "$context.responseLatency",
            error: "$context.error.message",
          }),
        ),
      },
    });

    const stack = Stack.of(this);
    const reviewRoutes = REVIEW_ROUTES.filter((r) => r.path.startsWith("/review/"));
    const routeArn = (r: (typeof REVIEW_ROUTES)[number]): string =>
      stack.formatArn({
        service: "execute-api",
        resource: this.api.apiId,
        resourceName: `$default/${r.method}${r.path.replace(/\{[^}]+\}/g, "*")}`,
      });
    this.reviewerPolicy = new iam.ManagedPolicy(this, "ReviewerPolicy", {
      description: "Attach to the people and bots who review cotshare transcripts",
      statements: [
        new iam.PolicyStatement({
          actions: ["execute-api:Invoke"],
          resources: reviewRoutes.map(routeArn),
        }),
      ],
    });
    this.adminPolicy = new iam.ManagedPolicy(this, "AdminPolicy", {
      description: "Attach to cotshare operators: every review and admin route",
      statements: [
        new iam.PolicyStatement({ actions: ["execute-api:Invoke"], resources: REVIEW_ROUTES.map(routeArn) }),
      ],
    });
    for (const [policy, routes] of [
      [this.reviewerPolicy, reviewRoutes],
      [this.adminPolicy, REVIEW_ROUTES],
    ] as const) {
      for (const route of routes.filter((r) => r.path.includes("{"))) {
        acknowledgeWildcard(
          policy,
          routeArn(route),
          `The * stands for the path parameter of ${route.method} ${route.path}: one route, any transcript or lab.`,
        );
      }
    }
  }

  get url(): string {
    return this.api.apiEndpoint;
  }
}
