/**
 * Per-transcript throughput on one core, on the shared CoT corpus wrapped into canonical
 * transcripts and repeated to 50 MB by default (`--mb <n>`; `--quick` = 5 MB):
 *   readers     readTranscripts on each transcript's intake file (parse, detect, map, validate)
 *   redaction   redactTranscript (every detector, placeholders, findings)
 *   review      the independent second pass on the candidate published body
 *   legibility  scoreTranscript of the raw transcript (the pipeline scores the redacted one too when
 *               redaction changed a text it reads)
 *   pipeline    processBytes — the whole `cotshare process` / ingest path, bytes in, outcomes out,
 *               one transcript per intake file, with a lab policy (deny, allow terms, an internal
 *               domain) and without any policy; and (pipeline_jsonl) with the policy on the same
 *               transcripts as JSONL files of 1,000, which the pipeline takes in batches;
 *               (pipeline_bundled) as the ingest Lambda runs it, one esbuild bundle built with the
 *               Lambdas' options, rather than the sources through tsx as the CLI does;
 *               (pipeline_long) the same texts in transcripts ten times as long;
 *               (pipeline_files) the same one-transcript files as `cotshare process` takes a folder
 *               of them: in groups through processFiles (each file's outcomes as processBytes's);
 *               (pipeline_batch) as the ingest Lambda runs an SQS batch of 64 one-transcript
 *               objects (INGEST_BATCH.messages): each object's pipeline call goes through the
 *               handler's PipelineBatch, which runs the batch's objects through processFiles together
 * Each stage is timed over chunks of 256 transcripts with process.cpuUsage (CPU time of this
 * process) and wall time;
 * MB are intake-file bytes (the JSON of each transcript), 10^6 bytes.
 * Then detect() against redact-pii and secretlint (as libraries) on the same texts in the same run.
 * Usage: tsx bench/throughput.ts [--json] [--quick] [--mb 50]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { BUNDLING } from "../lib/function-defaults";
import { scoreTranscript } from "../lambdas/core/legibility/index";
import {
  groupFull,
  processBytes,
  processFiles,
  publishedLegibility,
  type InputFile,
} from "../lambdas/core/pipeline";
import { detect, redactTranscript, type Policy } from "../lambdas/core/redact/index";
import { review } from "../lambdas/core/review/index";
import { toPublishedBody } from "../lambdas/core/transcript/published";
import type { Transcript } from "../lambdas/core/transcript/schema";
import { readTranscripts } from "../lambdas/core/transcript/read";
import type { Pipeline } from "../lambdas/service/ingest";
import { PipelineBatch, type PipelineFiles } from "../lambdas/service/pipeline-batch";
import { INGEST_BATCH } from "../lambdas/core/names";
import { buildCorpus } from "./corpus";
import {
  absentNote,
  collectGarbage,
  emit,
  fmt,
  JSON_OUT,
  mbps,
  numArg,
  QUICK,
  secretlintLinter,
  sharedPresent,
  timeAsync,
  timeSync,
} from "./lib";

if (!sharedPresent()) {
  console.error(absentNote("bench/throughput"));
  emit({ absent: true });
  process.exit(0);
}

// 50 MB, as issue #9 asks: each pass over it costs about 10 s of CPU at today's speed.
const MB = QUICK ? 5 : numArg("mb", 50);
const LAB = "bench-lab";
const HMAC = "bench-hmac-key-not-secret";
/** A policy like a lab's: codenames and an internal domain (the review's deny matcher runs on every string). */
const POLICY = {
  denyTerms: ["Project Bluefinch", "Kestrel-7", "Nightjar"],
  allowTerms: ["GPT-4o"],
  internalDomains: ["corp.example.com"],
} as Policy;

const corpus = buildCorpus(MB * 1e6);
const n = corpus.items.length;

// Text level: our detect() against redact-pii and secretlint on the same strings — first, in a
// process that has run nothing else yet: after the pipeline stages (and the second copy of our code
// that the bundled stage loads), redact-pii read 3.3 MB/s instead of 7.0 in some runs.
const distinctTexts = corpus.items.slice(0, corpus.distinct).flatMap((it) => it.texts);
const distinctBytes = distinctTexts.reduce((s, t) => s + Buffer.byteLength(t, "utf8"), 0);
const rounds = Math.max(1, Math.round(((QUICK ? 2 : 8) * 1e6) / distinctBytes));
async function lib(name: string, f: (t: string) => unknown) {
  // Warm-up as long as the measure (the JIT compiles our detectors' dozens of regexes only after
  // they have run a while; bench:redaction does the same), then a collection, then the clock.
  for (let k = 0; k < rounds; k++) for (const t of distinctTexts) await f(t);
  collectGarbage();
  const r = await timeAsync(async () => {
    for (let k = 0; k < rounds; k++) for (const t of distinctTexts) await f(t);
  });
  const bytes = distinctBytes * rounds;
  return { name, mb: bytes / 1e6, cpuMbps: mbps(bytes, r.cpuMs), wallMbps: mbps(bytes, r.wallMs) };
}
// (Our detectors take longer to compile than one measure's worth of warm-up: V8's optimising
// compiler threads were still busy in the first timed pass, and their CPU time counts.)
for (let k = 0; k < rounds * 2; k++)
  for (const t of distinctTexts) detect(t, k % 2 ? { policy: POLICY } : {});
const libs = [
  await lib("cotshare detect()", (t) => detect(t)),
  await lib("cotshare detect()+policy", (t) => detect(t, { policy: POLICY })),
];
{
  const { SyncRedactor } = await import("redact-pii");
  const rp = new SyncRedactor();
  libs.push(await lib("redact-pii 3.4.0", (t) => rp.redact(t)));
  libs.push(await lib("secretlint 12.0.0", await secretlintLinter()));
}
const ours = libs[0]!.cpuMbps;

// The same transcripts as JSON Lines files of 1,000 (a lab's JSONL drop, or `cotshare process` on a
// corpus file): the pipeline then takes each file's transcripts step by step in batches (see
// BATCH_TRANSCRIPTS in lambdas/core/pipeline.ts), so each step's tables stay in the CPU caches.
// Built here, before the warm-up, so that the garbage of building them is not collected on the clock.
const PER_FILE = 1000;

// The pipeline as the ingest Lambda runs it: one minified esbuild bundle, built with the Lambdas'
// options (lib/function-defaults.ts), rather than the TypeScript sources through tsx (as the CLI).
const bundleDir = mkdtempSync(join(tmpdir(), "cotshare-bench-"));
await build({
  entryPoints: [join(import.meta.dirname, "..", "lambdas", "core", "pipeline.ts")],
  outfile: join(bundleDir, "pipeline.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: BUNDLING.target ?? "node22",
  minify: true,
  charset: BUNDLING.charset,
  mainFields: BUNDLING.mainFields,
  logLevel: "silent",
});
const bundled = (await import(pathToFileURL(join(bundleDir, "pipeline.mjs")).href)) as {
  processBytes: typeof processBytes;
};
rmSync(bundleDir, { recursive: true, force: true });
const dec = new TextDecoder();
const enc = new TextEncoder();
const jsonl: Uint8Array[] = [];
for (let i = 0; i < n; i += PER_FILE)
  jsonl.push(
    enc.encode(
      corpus.items
        .slice(i, i + PER_FILE)
        .map((it) => dec.decode(it.bytes))
        .join("\n") + "\n",
    ),
  );

// The same texts in transcripts ten times as long (the messages of ten corpus transcripts joined
// into one, 14.5 KB on average): what is paid once per transcript (the id, the walk of the
// transcript and of the published body, set-up per call) then weighs a tenth as much per byte.
// Neighbouring corpus transcripts often share their question (the synthetic variants of one CoT),
// and the redactor answers a text it met earlier in the same transcript from memory: the ten are
// chosen so that no text repeats inside a joined transcript, or memory would pass for speed.
const LONG_OF = 10;
const long: Uint8Array[] = [];
{
  const used = new Uint8Array(n);
  let first = 0;
  while (first < n) {
    const group: Transcript[] = [];
    const seen = new Set<string>();
    for (let k = first; k < n && group.length < LONG_OF; k++) {
      const it = corpus.items[k]!;
      if (used[k] || it.texts.some((t) => seen.has(t))) continue;
      used[k] = 1;
      group.push(it.transcript);
      for (const t of it.texts) seen.add(t);
    }
    while (first < n && used[first]) first++;
    long.push(
      enc.encode(
        JSON.stringify({
          ...group[0]!,
          id: `long-${long.length}`,
          messages: group.flatMap((t) => t.messages),
        }),
      ),
    );
  }
}
const longBytes = long.reduce((a, f) => a + f.length, 0);

// Warm-up outside the clock: lazy dictionaries, regex compilation, JIT. The CPU time of the
// process counts V8's background compiler threads, which stay busy for the first ~1,500
// transcripts (an empty timed call reads ~100 µs of CPU there, 2–8 µs after): 2,000 transcripts
// (~3 MB) of warm-up, so that the figures are those of a long-running job, as in bench:redaction.
const WARM = Math.min(2000, corpus.items.length);
for (const it of corpus.items.slice(0, WARM))
  processBytes("warm.json", it.bytes, { lab: LAB, hmacKey: HMAC, policy: POLICY });
for (const it of corpus.items.slice(0, WARM))
  processBytes("warm.json", it.bytes, { lab: LAB, hmacKey: HMAC });
for (const it of corpus.items.slice(0, WARM))
  bundled.processBytes("warm.json", it.bytes, { lab: LAB, hmacKey: HMAC, policy: POLICY });
// And the batched path of a JSONL file, which compiles differently.
for (const f of jsonl.slice(0, 2)) processBytes("warm.jsonl", f, { lab: LAB, hmacKey: HMAC, policy: POLICY });

const stages = ["readers", "redaction", "review", "legibility"] as const;
const cpu: Record<string, number> = { readers: 0, redaction: 0, review: 0, legibility: 0 };
const wall: Record<string, number> = { readers: 0, redaction: 0, review: 0, legibility: 0 };
const add = (k: string, t: { cpuMs: number; wallMs: number }) => {
  cpu[k]! += t.cpuMs;
  wall[k]! += t.wallMs;
};
// Each stage is timed over a chunk of transcripts at a time, not per call: a clock read costs a
// system call, which on a loaded machine is as dear as a whole review of one transcript. The
// inputs of a stage (parsed transcripts, redacted ones, published bodies) are built outside its
// clock, chunk by chunk, so memory stays small.
const CHUNK = 256;
for (let from = 0; from < n; from += CHUNK) {
  const chunk = corpus.items.slice(from, from + CHUNK);
  const r = timeSync(() => chunk.map((it, k) => readTranscripts(`t${from + k}.json`, it.bytes)));
  add("readers", r);
  const ts = r.value.map((x) => x.items[0]!.transcript);
  const raw = timeSync(() => ts.map((t) => scoreTranscript(t)));
  add("legibility", raw);
  const publishable = ts.map(({ metadata: _m, ...rest }) => rest);
  const red = timeSync(() => publishable.map((t) => redactTranscript(t, { policy: POLICY, hmacKey: HMAC })));
  add("redaction", red);
  const inputs = red.value.map((rv, k) => {
    const scored = scoreTranscript(rv.transcript);
    const body = toPublishedBody(
      { ...rv.transcript, id: `t-${from + k}` },
      {
        lab: LAB,
        legibility: publishedLegibility(scored),
        redaction: { counts: { ...rv.report.counts }, placeholders: rv.report.placeholders },
      },
    );
    return { body, values: rv.values, legibility: { raw: raw.value[k]!.score, redacted: scored.score } };
  });
  add(
    "review",
    timeSync(() => inputs.map((x) => review({ ...x, policy: POLICY }))),
  );
}

// The whole path, over the same bytes, one transcript file at a time as the ingest Lambda sees them:
// with the lab policy (as every lab has one), without any policy (what the policy costs), and as
// JSONL files of 1,000 with the policy; then as the ingest Lambda's bundle, as long transcripts, and
// as `cotshare process` takes a folder of one-transcript files (in groups). The shared VM this runs
// on changes speed by up to a quarter from one minute to the next, so they are timed in ROUNDS
// interleaved rounds, and
// the median round of each is reported (with the slowest and fastest).
const ROUNDS = QUICK ? 1 : numArg("rounds", 3);
const jsonlBytes = jsonl.reduce((a, f) => a + f.length, 0);
const runs: Record<
  | "pipeline"
  | "pipeline_no_policy"
  | "pipeline_jsonl"
  | "pipeline_bundled"
  | "pipeline_long"
  | "pipeline_files"
  | "pipeline_batch",
  { cpuMs: number; wallMs: number }[]
> = {
  pipeline_files: [],
  pipeline_batch: [],
  pipeline: [],
  pipeline_no_policy: [],
  pipeline_jsonl: [],
  pipeline_bundled: [],
  pipeline_long: [],
};
let bundledAccepted = 0;
let accepted = 0;
let jsonlAccepted = 0;
let filesAccepted = 0;
let batchAccepted = 0;
/** Messages per ingest invocation from the intake queue (lib/processing.ts), and the key as bytes. */
const BATCH_MESSAGES = INGEST_BATCH.messages;
const BATCH_OPTS = { lab: LAB, hmacKey: new TextEncoder().encode(HMAC), policy: POLICY };
// The CLI's groups (`groupFull`), made as it makes them while it walks a folder.
const groups: InputFile[][] = [[]];
for (const [i, it] of corpus.items.entries()) {
  const g = groups.at(-1)!;
  g.push({ source: `t${i}.json`, bytes: it.bytes });
  if (
    groupFull(
      g.length,
      g.reduce((a, f) => a + f.bytes.length, 0),
    )
  )
    groups.push([]);
}
for (let round = 0; round < ROUNDS; round++) {
  accepted = 0;
  jsonlAccepted = 0;
  runs.pipeline.push(
    timeSync(() => {
      for (const [i, it] of corpus.items.entries())
        for (const o of processBytes(`t${i}.json`, it.bytes, { lab: LAB, hmacKey: HMAC, policy: POLICY }))
          if (o.status === "accepted") accepted++;
    }),
  );
  runs.pipeline_no_policy.push(
    timeSync(() => {
      for (const [i, it] of corpus.items.entries())
        processBytes(`t${i}.json`, it.bytes, { lab: LAB, hmacKey: HMAC });
    }),
  );
  bundledAccepted = 0;
  runs.pipeline_bundled.push(
    timeSync(() => {
      for (const [i, it] of corpus.items.entries())
        for (const o of bundled.processBytes(`t${i}.json`, it.bytes, {
          lab: LAB,
          hmacKey: HMAC,
          policy: POLICY,
        }))
          if (o.status === "accepted") bundledAccepted++;
    }),
  );
  filesAccepted = 0;
  runs.pipeline_files.push(
    timeSync(() => {
      for (const g of groups)
        for (const outs of processFiles(g, { lab: LAB, hmacKey: HMAC, policy: POLICY }))
          for (const o of outs) if (o.status === "accepted") filesAccepted++;
    }),
  );
  batchAccepted = 0;
  runs.pipeline_batch.push(
    await timeAsync(async () => {
      for (let i = 0; i < n; i += BATCH_MESSAGES) {
        const batch = new PipelineBatch(processFiles as PipelineFiles, processBytes as Pipeline);
        const slots = corpus.items.slice(i, i + BATCH_MESSAGES).map(() => batch.slot());
        const outs = await Promise.all(
          slots.map((slot, k) => {
            const out = slot.pipeline(`t${i + k}.json`, corpus.items[i + k]!.bytes, BATCH_OPTS);
            slot.done();
            return out;
          }),
        );
        for (const o of outs.flat()) if (o.status === "accepted") batchAccepted++;
      }
    }),
  );
  runs.pipeline_long.push(
    timeSync(() => {
      for (const [i, f] of long.entries())
        processBytes(`l${i}.json`, f, { lab: LAB, hmacKey: HMAC, policy: POLICY });
    }),
  );
  runs.pipeline_jsonl.push(
    timeSync(() => {
      for (const [i, f] of jsonl.entries())
        for (const o of processBytes(`f${i}.jsonl`, f, { lab: LAB, hmacKey: HMAC, policy: POLICY }))
          if (o.status === "accepted") jsonlAccepted++;
    }),
  );
}
if (jsonlAccepted !== accepted) throw new Error(`JSONL run accepted ${jsonlAccepted}, not ${accepted}`);
if (filesAccepted !== accepted) throw new Error(`grouped files accepted ${filesAccepted}, not ${accepted}`);
if (batchAccepted !== accepted) throw new Error(`ingest batches accepted ${batchAccepted}, not ${accepted}`);
if (bundledAccepted !== accepted) throw new Error(`bundled run accepted ${bundledAccepted}, not ${accepted}`);
const WHOLE = [
  "pipeline",
  "pipeline_no_policy",
  "pipeline_jsonl",
  "pipeline_bundled",
  "pipeline_long",
  "pipeline_files",
  "pipeline_batch",
] as const;
const isWhole = (s: string): s is (typeof WHOLE)[number] => (WHOLE as readonly string[]).includes(s);
/** The median round by CPU time, with the range of the rounds' throughputs. */
function wholeFigure(rs: { cpuMs: number; wallMs: number }[], bytes: number, transcripts = n) {
  const sorted = [...rs].sort((a, b) => a.cpuMs - b.cpuMs);
  const mid = sorted[(sorted.length - 1) >> 1]!;
  return {
    cpuMbps: mbps(bytes, mid.cpuMs),
    wallMbps: mbps(bytes, mid.wallMs),
    cpuS: mid.cpuMs / 1000,
    perTranscriptMs: mid.cpuMs / transcripts,
    rounds: rs.length,
    cpuMbpsMin: mbps(bytes, sorted.at(-1)!.cpuMs),
    cpuMbpsMax: mbps(bytes, sorted[0]!.cpuMs),
  };
}

const result = {
  corpus: {
    transcripts: n,
    distinct: corpus.distinct,
    mb: corpus.bytes / 1e6,
    textMb: corpus.textBytes / 1e6,
  },
  stages: Object.fromEntries(
    [...stages, ...WHOLE].map((s) => [
      s,
      isWhole(s)
        ? s === "pipeline_long"
          ? wholeFigure(runs[s], longBytes, long.length)
          : wholeFigure(runs[s], s === "pipeline_jsonl" ? jsonlBytes : corpus.bytes)
        : {
            cpuMbps: mbps(corpus.bytes, cpu[s]!),
            wallMbps: mbps(corpus.bytes, wall[s]!),
            cpuS: cpu[s]! / 1000,
            perTranscriptMs: cpu[s]! / n,
          },
    ]),
  ),
  accepted,
  libraries: libs.map((l) => ({ ...l, oursOverThis: ours / l.cpuMbps })),
};

if (!JSON_OUT) {
  console.log(
    `Throughput on ${n} transcripts (${fmt(result.corpus.mb)} MB of intake JSON, ${corpus.distinct} distinct), one core`,
  );
  for (const [k, v] of Object.entries(result.stages))
    console.log(
      `  ${k.padEnd(18)} ${fmt(v.cpuMbps).padStart(7)} MB/s CPU ${fmt(v.wallMbps).padStart(7)} MB/s wall  ${fmt(v.perTranscriptMs, 3)} ms/transcript CPU${"rounds" in v && v.rounds > 1 ? `  (median of ${v.rounds} rounds: ${fmt(v.cpuMbpsMin)}–${fmt(v.cpuMbpsMax)})` : ""}`,
    );
  for (const l of result.libraries)
    console.log(
      `  ${l.name.padEnd(20)} ${fmt(l.cpuMbps).padStart(7)} MB/s CPU ${fmt(l.wallMbps).padStart(7)} MB/s wall  ours ÷ this ${fmt(l.oursOverThis, 2)}`,
    );
}
emit(result);
process.exit(0);
