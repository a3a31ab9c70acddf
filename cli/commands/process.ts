/**
 * `cotshare process <paths...> --lab <labId> --out <dir> [--policy <file>] [--json]`: the whole
 * per-transcript pipeline offline, through the same steps as the ingest Lambda's `processBytes`
 * (`processFiles`: small files in groups, each file's outcomes exactly as `processBytes` gives them).
 * Writes `<dir>/<id>.json` (the published form) per accepted transcript — whatever its verdict:
 * the verdict is inside, under `review` — and `<dir>/rejected.jsonl`; `--json` prints one line
 * per transcript; a summary (and, on a terminal with many files, a progress bar) goes to stderr.
 * Exit 0: all accepted; 2: some rejected; 1: usage or internal error.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join, resolve, sep } from "node:path";
import { SingleBar, Presets } from "cli-progress";
import type { Command } from "commander";
import { LAB_ID_PATTERN } from "../../lambdas/core/names";
import { RejectionError, toRejection, type Rejection } from "../../lambdas/core/errors";
import {
  BATCH_CHARS,
  BATCH_TRANSCRIPTS,
  groupFull,
  processFiles,
  processItems,
  type InputFile,
  rejectedId,
  type PipelineItem,
  type Outcome,
  type PipelineOptions,
} from "../../lambdas/core/pipeline";
import { LabPolicy } from "../../lambdas/core/lab-policy";
import type { Policy } from "../../lambdas/core/redact";
import { DEFAULT_LIMITS, readJsonlLine, type Limits } from "../../lambdas/core/transcript/read";
import { decodeUtf8 } from "../../lambdas/core/transcript/safe-json";
import {
  PROCESS_OUTPUT_FILES,
  listInputs,
  noInputs,
  readJsonlLines,
  walkInputsStreaming,
  type JsonlStreamStats,
} from "../inputs";
import { UsageError, type SetExitCode } from "../exit";

/** Show a progress bar from this many files on (and only when stderr is a terminal). */
export const PROGRESS_MIN_FILES = 20;
export const HMAC_KEY_ENV = "COTSHARE_HMAC_KEY";

function loadPolicy(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`cannot read the policy file ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`policy file ${file} is not valid JSON`);
  }
  // Strict, as `start --policy` and the admin API: a misspelt key (`denyterms`) is an error, not a
  // silently empty deny list. The lab file's `autoPublish` is accepted (it does not apply here).
  const parsed = LabPolicy.safeParse(json);
  if (!parsed.success) {
    // Name the fields (and unknown keys), never their values: a policy is confidential.
    const where = parsed.error.issues
      .map((i) =>
        i.code === "unrecognized_keys"
          ? `unknown key${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => JSON.stringify(k)).join(", ")}`
          : i.path.join(".") || "(top level)",
      )
      .join(", ");
    throw new UsageError(
      `policy file ${file} does not match {"denyTerms": [string], "allowTerms": [string], "internalDomains": [string], "autoPublish"?: boolean} (at ${where})`,
    );
  }
  const { autoPublish: _notHere, ...policy } = parsed.data;
  return policy as Policy;
}

function jsonLine(o: Outcome): string {
  if (o.status === "accepted") {
    return JSON.stringify({
      source: o.source,
      ...(o.line !== undefined ? { line: o.line } : {}),
      id: o.id,
      status: o.status,
      review: o.verdict,
      legibility: o.legibility,
      redactions: o.redactions,
    });
  }
  return JSON.stringify({
    source: o.source,
    ...(o.line !== undefined ? { line: o.line } : {}),
    id: o.id,
    status: o.status,
    code: o.code,
  });
}

interface Summary {
  files: number;
  accepted: number;
  rejected: number;
  verdicts: Record<string, number>;
  redactions: Record<string, number>;
  codes: Record<string, number>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Checks `--out` before anything is read: a path that exists must be a folder. Answers how many
 * transcript files (`*.json`) it already holds (0 for a folder still to be made).
 */
function checkOut(out: string): number {
  let st;
  try {
    st = statSync(out);
  } catch (e) {
    // Not there yet (or below a file: making it says so).
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return 0;
    throw new UsageError(`--out ${out}: cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (!st.isDirectory()) throw new UsageError(`--out ${out}: exists and is not a folder`);
  try {
    return readdirSync(out).filter(
      (n) => n.endsWith(".json") && !(PROCESS_OUTPUT_FILES as readonly string[]).includes(n),
    ).length;
  } catch {
    return 0;
  }
}

function summaryText(s: Summary, out: string): string {
  const list = (r: Record<string, number>) =>
    Object.entries(r)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([k, v]) => `${k} ${v}`)
      .join(", ") || "none";
  return [
    `cotshare process: ${plural(s.accepted + s.rejected, "transcript")} from ${plural(s.files, "file")} → ${out}`,
    `  accepted ${s.accepted} (PASS ${s.verdicts.PASS ?? 0}, NEEDS_HUMAN ${s.verdicts.NEEDS_HUMAN ?? 0}, BLOCK ${s.verdicts.BLOCK ?? 0})`,
    `  rejected ${s.rejected}${s.rejected ? ` (${list(s.codes)}; see rejected.jsonl)` : ""}`,
    `  redactions: ${list(s.redactions)}`,
  ].join("\n");
}

export interface ProcessFlags {
  lab: string;
  out: string;
  policy?: string;
  json?: boolean;
}

/** Programmatic settings (tests and benchmarks): lower limits, and the streaming reader's stats. */
export interface ProcessSettings {
  limits?: Partial<Limits>;
  /** Filled in for every streamed file (bytes held for one line at most, lines read). */
  streamStats?: JsonlStreamStats;
  /** Chunk size of the streaming reader (default 1 MiB). */
  chunkBytes?: number;
}

function rejectedOutcome(lab: string, r: Rejection): Outcome {
  return { status: "rejected", id: rejectedId(lab, r.source, r.line, r.code, r.message), ...r };
}

/**
 * A JSON Lines file bigger than the per-object limit, line by line: each line is read, checked
 * against the per-line limit and parsed on its own, and the transcripts go through the pipeline in
 * small batches (at most BATCH_TRANSCRIPTS lines and about BATCH_CHARS bytes, as `processBytes`
 * batches a smaller file), so memory follows the longest line and the batch, not the file.
 * Outcomes come in file order, as `processBytes` gives them for a smaller file.
 */
async function* streamJsonl(
  source: string,
  opts: PipelineOptions,
  settings: ProcessSettings,
): AsyncGenerator<Outcome> {
  const limits = { ...DEFAULT_LIMITS, ...settings.limits };
  // In file order: a transcript to process (by index into `items`) or a rejection, ready as it is.
  let pending: (number | Outcome)[] = [];
  let items: PipelineItem[] = [];
  let bytes = 0;
  const flush = function* (): Generator<Outcome> {
    const done = processItems(source, items, opts);
    for (const p of pending) yield typeof p === "number" ? done[p]! : p;
    pending = [];
    items = [];
    bytes = 0;
  };
  for await (const l of readJsonlLines(source, {
    maxLineBytes: limits.maxLineBytes,
    chunkBytes: settings.chunkBytes,
    stats: settings.streamStats,
  })) {
    const reject = (code: "too_large" | "invalid_utf8", detail: string) =>
      rejectedOutcome(opts.lab, toRejection(new RejectionError(code, { source, line: l.line, detail })));
    if ("tooLong" in l) {
      pending.push(reject("too_large", `line longer than the limit of ${limits.maxLineBytes} bytes`));
      continue;
    }
    if (l.bytes.length === 0) continue;
    const text = decodeUtf8(l.bytes);
    if (text === undefined) {
      pending.push(reject("invalid_utf8", "line is not valid UTF-8"));
      continue;
    }
    const read = readJsonlLine(source, l.line, text, limits);
    for (const it of read.items) {
      pending.push(items.length);
      items.push(it);
    }
    for (const r of read.rejections) pending.push(rejectedOutcome(opts.lab, r));
    bytes += l.bytes.length;
    if (items.length >= BATCH_TRANSCRIPTS || bytes >= BATCH_CHARS) yield* flush();
  }
  yield* flush();
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);

/**
 * The input files, less those a folder walk finds inside `--out` (`process . --out out`): a
 * previous run's published transcripts are readable input, and reading them again would write
 * each one a second time under a new id. A path given inside `--out` (or `--out` itself) is read.
 */
async function inputsOutsideOut(paths: string[], out: string): Promise<string[]> {
  const outAbs = resolve(out);
  const files: string[] = [];
  let skipped = 0;
  for (const p of paths) {
    const explicit = inside(resolve(p), outAbs);
    for (const f of await listInputs([p])) {
      if (!explicit && inside(resolve(f), outAbs)) skipped++;
      else files.push(f);
    }
  }
  if (skipped > 0)
    process.stderr.write(
      `cotshare process: skipped ${plural(skipped, "file")} inside --out ${out} (this command's own output)\n`,
    );
  return files;
}

export async function runProcess(
  paths: string[],
  flags: ProcessFlags,
  settings: ProcessSettings = {},
): Promise<0 | 2> {
  if (!LAB_ID_PATTERN.test(flags.lab)) throw new UsageError(`--lab must match [a-z0-9][a-z0-9-]{1,39}`);
  const policy = flags.policy ? loadPolicy(flags.policy) : undefined;
  const inputs = await inputsOutsideOut(paths, flags.out);
  if (inputs.length === 0) throw noInputs(paths);
  const already = checkOut(flags.out);
  const envKey = process.env[HMAC_KEY_ENV];
  if (!(envKey && envKey.length > 0) && already > 0) {
    // A random key gives every transcript a new id: a second run beside the first would leave two
    // files per transcript.
    process.stderr.write(
      `cotshare process: warning: ${flags.out} already holds ${plural(already, "transcript file")} and ${HMAC_KEY_ENV} is not set: ` +
        `this run's random key gives new ids, so a transcript processed before is written again under another name. ` +
        `Set ${HMAC_KEY_ENV} (the same value each run) to keep ids stable, or use an empty --out.\n`,
    );
  }
  const opts: PipelineOptions = {
    lab: flags.lab,
    hmacKey: envKey && envKey.length > 0 ? envKey : randomBytes(32),
    ...(policy ? { policy } : {}),
    ...(settings.limits ? { limits: settings.limits } : {}),
  };
  try {
    mkdirSync(flags.out, { recursive: true });
  } catch (e) {
    throw new UsageError(
      `--out ${flags.out}: cannot make the folder (${(e as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  const rejectedFd = openSync(join(flags.out, "rejected.jsonl"), "w");
  const summary: Summary = {
    files: inputs.length,
    accepted: 0,
    rejected: 0,
    verdicts: {},
    redactions: {},
    codes: {},
  };
  const bar =
    process.stderr.isTTY && inputs.length >= PROGRESS_MIN_FILES
      ? new SingleBar(
          { stream: process.stderr, clearOnComplete: true, hideCursor: true },
          Presets.shades_classic,
        )
      : undefined;
  bar?.start(inputs.length, 0);
  try {
    // Each listed path is a file, so walkInputs reads it whatever its name, checking its size first.
    const walkOpts = {
      ...(settings.limits?.maxBytes !== undefined ? { maxBytes: settings.limits.maxBytes } : {}),
    };
    const record = (o: Outcome): void => {
      if (o.status === "accepted") {
        summary.accepted++;
        summary.verdicts[o.verdict] = (summary.verdicts[o.verdict] ?? 0) + 1;
        for (const [k, v] of Object.entries(o.redactions))
          summary.redactions[k] = (summary.redactions[k] ?? 0) + v;
        writeFileSync(join(flags.out, `${o.id}.json`), JSON.stringify(o.published, null, 2) + "\n");
      } else {
        summary.rejected++;
        summary.codes[o.code] = (summary.codes[o.code] ?? 0) + 1;
        const line = {
          source: o.source,
          ...(o.line !== undefined ? { line: o.line } : {}),
          code: o.code,
          message: o.message,
        };
        writeSync(rejectedFd, JSON.stringify(line) + "\n");
      }
      if (flags.json) process.stdout.write(jsonLine(o) + "\n");
    };
    // Small files are processed in groups (`groupFull`: up to BATCH_TRANSCRIPTS files or BATCH_CHARS bytes):
    // their transcripts go through each step together, as the lines of one JSON Lines file do,
    // which is 1.25-1.35x faster than one file at a time. Output stays in input order.
    let group: ({ file: InputFile } | { rejection: Outcome })[] = [];
    let groupBytes = 0;
    const flush = (): void => {
      const done = processFiles(
        group.flatMap((g) => ("file" in g ? [g.file] : [])),
        opts,
      );
      let k = 0;
      for (const g of group) {
        for (const o of "file" in g ? done[k++]! : [g.rejection]) record(o);
        bar?.increment();
      }
      group = [];
      groupBytes = 0;
    };
    for await (const input of walkInputsStreaming(inputs, walkOpts)) {
      if ("stream" in input) {
        // A JSON Lines file over the per-object limit is streamed line by line instead of rejected.
        flush();
        for await (const o of streamJsonl(input.source, opts, settings)) record(o);
        bar?.increment();
        continue;
      }
      if ("rejection" in input) group.push({ rejection: rejectedOutcome(flags.lab, input.rejection) });
      else {
        group.push({ file: { source: input.source, bytes: input.bytes } });
        groupBytes += input.bytes.length;
      }
      if (groupFull(group.length, groupBytes)) flush();
    }
    flush();
  } finally {
    bar?.stop();
    closeSync(rejectedFd);
  }
  process.stderr.write(summaryText(summary, flags.out) + "\n");
  return summary.rejected > 0 ? 2 : 0;
}

export function registerProcess(program: Command, setCode: SetExitCode): void {
  program
    .command("process")
    .description(
      "Run the whole per-transcript pipeline offline, as the cloud does: read, normalise, redact, score, review.",
    )
    .argument(
      "<paths...>",
      "files or folders (folders read recursively: .json, .jsonl, .ndjson and .eval files; hidden ones skipped)",
    )
    .requiredOption("--lab <labId>", "the lab these transcripts come from ([a-z0-9][a-z0-9-]{1,39})")
    .requiredOption("--out <dir>", "where to write <id>.json per accepted transcript and rejected.jsonl")
    .option("--policy <file>", 'JSON {"denyTerms": [...], "allowTerms": [...], "internalDomains": [...]}')
    .option("--json", "print one JSON line per transcript on stdout")
    .addHelpText(
      "after",
      `
Finding hashes and transcript ids are keyed with ${HMAC_KEY_ENV} when it is set; otherwise with a
random key made for this run (ids then differ from run to run).
Exit status: 0 every input accepted; 2 some rejected (the rest still written); 1 usage or internal error.`,
    )
    .action(async (paths: string[], flags: ProcessFlags) => {
      try {
        setCode(await runProcess(paths, flags));
      } catch (e) {
        if (e instanceof UsageError) {
          process.stderr.write(`cotshare process: ${e.message}\n`);
          setCode(1);
          return;
        }
        throw e;
      }
    });
}
