/**
 * `cotshare start`: the whole pipeline on this machine (see `local/` and CONTRACT.md "Local
 * runtime"). Runs until SIGINT or SIGTERM, then shuts down cleanly.
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { UsageError, type SetExitCode } from "../exit";
import { LAB_ID_PATTERN, BUCKETS } from "../../lambdas/core/names";
import { parseLabPolicy, type LabPolicy } from "../../lambdas/adapters/lab-config";

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`invalid port: ${v}`);
  return n;
}

async function readPolicies(specs: string[]): Promise<Record<string, LabPolicy>> {
  const out: Record<string, LabPolicy> = {};
  for (const spec of specs) {
    const i = spec.indexOf("=");
    const lab = i > 0 ? spec.slice(0, i) : "";
    const file = spec.slice(i + 1);
    if (!LAB_ID_PATTERN.test(lab) || !file)
      throw new UsageError(`--policy expects <labId>=<file>, got: ${spec}`);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, "utf8"));
    } catch {
      throw new UsageError(`${file}: cannot read the policy as JSON`);
    }
    out[lab] = parseLabPolicy(raw, file);
  }
  return out;
}

/**
 * A port already taken, said with the flag that chooses it (the emulators report `listen
 * EADDRINUSE: address already in use <host>:<port>`, from a worker, so only the message is sure).
 */
export function portInUseMessage(e: unknown, ports: { s3: number; http: number }): string | undefined {
  const err = e as { code?: unknown; message?: unknown; port?: unknown } | undefined;
  const msg = typeof err?.message === "string" ? err.message : "";
  if (err?.code !== "EADDRINUSE" && !msg.includes("EADDRINUSE")) return undefined;
  const m = /:(\d+)\s*$/.exec(msg);
  const port = typeof err?.port === "number" ? err.port : m ? Number(m[1]) : undefined;
  const flags = [
    ...(port === undefined || port === ports.s3 ? ["--s3-port"] : []),
    ...(port === undefined || port === ports.http ? ["--http-port"] : []),
  ];
  const which = port !== undefined ? `port ${port} is` : "a port is";
  return `${which} already in use (another cotshare start, or another program): choose another with ${flags.join(" or ")} <n> (0: any free port)`;
}

/**
 * The runtime's routine INFO lines (`local/index.ts`), dropped under `--quiet`. The runtime logs
 * its failures (dead letters, failed publications, request errors) at INFO too, so only these
 * known routine messages are dropped, by name: anything else, a new message included, is kept.
 */
export const ROUTINE_MESSAGES: readonly string[] = [
  "started",
  "demo transcripts submitted",
  "demo set published",
  "publish: set written",
  "publish: nothing new",
];

/** `--quiet`: the runtime's routine lines are dropped too, not only the ingest logger's INFO. */
export function quietLog(write: (line: string) => void): (line: string) => void {
  return (line: string) => {
    let rec: { level?: unknown; message?: unknown } | undefined;
    try {
      rec = JSON.parse(line) as { level?: unknown; message?: unknown };
    } catch {
      rec = undefined;
    }
    const level = typeof rec?.level === "string" ? rec.level.toUpperCase() : "";
    if (level === "DEBUG" || level === "TRACE") return;
    if (level === "INFO" && typeof rec?.message === "string" && ROUTINE_MESSAGES.includes(rec.message))
      return;
    write(line);
  };
}

export function banner(rt: { s3Url: string; httpUrl: string; token: string; dataDir: string }): string {
  const lab = "my-lab";
  return [
    "",
    "cotshare is running.",
    "",
    `  viewer        ${rt.httpUrl}/`,
    `  public API    ${rt.httpUrl}/api/sets   ${rt.httpUrl}/api/search?q=`,
    `  review API    ${rt.httpUrl}/review/transcripts   (Authorization: Bearer <token>)`,
    `  admin         POST ${rt.httpUrl}/admin/publish   PUT ${rt.httpUrl}/admin/labs/<labId>/policy`,
    `  S3 endpoint   ${rt.s3Url}   (region us-east-1, path-style, any access key)`,
    `  buckets       ${Object.values(BUCKETS).join(", ")}`,
    `  data          ${rt.dataDir}`,
    "",
    `  review token  ${rt.token}   (also in ${rt.dataDir}/review-token)`,
    "",
    "Drop a transcript in as a lab would:",
    `  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 \\`,
    `    aws s3 cp transcript.json s3://${BUCKETS.intake}/incoming/${lab}/transcript.json --endpoint-url ${rt.s3Url}`,
    `  npx cotshare submit transcript.json --lab ${lab} --endpoint ${rt.s3Url}`,
    `  npx cotshare publish --http-port ${new URL(rt.httpUrl).port} --data ${rt.dataDir}`,
    "",
    "Press Ctrl-C to stop.",
    "",
  ].join("\n");
}

export function registerStart(program: Command, setCode: SetExitCode): void {
  program
    .command("start")
    .description(
      "Run the whole pipeline on this machine: embedded S3 + DynamoDB, the same handlers, viewer and APIs.",
    )
    .option("--data <dir>", "data folder (survives restarts)", ".cotshare")
    .option("--s3-port <n>", "S3 endpoint port (0: any free port)", "4569")
    .option("--http-port <n>", "viewer and API port (0: any free port)", "8080")
    .option(
      "--policy <labId=file>",
      "a lab's policy file (repeatable)",
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option("--demo", "submit the demo transcripts on the first start of this data folder")
    .option("--publish-interval <seconds>", "publish a set this often (0: only on demand)", "300")
    .option("--quiet", "log warnings and errors only")
    .action(
      async (o: {
        data: string;
        s3Port: string;
        httpPort: string;
        policy: string[];
        demo?: boolean;
        publishInterval: string;
        quiet?: boolean;
      }) => {
        const interval = Number(o.publishInterval);
        if (!Number.isFinite(interval) || interval < 0)
          throw new UsageError("--publish-interval expects seconds");
        // Slow motion for demos and crash tests: a pause after each object's pipeline run.
        const delay = Number(process.env.COTSHARE_INGEST_DELAY_MS ?? 0) || 0;
        const { startLocal } = await import("../../local/index");
        const ports = { s3: port(o.s3Port), http: port(o.httpPort) };
        let rt;
        try {
          rt = await startLocal({
            dataDir: o.data,
            s3Port: ports.s3,
            httpPort: ports.http,
            demo: Boolean(o.demo),
            publishIntervalMs: interval * 1000,
            policies: await readPolicies(o.policy),
            quiet: Boolean(o.quiet),
            ingestDelayMs: delay,
            ...(o.quiet ? { log: quietLog((line) => process.stderr.write(line + "\n")) } : {}),
          });
        } catch (e) {
          const inUse = portInUseMessage(e, ports);
          if (inUse === undefined) throw e;
          process.stderr.write(`cotshare start: ${inUse}\n`);
          setCode(1);
          return;
        }
        process.stdout.write(banner(rt));
        await new Promise<void>((resolve) => {
          const onSignal = (sig: NodeJS.Signals) => {
            process.stderr.write(`cotshare: ${sig}, shutting down\n`);
            process.off("SIGINT", onSignal);
            process.off("SIGTERM", onSignal);
            resolve();
          };
          process.on("SIGINT", onSignal);
          process.on("SIGTERM", onSignal);
        });
        await rt.stop();
        setCode(0);
      },
    );
}
