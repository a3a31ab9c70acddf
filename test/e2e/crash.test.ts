/**
 * Restart safety through the real command: `cotshare start` as a child process is killed with
 * SIGKILL in the middle of a batch, then started again on the same data folder. Nothing is lost
 * (every object ends with its record) and nothing is processed twice (one record and one ingest
 * audit event per transcript). Then a clean SIGTERM shutdown exits 0.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { dynamoClient } from "../../lambdas/adapters/dynamodb";
import { BUCKETS, TABLES, intakeKey } from "../../lambdas/core/names";
import { allRecords, leaked, metadata, sdkPut, until } from "./helpers";
import { demoFiles, plantedCanaries } from "../../local/demo/index";

const ROOT = join(import.meta.dirname, "..", "..");
const LAB = "crash-lab";
const N = 12;
let dir: string;
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  s3: string;
  http: string;
  dynamodb: string;
  out: () => string;
  exited: Promise<number | null>;
}

async function startChild(delayMs: number): Promise<Started> {
  const child = spawn(
    process.execPath,
    [
      "bin/cotshare.js",
      "start",
      "--data",
      join(dir, "data"),
      "--s3-port",
      "0",
      "--http-port",
      "0",
      "--publish-interval",
      "0",
    ],
    {
      cwd: ROOT,
      env: { ...process.env, COTSHARE_INGEST_DELAY_MS: String(delayMs) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const started = await until("the started line", 30_000, async () => {
    const line = out.split("\n").find((l) => l.includes('"message":"started"'));
    return line ? (JSON.parse(line) as { s3: string; http: string; dynamodb: string }) : undefined;
  });
  return { child, ...started, out: () => out, exited };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cotshare-crash-"));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await rm(dir, { recursive: true, force: true });
});

describe("kill -9 mid-batch, then restart", () => {
  it("loses nothing and processes nothing twice", { timeout: 90_000 }, async () => {
    const first = await startChild(250);
    const body = demoFiles().find((f) => f.name === "native/clean-arithmetic.json")!.body;
    const keys = Array.from({ length: N }, (_, i) => intakeKey(LAB, `t${String(i).padStart(2, "0")}.json`));
    // Distinct transcripts (the native id is per file) so each object yields its own record.
    for (const [i, key] of keys.entries())
      await sdkPut(first.s3, BUCKETS.intake, key, body.replace("demo-clean-arithmetic", `crash-${i}`));

    const store1 = metadata(first.dynamodb);
    const ddb1 = dynamoClient({ endpoint: first.dynamodb });
    // Kill only when some records are done and some object is in progress right now (its
    // idempotency record says INPROGRESS; each object then takes another 250 ms), so the kill
    // lands mid-batch on any machine, however slow.
    const before = await until("some records done and one in progress", 30_000, async () => {
      const n = (await allRecords(store1)).length;
      if (n < 2 || n >= N) return undefined;
      const scan = await ddb1.send(new ScanCommand({ TableName: TABLES.idempotency }));
      const inProgress = (scan.Items ?? []).filter((i) => i.status?.S === "INPROGRESS").length;
      return inProgress > 0 ? n : undefined;
    });
    first.child.kill("SIGKILL");
    ddb1.destroy();
    await first.exited;
    expect(before).toBeLessThan(N);

    const second = await startChild(0);
    const started = JSON.parse(
      second
        .out()
        .split("\n")
        .find((l) => l.includes('"message":"started"'))!,
    ) as {
      reconciled: number;
      staleInProgress: number;
    };
    expect(started.reconciled).toBe(N);
    // The kill landed while objects were in progress: their idempotency records were left INPROGRESS.
    expect(started.staleInProgress).toBeGreaterThan(0);
    const store = metadata(second.dynamodb);
    const recs = await until("every record", 60_000, async () => {
      const r = await allRecords(store);
      return r.length >= N ? r : undefined;
    });
    // Let anything still queued run, then check nothing was added twice.
    await new Promise((r) => setTimeout(r, 1_000));
    const final = await allRecords(store);
    expect(final).toHaveLength(N);
    expect(recs.map((r) => r.id).sort()).toEqual(final.map((r) => r.id).sort());
    expect(final.map((r) => r.intakeKey).sort()).toEqual([...keys].sort());
    expect(final.every((r) => r.status === "accepted")).toBe(true);
    for (const r of final) {
      const events = await store.listAudit(r.id);
      expect(
        events.filter((e) => e.action === "ingest"),
        r.id,
      ).toHaveLength(1);
    }
    await expect(readFile(join(dir, "data", "dead-letter.jsonl"), "utf8")).rejects.toThrow();

    // Clean shutdown on SIGTERM; the logs of both runs hold no planted canary.
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(leaked(first.out() + second.out(), Object.values(plantedCanaries()))).toEqual([]);
  });
});
