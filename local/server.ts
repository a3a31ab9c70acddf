/**
 * The one local HTTP server (node:http, loopback): the viewer's static files at `/`, the public
 * API under `/api/`, the review and admin APIs under `/review/` and `/admin/` behind a bearer
 * token. The API routers are the same `(ApiRequest) => ApiResponse` functions the cloud runs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { timingSafeEqual } from "node:crypto";
import { apiError, type ApiHandler, type ApiRequest, type ApiResponse } from "../lambdas/api/http";
import { LOOPBACK } from "./emulators";

export interface LocalRoutes {
  /** `/api/...` (public, no token). */
  api?: ApiHandler;
  /** `/review/...` and `/admin/...`, called only with a valid token. */
  review?: ApiHandler;
  /**
   * The public bucket's published files, as CloudFront serves them: `/sets/…`, `/keys/…`,
   * `/latest.json`, `/log.jsonl` (GET/HEAD, no token). Called with the bucket key.
   */
  files?: (key: string) => Promise<Uint8Array | undefined>;
}

/** Paths served from the public bucket (`files`), like the cloud's CloudFront behaviours. */
const PUBLIC_FILE = /^\/(?:(?:sets|keys)\/[^?#]+|latest\.json|log\.jsonl)$/;

const MAX_BODY = 1024 * 1024;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".jsonl": "application/x-ndjson; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".pem": "application/x-pem-file",
  ".sig": "application/json; charset=utf-8",
  ".parquet": "application/vnd.apache.parquet",
};

/** Constant-time check of `Authorization: Bearer <token>`. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) return false;
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error("body too large"), { status: 413 });
    chunks.push(c as Buffer);
  }
  return chunks.length ? Buffer.concat(chunks).toString("utf8") : undefined;
}

function send(res: ServerResponse, r: ApiResponse) {
  res.writeHead(r.status, { "x-content-type-options": "nosniff", ...r.headers });
  res.end(r.body);
}

const PLACEHOLDER = `<!doctype html><meta charset="utf-8"><title>cotshare</title>
<h1>cotshare (local)</h1><p>The viewer's files are not in this checkout. The API is at <a href="/api/sets">/api/sets</a>.</p>`;

/** Serves a file under `root`; no path can leave it. */
async function serveStatic(root: string, urlPath: string, res: ServerResponse, method: string) {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return send(res, apiError(400, "bad_path", "malformed path"));
  }
  if (rel.includes("\0")) return send(res, apiError(400, "bad_path", "malformed path"));
  if (rel.endsWith("/")) rel += "index.html";
  const base = resolve(root);
  const file = resolve(base, "." + normalize("/" + rel));
  if (file !== base && !file.startsWith(base + sep))
    return send(res, apiError(404, "not_found", "not found"));
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new Error("not a file");
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    res.end(method === "HEAD" ? undefined : body);
  } catch {
    if (rel === "/index.html") {
      res.writeHead(200, { "content-type": TYPES[".html"]! });
      return res.end(PLACEHOLDER);
    }
    send(res, apiError(404, "not_found", "not found"));
  }
}

/** A file of the public bucket; keys with `.`/`..` segments are refused. */
async function servePublicFile(
  files: (key: string) => Promise<Uint8Array | undefined>,
  urlPath: string,
  res: ServerResponse,
  method: string,
) {
  let key: string;
  try {
    key = decodeURIComponent(urlPath).slice(1);
  } catch {
    return send(res, apiError(400, "bad_path", "malformed path"));
  }
  if (key.includes("\0") || key.split("/").some((s) => s === "" || s === "." || s === ".."))
    return send(res, apiError(404, "not_found", "not found"));
  const body = await files(key);
  if (!body) return send(res, apiError(404, "not_found", "not found"));
  res.writeHead(200, {
    "content-type": TYPES[extname(key).toLowerCase()] ?? "application/octet-stream",
    "content-length": body.byteLength,
    "cache-control": "no-cache",
    "x-content-type-options": "nosniff",
  });
  res.end(method === "HEAD" ? undefined : body);
}

export interface LocalServer {
  url: string;
  server: Server;
  stop(): Promise<void>;
}

export async function startHttp(opts: {
  port?: number;
  webRoot: string;
  token: string;
  routes: LocalRoutes;
  onError?: (message: string, fields: Record<string, unknown>) => void;
}): Promise<LocalServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://local");
      const method = (req.method ?? "GET").toUpperCase();
      const path = url.pathname;
      const area =
        path.startsWith("/api/") || path === "/api"
          ? "api"
          : /^\/(review|admin)(\/|$)/.test(path)
            ? "review"
            : "web";
      if (area === "web" && opts.routes.files && PUBLIC_FILE.test(path)) {
        if (method !== "GET" && method !== "HEAD")
          return send(res, apiError(405, "method_not_allowed", "GET only"));
        return servePublicFile(opts.routes.files, path, res, method);
      }
      if (area === "web") {
        if (method !== "GET" && method !== "HEAD")
          return send(res, apiError(405, "method_not_allowed", "GET only"));
        return serveStatic(opts.webRoot, path, res, method);
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string") headers[k.toLowerCase()] = v;
      // The review API's own description needs no token (docs/publishing.md; in the cloud API
      // Gateway's IAM check still covers every route); everything else under /review/ does.
      const publicDoc = area === "review" && path.replace(/\/+$/, "") === "/review/openapi.json";
      if (area === "review" && !publicDoc && !bearerMatches(headers.authorization, opts.token)) {
        return send(res, {
          ...apiError(401, "unauthorized", "a valid bearer token is required"),
          headers: { "content-type": "application/json; charset=utf-8", "www-authenticate": "Bearer" },
        });
      }
      const router = area === "api" ? opts.routes.api : opts.routes.review;
      if (!router) return send(res, apiError(404, "not_found", `${area} API not available`));
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) query[k] = v;
      const apiReq: ApiRequest = { method, path, query, headers, body: await readBody(req) };
      send(res, await router(apiReq));
    })().catch((e: unknown) => {
      const status = (e as { status?: number })?.status;
      opts.onError?.("http request failed", {
        path: (req.url ?? "").split("?")[0],
        error: (e as Error)?.name,
      });
      if (!res.headersSent) {
        send(
          res,
          status === 413
            ? apiError(413, "too_large", "request body too large")
            : apiError(500, "internal", "internal error"),
        );
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, LOOPBACK, () => resolvePromise());
  });
  const url = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`;
  let stopped = false;
  return {
    url,
    server,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeIdleConnections();
      const closed = new Promise<void>((r) => server.close(() => r()));
      setTimeout(() => server.closeAllConnections(), 500).unref();
      await closed;
    },
  };
}

export const WEB_ROOT = join(import.meta.dirname, "..", "web");
