import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { ENV } from "../../lambdas/core/names";

function event(method: string, path: string, extra: Record<string, unknown> = {}): APIGatewayProxyEventV2 {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { "Content-Type": "application/json" },
    requestContext: { http: { method, path } },
    isBase64Encoded: false,
    ...extra,
  } as unknown as APIGatewayProxyEventV2;
}

beforeAll(() => {
  process.env[ENV.stagingBucket] = "staging";
  process.env[ENV.publicBucket] = "public";
  process.env[ENV.transcriptsTable] = "t";
  process.env[ENV.setsTable] = "s";
  process.env[ENV.auditTable] = "a";
});

describe("Lambda adapters", () => {
  it("turn HTTP API v2 events into router requests", async () => {
    const { toApiRequest } = await import("../../lambdas/handlers/public-api");
    const req = toApiRequest(
      event("POST", "/review/x", {
        queryStringParameters: { lab: "lab-a" },
        body: Buffer.from('{"a":1}').toString("base64"),
        isBase64Encoded: true,
        headers: { Authorization: "Bearer t" },
      }),
    );
    expect(req).toEqual({
      method: "POST",
      path: "/review/x",
      query: { lab: "lab-a" },
      headers: { authorization: "Bearer t" },
      body: '{"a":1}',
    });
  });

  it("public-api handler serves the router (OpenAPI, 405) without touching storage", async () => {
    const { handler } = await import("../../lambdas/handlers/public-api");
    const doc = (await handler(event("GET", "/api/openapi.json"))) as { statusCode: number; body: string };
    expect(doc.statusCode).toBe(200);
    expect(JSON.parse(doc.body).openapi).toBe("3.1.0");
    const post = (await handler(event("POST", "/api/sets"))) as {
      statusCode: number;
      headers: Record<string, string>;
    };
    expect(post.statusCode).toBe(405);
    expect(post.headers["access-control-allow-origin"]).toBe("*");
  });

  it("review-api handler takes the caller from the IAM context only", async () => {
    const { handler, iamPrincipal } = await import("../../lambdas/handlers/review-api");
    const anon = (await handler(
      event("GET", "/review/transcripts", { headers: { authorization: "Bearer anything" } }),
    )) as { statusCode: number };
    expect(anon.statusCode).toBe(401);
    const withIam = event("GET", "/review/transcripts");
    (withIam.requestContext as unknown as Record<string, unknown>).authorizer = {
      iam: { userArn: "arn:aws:iam::123456789012:user/alice", callerId: "AIDA" },
    };
    expect(iamPrincipal(withIam)).toBe("arn:aws:iam::123456789012:user/alice");
  });
});
