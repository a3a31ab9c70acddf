/**
 * In the cloud the review API never publishes in-process: it invokes the publish function (mocked
 * Lambda `Invoke`, whose fake runs the real publish handler and serialises errors as the Lambda
 * runtime does), and the publish function invalidates CloudFront (mocked `CreateInvalidation`)
 * after a takedown. In-memory stores stand in for S3 and DynamoDB; the signer is a real key.
 */
import { CloudFrontClient, CreateInvalidationCommand } from "@aws-sdk/client-cloudfront";
import { InvokeCommand, LambdaClient, TooManyRequestsException } from "@aws-sdk/client-lambda";
import { mockClient } from "aws-sdk-client-mock";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { CloudFrontInvalidator, cdnFromEnv, takedownPaths } from "../../lambdas/adapters/cloudfront";
import { errorFromInvoke, invokePublisher, publisherFromEnv } from "../../lambdas/adapters/publish-invoke";
import { ephemeralSigner } from "../../lambdas/adapters/signer-local";
import { createReviewApi } from "../../lambdas/api/review";
import { ENV } from "../../lambdas/core/names";
import { noCdn, type CdnInvalidator } from "../../lambdas/ports";
import { createPublishHandler } from "../../lambdas/handlers/publish";
import { addTranscript, buckets, publicKeys, world } from "../service/fixtures";

const lambda = mockClient(LambdaClient);
const cloudfront = mockClient(CloudFrontClient);
afterAll(() => {
  lambda.restore();
  cloudfront.restore();
});
beforeEach(() => {
  lambda.reset();
  cloudfront.reset();
});

const enc = new TextEncoder();
const dec = new TextDecoder();
const FN = "cotshare-publish";
const DIST = "E2EXAMPLE";

/** A world whose publish function is the real handler, reached only through the mocked Lambda client. */
async function cloud(cdn: CdnInvalidator = new CloudFrontInvalidator(new CloudFrontClient({}), DIST)) {
  const w = world();
  const deps = { ...w.deps, signer: ephemeralSigner() };
  const publishFn = createPublishHandler(() => ({ deps, cdn }));
  lambda.on(InvokeCommand).callsFake(async (input: { FunctionName: string; Payload: Uint8Array }) => {
    expect(input.FunctionName).toBe(FN);
    try {
      const out = await publishFn(JSON.parse(dec.decode(input.Payload)));
      return { StatusCode: 200, Payload: enc.encode(JSON.stringify(out)) };
    } catch (e) {
      // What the Node.js Lambda runtime returns for a thrown error: its name and message only.
      const err = e as Error;
      return {
        StatusCode: 200,
        FunctionError: "Unhandled",
        Payload: enc.encode(JSON.stringify({ errorType: err.name, errorMessage: err.message, trace: [] })),
      };
    }
  });
  const remote = invokePublisher(new LambdaClient({ region: "eu-west-1" }), FN);
  // The review side has no public bucket and no signer: only the invoke.
  const review = createReviewApi({
    metadata: w.metadata,
    blobs: w.blobs,
    clock: w.deps.clock,
    buckets: { staging: buckets.staging },
    authorize: () => "arn:aws:iam::123456789012:user/alice",
    publish: remote.publish,
    withdraw: remote.withdraw,
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await review({
      method,
      path,
      query: {},
      headers: {},
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, body: JSON.parse(r.body ?? "null") as Record<string, unknown> };
  };
  return { w, call };
}

const invocations = () =>
  lambda.commandCalls(InvokeCommand).map((c) => ({
    type: c.args[0].input.InvocationType,
    payload: JSON.parse(dec.decode(c.args[0].input.Payload as Uint8Array)) as Record<string, unknown>,
  }));
const invalidations = () => cloudfront.commandCalls(CreateInvalidationCommand).map((c) => c.args[0].input);

describe("review API → publish function (Lambda invoke)", () => {
  it("publishes through the publish function, which signs and logs the set", async () => {
    const { w, call } = await cloud();
    for (const id of ["t-01", "t-02"]) await addTranscript(w, id);
    const res = await call("POST", "/admin/publish");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ published: true, count: 2 });
    expect(invocations()).toEqual([
      {
        type: "RequestResponse",
        payload: { action: "publish", actor: "admin:arn:aws:iam::123456789012:user/alice" },
      },
    ]);
    const setId = res.body.setId as string;
    expect(publicKeys(w)).toEqual(expect.arrayContaining([`sets/${setId}/manifest.sig`, "log.jsonl"]));
    expect((await w.metadata.listAudit("t-01")).map((e) => e.actor)).toContain(
      "admin:arn:aws:iam::123456789012:user/alice",
    );
    expect(invalidations()).toEqual([]);
  });

  it("a withdraw decision is a takedown by the publish function, then a CloudFront invalidation", async () => {
    const { w, call } = await cloud();
    const reasoning = (topic: string) =>
      `how ${topic} form, where the largest ${topic} are, why ${topic} change`;
    for (const [id, topic] of [
      ["t-01", "rivers"],
      ["t-02", "glaciers"],
      ["t-03", "deserts"],
    ] as const)
      await addTranscript(w, id, { reasoning: reasoning(topic) });
    const first = (await call("POST", "/admin/publish")).body;
    expect(first).toMatchObject({ published: true, count: 3 });
    await addTranscript(w, "t-04", { reasoning: reasoning("volcanoes") });
    const second = (await call("POST", "/admin/publish")).body;
    expect(second).toMatchObject({ published: true, count: 4 });

    const res = await call("POST", "/review/transcripts/t-02/decision", {
      decision: "withdraw",
      reason: "lab request",
    });
    expect(res.status).toBe(200);
    // A new version without it, and both sets that held it revised in place.
    expect(res.body).toMatchObject({ id: "t-02", status: "withdrawn" });
    expect(res.body.setId).toMatch(/^[0-9a-f]{20}$/);
    const revised = res.body.revised as string[];
    expect([...revised].sort()).toEqual([first.setId as string, second.setId as string].sort());
    expect(invocations().at(-1)).toEqual({
      type: "RequestResponse",
      payload: {
        action: "withdraw",
        id: "t-02",
        reason: "lab request",
        actor: "reviewer:arn:aws:iam::123456789012:user/alice",
      },
    });
    const [inv, ...more] = invalidations();
    expect(more).toEqual([]);
    expect(inv!.DistributionId).toBe(DIST);
    expect(inv!.InvalidationBatch!.CallerReference).toMatch(/^[0-9a-f-]{36}$/);
    expect(inv!.InvalidationBatch!.Paths).toEqual({
      Quantity: 5,
      Items: [...revised.map((id) => `/sets/${id}/*`), "/latest.json", "/log.jsonl", "/api/*"],
    });
    expect(publicKeys(w).some((k) => k.endsWith("/transcripts/t-02.json"))).toBe(false);
  });

  it("maps the publish function's typed errors back: 404 not_found, 409 invalid_transition", async () => {
    const { w, call } = await cloud();
    await addTranscript(w, "t-05", { status: "rejected", code: "invalid_json" } as never);
    const missing = await call("POST", "/review/transcripts/t-99/decision", {
      decision: "withdraw",
      reason: "lab request",
    });
    expect(missing.status).toBe(404);
    expect((missing.body.error as { code: string }).code).toBe("not_found");
    const illegal = await call("POST", "/review/transcripts/t-05/decision", {
      decision: "withdraw",
      reason: "lab request",
    });
    expect(illegal.status).toBe(409);
    expect((illegal.body.error as { code: string }).code).toBe("invalid_transition");
    // Nothing was taken down, so nothing is invalidated.
    expect(invalidations()).toEqual([]);
  });

  it("answers 503 when the publish function fails, without its message", async () => {
    const { call } = await cloud();
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: "Unhandled",
      // The SDK wraps payload bytes in a blob adapter; the publisher only reads them as bytes.
      Payload: enc.encode(
        JSON.stringify({ errorType: "Sandbox.Timedout", errorMessage: "Task timed out" }),
      ) as never,
    });
    const remote = invokePublisher(new LambdaClient({ region: "eu-west-1" }), FN);
    await expect(remote.publish("admin:x")).rejects.toMatchObject({ code: "publish_failed" });
    const res = await call("POST", "/admin/publish");
    expect(res.status).toBe(503);
    expect(res.body.error).toEqual({
      code: "publish_failed",
      message: "the publish function failed (Sandbox.Timedout)",
    });
    expect(errorFromInvoke("not json")).toMatchObject({ code: "publish_failed" });
    expect(
      errorFromInvoke(JSON.stringify({ errorType: "LifecycleError", errorMessage: "x is no longer y" })),
    ).toMatchObject({ code: "conflict" });
  });

  it("answers 503 publish_busy when the publish function is throttled (another run holds its one slot)", async () => {
    const { w, call } = await cloud();
    await addTranscript(w, "t-06", { status: "published" } as never);
    // What Lambda answers when the function's reserved concurrency is in use (an error the
    // in-memory world cannot produce: the mock client stands in for it).
    lambda.on(InvokeCommand).rejects(
      new TooManyRequestsException({
        message: "Rate Exceeded.",
        $metadata: { httpStatusCode: 429 },
        Reason: "ReservedFunctionConcurrentInvocationLimitExceeded",
      }),
    );
    for (const [method, path, body] of [
      ["POST", "/admin/publish", undefined],
      ["POST", "/review/transcripts/t-06/decision", { decision: "withdraw", reason: "lab request" }],
    ] as const) {
      const res = await call(method, path, body);
      expect(res.status, path).toBe(503);
      expect(res.body.error, path).toEqual({
        code: "publish_busy",
        message: "another publication or takedown is running; try again when it has finished",
      });
    }
    // Any other failure of the invoke itself is not mistaken for a busy function.
    lambda.on(InvokeCommand).rejects(Object.assign(new Error("socket hang up"), { name: "TimeoutError" }));
    const remote = invokePublisher(new LambdaClient({ region: "eu-west-1" }), FN);
    await expect(remote.publish("admin:x")).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("the review-api handler never publishes in-process: without the function name it refuses (503)", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      [ENV.stagingBucket]: "staging",
      [ENV.transcriptsTable]: "t",
      [ENV.auditTable]: "a",
    });
    delete process.env[ENV.publishFunctionName];
    try {
      const { handler } = await import("../../lambdas/handlers/review-api");
      const event = {
        version: "2.0",
        rawPath: "/admin/publish",
        headers: {},
        requestContext: {
          http: { method: "POST", path: "/admin/publish" },
          authorizer: { iam: { userArn: "arn:aws:iam::123456789012:user/alice" } },
        },
        isBase64Encoded: false,
      } as unknown as APIGatewayProxyEventV2;
      const res = (await handler(event)) as { statusCode: number; body: string };
      expect(res.statusCode).toBe(503);
      expect(JSON.parse(res.body).error.code).toBe("publish_unconfigured");
      expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
      await expect(publisherFromEnv({}).withdraw("t", "r", "a")).rejects.toMatchObject({
        code: "publish_unconfigured",
      });
    } finally {
      process.env = saved;
    }
  });
});

describe("CDN port", () => {
  it("is a no-op without a distribution id (locally), CloudFront with one", async () => {
    expect(cdnFromEnv({})).toBe(noCdn);
    await noCdn.invalidate(["/latest.json"]);
    const cdn = cdnFromEnv({ [ENV.distributionId]: DIST }, () => new CloudFrontClient({}));
    expect(cdn).toBeInstanceOf(CloudFrontInvalidator);
    await cdn.invalidate(takedownPaths(["aaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaa"]));
    expect(invalidations()[0]!.InvalidationBatch!.Paths!.Items).toEqual([
      "/sets/aaaaaaaaaaaaaaaaaaaa/*",
      "/latest.json",
      "/log.jsonl",
      "/api/*",
    ]);
  });

  it("a failed invalidation fails the invocation (the takedown itself is done and stays done)", async () => {
    cloudfront.on(CreateInvalidationCommand).rejects(new Error("throttled"));
    const w = world();
    const deps = { ...w.deps, signer: ephemeralSigner() };
    const fn = createPublishHandler(() => ({
      deps,
      cdn: new CloudFrontInvalidator(new CloudFrontClient({}), DIST),
    }));
    for (const id of ["t-01", "t-02"]) await addTranscript(w, id);
    await fn({ action: "publish", actor: "admin:x" });
    await expect(
      fn({ action: "withdraw", id: "t-01", reason: "leak", actor: "reviewer:x" }),
    ).rejects.toMatchObject({
      code: "invalidation_failed",
    });
    expect((await w.metadata.getTranscript("t-01"))?.status).toBe("withdrawn");
    expect(publicKeys(w).some((k) => k.endsWith("/transcripts/t-01.json"))).toBe(false);
  });
});
