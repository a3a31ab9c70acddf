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
import { createHash, createHmac } from "node:crypto";
import { CotshareError } from "./errors";
import { scoreTranscript, SCORER_ID, type Legibility } from "./legibility";
import { LAB_ID_PATTERN } from "./names";
import type { ReviewReason, Verdict } from "./records";
import { redactTranscript, type Finding, type Policy } from "./redact";
import { review, type ReviewThresholds } from "./review";
import {
  toPublished,
  toPublishedBody,
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
  const h = createHmac("sha256", hmacKey);
  h.update(["cotshare/id@1", lab, source, line ?? "", entry ?? "", originalId].join("\n"));
  return "t-" + hex24(h);
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
function sameScoredText(a: Transcript, b: Transcript): boolean {
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

/** One transcript through redaction, scoring and review. For streaming callers. */
export function processTranscript(
  source: string,
  t: Transcript,
  opts: PipelineOptions,
  line?: number,
  entry?: string,
  format?: FormatName,
): Outcome {
  checkLab(opts.lab);
  try {
    const id = publishedId(opts.hmacKey, opts.lab, source, t.id, line, entry);
    const raw = scoreTranscript(t);
    // Free-form metadata is never published: not redacted, not counted, not reviewed.
    const { metadata: _dropped, ...publishable } = t;
    const red = redactTranscript(publishable, {
      policy: opts.policy,
      hmacKey: opts.hmacKey,
      disable: opts.disable,
    });
    // The scorer reads message roles and part texts only: when redaction changed none of them, the
    // redacted form scores exactly as the raw one, and scoring it again would only cost time.
    const scored = sameScoredText(t, red.transcript) ? raw : scoreTranscript(red.transcript);
    const body = toPublishedBody(
      { ...red.transcript, id },
      {
        lab: opts.lab,
        legibility: publishedLegibility(scored),
        redaction: { counts: { ...red.report.counts }, placeholders: red.report.placeholders },
      },
    );
    const verdict = review({
      body,
      values: red.values,
      policy: opts.policy,
      // Only a like-for-like comparison means anything (same basis scored before and after).
      legibility: raw.basis === scored.basis ? { raw: raw.score, redacted: scored.score } : undefined,
      thresholds: opts.thresholds,
    });
    const published = toPublished(body, { verdict: verdict.verdict, reasons: verdict.reasons });
    return {
      status: "accepted",
      source,
      ...(line !== undefined ? { line } : {}),
      ...(entry !== undefined ? { entry } : {}),
      ...(format !== undefined ? { format } : {}),
      id,
      published,
      verdict: verdict.verdict,
      reasons: verdict.reasons,
      legibility: scored.score,
      rawLegibility: raw.score,
      redactions: { ...red.report.counts },
      findings: red.report.findings,
      ...(typeof t.publishable === "boolean" ? { publishable: t.publishable } : {}),
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

/** Every transcript (and every rejection) in one file or intake object. */
export function processBytes(source: string, bytes: Uint8Array, opts: PipelineOptions): Outcome[] {
  checkLab(opts.lab);
  const read = readTranscripts(source, bytes, opts.limits);
  const out: Outcome[] = read.items.map((it) =>
    processTranscript(source, it.transcript, opts, it.line, it.entry, it.format),
  );
  for (const r of read.rejections) out.push(rejected(opts.lab, r.source, r.line, r.code, r.message));
  // File order: by line where there are lines (accepted and rejected interleave as in the file).
  return out
    .map((o, i) => ({ o, i }))
    .sort((a, b) => (a.o.line ?? 0) - (b.o.line ?? 0) || a.i - b.i)
    .map((x) => x.o);
}
