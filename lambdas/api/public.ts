/**
 * The public, read-only JSON API (CONTRACT.md "Local runtime"): sets, a set's manifest, a
 * published transcript, search. Runs behind API Gateway / function URLs and the local server.
 *
 * Caching: a set's manifest is addressed by its content hash → long-lived and immutable (a
 * takedown revision goes with a CDN invalidation, see docs/publishing.md); lists, search and
 * transcript look-ups can change with the next version → short-lived.
 */
import { SET_ID, isSafeId, reasoningText, setKey, transcriptPath, type PublishedDoc } from "../core/publish";
import { MANIFEST_FILE } from "../core/publish/manifest";
import { InvalidCursorError, type MetadataStore } from "../core/records";
import type { BlobStore } from "../ports";
import { latestManifest, readSetDocs } from "../service/publish";
import { apiError, json, type ApiHandler, type ApiRequest, type ApiResponse } from "./http";

export interface PublicApiDeps {
  metadata: MetadataStore;
  blobs: BlobStore;
  buckets: { public: string };
  /** How long parsed set bundles stay in memory for search, in ms. Default 60 000. */
  cacheMs?: number;
  now?: () => number;
}

export const CACHE = {
  immutable: "public, max-age=31536000, immutable",
  short: "public, max-age=60",
  transcript: "public, max-age=300",
  doc: "public, max-age=3600",
} as const;

const CORS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, OPTIONS",
  "access-control-allow-headers": "content-type",
  "access-control-max-age": "86400",
};

const dec = new TextDecoder();

function limitOf(q: Record<string, string>): number | ApiResponse {
  if (q.limit === undefined) return 20;
  const n = Number(q.limit);
  return Number.isInteger(n) && n >= 1 && n <= 100
    ? n
    : apiError(400, "invalid_query", "limit must be 1-100");
}

function offsetOf(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return 0;
  const text = /^[A-Za-z0-9_-]{1,16}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString() : "";
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}
const cursorOf = (n: number) => Buffer.from(String(n)).toString("base64url");

function scoreOf(v: string | undefined, name: string): number | undefined | ApiResponse {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 && n <= 100
    ? n
    : apiError(400, "invalid_query", `${name} must be 0-100`);
}

const norm = (s: string) => s.normalize("NFKC").toLowerCase();

export function createPublicApi(deps: PublicApiDeps): ApiHandler {
  const cacheMs = deps.cacheMs ?? 60_000;
  const now = deps.now ?? Date.now;
  const bundles = new Map<
    string,
    { at: number; docs: { doc: PublishedDoc; reasoning: string; shown: string }[] }
  >();

  async function setDocs(setId: string) {
    const hit = bundles.get(setId);
    if (hit && now() - hit.at < cacheMs) return hit.docs;
    const docs = (await readSetDocs(deps, setId)).map((doc) => {
      const text = reasoningText(doc);
      const reasoning = norm(text);
      // Snippets quote the text as written; folding almost never changes its length, and where it
      // does the offsets would not line up, so the folded text is quoted instead.
      return { doc, reasoning, shown: text.length === reasoning.length ? text : reasoning };
    });
    if (bundles.size >= 8) bundles.delete(bundles.keys().next().value!);
    bundles.set(setId, { at: now(), docs });
    return docs;
  }

  async function listSets(req: ApiRequest): Promise<ApiResponse> {
    const limit = limitOf(req.query);
    if (typeof limit !== "number") return limit;
    let page: Awaited<ReturnType<typeof deps.metadata.listSets>>;
    try {
      page = await deps.metadata.listSets({ cursor: req.query.cursor || undefined, limit });
    } catch (e) {
      if (e instanceof InvalidCursorError) return apiError(400, "invalid_cursor", "invalid cursor");
      throw e;
    }
    return json(
      200,
      {
        items: page.items.map((s) => ({
          setId: s.setId,
          createdAt: s.createdAt,
          count: s.count,
          previous: s.previous ?? null,
          withdrawn: s.withdrawn.length,
          manifest: s.manifestKey,
        })),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      },
      { "cache-control": CACHE.short },
    );
  }

  async function getSet(setId: string): Promise<ApiResponse> {
    if (!SET_ID.test(setId)) return apiError(404, "not_found", "no such set");
    const body = await deps.blobs.get(deps.buckets.public, setKey(setId, MANIFEST_FILE));
    if (!body) return apiError(404, "not_found", "no such set");
    return {
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": CACHE.immutable },
      body: dec.decode(body),
    };
  }

  /** A set's model comparison (`stats.json`, `models.svg`; see docs/compare.md). */
  async function getSetFile(setId: string, file: string): Promise<ApiResponse> {
    if (!SET_ID.test(setId)) return apiError(404, "not_found", "no such set");
    const body = await deps.blobs.get(deps.buckets.public, setKey(setId, file));
    if (!body) return apiError(404, "not_found", "no such file in this set");
    const svg = file.endsWith(".svg");
    return {
      status: 200,
      headers: {
        "content-type": svg ? "image/svg+xml; charset=utf-8" : "application/json; charset=utf-8",
        "cache-control": CACHE.immutable,
        ...(svg
          ? { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox" }
          : {}),
      },
      body: dec.decode(body),
    };
  }

  async function getTranscript(id: string): Promise<ApiResponse> {
    if (!isSafeId(id)) return apiError(404, "not_found", "no such transcript");
    const record = await deps.metadata.getTranscript(id);
    const everPublished = (record?.setIds?.length ?? 0) > 0;
    if (record?.status === "withdrawn" && everPublished) {
      return apiError(410, "withdrawn", "this transcript was withdrawn");
    }
    const sets = [...(record?.setIds ?? [])].reverse();
    const latest = await latestManifest(deps);
    if (latest && !sets.includes(latest.setId)) sets.unshift(latest.setId);
    for (const s of sets) {
      const body = await deps.blobs.get(deps.buckets.public, setKey(s, transcriptPath(id)));
      if (body) {
        return {
          status: 200,
          headers: { "content-type": "application/json; charset=utf-8", "cache-control": CACHE.transcript },
          body: dec.decode(body),
        };
      }
    }
    return apiError(404, "not_found", "no such transcript");
  }

  async function search(req: ApiRequest): Promise<ApiResponse> {
    const q = req.query;
    const limit = limitOf(q);
    if (typeof limit !== "number") return limit;
    const offset = offsetOf(q.cursor || undefined);
    if (offset === undefined) return apiError(400, "invalid_cursor", "invalid cursor");
    const min = scoreOf(q.minScore, "minScore");
    const max = scoreOf(q.maxScore, "maxScore");
    if (typeof min === "object") return min;
    if (typeof max === "object") return max;
    if ((q.q?.length ?? 0) > 500) return apiError(400, "invalid_query", "q is at most 500 characters");
    let setId = q.setId;
    if (setId !== undefined && !SET_ID.test(setId)) return apiError(404, "not_found", "no such set");
    setId ??= (await latestManifest(deps))?.setId;
    if (!setId) return json(200, { items: [] }, { "cache-control": CACHE.short });
    const terms = norm(q.q ?? "")
      .split(/\s+/)
      .filter((t) => t !== "");
    const hits = (await setDocs(setId)).filter(
      ({ doc, reasoning }) =>
        (!q.model || doc.model.id === q.model) &&
        (!q.lab || doc.lab === q.lab) &&
        (min === undefined || doc.legibility.score >= min) &&
        (max === undefined || doc.legibility.score <= max) &&
        terms.every((t) => reasoning.includes(t)),
    );
    const items = hits.slice(offset, offset + limit).map(({ doc, reasoning, shown }) => {
      const item: Record<string, unknown> = {
        id: doc.id,
        setId,
        lab: doc.lab,
        model: doc.model.id,
        legibility: doc.legibility.score,
        verdict: doc.review.verdict,
      };
      if (terms.length) {
        const at = reasoning.indexOf(terms[0]!);
        item.snippet = shown.slice(Math.max(0, at - 60), at + terms[0]!.length + 60);
      }
      return item;
    });
    const next = offset + limit < hits.length ? cursorOf(offset + limit) : undefined;
    return json(
      200,
      { items, total: hits.length, ...(next ? { cursor: next } : {}) },
      { "cache-control": CACHE.short },
    );
  }

  async function route(req: ApiRequest): Promise<ApiResponse> {
    const path = req.path.replace(/\/+$/, "") || "/";
    if (path === "/api/openapi.json") return json(200, PUBLIC_OPENAPI, { "cache-control": CACHE.doc });
    if (path === "/api/sets") return listSets(req);
    if (path === "/api/search") return search(req);
    let m = /^\/api\/sets\/([^/]+)$/.exec(path);
    if (m) return getSet(decodeURIComponent(m[1]!));
    m = /^\/api\/sets\/([^/]+)\/(stats\.json|models\.svg)$/.exec(path);
    if (m) return getSetFile(decodeURIComponent(m[1]!), m[2]!);
    m = /^\/api\/transcripts\/([^/]+)$/.exec(path);
    if (m) return getTranscript(decodeURIComponent(m[1]!));
    return apiError(404, "not_found", "no such route");
  }

  return async (req) => {
    const method = req.method.toUpperCase();
    let res: ApiResponse;
    if (method === "OPTIONS") res = { status: 204, headers: {}, body: "" };
    else if (method !== "GET" && method !== "HEAD") {
      res = apiError(405, "method_not_allowed", "this API is read-only");
      res.headers.allow = "GET, HEAD, OPTIONS";
    } else {
      try {
        res = await route(req);
      } catch (e) {
        if (e instanceof URIError) res = apiError(404, "not_found", "no such route");
        else throw e;
      }
      if (method === "HEAD") res = { ...res, body: "" };
    }
    return { ...res, headers: { ...res.headers, ...CORS } };
  };
}

const err = { $ref: "#/components/schemas/Error" };
const jsonOf = (schema: unknown) => ({ "application/json": { schema } });
const cursorParams = [
  { name: "cursor", in: "query", schema: { type: "string" } },
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
];

/** OpenAPI 3.1 description of the public API. */
export const PUBLIC_OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "cotshare public API",
    version: "1",
    description: "Read-only access to published, redacted chain-of-thought transcript sets.",
  },
  paths: {
    "/api/sets": {
      get: {
        summary: "List published sets, newest first",
        parameters: cursorParams,
        responses: {
          "200": {
            description: "A page of sets",
            content: jsonOf({
              type: "object",
              required: ["items"],
              properties: {
                items: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      setId: { type: "string" },
                      createdAt: { type: "string", format: "date-time" },
                      count: { type: "integer" },
                      previous: { type: ["string", "null"] },
                      withdrawn: { type: "integer" },
                      manifest: { type: "string" },
                    },
                  },
                },
                cursor: { type: "string" },
              },
            }),
          },
        },
      },
    },
    "/api/sets/{setId}": {
      get: {
        summary: "A set's manifest.json",
        parameters: [
          {
            name: "setId",
            in: "path",
            required: true,
            schema: { type: "string", pattern: "^[0-9a-f]{20}$" },
          },
        ],
        responses: {
          "200": { description: "The manifest", content: jsonOf({ $ref: "#/components/schemas/Manifest" }) },
          "404": { description: "No such set", content: jsonOf(err) },
        },
      },
    },
    "/api/sets/{setId}/{file}": {
      get: {
        summary: "A set's model comparison: stats.json (cotshare/stats@1) or the plot models.svg",
        parameters: [
          {
            name: "setId",
            in: "path",
            required: true,
            schema: { type: "string", pattern: "^[0-9a-f]{20}$" },
          },
          { name: "file", in: "path", required: true, schema: { enum: ["stats.json", "models.svg"] } },
        ],
        responses: {
          "200": {
            description: "The file",
            content: { ...jsonOf({ type: "object" }), "image/svg+xml": { schema: { type: "string" } } },
          },
          "404": {
            description: "No such set, or a set published before stats existed",
            content: jsonOf(err),
          },
        },
      },
    },
    "/api/transcripts/{id}": {
      get: {
        summary: "A published transcript (cotshare/transcript@1, published form)",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": { description: "The transcript", content: jsonOf({ type: "object" }) },
          "404": { description: "Not published", content: jsonOf(err) },
          "410": { description: "Withdrawn", content: jsonOf(err) },
        },
      },
    },
    "/api/search": {
      get: {
        summary: "Search a set (default: the newest) by model, lab, score range and words in the reasoning",
        parameters: [
          { name: "model", in: "query", schema: { type: "string" } },
          { name: "lab", in: "query", schema: { type: "string" } },
          { name: "minScore", in: "query", schema: { type: "number", minimum: 0, maximum: 100 } },
          { name: "maxScore", in: "query", schema: { type: "number", minimum: 0, maximum: 100 } },
          {
            name: "q",
            in: "query",
            description: "Words that must all occur in the reasoning",
            schema: { type: "string" },
          },
          { name: "setId", in: "query", schema: { type: "string" } },
          ...cursorParams,
        ],
        responses: {
          "200": {
            description: "Matching transcripts",
            content: jsonOf({
              type: "object",
              required: ["items"],
              properties: {
                items: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      id: { type: "string" },
                      setId: { type: "string" },
                      lab: { type: "string" },
                      model: { type: "string" },
                      legibility: { type: "number" },
                      verdict: { type: "string" },
                      snippet: { type: "string" },
                    },
                  },
                },
                total: { type: "integer" },
                cursor: { type: "string" },
              },
            }),
          },
          "400": { description: "Invalid query", content: jsonOf(err) },
        },
      },
    },
    "/api/openapi.json": {
      get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1" } } },
    },
  },
  components: {
    schemas: {
      Error: {
        type: "object",
        properties: {
          error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } },
        },
      },
      Manifest: {
        type: "object",
        required: [
          "setId",
          "createdAt",
          "previous",
          "license",
          "scorer",
          "selection",
          "files",
          "transcripts",
          "withdrawn",
        ],
        properties: {
          setId: { type: "string" },
          createdAt: { type: "string" },
          previous: { type: ["string", "null"] },
          license: { type: "string" },
          scorer: { type: "string" },
          selection: { type: "object" },
          counts: { type: "object" },
          files: {
            type: "array",
            items: {
              type: "object",
              properties: {
                path: { type: "string" },
                sha256: { type: "string" },
                bytes: { type: "integer" },
              },
            },
          },
          transcripts: { type: "array", items: { type: "object" } },
          withdrawn: { type: "array", items: { type: "string" } },
          revisedAt: { type: "string" },
        },
      },
    },
  },
} as const;
