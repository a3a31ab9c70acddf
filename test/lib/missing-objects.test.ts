/**
 * S3 answers a read of a missing object with 403, not 404, unless the reader may list the bucket:
 * every function that reads an object which may be absent (a lab without a policy file, a key never
 * processed, an intake object deleted since its event, a transcript gone from staging) may list
 * that bucket's names — on the bucket itself, nothing more — and the labs still may not.
 */
import { type CfnElement, Stack } from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { grants, roleStatements } from "./iam";
import { type Synthesised, synthStack } from "./synth";

let s: Synthesised;
const id = (c: IConstruct): string => Stack.of(c).getLogicalId((c.node.defaultChild ?? c) as CfnElement);
const arn = (c: IConstruct) => `<${id(c)}.Arn>`;

beforeAll(() => {
  s = synthStack();
});

describe("reading a missing object answers not found", () => {
  const listed = (role: IConstruct) =>
    grants(roleStatements(s.template, id(role)).statements, "s3:ListBucket")
      .flatMap((st) => st.Resource)
      .sort();

  it("ingest may list the intake and staging buckets (the object, the lab's policy, the key's mark)", () => {
    const { intake, processing } = s.stack;
    expect(listed(processing.ingest.role)).toEqual(
      [arn(intake.bucket), arn(processing.stagingBucket)].sort(),
    );
  });

  it.each([
    ["dead-letter", () => s.stack.processing.deadLetter.role],
    ["review-api", () => s.stack.reviewApi.review.role],
  ])("%s may list the staging bucket, nothing else", (_name, role) => {
    expect(listed(role())).toEqual([arn(s.stack.processing.stagingBucket)]);
  });

  it("publish may list the staging bucket (a lab's policy) and the public bucket it writes", () => {
    const { processing, publishing } = s.stack;
    expect(listed(publishing.publish.role)).toEqual(
      [arn(processing.stagingBucket), arn(publishing.publicBucket)].sort(),
    );
  });
});
