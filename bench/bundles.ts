/**
 * Lambda bundles: each `lambdas/handlers/*.ts` bundled with esbuild exactly as the CDK stack does
 * it (lib/function-defaults.ts BUNDLING: minified ESM, target node22, platform node, nothing
 * external, the createRequire banner), into a temporary folder. For each bundle: its size, and
 * its cold initialisation — a fresh `node` process that imports the bundle and runs one small
 * event, timed from the process's own time origin (so Node's start-up is included), median of
 * several runs; the child's own CPU time (all threads) is reported too, as it depends less on
 * how busy the machine is. Events that need no AWS call: ingest — an SQS batch holding an S3 test event
 * (handler, Powertools batch + idempotency set-up, the pipeline module loaded); dead-letter — the
 * same SQS test event (handler and Powertools batch set-up, no record to write); public-api — a
 * request for an unknown route (404); review-api — a request without an IAM principal (401);
 * publish — import only (every publish event reads DynamoDB). The ingest's compute path is timed
 * apart: a bundle of lambdas/core/pipeline.ts imported and run on one small transcript.
 * Usage: tsx bench/bundles.ts [--json] [--runs 5]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { BUNDLING } from "../lib/function-defaults";
import { ENV } from "../lambdas/core/names";
import { emit, fmt, JSON_OUT, median, numArg, REPO_ROOT } from "./lib";

const RUNS = numArg("runs", 7);
const out = mkdtempSync(join(tmpdir(), "cotshare-bundles-"));

const CHILD_ENV = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  POWERTOOLS_METRICS_DISABLED: "true",
  POWERTOOLS_TRACE_ENABLED: "false",
  POWERTOOLS_DEV: "false",
  AWS_LAMBDA_FUNCTION_NAME: "bench",
  [ENV.intakeBucket]: "intake",
  [ENV.stagingBucket]: "staging",
  [ENV.publicBucket]: "public",
  [ENV.transcriptsTable]: "transcripts",
  [ENV.setsTable]: "sets",
  [ENV.auditTable]: "audit",
  [ENV.idempotencyTable]: "idempotency",
  [ENV.hmacSecretArn]: "arn:aws:secretsmanager:us-east-1:000000000000:secret:bench",
  [ENV.largeIntakeQueueUrl]: "https://sqs.us-east-1.amazonaws.com/000000000000/bench-large",
};

const http = (path: string) => ({
  version: "2.0",
  rawPath: path,
  rawQueryString: "",
  headers: {},
  requestContext: { http: { method: "GET", path }, requestId: "r" },
  isBase64Encoded: false,
});
const sqsTestEvent = {
  Records: [
    {
      messageId: "m1",
      receiptHandle: "r",
      body: JSON.stringify({ Event: "s3:TestEvent" }),
      attributes: {},
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:q",
      awsRegion: "us-east-1",
    },
  ],
};
const EVENTS: Record<string, unknown> = {
  "dead-letter": sqsTestEvent,
  ingest: sqsTestEvent,
  "public-api": http("/api/no-such-route"),
  "review-api": http("/review/transcripts"),
};

async function bundle(name: string, entry: string): Promise<string> {
  const outfile = join(out, name, "index.mjs");
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: BUNDLING.target ?? "node22",
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: BUNDLING.mainFields,
    external: BUNDLING.externalModules ?? [],
    charset: BUNDLING.charset,
    banner: { js: BUNDLING.banner ?? "" },
    logLevel: "silent",
  });
  return outfile;
}

type Cold = { ms: number; cpuMs: number; ok: boolean; note?: string };
function coldRun(file: string, name: string): Cold {
  const runner = join(out, `run-${name}.mjs`);
  const event = EVENTS[name];
  writeFileSync(
    runner,
    name === "pipeline"
      ? `const m = await import(${JSON.stringify(file)});
const t = JSON.stringify({schema:"cotshare/transcript@1",id:"c1",model:{id:"m"},messages:[{role:"user",parts:[{type:"text",text:"What is 16 - 3 - 4?"}]},{role:"assistant",parts:[{type:"reasoning",text:"We compute 16 - 3 - 4 = 9. She sells 9 eggs at $2, so $18."}]}]});
const o = m.processBytes("incoming/bench/c1.json", new TextEncoder().encode(t), {lab:"bench-lab", hmacKey:"k"});
const c = process.cpuUsage();
process.stdout.write(JSON.stringify({ms: performance.now(), cpuMs: (c.user + c.system) / 1000, ok: o[0]?.status === "accepted"}));`
      : `const m = await import(${JSON.stringify(file)});
let ok = true, note;
const context = { functionName: "bench", awsRequestId: "bench-1", memoryLimitInMB: "1024",
  invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:bench", getRemainingTimeInMillis: () => 30000 };
${event ? `try { const r = await m.handler(${JSON.stringify(event)}, context); note = JSON.stringify(r).slice(0, 80); } catch (e) { ok = false; note = String(e && e.name) + ": " + String(e && e.message).slice(0, 120); }` : ""}
const c = process.cpuUsage();
process.stdout.write(JSON.stringify({ms: performance.now(), cpuMs: (c.user + c.system) / 1000, ok, note}));`,
  );
  const r = spawnSync(process.execPath, [runner], {
    env: { PATH: process.env.PATH, ...CHILD_ENV },
    encoding: "utf8",
    timeout: 60_000,
  });
  try {
    return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as Cold;
  } catch {
    return {
      ms: NaN,
      cpuMs: NaN,
      ok: false,
      note: (r.stderr || "").split("\n").slice(0, 3).join(" ").slice(0, 200),
    };
  }
}

const baseline: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(performance.now()))"], {
    encoding: "utf8",
  });
  baseline.push(Number(r.stdout));
}

const handlers = readdirSync(join(REPO_ROOT, "lambdas", "handlers"))
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.replace(/\.ts$/, ""));
const rows: {
  name: string;
  bytes: number;
  mapBytes: number;
  coldMs: number;
  coldCpuMs: number;
  runs: number[];
  ok: boolean;
  note?: string;
  event: string;
}[] = [];
for (const name of [...handlers, "pipeline"]) {
  const entry =
    name === "pipeline"
      ? join(REPO_ROOT, "lambdas", "core", "pipeline.ts")
      : join(REPO_ROOT, "lambdas", "handlers", `${name}.ts`);
  const file = await bundle(name, entry);
  const runs: number[] = [];
  const cpus: number[] = [];
  let ok = true;
  let note: string | undefined;
  for (let i = 0; i < RUNS; i++) {
    const r = coldRun(file, name);
    runs.push(r.ms);
    cpus.push(r.cpuMs);
    ok &&= r.ok;
    note ??= r.ok ? undefined : r.note;
  }
  rows.push({
    name,
    bytes: statSync(file).size,
    mapBytes: statSync(file + ".map").size,
    coldMs: median(runs),
    coldCpuMs: median(cpus),
    runs,
    ok,
    ...(note ? { note } : {}),
    event:
      name === "pipeline"
        ? "processBytes on one small transcript"
        : EVENTS[name]
          ? "one small event"
          : "import only",
  });
}
rmSync(out, { recursive: true, force: true });

const result = { nodeStartMs: median(baseline), runs: RUNS, bundles: rows };
if (!JSON_OUT) {
  console.log(
    `Lambda bundles (esbuild as lib/function-defaults.ts; node start-up alone ${fmt(result.nodeStartMs)} ms)`,
  );
  for (const r of rows)
    console.log(
      `  ${r.name.padEnd(12)} ${(r.bytes / 1e6).toFixed(3).padStart(7)} MB  cold init ${fmt(r.coldMs).padStart(7)} ms wall, ${fmt(r.coldCpuMs).padStart(7)} ms CPU (median of ${RUNS}; ${r.event})${r.ok ? "" : `  FAILED: ${r.note}`}`,
    );
}
emit(result);
