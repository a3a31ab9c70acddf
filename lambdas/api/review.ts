/**
 * The review and admin API (CONTRACT.md "Local runtime"): reviewers list intake transcripts, read
 * one with its redacted form and findings (never a raw value), and approve, deny or withdraw it;
 * admins publish a set now and store a lab's policy (validated, never echoed back).
 * Every route needs an authorised caller: a bearer token locally, the IAM principal in the cloud.
 */
import * as z from "zod";
import { CotshareError } from "../core/errors";
import { LifecycleError, applyTransition } from "../core/lifecycle";
import { LAB_ID_PATTERN, labPolicyKey, stagingReportKey, stagingTranscriptKey } from "../core/names";
import { isSafeId } from "../core/publish";
import { LabPolicy, POLICY_SHAPE, policyProblems } from "../core/lab-policy";
import {
  InvalidCursorError,
  STATUSES,
  VERDICTS,
  type Status,
  type TranscriptRecord,
  type Verdict,
} from "../core/records";
import { publishSet, withdraw, type PublishDeps } from "../service/publish";
import { apiError, json, type ApiHandler, type ApiRequest, type ApiResponse } from "./http";

/** Publishes a set now (`POST /admin/publish`); the result is the answer's body. */
export type PublishNow = (actor: string) => Promise<unknown>;
/**
 * Takes a transcript down (a `withdraw` decision); the result is the answer's body. Throws like
 * `withdraw` in service/publish.ts: `not_found`, or a LifecycleError (`invalid_transition`, …).
 */
export type WithdrawNow = (id: string, reason: string, actor: string) => Promise<unknown>;

export interface ReviewApiDeps extends Omit<PublishDeps, "buckets"> {
  /** `public` is needed only by the default, in-process `publish` and `withdraw`. */
  buckets: { staging: string; public?: string };
  /** The caller's identity (an actor name) or undefined → 401. */
  authorize(req: ApiRequest): string | undefined;
  /**
   * How a set is published and a transcript taken down. Default: `publishSet` / `withdraw`
   * in-process with these deps (tests). The local runtime passes its one-at-a-time publish queue;
   * the cloud passes an invoke of the publish function, the only one that may sign and write sets.
   */
  publish?: PublishNow;
  withdraw?: WithdrawNow;
}

/** The in-process default: publishing with the review API's own deps (its signer, if any). */
function inProcess(deps: ReviewApiDeps): { publish: PublishNow; withdraw: WithdrawNow } {
  const publishDeps = (): PublishDeps => {
    const pub = deps.buckets.public;
    if (!pub) throw new CotshareError("publish_unconfigured", "no public bucket to publish to");
    return { ...deps, buckets: { staging: deps.buckets.staging, public: pub } };
  };
  return {
    publish: (actor) => publishSet(publishDeps(), { actor }),
    withdraw: (id, reason, actor) => withdraw(publishDeps(), id, reason, actor),
  };
}

const Decision = z
  .object({
    decision: z.enum(["approve", "deny", "withdraw"]),
    reason: z.string().trim().min(1).max(2000),
  })
  .strict();

const MAX_DECISION_BYTES = 16 * 1024;
const MAX_POLICY_BYTES = 4 * 1024 * 1024;
const NO_STORE = { "cache-control": "no-store" };
const dec = new TextDecoder();

function ok(status: number, value: unknown): ApiResponse {
  return json(status, value, NO_STORE);
}

/** Zod issues as `path: code` only: messages can quote what was sent, and a policy is secret. */
/** A request body's problems by field: `reason: required (a string)`, never a value. */
function issues(e: z.ZodError): string {
  return e.issues
    .slice(0, 10)
    .map((i) => {
      const at = i.path.length ? i.path.map(String).join(".") : "the body";
      if (i.code === "invalid_type") return `${at}: expected ${i.expected}`;
      if (i.code === "unrecognized_keys")
        return `unknown key${i.keys.length > 1 ? "s" : ""} ${i.keys.join(", ")}`;
      return `${at}: ${i.message}`;
    })
    .join("; ");
}

function parseBody(req: ApiRequest, max: number): unknown | ApiResponse {
  const body = req.body ?? "";
  if (Buffer.byteLength(body) > max) return apiError(413, "too_large", `body is over ${max} bytes`);
  try {
    return JSON.parse(body);
  } catch {
    return apiError(400, "invalid_json", "body is not JSON");
  }
}
const isResponse = (v: unknown): v is ApiResponse =>
  typeof v === "object" && v !== null && "status" in v && "headers" in v && "body" in v;

function listItem(r: TranscriptRecord) {
  return {
    id: r.id,
    lab: r.lab,
    source: r.source,
    ...(r.line !== undefined ? { line: r.line } : {}),
    status: r.status,
    verdict: r.verdict ?? null,
    legibility: r.legibility ?? null,
    receivedAt: r.receivedAt,
    ...(r.code ? { code: r.code } : {}),
  };
}

/** The record's fields a reviewer sees (an allow-list, so new record fields are not exposed by default). */
function recordView(r: TranscriptRecord) {
  return {
    ...listItem(r),
    updatedAt: r.updatedAt,
    ...(r.message ? { message: r.message } : {}),
    reasons: r.reasons ?? [],
    modelId: r.modelId ?? null,
    redactions: r.redactions ?? {},
    publishable: r.publishable ?? null,
    setIds: r.setIds ?? [],
  };
}

/** Findings reduced to where and what kind: category, detector, path, offsets, placeholder. */
export function findingsView(report: unknown) {
  const raw = Array.isArray(report)
    ? report
    : Array.isArray((report as { findings?: unknown })?.findings)
      ? (report as { findings: unknown[] }).findings
      : [];
  const items = raw
    .filter((f): f is Record<string, unknown> => typeof f === "object" && f !== null)
    .map((f) => ({
      category: typeof f.category === "string" ? f.category : "unknown",
      detector: typeof f.detector === "string" ? f.detector : "unknown",
      path: typeof f.path === "string" ? f.path : "",
      start: typeof f.start === "number" ? f.start : null,
      end: typeof f.end === "number" ? f.end : null,
      placeholder: typeof f.placeholder === "string" ? f.placeholder : null,
    }));
  const tally = (k: "category" | "detector") =>
    items.reduce<Record<string, number>>((m, f) => ((m[f[k]] = (m[f[k]] ?? 0) + 1), m), {});
  return { items, byCategory: tally("category"), byDetector: tally("detector") };
}

/** `<role>:<actor>`, unless the caller already named the role. */
function who(role: "reviewer" | "admin", actor: string): string {
  return actor.startsWith(`${role}:`) ? actor : `${role}:${actor}`;
}

function lifecycleError(e: unknown): ApiResponse {
  if (e instanceof LifecycleError || (e as { code?: string })?.code === "not_found") {
    const code = (e as { code: string }).code;
    const status =
      code === "not_found" ? 404 : code === "missing_reason" || code === "missing_actor" ? 400 : 409;
    return apiError(status, code, (e as Error).message);
  }
  throw e;
}

export function createReviewApi(deps: ReviewApiDeps): ApiHandler {
  const now = () => (deps.clock?.now() ?? new Date()).toISOString();
  const fallback = inProcess(deps);
  const publishNow = deps.publish ?? fallback.publish;
  const withdrawNow = deps.withdraw ?? fallback.withdraw;

  async function readJson(bucket: string, key: string): Promise<unknown> {
    const body = await deps.blobs.get(bucket, key);
    if (!body) return undefined;
    try {
      return JSON.parse(dec.decode(body));
    } catch {
      return undefined;
    }
  }

  async function list(req: ApiRequest): Promise<ApiResponse> {
    const { lab, status, verdict, cursor } = req.query;
    if (status && !STATUSES.includes(status as Status))
      return apiError(400, "invalid_query", "unknown status");
    if (verdict && !VERDICTS.includes(verdict as Verdict))
      return apiError(400, "invalid_query", `unknown verdict (one of ${VERDICTS.join(", ")})`);
    if (lab && !LAB_ID_PATTERN.test(lab)) return apiError(400, "invalid_query", "invalid lab");
    const limit = req.query.limit ? Number(req.query.limit) : 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      return apiError(400, "invalid_query", "limit must be 1-200");
    let page: Awaited<ReturnType<typeof deps.metadata.listTranscripts>>;
    try {
      page = await deps.metadata.listTranscripts({
        ...(lab ? { lab } : {}),
        ...(status ? { status: status as Status } : {}),
        ...(verdict ? { verdict: verdict as Verdict } : {}),
        ...(cursor ? { cursor } : {}),
        limit,
      });
    } catch (e) {
      if (e instanceof InvalidCursorError) return apiError(400, "invalid_cursor", "invalid cursor");
      throw e;
    }
    return ok(200, { items: page.items.map(listItem), ...(page.cursor ? { cursor: page.cursor } : {}) });
  }

  async function detail(id: string): Promise<ApiResponse> {
    const r = await deps.metadata.getTranscript(id);
    if (!r) return apiError(404, "not_found", "no such transcript");
    const transcript =
      r.status === "rejected"
        ? null
        : ((await readJson(deps.buckets.staging, r.stagingKey ?? stagingTranscriptKey(id))) ?? null);
    const report = await readJson(deps.buckets.staging, r.reportKey ?? stagingReportKey(id));
    return ok(200, {
      record: recordView(r),
      transcript,
      findings: findingsView(report),
      audit: await deps.metadata.listAudit(id),
    });
  }

  async function decide(id: string, req: ApiRequest, actor: string): Promise<ApiResponse> {
    const body = parseBody(req, MAX_DECISION_BYTES);
    if (isResponse(body)) return body;
    const parsed = Decision.safeParse(body);
    if (!parsed.success) return apiError(400, "invalid_decision", issues(parsed.error));
    const { decision, reason } = parsed.data;
    const by = who("reviewer", actor);
    try {
      if (decision === "withdraw") return ok(200, await withdrawNow(id, reason, by));
      const to = decision === "approve" ? "approved" : "denied";
      const { record } = await applyTransition(deps.metadata, id, to, { actor: by, reason, at: now() });
      return ok(200, { id, status: record.status });
    } catch (e) {
      return lifecycleError(e);
    }
  }

  async function putPolicy(labId: string, req: ApiRequest, actor: string): Promise<ApiResponse> {
    if (!LAB_ID_PATTERN.test(labId)) return apiError(400, "invalid_lab", "invalid lab id");
    const body = parseBody(req, MAX_POLICY_BYTES);
    if (isResponse(body)) return body;
    const parsed = LabPolicy.safeParse(body);
    if (!parsed.success)
      return apiError(
        400,
        "invalid_policy",
        `invalid policy (${policyProblems(parsed.error)}); expected ${POLICY_SHAPE}`,
      );
    await deps.blobs.put(
      deps.buckets.staging,
      labPolicyKey(labId),
      JSON.stringify(parsed.data),
      "application/json; charset=utf-8",
    );
    await deps.metadata.appendAudit({
      subject: `lab:${labId}`,
      at: now(),
      actor: who("admin", actor),
      action: "policy_put",
    });
    // Deliberately no policy content in the answer.
    return ok(200, { labId, stored: true });
  }

  type Route = {
    method: string;
    re: RegExp;
    run: (params: string[], req: ApiRequest, actor: string) => Promise<ApiResponse>;
  };
  const routes: Route[] = [
    { method: "GET", re: /^\/review\/transcripts$/, run: (_m, req) => list(req) },
    { method: "GET", re: /^\/review\/transcripts\/([^/]+)$/, run: (p) => detail(p[0]!) },
    {
      method: "POST",
      re: /^\/review\/transcripts\/([^/]+)\/decision$/,
      run: (p, req, a) => decide(p[0]!, req, a),
    },
    {
      method: "POST",
      re: /^\/admin\/publish$/,
      run: async (_m, _req, a) => ok(200, await publishNow(who("admin", a))),
    },
    { method: "PUT", re: /^\/admin\/labs\/([^/]+)\/policy$/, run: (p, req, a) => putPolicy(p[0]!, req, a) },
  ];

  return async (req) => {
    const path = req.path.replace(/\/+$/, "");
    if (path === "/review/openapi.json") {
      return req.method.toUpperCase() === "GET"
        ? json(200, REVIEW_OPENAPI, { "cache-control": "public, max-age=3600" })
        : { ...apiError(405, "method_not_allowed", "GET only"), headers: { ...NO_STORE, allow: "GET" } };
    }
    const actor = deps.authorize(req);
    if (!actor) {
      const r = apiError(401, "unauthorized", "authentication required");
      return { ...r, headers: { ...r.headers, "www-authenticate": "Bearer" } };
    }
    const matching = routes.map((r) => ({ r, m: r.re.exec(path) })).filter((x) => x.m);
    if (!matching.length) return apiError(404, "not_found", "no such route");
    const hit = matching.find((x) => x.r.method === req.method.toUpperCase());
    if (!hit) {
      const r = apiError(405, "method_not_allowed", "method not allowed");
      return { ...r, headers: { ...r.headers, allow: matching.map((x) => x.r.method).join(", ") } };
    }
    let params: string[];
    try {
      params = hit.m!.slice(1).map((p) => decodeURIComponent(p));
    } catch {
      return apiError(404, "not_found", "no such route");
    }
    if (path.startsWith("/review/transcripts/") && !isSafeId(params[0]!)) {
      return apiError(404, "not_found", "no such transcript");
    }
    try {
      return await hit.r.run(params, req, actor);
    } catch (e) {
      // Publishing is delegated (the publish function in the cloud): its failure is not ours to detail.
      const code = (e as { code?: string })?.code;
      if (code === "publish_failed" || code === "publish_unconfigured" || code === "publish_busy")
        return apiError(503, code, (e as Error).message);
      throw e;
    }
  };
}

const err = { $ref: "#/components/schemas/Error" };
const jsonOf = (schema: unknown) => ({ "application/json": { schema } });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };

/** OpenAPI 3.1 description of the review and admin API. */
export const REVIEW_OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "cotshare review and admin API",
    version: "1",
    description:
      "Review intake transcripts (redacted form and findings only, never a raw value), decide on them, publish, and set lab policies. Every route needs authentication (bearer token locally, IAM in the cloud).",
  },
  security: [{ bearer: [] }],
  paths: {
    "/review/transcripts": {
      get: {
        summary: "List intake transcripts, rejected ones included",
        parameters: [
          { name: "lab", in: "query", schema: { type: "string" } },
          { name: "status", in: "query", schema: { type: "string", enum: [...STATUSES] } },
          {
            name: "verdict",
            in: "query",
            description:
              "Only records with this review verdict. `status=accepted&verdict=NEEDS_HUMAN` is the queue of transcripts waiting for a reviewer's decision.",
            schema: { type: "string", enum: [...VERDICTS] },
          },
          { name: "cursor", in: "query", schema: { type: "string" } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
        ],
        responses: {
          "200": {
            description: "A page",
            content: jsonOf({
              type: "object",
              properties: {
                items: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      id: { type: "string" },
                      lab: { type: "string" },
                      source: { type: "string" },
                      status: { type: "string" },
                      verdict: { type: ["string", "null"] },
                      legibility: { type: ["number", "null"] },
                      receivedAt: { type: "string" },
                      code: { type: "string" },
                    },
                  },
                },
                cursor: { type: "string" },
              },
            }),
          },
          "401": { description: "Not authenticated", content: jsonOf(err) },
        },
      },
    },
    "/review/transcripts/{id}": {
      get: {
        summary: "One record with its redacted transcript, findings (no values) and audit trail",
        parameters: [idParam],
        responses: {
          "200": {
            description: "The record",
            content: jsonOf({
              type: "object",
              properties: {
                record: { type: "object" },
                transcript: { type: ["object", "null"] },
                findings: {
                  type: "object",
                  properties: {
                    items: { type: "array", items: { type: "object" } },
                    byCategory: { type: "object" },
                    byDetector: { type: "object" },
                  },
                },
                audit: { type: "array", items: { type: "object" } },
              },
            }),
          },
          "404": { description: "No such transcript", content: jsonOf(err) },
        },
      },
    },
    "/review/transcripts/{id}/decision": {
      post: {
        summary: "Approve, deny or withdraw (withdrawing a published transcript takes it down)",
        parameters: [idParam],
        requestBody: {
          required: true,
          content: jsonOf({
            type: "object",
            required: ["decision", "reason"],
            properties: {
              decision: { type: "string", enum: ["approve", "deny", "withdraw"] },
              reason: { type: "string" },
            },
          }),
        },
        responses: {
          "200": { description: "New status", content: jsonOf({ type: "object" }) },
          "400": { description: "Invalid decision", content: jsonOf(err) },
          "404": { description: "No such transcript", content: jsonOf(err) },
          "409": { description: "Not allowed from the current status", content: jsonOf(err) },
        },
      },
    },
    "/admin/publish": {
      post: {
        summary: "Curate and publish a set now",
        responses: { "200": { description: "Outcome", content: jsonOf({ type: "object" }) } },
      },
    },
    "/admin/labs/{labId}/policy": {
      put: {
        summary: "Store a lab's policy (never returned)",
        parameters: [
          {
            name: "labId",
            in: "path",
            required: true,
            schema: { type: "string", pattern: LAB_ID_PATTERN.source },
          },
        ],
        requestBody: {
          required: true,
          content: jsonOf({
            type: "object",
            additionalProperties: false,
            properties: {
              denyTerms: { type: "array", items: { type: "string" } },
              allowTerms: { type: "array", items: { type: "string" } },
              internalDomains: { type: "array", items: { type: "string" } },
              autoPublish: { type: "boolean" },
            },
          }),
        },
        responses: {
          "200": {
            description: "Stored",
            content: jsonOf({
              type: "object",
              properties: { labId: { type: "string" }, stored: { type: "boolean" } },
            }),
          },
          "400": { description: "Invalid policy (paths and codes only)", content: jsonOf(err) },
        },
      },
    },
    "/review/openapi.json": {
      get: { summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1" } } },
    },
  },
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Error: {
        type: "object",
        properties: {
          error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } },
        },
      },
    },
  },
} as const;
