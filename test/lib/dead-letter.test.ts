/* eslint-disable @typescript-eslint/no-explicit-any -- synthesised CloudFormation JSON is untyped by nature */
/**
 * The dead-letter function in the stack: fed by the intake DLQ (partial batch failures, small
 * concurrency), allowed only what `recordDeadLetter` does, and the alarms that replace the DLQ's
 * depth as "an object was dead-lettered" and watch the consumer failing.
 */
import { type CfnElement, Stack, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEAD_LETTER_FAILURE_METRIC as HANDLER_FAILURE_METRIC } from "../../lambdas/handlers/dead-letter";
import { ENV } from "../../lambdas/core/names";
import { DEAD_LETTER_TIMEOUT } from "../../lib/intake";
import { DEAD_LETTER_FAILURE_METRIC, DEAD_LETTER_SERVICE, STUCK_PERIODS } from "../../lib/operations";
import { DEAD_LETTER_BATCH_SIZE, DEAD_LETTER_MAX_CONCURRENCY } from "../../lib/processing";
import { grants, roleStatements, type Statement } from "./iam";
import { type Synthesised, synthStack } from "./synth";

let s: Synthesised;
const id = (c: IConstruct): string => Stack.of(c).getLogicalId((c.node.defaultChild ?? c) as CfnElement);
const resources = () => s.template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
const ofType = (type: string) => Object.entries(resources()).filter(([, r]) => r.Type === type);
const arn = (c: IConstruct) => `<${id(c)}.Arn>`;

beforeAll(() => {
  s = synthStack();
});

describe("dead-letter function", () => {
  it("is fed by the intake DLQ only: batches, partial batch failures, a small concurrency cap", () => {
    const dlq = id(s.stack.intake.deadLetterQueue);
    const fn = id(s.stack.processing.deadLetter.fn);
    const mappings = ofType("AWS::Lambda::EventSourceMapping").map(([, m]) => m.Properties);
    const ours = mappings.filter((m) => m.FunctionName.Ref === fn);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({
      EventSourceArn: { "Fn::GetAtt": [dlq, "Arn"] },
      BatchSize: DEAD_LETTER_BATCH_SIZE,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: DEAD_LETTER_MAX_CONCURRENCY },
    });
    expect(DEAD_LETTER_MAX_CONCURRENCY).toBeLessThanOrEqual(2);
    // Nobody else consumes the DLQ.
    expect(mappings.filter((m) => m.EventSourceArn["Fn::GetAtt"]?.[0] === dlq)).toHaveLength(1);
    // A message the function fails comes back only after a run of it could have ended.
    const p = resources()[fn]!.Properties;
    expect(p.Timeout).toBe(DEAD_LETTER_TIMEOUT.toSeconds());
    expect(resources()[dlq]!.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(
      6 * DEAD_LETTER_TIMEOUT.toSeconds(),
    );
  });

  it("runs like the other handlers, under its own Powertools service, with the names it needs", () => {
    const p = resources()[id(s.stack.processing.deadLetter.fn)]!.Properties;
    expect(p.Runtime).toBe("nodejs22.x");
    expect(p.Architectures).toEqual(["arm64"]);
    expect(p.TracingConfig).toEqual({ Mode: "Active" });
    expect(p.LoggingConfig.LogFormat).toBe("JSON");
    const env = p.Environment.Variables;
    expect(env.POWERTOOLS_SERVICE_NAME).toBe(DEAD_LETTER_SERVICE);
    expect(env.POWERTOOLS_LOGGER_LOG_EVENT).toBe("false");
    for (const name of [ENV.intakeBucket, ENV.transcriptsTable, ENV.auditTable, ENV.setsTable])
      expect(env[name], name).toBeDefined();
    expect(p.ReservedConcurrentExecutions).toBeUndefined();
  });

  it("may do only what recordDeadLetter does: the transcripts and audit tables, the intake marks, the data key, the DLQ", () => {
    const { statements, managed } = roleStatements(s.template, id(s.stack.processing.deadLetter.role));
    expect(managed).toEqual([]);
    const { metadata, intake, keys, processing, publishing } = s.stack;
    const allowed = new Map<string, string[]>([
      [`<${id(processing.deadLetter.logGroup)}.Arn>`, ["logs:CreateLogStream", "logs:PutLogEvents"]],
      ["*", ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]],
      [arn(metadata.transcripts), ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]],
      [arn(metadata.audit), ["dynamodb:PutItem", "dynamodb:Query"]],
      [arn(keys.data), ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]],
      // The version of the key processed last (an older version's failure is then `superseded`);
      // listing, so that a key never processed reads as without a mark, not as access denied.
      [`${arn(processing.stagingBucket)}/intake-marks/*`, ["s3:GetObject"]],
      [arn(processing.stagingBucket), ["s3:ListBucket"]],
      [
        arn(intake.deadLetterQueue),
        [
          "sqs:ReceiveMessage",
          "sqs:ChangeMessageVisibility",
          "sqs:GetQueueUrl",
          "sqs:DeleteMessage",
          "sqs:GetQueueAttributes",
        ],
      ],
    ]);
    for (const st of statements) {
      expect(st.Effect).toBe("Allow");
      for (const r of st.Resource) {
        expect(allowed.has(r), `resource ${r}`).toBe(true);
        for (const a of st.Action) expect(allowed.get(r), `${a} on ${r}`).toContain(a);
      }
    }
    const on = (action: string): Statement[] => grants(statements, action);
    // No object but the intake marks (not intake, staging's transcripts nor public), no
    // publishing, no signing.
    expect(on("s3:GetObject").flatMap((st) => st.Resource)).toEqual([
      `${arn(processing.stagingBucket)}/intake-marks/*`,
    ]);
    expect(on("s3:ListBucket").flatMap((st) => st.Resource)).toEqual([arn(processing.stagingBucket)]);
    for (const action of [
      "s3:PutObject",
      "lambda:InvokeFunction",
      "kms:Sign",
      "cloudfront:CreateInvalidation",
      "secretsmanager:GetSecretValue",
      "dynamodb:Scan",
      "dynamodb:DeleteItem",
    ])
      expect(on(action), action).toEqual([]);
    // Queries: the audit table only (the key's trail, where ingest noted the last failure's code).
    expect(on("dynamodb:Query").flatMap((st) => st.Resource)).toEqual([arn(metadata.audit)]);
    const resourcesGranted = statements.flatMap((st) => st.Resource).join(" ");
    for (const c of [
      intake.bucket,
      publishing.publicBucket,
      metadata.sets,
      metadata.idempotency,
      intake.queue,
      keys.intake,
    ])
      expect(resourcesGranted).not.toContain(`<${id(c)}.`);
  });

  it("adds no unacknowledged cdk-nag finding and no acknowledgment beyond X-Ray and the intake marks' prefix", () => {
    const report = new AwsSolutionsChecks().validateScope(s.stack.processing.deadLetter);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
    const acks: string[] = [];
    for (const c of s.stack.processing.deadLetter.node.findAll())
      for (const m of c.node.metadata)
        if (m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          acks.push(
            ...Object.keys(m.data as Record<string, unknown>).map((k) => k.replace(/^Annotation::/, "")),
          );
    expect(acks.sort()).toEqual([
      "AwsSolutions-IAM5[Resource::*]",
      "AwsSolutions-IAM5[Resource::<ProcessingStagingBucket809736F2.Arn>/intake-marks/*]",
      "AwsSolutions-L1",
    ]);
  });
});

describe("dead-letter alarms", () => {
  const alarms = () => ofType("AWS::CloudWatch::Alarm").map(([, a]) => a.Properties);
  const topic = () => ({ Ref: id(s.stack.operations.topic) });

  it("an object was dead-lettered: any invocation of the dead-letter function, in one period", () => {
    const fn = id(s.stack.processing.deadLetter.fn);
    const hits = alarms().filter(
      (a) =>
        a.Namespace === "AWS/Lambda" && a.MetricName === "Invocations" && a.Dimensions[0].Value.Ref === fn,
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      Statistic: "Sum",
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      AlarmActions: [topic()],
    });
    expect(hits[0].AlarmDescription).toContain("dead_letter");
  });

  it("the consumer failing: its failure metric for three periods in a row, a DLQ not drained, its errors", () => {
    // The metric the handler emits, under the service the function runs as.
    expect(DEAD_LETTER_FAILURE_METRIC).toBe(HANDLER_FAILURE_METRIC);
    const failures = alarms().filter(
      (a) => a.Namespace === "cotshare" && a.MetricName === DEAD_LETTER_FAILURE_METRIC,
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      Dimensions: [{ Name: "service", Value: DEAD_LETTER_SERVICE }],
      Statistic: "Sum",
      EvaluationPeriods: STUCK_PERIODS,
      DatapointsToAlarm: STUCK_PERIODS,
      AlarmActions: [topic()],
    });
    expect(STUCK_PERIODS).toBeGreaterThan(1);

    const dlq = id(s.stack.intake.deadLetterQueue);
    const depth = alarms().filter(
      (a) =>
        a.Namespace === "AWS/SQS" &&
        JSON.stringify(a.Dimensions).includes(dlq) &&
        a.MetricName === "ApproximateNumberOfMessagesVisible",
    );
    // Depth alone no longer means "dead-lettered" (the function drains it in seconds): only
    // messages waiting for several periods raise it.
    expect(depth).toHaveLength(1);
    expect(depth[0]).toMatchObject({
      EvaluationPeriods: STUCK_PERIODS,
      DatapointsToAlarm: STUCK_PERIODS,
      AlarmActions: [topic()],
    });

    const fn = id(s.stack.processing.deadLetter.fn);
    for (const metric of ["Errors", "Throttles"])
      expect(
        alarms().some((a) => a.MetricName === metric && a.Dimensions[0].Value.Ref === fn),
        metric,
      ).toBe(true);
  });
});
