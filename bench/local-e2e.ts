/**
 * The local stack end to end: `startLocal` (s3rver + dynalite + the ingest handler, as `cotshare
 * start` runs it, in this process) on a temporary data folder; N transcripts of the shared CoT
 * corpus uploaded in parallel through the AWS SDK (PutObject to the intake bucket, 32 at a time);
 * then the time until every object has its terminal record. Per-object latency runs from the start
 * of its upload to the ingest's "intake object processed" log line (written after the record is
 * committed). Peak memory is the peak RSS of this process, which hosts the whole stack.
 * CPU: the process's (every thread: the main thread running the uploads, the ingest handler and
 * its SDK clients; the emulators' worker thread; libuv's file-system pool; V8's GC threads), per
 * object, and on Linux the main thread's share apart — the ingest's serial part, which bounds the
 * rate whatever the other core does.
 * Usage: tsx bench/local-e2e.ts [--json] [--n 1000] [--quick]   (--quick: N = 200)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { s3Client } from "../lambdas/adapters/s3";
import { DynamoMetadataStore, dynamoClient } from "../lambdas/adapters/dynamodb";
import { BUCKETS, intakeKey } from "../lambdas/core/names";
import { startLocal } from "../local/index";
import { buildCorpus } from "./corpus";
import { absentNote, emit, fmt, JSON_OUT, numArg, peakRssMb, percentile, QUICK, sharedPresent } from "./lib";

if (!sharedPresent()) {
  console.error(absentNote("bench/local-e2e"));
  emit({ absent: true });
  process.exit(0);
}

const N = QUICK ? 200 : numArg("n", 1000);
const PARALLEL = 32;
const LAB = "bench-lab";
const corpus = buildCorpus(1).items; // the 800 distinct transcripts; cycled with fresh ids beyond
const bodies = Array.from({ length: N }, (_, i) => {
  const t = { ...corpus[i % corpus.length]!.transcript, id: `e2e-${i}` };
  return JSON.stringify(t);
});
const bytes = bodies.reduce((s, b) => s + Buffer.byteLength(b), 0);

/** CPU seconds of this process's main thread, from /proc (Linux); undefined elsewhere. */
function mainThreadCpuS(): number | undefined {
  try {
    if (!readdirSync("/proc/self/task").includes(String(process.pid))) return undefined;
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

const dataDir = mkdtempSync(join(tmpdir(), "cotshare-bench-local-"));
const rssBefore = process.memoryUsage().rss / 1e6;
const done = new Map<string, number>();
const rt = await startLocal({
  dataDir,
  s3Port: 0,
  httpPort: 0,
  quiet: false,
  log: (line) => {
    if (!line.includes("intake object processed")) return;
    try {
      const o = JSON.parse(line) as { key?: string };
      if (o.key && !done.has(o.key)) done.set(o.key, performance.now());
    } catch {
      /* not JSON: ignore */
    }
  },
});
const s3 = s3Client({ endpoint: rt.s3Url });
const started = new Map<string, number>();
const t0 = performance.now();
const c0 = process.cpuUsage();
const m0 = mainThreadCpuS();
let next = 0;
async function uploader() {
  while (next < N) {
    const i = next++;
    const key = intakeKey(LAB, `e2e-${i}.json`);
    started.set(key, performance.now());
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKETS.intake,
        Key: key,
        Body: bodies[i],
        ContentType: "application/json",
      }),
    );
  }
}
await Promise.all(Array.from({ length: PARALLEL }, uploader));
const uploadedMs = performance.now() - t0;
// Wait until every object has been processed (the queue drains), with a generous ceiling.
const deadline = Date.now() + 15 * 60_000;
while (done.size < N && Date.now() < deadline) {
  await rt.waitForIdle();
  if (done.size < N) await new Promise((r) => setTimeout(r, 50));
}
const totalMs = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const m1 = mainThreadCpuS();

// Count the terminal records actually stored.
const store = new DynamoMetadataStore(dynamoClient({ endpoint: rt.dynamoUrl }));
let records = 0;
const byStatus: Record<string, number> = {};
let cursor: string | undefined;
do {
  const page = await store.listTranscripts({ lab: LAB, cursor, limit: 500 });
  for (const r of page.items) {
    records++;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  }
  cursor = page.cursor;
} while (cursor);

const latencies = [...done].map(([k, t]) => t - (started.get(k) ?? t));
const peak = peakRssMb();
s3.destroy();
await rt.stop();
rmSync(dataDir, { recursive: true, force: true });

const result = {
  n: N,
  parallel: PARALLEL,
  mb: bytes / 1e6,
  uploadMs: uploadedMs,
  totalMs,
  transcriptsPerSecond: N / (totalMs / 1000),
  cpuS: (cpu.user + cpu.system) / 1e6,
  cpuMsPerObject: (cpu.user + cpu.system) / 1e3 / N,
  mainThreadCpuS: m0 !== undefined && m1 !== undefined ? m1 - m0 : undefined,
  processed: done.size,
  records,
  byStatus,
  latencyMs: {
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    max: percentile(latencies, 1),
  },
  peakRssMb: peak,
  rssBeforeMb: rssBefore,
};
if (!JSON_OUT) {
  console.log(
    `Local stack end to end: ${N} transcripts (${fmt(result.mb)} MB), ${PARALLEL} uploads in flight → ${records} records ${JSON.stringify(byStatus)}`,
  );
  console.log(
    `  all terminal after ${fmt(totalMs / 1000, 2)} s wall (uploads done at ${fmt(uploadedMs / 1000, 2)} s) = ${fmt(result.transcriptsPerSecond)} transcripts/s`,
  );
  console.log(
    `  CPU ${fmt(result.cpuS, 1)} s = ${fmt(result.cpuMsPerObject)} ms per object, all threads` +
      (result.mainThreadCpuS !== undefined
        ? `; main thread ${fmt(result.mainThreadCpuS, 1)} s = ${fmt((result.mainThreadCpuS * 1000) / N)} ms per object`
        : ""),
  );
  console.log(
    `  latency per object p50 ${fmt(result.latencyMs.p50, 0)} ms, p95 ${fmt(result.latencyMs.p95, 0)} ms; peak RSS ${fmt(peak, 0)} MB`,
  );
}
emit(result);
process.exit(0);
