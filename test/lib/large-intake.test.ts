/* eslint-disable @typescript-eslint/no-explicit-any -- synthesised CloudFormation JSON is untyped by nature */
/**
 * The large intake queue: an ingest batch of several messages hands each large object on to it,
 * and ingest reads it one message per invocation, so a large object has an invocation to itself.
 * It is encrypted and TLS-only like the intake queue, shares its DLQ, gets no S3 event, and only
 * ingest may send to it (and ingest may send to no other queue).
 */
import { type CfnElement, Stack, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { ENV, INGEST_BATCH } from "../../lambdas/core/names";
import { INGEST_TIMEOUT, MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_FACTOR } from "../../lib/intake-defaults";
import {
  INGEST_BATCH_SIZE,
  LARGE_INGEST_BATCH_SIZE,
  LARGE_INGEST_MAX_CONCURRENCY,
} from "../../lib/processing";
import { CONFIG_DEFAULTS } from "../../lib/config-defaults";
import { QUEUE_AGE_ALARM } from "../../lib/operations";
import { allPolicyStatements, grants, roleStatements } from "./iam";
import { type Synthesised, synthStack } from "./synth";

let s: Synthesised;
const id = (c: IConstruct): string => Stack.of(c).getLogicalId((c.node.defaultChild ?? c) as CfnElement);
const resources = () => s.template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
const ofType = (type: string) => Object.entries(resources()).filter(([, r]) => r.Type === type);
const arn = (c: IConstruct) => `<${id(c)}.Arn>`;
const large = () => s.stack.intake.largeQueue;
const queueProps = (c: IConstruct) => resources()[id(c)]!.Properties;

beforeAll(() => {
  s = synthStack();
});

describe("large intake queue", () => {
  it("is encrypted with the queue key, as the intake queue is", () => {
    const p = queueProps(large());
    expect(p.KmsMasterKeyId).toEqual({ "Fn::GetAtt": [id(s.stack.keys.data), "Arn"] });
    expect(p.KmsMasterKeyId).toEqual(queueProps(s.stack.intake.queue).KmsMasterKeyId);
    expect(p.SqsManagedSseEnabled).toBeUndefined();
  });

  it("refuses plain HTTP and grants nobody anything through its queue policy", () => {
    const policies = ofType("AWS::SQS::QueuePolicy").filter(([, r]) =>
      r.Properties.Queues.some((q: any) => q.Ref === id(large())),
    );
    expect(policies).toHaveLength(1);
    const statements = policies[0]![1].Properties.PolicyDocument.Statement as any[];
    expect(
      statements.some(
        (st) =>
          st.Effect === "Deny" &&
          st.Action === "sqs:*" &&
          st.Condition?.Bool?.["aws:SecureTransport"] === "false" &&
          st.Resource["Fn::GetAtt"][0] === id(large()),
      ),
    ).toBe(true);
    // No service (S3) nor account may send to it through a resource policy.
    expect(statements.filter((st) => st.Effect === "Allow")).toEqual([]);
  });

  it("redrives to the intake DLQ after MAX_RECEIVE_COUNT receives, and outlasts six ingest runs", () => {
    const p = queueProps(large());
    expect(p.RedrivePolicy).toEqual({
      deadLetterTargetArn: { "Fn::GetAtt": [id(s.stack.intake.deadLetterQueue), "Arn"] },
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    expect(p.RedrivePolicy).toEqual(queueProps(s.stack.intake.queue).RedrivePolicy);
    const ingest = resources()[id(s.stack.processing.ingest.fn)]!.Properties;
    expect(ingest.Timeout).toBe(INGEST_TIMEOUT.toSeconds());
    expect(p.VisibilityTimeout).toBeGreaterThanOrEqual(6 * ingest.Timeout);
    expect(p.VisibilityTimeout).toBe(VISIBILITY_TIMEOUT_FACTOR * ingest.Timeout);
    expect(p.VisibilityTimeout as number).toBeLessThanOrEqual(12 * 3600);
  });

  it("gets no S3 event: only the intake queue is notified", () => {
    const targets = [
      ...ofType("Custom::S3BucketNotifications").flatMap(
        ([, r]) => r.Properties.NotificationConfiguration?.QueueConfigurations ?? [],
      ),
      ...ofType("AWS::S3::Bucket").flatMap(
        ([, r]) => r.Properties.NotificationConfiguration?.QueueConfigurations ?? [],
      ),
    ].map((c: any) => c.QueueArn["Fn::GetAtt"]?.[0]);
    expect(targets).toEqual([id(s.stack.intake.queue)]);
    // Nor any other notification of the bucket (topics, functions, EventBridge) names it.
    for (const [, r] of ofType("Custom::S3BucketNotifications"))
      expect(JSON.stringify(r.Properties)).not.toContain(id(large()));
  });
});

describe("ingest and its two queues", () => {
  const ingestMappings = () =>
    ofType("AWS::Lambda::EventSourceMapping")
      .map(([, m]) => m.Properties)
      .filter((m) => m.FunctionName.Ref === id(s.stack.processing.ingest.fn));

  it("reads the intake queue in batches of INGEST_BATCH_SIZE and the large queue one message at a time", () => {
    expect(INGEST_BATCH_SIZE).toBe(INGEST_BATCH.messages);
    expect(LARGE_INGEST_BATCH_SIZE).toBe(1);
    const mappings = ingestMappings();
    expect(mappings).toHaveLength(2);
    const from = (queue: IConstruct) =>
      mappings.filter((m) => m.EventSourceArn["Fn::GetAtt"]?.[0] === id(queue));
    expect(from(s.stack.intake.queue)).toHaveLength(1);
    expect(from(large())).toHaveLength(1);
    expect(from(s.stack.intake.queue)[0]).toMatchObject({
      BatchSize: INGEST_BATCH_SIZE,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: CONFIG_DEFAULTS.ingestMaxConcurrency },
    });
    expect(from(large())[0]).toMatchObject({
      BatchSize: LARGE_INGEST_BATCH_SIZE,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: LARGE_INGEST_MAX_CONCURRENCY },
    });
    // SQS's smallest maxConcurrency.
    expect(LARGE_INGEST_MAX_CONCURRENCY).toBeGreaterThanOrEqual(2);
    // The intake queue gathers its batches for a second (SQS needs a window over 10 messages); a
    // large object is not kept waiting for others.
    expect(from(s.stack.intake.queue)[0].MaximumBatchingWindowInSeconds).toBe(INGEST_BATCH.windowSeconds);
    expect(INGEST_BATCH.windowSeconds).toBeLessThanOrEqual(1);
    expect(from(large())[0].MaximumBatchingWindowInSeconds ?? 0).toBe(0);
    // Nothing but ingest consumes the large queue.
    const consumers = ofType("AWS::Lambda::EventSourceMapping").filter(
      ([, m]) => m.Properties.EventSourceArn["Fn::GetAtt"]?.[0] === id(large()),
    );
    expect(consumers).toHaveLength(1);
  });

  it("knows the large queue's URL", () => {
    const env = resources()[id(s.stack.processing.ingest.fn)]!.Properties.Environment.Variables;
    expect(ENV.largeIntakeQueueUrl).toBe("LARGE_INTAKE_QUEUE_URL");
    expect(env[ENV.largeIntakeQueueUrl]).toEqual({ Ref: id(large()) });
    // Only ingest hands objects on; no other function is told where the queue is.
    for (const [fnId, fn] of ofType("AWS::Lambda::Function")) {
      if (fnId === id(s.stack.processing.ingest.fn)) continue;
      expect(fn.Properties.Environment?.Variables?.[ENV.largeIntakeQueueUrl], fnId).toBeUndefined();
    }
  });

  it("ingest may send to the large queue and to no other queue, with the queue key for SSE-KMS", () => {
    const { statements } = roleStatements(s.template, id(s.stack.processing.ingest.role));
    const senders = grants(statements, "sqs:SendMessage");
    expect(senders.flatMap((st) => st.Resource)).toEqual([arn(large())]);
    // Every statement that could send (sqs:SendMessage, sqs:*, sqs:Send*) names the large queue only.
    const sqsWide = statements.filter((st) => st.Action.some((a) => /^sqs:(\*|Send)/i.test(a)));
    for (const st of sqsWide) expect(st.Resource).toEqual([arn(large())]);
    expect(
      statements.some((st) => st.Resource.includes("*") && st.Action.some((a) => /^sqs:/i.test(a))),
    ).toBe(false);
    // SQS encrypts what ingest sends under the queue's key: ingest needs a data key and kms:Decrypt.
    const queueKey = `<${queueProps(large()).KmsMasterKeyId["Fn::GetAtt"][0]}.Arn>`;
    for (const action of ["kms:GenerateDataKey", "kms:Decrypt"])
      expect(
        grants(statements, action).some((st) => st.Resource.includes(queueKey)),
        action,
      ).toBe(true);
  });

  it("no other role may send to the large queue", () => {
    const ingestRole = id(s.stack.processing.ingest.role);
    const senders = allPolicyStatements(s.template).filter(
      ({ statement }) =>
        grants([statement], "sqs:SendMessage").length > 0 &&
        statement.Resource.some((r) => r === "*" || r.includes(id(large()))),
    );
    expect(senders.flatMap((x) => x.roles)).toEqual([ingestRole]);
  });

  it("adds no unacknowledged cdk-nag finding, and the queue needs no acknowledgment", () => {
    const report = new AwsSolutionsChecks().validateScope(s.stack.intake);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
    const ingestReport = new AwsSolutionsChecks().validateScope(s.stack.processing.ingest);
    expect(ingestReport.violations.map((v) => v.ruleName)).toEqual([]);
    for (const c of large().node.findAll())
      for (const m of c.node.metadata)
        expect(m.type, c.node.path).not.toBe(Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
  });
});

describe("ingest queue alarms", () => {
  it("a message waiting QUEUE_AGE_ALARM in either ingest queue pages, well before SQS's retention drops it", () => {
    const alarms = ofType("AWS::CloudWatch::Alarm").map(([, a]) => a.Properties);
    for (const queue of [s.stack.intake.queue, large()]) {
      const hits = alarms.filter(
        (a) =>
          a.Namespace === "AWS/SQS" &&
          a.MetricName === "ApproximateAgeOfOldestMessage" &&
          JSON.stringify(a.Dimensions).includes(id(queue)),
      );
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({
        Statistic: "Maximum",
        Threshold: QUEUE_AGE_ALARM.toSeconds(),
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        AlarmActions: [{ Ref: id(s.stack.operations.topic) }],
      });
      // Longer than five receives at the visibility timeout; shorter than the retention (4 days).
      const p = resources()[id(queue)]!.Properties;
      expect(QUEUE_AGE_ALARM.toSeconds()).toBeGreaterThan(MAX_RECEIVE_COUNT * p.VisibilityTimeout);
      expect(QUEUE_AGE_ALARM.toSeconds()).toBeLessThan(p.MessageRetentionPeriod ?? 4 * 24 * 3600);
    }
  });
});
