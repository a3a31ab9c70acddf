/**
 * The ingest timeout is sized for the largest allowed intake object, one object per invocation,
 * with the queue's visibility timeout 6 × the function's (AWS guidance) and within SQS's limit;
 * the local runtime simulates the same timeout.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type CfnElement, Stack } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import { INGEST_TIMEOUT, VISIBILITY_TIMEOUT_FACTOR } from "../../lib/intake-defaults";
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

  it("one intake object per invocation, so the timeout holds for the batch too", () => {
    s.template.hasResourceProperties("AWS::Lambda::EventSourceMapping", { BatchSize: 1 });
  });

  it("the local runtime simulates the same timeout", () => {
    expect(LOCAL_INGEST_TIMEOUT_MS).toBe(INGEST_TIMEOUT.toMilliseconds());
  });
});
