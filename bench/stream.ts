/**
 * Bounded memory on a big input: a JSON Lines file of ≥ 1 GB (`--gb`, default 1; `--quick` 0.2),
 * generated into a temporary folder from the shared CoT corpus and deleted afterwards.
 *   A. The real command, `node bin/cotshare.js process big.jsonl --lab … --out …`, in a child
 *      process: the file is 20× the 50 MiB per-object limit, so it is streamed line by line.
 *      The whole pipeline runs at a few MB/s on one core, so the child runs for a time budget
 *      (`--budget` seconds, default 90) and is then stopped; its peak RSS (VmHWM, read from
 *      /proc before it is stopped) and the lines it finished are reported.
 *   B. The same streaming reader (cli/inputs.ts readJsonlLines → strict UTF-8 → readJsonlLine:
 *      parse, detect, map, validate) over the WHOLE file, in a child process: lines, CPU and
 *      wall time, peak RSS.
 * Usage: tsx bench/stream.ts [--json] [--gb 1] [--budget 90] [--quick]
 */
import { spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readJsonlLines } from "../cli/inputs";
import { readJsonlLine } from "../lambdas/core/transcript/read";
import { decodeUtf8 } from "../lambdas/core/transcript/safe-json";
import { buildCorpus } from "./corpus";
import {
  absentNote,
  argv,
  emit,
  fmt,
  JSON_OUT,
  numArg,
  peakRssMb,
  QUICK,
  REPO_ROOT,
  sharedPresent,
  timeAsync,
} from "./lib";

// Child mode B: read the whole file through the streaming reader and report.
if (argv[0] === "--child-read") {
  const file = argv[1]!;
  let lines = 0;
  let transcripts = 0;
  let rejected = 0;
  const t = await timeAsync(async () => {
    for await (const l of readJsonlLines(file)) {
      lines++;
      if ("tooLong" in l || l.bytes.length === 0) continue;
      const text = decodeUtf8(l.bytes);
      if (text === undefined) continue;
      const r = readJsonlLine(file, l.line, text);
      transcripts += r.items.length;
      rejected += r.rejections.length;
    }
  });
  process.stdout.write(
    JSON.stringify({
      lines,
      transcripts,
      rejected,
      cpuMs: t.cpuMs,
      wallMs: t.wallMs,
      peakRssMb: peakRssMb(),
    }) + "\n",
  );
  process.exit(0);
}

if (!sharedPresent()) {
  console.error(absentNote("bench/stream"));
  emit({ absent: true });
  process.exit(0);
}

const GB = QUICK ? 0.2 : numArg("gb", 1);
const BUDGET_S = QUICK ? 30 : numArg("budget", 90);
const dir = mkdtempSync(join(tmpdir(), "cotshare-bench-stream-"));
const file = join(dir, "big.jsonl");
try {
  // Generate: the corpus's transcripts as JSON lines, with fresh ids, until the size is reached.
  const lines = buildCorpus(1).items.map((it) => JSON.stringify(it.transcript));
  const target = GB * 1e9;
  const fd = openSync(file, "w");
  let written = 0;
  let n = 0;
  let buf: string[] = [];
  let bufBytes = 0;
  while (written + bufBytes < target) {
    const l = lines[n % lines.length]!.replace(/"id":"bench-0-(\d+)"/, `"id":"big-${n}"`) + "\n";
    buf.push(l);
    bufBytes += Buffer.byteLength(l);
    n++;
    if (bufBytes > 8e6) {
      writeSync(fd, buf.join(""));
      written += bufBytes;
      buf = [];
      bufBytes = 0;
    }
  }
  writeSync(fd, buf.join(""));
  written += bufBytes;
  closeSync(fd);
  const size = statSync(file).size;

  // A. The real command for a time budget.
  const out = join(dir, "out");
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, "bin", "cotshare.js"), "process", file, "--lab", "bench-lab", "--out", out],
    { stdio: ["ignore", "ignore", "ignore"], env: { ...process.env, COTSHARE_HMAC_KEY: "bench" } },
  );
  const started = performance.now();
  let hwm = 0;
  let exited = false;
  child.on("exit", () => (exited = true));
  const vmHwm = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) hwm = Math.max(hwm, Number(m[1]) / 1024);
    } catch {
      /* exited */
    }
  };
  while (!exited && performance.now() - started < BUDGET_S * 1000) {
    await new Promise((r) => setTimeout(r, 250));
    vmHwm();
  }
  vmHwm();
  const ranMs = performance.now() - started;
  if (!exited) child.kill("SIGTERM");
  await new Promise((r) => (exited ? r(null) : child.once("exit", r)));
  let done = 0;
  try {
    done = readdirSync(out).filter((f) => f.endsWith(".json")).length;
  } catch {
    /* nothing written yet */
  }
  const avgLine = size / n;

  // B. The streaming reader over the whole file.
  const b = spawnSync(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "bench", "stream.ts"), "--child-read", file],
    {
      encoding: "utf8",
      cwd: REPO_ROOT,
      timeout: 30 * 60_000,
    },
  );
  const read = JSON.parse(b.stdout.trim().split("\n").pop() ?? "{}") as {
    lines: number;
    transcripts: number;
    cpuMs: number;
    wallMs: number;
    peakRssMb: number;
  };

  const result = {
    fileGb: size / 1e9,
    lines: n,
    process: {
      budgetS: BUDGET_S,
      ranS: ranMs / 1000,
      finishedWholeFile: exited && ranMs < BUDGET_S * 1000,
      transcriptsWritten: done,
      mbProcessed: (done * avgLine) / 1e6,
      wallMbps: (done * avgLine) / 1e6 / (ranMs / 1000),
      peakRssMb: hwm,
    },
    read: { ...read, cpuMbps: size / 1e6 / (read.cpuMs / 1000), wallMbps: size / 1e6 / (read.wallMs / 1000) },
  };
  if (!JSON_OUT) {
    console.log(`Big input: ${fmt(result.fileGb, 2)} GB JSONL, ${n} lines (generated, deleted afterwards)`);
    console.log(
      `  cotshare process (streamed): ${done} transcripts in ${fmt(ranMs / 1000)} s (budget ${BUDGET_S} s), peak RSS ${fmt(hwm, 0)} MB`,
    );
    console.log(
      `  streaming reader over the whole file: ${read.lines} lines in ${fmt(read.wallMs / 1000)} s wall / ${fmt(read.cpuMs / 1000)} s CPU (${fmt(result.read.cpuMbps)} MB/s CPU), peak RSS ${fmt(read.peakRssMb, 0)} MB`,
    );
  }
  emit(result);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
