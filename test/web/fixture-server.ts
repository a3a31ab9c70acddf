/**
 * A tiny fixture server for the viewer tests: serves `web/` at `/` and the public and review APIs
 * from `fixtures.ts`, on loopback with an ephemeral port.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import {
  MANIFESTS,
  SET_ORDER,
  TRANSCRIPTS,
  REVIEW_ITEMS,
  REVIEW_TOKEN,
  WITHDRAWN_ID,
  reviewDetail,
  type FixtureTranscript,
} from "./fixtures";

const WEB = fileURLToPath(new URL("../../web/", import.meta.url));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
};

export interface Decision {
  id: string;
  decision: string;
  reason: string;
}

export interface FixtureServer {
  url: string;
  decisions: Decision[];
  /** Every request path seen, in order (for asserting what the viewer asked for). */
  requests: string[];
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(text);
}

const notFound = (res: ServerResponse) =>
  send(res, 404, { error: { code: "not_found", message: "No such thing." } });

function page<T>(items: T[], cursor: string | undefined, size: number) {
  const start = cursor ? Number(cursor) : 0;
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? String(start + size) : undefined;
  return next ? { items: slice, cursor: next } : { items: slice };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function reasoningText(t: FixtureTranscript): string {
  return t.messages
    .flatMap((m) => m.parts)
    .map((p) => (p.type === "reasoning" ? (p.text ?? "") : ""))
    .join("\n");
}

function snippetOf(reasoning: string, term: string): string {
  const at = reasoning.toLowerCase().indexOf(term);
  return reasoning.slice(Math.max(0, at - 20), at + term.length + 20);
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const decisions: Decision[] = [];
  const requests: string[] = [];
  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: { code: "internal", message: "fixture error" } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const u = new URL(req.url ?? "/", "http://x");
    const path = decodeURIComponent(u.pathname);
    const q = u.searchParams;
    requests.push(u.pathname + u.search);

    if (path === "/api/sets") {
      const items = SET_ORDER.map((id) => {
        const m = MANIFESTS[id]!;
        return {
          setId: id,
          createdAt: m.createdAt,
          count: m.transcripts.length,
          previous: m.previous ?? undefined,
        };
      });
      return send(res, 200, page(items, q.get("cursor") ?? undefined, 2));
    }
    let m = /^\/api\/sets\/([^/]+)$/.exec(path);
    if (m) return MANIFESTS[m[1]!] ? send(res, 200, MANIFESTS[m[1]!]) : notFound(res);
    m = /^\/api\/transcripts\/([^/]+)$/.exec(path);
    if (m && m[1] === WITHDRAWN_ID) {
      return send(res, 410, { error: { code: "withdrawn", message: "this transcript was withdrawn" } });
    }
    if (m) return TRANSCRIPTS[m[1]!] ? send(res, 200, TRANSCRIPTS[m[1]!]) : notFound(res);
    if (path === "/api/search") {
      const model = q.get("model");
      const lab = q.get("lab");
      const min = q.get("minScore");
      const max = q.get("maxScore");
      const text = (q.get("q") ?? "").toLowerCase();
      // Like the real API: one set at a time (`setId`, default the newest).
      const setId = q.get("setId") ?? SET_ORDER[0]!;
      const man = MANIFESTS[setId];
      if (!man) return notFound(res);
      const hits = man.transcripts
        .map((e) => TRANSCRIPTS[e.id]!)
        .filter((t) => (!model || t.model.id === model) && (!lab || t.lab === lab))
        .filter(
          (t) => (!min || t.legibility.score >= Number(min)) && (!max || t.legibility.score <= Number(max)),
        )
        .filter((t) => !text || reasoningText(t).toLowerCase().includes(text))
        .map((t) => ({
          id: t.id,
          setId,
          lab: t.lab,
          model: t.model.id,
          legibility: t.legibility.score,
          verdict: t.review.verdict,
          ...(text ? { snippet: snippetOf(reasoningText(t), text) } : {}),
        }));
      return send(res, 200, page(hits, q.get("cursor") ?? undefined, 2));
    }
    m = /^\/sets\/([^/]+)\/(.+)$/.exec(path);
    if (m) {
      const man = MANIFESTS[m[1]!];
      if (!man || !man.files.some((f) => f.path === m![2])) return notFound(res);
      const tid = /^transcripts\/(.+)\.json$/.exec(m[2]!)?.[1];
      const body = tid ? JSON.stringify(TRANSCRIPTS[tid]) : `fixture ${m[2]}\n`;
      res.writeHead(200, { "content-type": "application/octet-stream" });
      return res.end(body);
    }
    if (path.startsWith("/review/")) {
      if (req.headers.authorization !== `Bearer ${REVIEW_TOKEN}`) {
        return send(res, 401, { error: { code: "unauthorized", message: "Bearer token required." } });
      }
      if (path === "/review/transcripts" && req.method === "GET") {
        const status = q.get("status");
        const verdict = q.get("verdict");
        return send(
          res,
          200,
          page(
            REVIEW_ITEMS.filter(
              (r) => (!status || r.status === status) && (!verdict || r.verdict === verdict),
            ),
            q.get("cursor") ?? undefined,
            50,
          ),
        );
      }
      m = /^\/review\/transcripts\/([^/]+)\/decision$/.exec(path);
      if (m && req.method === "POST") {
        const body = JSON.parse(await readBody(req)) as { decision: string; reason: string };
        decisions.push({ id: m[1]!, decision: body.decision, reason: body.reason });
        return send(res, 200, { id: m[1], status: body.decision === "approve" ? "approved" : "denied" });
      }
      m = /^\/review\/transcripts\/([^/]+)$/.exec(path);
      if (m && req.method === "GET") {
        const d = reviewDetail(m[1]!);
        return d ? send(res, 200, d) : notFound(res);
      }
      return notFound(res);
    }
    if (req.method !== "GET") return notFound(res);
    const rel = normalize(path === "/" ? "index.html" : path.slice(1));
    if (rel.startsWith("..") || rel.includes(`..${sep}`)) return notFound(res);
    try {
      const data = await readFile(join(WEB, rel));
      res.writeHead(200, { "content-type": TYPES[extname(rel)] ?? "application/octet-stream" });
      res.end(data);
    } catch {
      notFound(res);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    decisions,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
