/**
 * The review-api Lambda: HTTP API v2 / function-URL events (IAM-authorised) → the review router.
 * The caller is the IAM principal API Gateway verified; without one the router answers 401.
 * Publishing and takedowns are delegated to the publish function (Lambda invoke): this function
 * may neither sign nor write the public bucket.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import { DynamoMetadataStore, dynamoClient } from "../adapters/dynamodb";
import { publisherFromEnv } from "../adapters/publish-invoke";
import { S3BlobStore, s3Client } from "../adapters/s3";
import { createReviewApi, type ReviewApiDeps } from "../api/review";
import { ENV, TABLES } from "../core/names";
import { systemClock } from "../ports";
import { toApiRequest, toResult } from "./public-api";

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}

let cached: Omit<ReviewApiDeps, "authorize"> | undefined;
/** Adapters from the environment (names in core/names.ts ENV), built once per container. */
function depsFromEnv(): Omit<ReviewApiDeps, "authorize"> {
  if (cached) return cached;
  const publisher = publisherFromEnv();
  cached = {
    metadata: new DynamoMetadataStore(dynamoClient(), {
      transcripts: required(ENV.transcriptsTable),
      // The review routes never touch sets; the store wants a name all the same.
      sets: process.env[ENV.setsTable] ?? TABLES.sets,
      audit: required(ENV.auditTable),
    }),
    blobs: new S3BlobStore(s3Client()),
    clock: systemClock,
    buckets: { staging: required(ENV.stagingBucket) },
    publish: publisher.publish,
    withdraw: publisher.withdraw,
  };
  return cached;
}

/** The verified IAM principal of the request (user/role ARN), if any. */
export function iamPrincipal(event: APIGatewayProxyEventV2): string | undefined {
  const ctx = event.requestContext as { authorizer?: { iam?: { userArn?: string; callerId?: string } } };
  return ctx.authorizer?.iam?.userArn || ctx.authorizer?.iam?.callerId || undefined;
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const principal = iamPrincipal(event);
  // The principal comes from the request context, never from a header the caller controls.
  const api = createReviewApi({ ...depsFromEnv(), authorize: () => principal });
  return toResult(await api(toApiRequest(event)));
};
