/**
 * The public-api Lambda: API Gateway HTTP API (payload v2) and function-URL events → the public
 * router (lambdas/api/public.ts) → the v2 result shape.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import { DynamoMetadataStore, dynamoClient } from "../adapters/dynamodb";
import { S3BlobStore, s3Client } from "../adapters/s3";
import type { ApiRequest, ApiResponse } from "../api/http";
import { createPublicApi } from "../api/public";
import { ENV, TABLES } from "../core/names";

/** The framework-free request of an HTTP API v2 / function-URL event (header names lower-cased). */
export function toApiRequest(event: APIGatewayProxyEventV2): ApiRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.queryStringParameters ?? {})) if (v !== undefined) query[k] = v;
  const body =
    event.body === undefined
      ? undefined
      : event.isBase64Encoded
        ? Buffer.from(event.body, "base64").toString("utf8")
        : event.body;
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    query,
    headers,
    ...(body !== undefined ? { body } : {}),
  };
}

export function toResult(res: ApiResponse): APIGatewayProxyResultV2 {
  return { statusCode: res.status, headers: res.headers, body: res.body };
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}

let api: ReturnType<typeof createPublicApi> | undefined;
function router() {
  api ??= createPublicApi({
    metadata: new DynamoMetadataStore(dynamoClient(), {
      transcripts: process.env[ENV.transcriptsTable] ?? TABLES.transcripts,
      sets: required(ENV.setsTable),
      audit: process.env[ENV.auditTable] ?? TABLES.audit,
    }),
    blobs: new S3BlobStore(s3Client()),
    buckets: { public: required(ENV.publicBucket) },
  });
  return api;
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> =>
  toResult(await router()(toApiRequest(event)));
