/**
 * The ingest timeout is sized for the largest allowed intake object, which has an invocation to
 * itself (through the large intake queue), with the queues' visibility timeout 6 × the function's
 * (AWS guidance) and within SQS's limit; the local runtime simulates the same timeout.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type CfnElement, Stack } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import { INGEST_TIMEOUT, VISIBILITY_TIMEOUT_FACTOR } from "../../lib/intake-defaults";
import { INGEST_BATCH } from "../../lambdas/core/names";
import { INGEST_BATCH_SIZE } from "../../lib/processing";
import { LOCAL_INGEST_TIMEOUT_MS } from "../../local/events";
import { synthStack, type Synthesised } from "./synth";

let s: Synthesised;
beforeAll(() => {
  s = synthStack();
}, 120_000);

const id = (c: IConstruct): string => Stack.of(c).getLogicalId((c.node.defaultChild ?? c) as CfnElement);
const props = (c: IConstruct) =>
  (s.template.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>)[id(c)]!
    .Properties;

describe("ingest timeout", () => {
  it("holds the largest object (minutes, not 60 s) and stays within Lambda's 15 minutes", () => {
    const fn = props(s.stack.processing.ingest.fn);
    expect(fn.Timeout).toBe(INGEST_TIMEOUT.toSeconds());
    expect(fn.Timeout as number).toBeGreaterThanOrEqual(300);
    expect(fn.Timeout as number).toBeLessThanOrEqual(900);
  });

  it("the queue's visibility timeout is 6 × the function's and within SQS's 12 hours", () => {
    const fn = props(s.stack.processing.ingest.fn);
    const queue = props(s.stack.intake.queue);
    expect(queue.VisibilityTimeout).toBe(VISIBILITY_TIMEOUT_FACTOR * (fn.Timeout as number));
    expect(queue.VisibilityTimeout as number).toBeLessThanOrEqual(12 * 3600);
  });

  it("a large object has an invocation to itself, so the timeout holds for the batch too", () => {
    // Large objects go through the large queue, one message per invocation; an intake batch of
    // several messages only runs objects of at most 256 KiB (at most INGEST_BATCH.bytes of them),
    // far less than the one largest object the timeout is sized for.
    const mapping = (queue: IConstruct) => {
      const all = s.template.findResources("AWS::Lambda::EventSourceMapping", {
        Properties: {
          FunctionName: { Ref: id(s.stack.processing.ingest.fn) },
          EventSourceArn: { "Fn::GetAtt": [id(queue), "Arn"] },
        },
      });
      expect(Object.keys(all)).toHaveLength(1);
      return Object.values(all)[0]!.Properties as Record<string, unknown>;
    };
    expect(mapping(s.stack.intake.largeQueue).BatchSize).toBe(1);
    expect(mapping(s.stack.intake.queue).BatchSize).toBe(INGEST_BATCH_SIZE);
    // What a batch may run: its small objects, at most INGEST_BATCH.bytes of them — well under the
    // one largest object (50 MiB) the timeout holds.
    expect(INGEST_BATCH.objectBytes).toBeLessThanOrEqual(INGEST_BATCH.bytes);
    expect(INGEST_BATCH.bytes).toBeLessThanOrEqual((50 * 1024 * 1024) / 10);
    // The large queue outlasts six runs as the intake queue does.
    expect(props(s.stack.intake.largeQueue).VisibilityTimeout).toBe(
      props(s.stack.intake.queue).VisibilityTimeout,
    );
  });

  it("the local runtime simulates the same timeout", () => {
    expect(LOCAL_INGEST_TIMEOUT_MS).toBe(INGEST_TIMEOUT.toMilliseconds());
  });
});
