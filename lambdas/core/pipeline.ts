/**
 * The per-transcript pipeline — the one function `cotshare process` and the ingest Lambda both
 * call: read → normalise → score the raw → redact → score the redacted → review → published form.
 * Pure: bytes in, outcomes out. Every input ends as exactly one outcome, accepted (with a review
 * verdict) or rejected (with a stable code); nothing here throws for bad input.
 *
 * Ids: an accepted transcript is published as `t-` + 24 hex of HMAC-SHA256(hmacKey, lab, source,
 * line, zip entry, the lab's own id). The lab's id may itself be confidential and may collide
 * across files; this one is neither, and is stable for the same key and input (re-processing the
 * same intake object yields the same id). A rejected input gets `r-` + 24 hex of the SHA-256 of
 * lab, source, line, code and message (no key needed, no content involved).
 */
import { createHash, createHmac, createSecretKey, type KeyObject } from "node:crypto";
import { CotshareError, type Rejection } from "./errors";
import { scoreWithParts, SCORER_ID, type Legibility, type ScoredParts } from "./legibility";
import { LAB_ID_PATTERN } from "./names";
import type { ReviewReason, Verdict } from "./records";
import { redactTranscript, type Finding, type Policy } from "./redact";
import { review, type ReviewThresholds } from "./review";
import { publicReasons } from "./review/public";
import {
  toPublished,
  toPublishedBody,
  type PublishedBody,
  type PublishedLegibility,
  type PublishedTranscript,
} from "./transcript/published";
import { readTranscripts, type FormatName, type Limits } from "./transcript/read";
import type { Transcript } from "./transcript/schema";

export interface PipelineOptions {
  /** The lab, from the intake key prefix (cloud) or `--lab` (CLI) — never from the file. */
  lab: string;
  policy?: Policy;
  /** Key for finding hashes and published ids. */
  hmacKey: string | Uint8Array;
  thresholds?: Partial<ReviewThresholds>;
  limits?: Partial<Limits>;
  /** Redaction detectors to switch off (tests of the review; never in production). */
  disable?: string[];
}

export type Outcome =
  | {
      status: "accepted";
      source: string;
      line?: number;
      /** Zip entry (Inspect `.eval`). */
      entry?: string;
      format?: FormatName;
      id: string;
      published: PublishedTranscript;
      verdict: Verdict;
      reasons: ReviewReason[];
      /** Legibility of the redacted form (what is published). */
      legibility: number;
      /** Legibility of the raw transcript, for the record (never published). */
      rawLegibility: number;
      redactions: Record<string, number>;
      findings: Finding[];
      /** The transcript's own consent flag, when it carries one (the lab's default applies otherwise). */
      publishable?: boolean;
    }
  | {
      status: "rejected";
      source: string;
      line?: number;
      id: string;
      code: string;
      message: string;
    };

export type AcceptedOutcome = Extract<Outcome, { status: "accepted" }>;
export type RejectedOutcome = Extract<Outcome, { status: "rejected" }>;

function hex24(h: { digest(enc: "hex"): string }): string {
  return h.digest("hex").slice(0, 24);
}

export function publishedId(
  hmacKey: string | Uint8Array,
  lab: string,
  source: string,
  originalId: string,
  line?: number,
  entry?: string,
): string {
  const h = createHmac("sha256", secretKey(hmacKey));
  h.update(["cotshare/id@1", lab, source, line ?? "", entry ?? "", originalId].join("\n"));
  return "t-" + hex24(h);
}

/**
 * The HMAC key as a key object, made once per key: `createHmac` would otherwise import a string or
 * byte key again for every transcript (a fifth of the cost of an id). A string key is its UTF-8
 * bytes, as `createHmac` reads it. One key is kept, the one a run uses; bytes are compared by
 * value (a caller may reuse its array for another key).
 */
let cachedKey: { text?: string; bytes?: Buffer; object: KeyObject } | undefined;
function secretKey(key: string | Uint8Array): KeyObject {
  if (typeof key === "string") {
    if (cachedKey?.text !== key) cachedKey = { text: key, object: createSecretKey(Buffer.from(key, "utf8")) };
    return cachedKey.object;
  }
  if (cachedKey?.bytes === undefined || !cachedKey.bytes.equals(key)) {
    const bytes = Buffer.from(key);
    cachedKey = { bytes, object: createSecretKey(bytes) };
  }
  return cachedKey.object;
}

export function rejectedId(
  lab: string,
  source: string,
  line: number | undefined,
  code: string,
  message: string,
): string {
  const h = createHash("sha256");
  h.update(["cotshare/rejected@1", lab, source, line ?? "", code, message].join("\n"));
  return "r-" + hex24(h);
}

function checkLab(lab: string): void {
  if (!LAB_ID_PATTERN.test(lab))
    throw new CotshareError("invalid_lab", "lab id must match [a-z0-9][a-z0-9-]{1,39}");
}

/** The published part of a legibility result (what the scorer explains, nothing internal). */
export function publishedLegibility(l: Legibility): PublishedLegibility {
  const signals: PublishedLegibility["signals"] = {};
  for (const [name, s] of Object.entries(l.signals)) {
    signals[name] = { value: s.value, subscore: s.subscore, explanation: s.explanation };
  }
  return {
    scorer: l.scorer || SCORER_ID,
    score: l.score,
    basis: l.basis,
    signals,
    ...(l.worst
      ? {
          worst: {
            message: l.worst.message,
            part: l.worst.part,
            start: l.worst.start,
            end: l.worst.end,
            score: l.worst.score,
          },
        }
      : {}),
  };
}

function rejected(
  lab: string,
  source: string,
  line: number | undefined,
  code: string,
  message: string,
): RejectedOutcome {
  return {
    status: "rejected",
    source,
    ...(line !== undefined ? { line } : {}),
    id: rejectedId(lab, source, line, code, message),
    code,
    message,
  };
}

/** Whether two transcripts hold the same roles, part types and texts (all the scorer reads). */
export function sameScoredText(a: Transcript, b: Transcript): boolean {
  if (a.messages.length !== b.messages.length) return false;
  for (let m = 0; m < a.messages.length; m++) {
    const x = a.messages[m]!;
    const y = b.messages[m]!;
    if (x.role !== y.role || x.parts.length !== y.parts.length) return false;
    for (let p = 0; p < x.parts.length; p++) {
      const u = x.parts[p]!;
      const v = y.parts[p]!;
      if (u.type !== v.type) return false;
      if (u.type === "text" || u.type === "reasoning" || u.type === "tool_result") {
        if (u.text !== (v as typeof u).text) return false;
        if (
          u.type === "reasoning" &&
          (u.summary !== (v as typeof u).summary || u.opaque !== (v as typeof u).opaque)
        )
          return false;
      }
    }
  }
  return true;
}

/** One transcript through redaction, scoring and review, on its own (a batch of one: see processItems). */
export function processTranscript(
  source: string,
  t: Transcript,
  opts: PipelineOptions,
  line?: number,
  entry?: string,
  format?: FormatName,
): Outcome {
  return processItems(source, [{ transcript: t, line, entry, format }], opts)[0]!;
}

/** A transcript to process, as a reader gives it. */
export interface PipelineItem {
  transcript: Transcript;
  /** The file or object it came from, when it is not the `source` of the call (see processFiles). */
  source?: string;
  line?: number;
  entry?: string;
  format?: FormatName;
}

/**
 * How many transcripts go through each step together, and how many characters of text at most (a
 * batch always takes at least one transcript). Each step's tables (the scorer's vocabulary, the name
 * lexicon, the review's automata) stay in the CPU caches across the transcripts of a batch instead
 * of being evicted by the other steps after every transcript; the bound on characters keeps the
 * extra memory (a batch's redacted copies and bodies) small.
 */
export const BATCH_TRANSCRIPTS = 64;
export const BATCH_CHARS = 256 * 1024;

/**
 * Characters of text a transcript carries (an estimate of its size, for batching). A transcript
 * that cannot be measured counts as a full batch: it goes alone, and fails alone.
 */
function textChars(t: Transcript): number {
  try {
    let n = 0;
    for (const m of t.messages)
      for (const p of m.parts) n += p.type === "tool_call" ? p.arguments.length : p.text.length;
    return n;
  } catch {
    return BATCH_CHARS;
  }
}

/** One transcript's way through a batch; `failed` once any step threw. */
interface Job {
  item: PipelineItem;
  failed: boolean;
  id: string;
  raw: Legibility | undefined;
  /** the parts behind `raw`, until the redacted form is scored (see `scoreWithParts`) */
  rawParts: ScoredParts | undefined;
  red: ReturnType<typeof redactTranscript> | undefined;
  scored: Legibility | undefined;
  body: PublishedBody | undefined;
}

/**
 * Transcripts through redaction, scoring and review, step by step over batches (see BATCH_*): each
 * transcript's outcome is exactly what it would be on its own — every step is a pure function of the
 * transcript and the options — and one that fails becomes an `internal_error` rejection without
 * stopping the others. Outcomes come in the order of `items`.
 */
export function processItems(
  source: string,
  items: readonly PipelineItem[],
  opts: PipelineOptions,
): Outcome[] {
  checkLab(opts.lab);
  const out: Outcome[] = [];
  let from = 0;
  while (from < items.length) {
    let to = from + 1;
    let chars = textChars(items[from]!.transcript);
    while (to < items.length && to - from < BATCH_TRANSCRIPTS) {
      chars += textChars(items[to]!.transcript);
      if (chars > BATCH_CHARS) break;
      to++;
    }
    processBatch(source, items.slice(from, to), opts, out);
    from = to;
  }
  return out;
}

function processBatch(source: string, items: readonly PipelineItem[], opts: PipelineOptions, out: Outcome[]) {
  const jobs: Job[] = items.map((item) => ({
    item,
    failed: false,
    id: "",
    raw: undefined,
    rawParts: undefined,
    red: undefined,
    scored: undefined,
    body: undefined,
  }));
  // Step by step over the batch (plain loops and top-level steps: no closure per batch).
  for (let s = 0; s < STEPS.length; s++) {
    const step = STEPS[s]!;
    for (let i = 0; i < jobs.length; i++) {
      const j = jobs[i]!;
      if (j.failed) continue;
      try {
        step(j, source, opts);
      } catch {
        j.failed = true;
      }
    }
  }
  for (const j of jobs) out.push(finish(source, j, opts));
}

function scoreRaw(j: Job, source: string, opts: PipelineOptions): void {
  const t = j.item.transcript;
  j.id = publishedId(opts.hmacKey, opts.lab, j.item.source ?? source, t.id, j.item.line, j.item.entry);
  const scored = scoreWithParts(t);
  j.raw = scored.legibility;
  j.rawParts = scored.parts;
}

function redactJob(j: Job, _source: string, opts: PipelineOptions): void {
  // Free-form metadata is never published: not redacted, not counted, not reviewed.
  const { metadata: _dropped, ...publishable } = j.item.transcript;
  j.red = redactTranscript(publishable, {
    policy: opts.policy,
    hmacKey: opts.hmacKey,
    disable: opts.disable,
  });
}

function bodyOf(j: Job, _source: string, opts: PipelineOptions): void {
  const red = j.red!;
  // The scorer reads message roles and part texts only: when redaction changed none of them, the
  // redacted form scores exactly as the raw one, and scoring it again would only cost time; when
  // it changed some, the parts it did not change keep their raw windows.
  j.scored = sameScoredText(j.item.transcript, red.transcript)
    ? j.raw!
    : scoreWithParts(red.transcript, j.rawParts).legibility;
  j.rawParts = undefined;
  j.body = toPublishedBody(
    { ...red.transcript, id: j.id },
    {
      lab: opts.lab,
      legibility: publishedLegibility(j.scored),
      redaction: { counts: { ...red.report.counts }, placeholders: red.report.placeholders },
    },
  );
}

const STEPS: readonly ((j: Job, source: string, opts: PipelineOptions) => void)[] = [
  scoreRaw,
  redactJob,
  bodyOf,
];

/** The review and the outcome of one transcript (or its rejection, when a step failed). */
function finish(callSource: string, j: Job, opts: PipelineOptions): Outcome {
  const { transcript: t, line, entry, format } = j.item;
  const source = j.item.source ?? callSource;
  try {
    if (j.failed) throw new Error("failed");
    const raw = j.raw!;
    const scored = j.scored!;
    const red = j.red!;
    const body = j.body!;
    const verdict = review({
      body,
      values: red.values,
      policy: opts.policy,
      // Only a like-for-like comparison means anything (same basis scored before and after).
      legibility: raw.basis === scored.basis ? { raw: raw.score, redacted: scored.score } : undefined,
      thresholds: opts.thresholds,
    });
    // The public form names the checks that fired, not where or on which of the lab's terms
    // (`review/public.ts`); the outcome keeps the full reasons for the lab and the reviewers.
    const published = toPublished(body, {
      verdict: verdict.verdict,
      reasons: publicReasons(verdict.reasons),
    });
    return {
      status: "accepted",
      source,
      ...(line !== undefined ? { line } : {}),
      ...(entry !== undefined ? { entry } : {}),
      ...(format !== undefined ? { format } : {}),
      id: j.id,
      published,
      verdict: verdict.verdict,
      reasons: verdict.reasons,
      legibility: scored.score,
      rawLegibility: raw.score,
      redactions: { ...red.report.counts },
      findings: red.report.findings,
      ...consentOf(t),
    };
  } catch {
    // A bug, not bad input: recorded without the error's text, which could quote content.
    const where = entry !== undefined ? `entry ${entry}: ` : "";
    return rejected(
      opts.lab,
      source,
      line,
      "internal_error",
      `${source}: ${where}processing failed unexpectedly`,
    );
  }
}

/**
 * The transcript's own consent to publication: its `publishable`, or an opt-out written as
 * `metadata.publishable: false` (never lost for being put in the free-form part).
 */
function consentOf(t: Transcript): { publishable?: boolean } {
  const md = t.metadata as Record<string, unknown> | undefined;
  if (t.publishable === false || md?.publishable === false) return { publishable: false };
  return typeof t.publishable === "boolean" ? { publishable: t.publishable } : {};
}

/** Every transcript (and every rejection) in one file or intake object. */
export function processBytes(source: string, bytes: Uint8Array, opts: PipelineOptions): Outcome[] {
  checkLab(opts.lab);
  // Each batch goes through the pipeline as soon as it is read, while its transcripts are still in
  // the CPU caches; what is left at the end (fewer than a batch) after the whole file is read.
  const out: Outcome[] = [];
  let done = 0;
  const read = readTranscripts(source, bytes, opts.limits, {
    every: BATCH_TRANSCRIPTS,
    // (A method, not an arrow function: no name to set on a new closure per call under tsx.)
    take(items) {
      for (const o of processItems(source, items, opts)) out.push(o);
      done += items.length;
    },
  });
  for (const o of processItems(source, read.items.slice(done), opts)) out.push(o);
  return inFileOrder(out, read.rejections, opts.lab);
}

/** A file's outcomes with its rejections, in file order: by line where there are lines (accepted and rejected interleave as in the file). */
function inFileOrder(out: Outcome[], rejections: readonly Rejection[], lab: string): Outcome[] {
  for (const r of rejections) out.push(rejected(lab, r.source, r.line, r.code, r.message));
  let ordered = true;
  for (let i = 1; i < out.length && ordered; i++) ordered = (out[i - 1]!.line ?? 0) <= (out[i]!.line ?? 0);
  if (ordered) return out; // (a stable sort would keep it as it is)
  return out
    .map((o, i) => ({ o, i }))
    .sort((a, b) => (a.o.line ?? 0) - (b.o.line ?? 0) || a.i - b.i)
    .map((x) => x.o);
}

/** Whether a group of small files for `processFiles` is full (as many files as a batch's transcripts, or a batch's bytes). */
export function groupFull(files: number, bytes: number): boolean {
  return files >= BATCH_TRANSCRIPTS || bytes >= BATCH_CHARS;
}

/** A file or intake object: its name (as `processBytes` takes it) and its bytes. */
export interface InputFile {
  source: string;
  bytes: Uint8Array;
}

/**
 * Several files at once: each is read on its own, and the transcripts of all of them go through the
 * steps together in batches (BATCH_*), as one file's transcripts do in `processBytes`. Many small
 * files (one transcript each, the usual intake object) then cost what one JSON Lines file of them
 * costs. Each file's outcomes are exactly what `processBytes` gives for it, in the same order; all
 * the files are read before any is processed, so a caller passes a group of small files (the CLI:
 * up to BATCH_TRANSCRIPTS files and BATCH_CHARS bytes), not a folder.
 */
export function processFiles(files: readonly InputFile[], opts: PipelineOptions): Outcome[][] {
  checkLab(opts.lab);
  const reads = files.map((f) => readTranscripts(f.source, f.bytes, opts.limits));
  const items: PipelineItem[] = [];
  for (let f = 0; f < files.length; f++) {
    const source = files[f]!.source;
    for (const it of reads[f]!.items) items.push({ ...it, source });
  }
  const done = processItems("", items, opts);
  let k = 0;
  return reads.map((read) => inFileOrder(done.slice(k, (k += read.items.length)), read.rejections, opts.lab));
}
