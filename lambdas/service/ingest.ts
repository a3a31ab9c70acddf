/**
 * Ingest orchestration: one intake object → the per-transcript pipeline → staging-bucket writes,
 * one metadata record and one audit event per transcript. Everything goes through ports, so the
 * cloud handler, the local runtime and tests run this same code.
 *
 * Safe to replay: the record's `receivedAt` (and so the audit event's key) comes from the object's
 * LastModified, staging writes overwrite the same keys, the audit event is written before the
 * record, and a record that already exists for this object is left alone. A crash at any point,
 * then a retry, ends with exactly one record and one audit event per transcript.
 */
import { createHash } from "node:crypto";
import { labFromIntakeKey, stagingReportKey, stagingTranscriptKey } from "../core/names";
import type { MetadataStore, ReviewReason, TranscriptRecord, Verdict } from "../core/records";
import type { BlobStore, Clock } from "../ports";
import type { LabConfig, LabPolicy } from "../adapters/lab-config";

/** One result of the per-transcript pipeline (`core/pipeline.ts`), as ingest needs it. */
export type IngestOutcome =
  | {
      status: "accepted";
      source: string;
      line?: number;
      id: string;
      published: unknown;
      verdict: Verdict;
      reasons: ReviewReason[];
      legibility: number | { score: number } | unknown;
      redactions: Record<string, number> | unknown;
      findings: unknown;
      /** The transcript's own publication consent, when it states one. */
      publishable?: boolean;
    }
  | { status: "rejected"; source: string; line?: number; id: string; code: string; message: string };

export type Pipeline = (
  source: string,
  bytes: Uint8Array,
  opts: { lab: string; policy?: LabPolicy; hmacKey: Uint8Array },
) => IngestOutcome[] | Promise<IngestOutcome[]>;

/** Reads an intake object with what identifies its version and when it arrived. */
export interface IntakeReader {
  getObject(
    bucket: string,
    key: string,
    versionId?: string,
  ): Promise<{ bytes: Uint8Array; etag?: string; versionId?: string; lastModified?: Date } | undefined>;
}

export interface IngestDeps {
  intake: IntakeReader;
  blobs: BlobStore;
  store: MetadataStore;
  labs: LabConfig;
  clock: Clock;
  stagingBucket: string;
  pipeline: Pipeline;
}

/** The intake object an event names (key already URL-decoded). */
export interface IntakeRef {
  bucket: string;
  key: string;
  versionId?: string;
  etag?: string;
}

export interface IngestResult {
  key: string;
  lab?: string;
  /** `done`: processed now or earlier; `missing`: the object is gone; `superseded`: a newer version replaced it. */
  state: "done" | "missing" | "superseded";
  accepted: number;
  rejected: number;
  /** Transcripts whose record already existed from this same object (a replay). */
  replayed: number;
  ids: string[];
}

const ACTOR = "pipeline";
const hash = (s: string) => createHash("sha256").update(s, "utf8").digest("hex").slice(0, 24);

/** The version tag idempotency and records use: versionId when the bucket versions, else the ETag. */
export function versionTag(ref: { versionId?: string; etag?: string }): string | undefined {
  return ref.versionId || ref.etag || undefined;
}

/** Id of a record that is about an intake object rather than a transcript (e.g. a dead letter). */
export function objectRecordId(kind: string, key: string, version: string | undefined, extra = ""): string {
  return `r-${kind}-${hash(`${key}\u0000${version ?? ""}\u0000${extra}`)}`;
}

function score(l: unknown): number | undefined {
  if (typeof l === "number") return l;
  if (l && typeof l === "object" && typeof (l as { score?: unknown }).score === "number")
    return (l as { score: number }).score;
  return undefined;
}

function modelId(published: unknown): string | undefined {
  const m = (published as { model?: { id?: unknown } } | undefined)?.model;
  return typeof m?.id === "string" ? m.id : undefined;
}

/** Writes audit then record, unless this object's record is already there. */
async function commit(
  deps: IngestDeps,
  record: TranscriptRecord,
): Promise<"written" | "replayed" | "conflict"> {
  const existing = await deps.store.getTranscript(record.id);
  if (existing) {
    return existing.intakeKey === record.intakeKey && existing.intakeVersion === record.intakeVersion
      ? "replayed"
      : "conflict";
  }
  await deps.store.appendAudit({
    subject: record.id,
    at: record.receivedAt,
    actor: ACTOR,
    action: "ingest",
    from: "received",
    to: record.status,
    ...(record.code ? { reason: record.code } : {}),
  });
  if (await deps.store.putTranscript(record, { ifAbsent: true })) return "written";
  // Lost a race with a concurrent delivery of the same object (or another object with this id).
  const now = await deps.store.getTranscript(record.id);
  return now?.intakeKey === record.intakeKey && now?.intakeVersion === record.intakeVersion
    ? "replayed"
    : "conflict";
}

export async function ingestObject(deps: IngestDeps, ref: IntakeRef): Promise<IngestResult> {
  const result: IngestResult = {
    key: ref.key,
    state: "done",
    accepted: 0,
    rejected: 0,
    replayed: 0,
    ids: [],
  };
  const obj = await deps.intake.getObject(ref.bucket, ref.key, ref.versionId);
  if (!obj) return { ...result, state: "missing" };
  // In an unversioned bucket an overwrite replaces the bytes; the newer version has its own event.
  if (!ref.versionId && ref.etag && obj.etag && ref.etag !== obj.etag)
    return { ...result, state: "superseded" };

  const version = versionTag({ versionId: ref.versionId ?? obj.versionId, etag: ref.etag ?? obj.etag });
  const receivedAt = (obj.lastModified ?? deps.clock.now()).toISOString();
  const updatedAt = deps.clock.now().toISOString();
  const base = { source: ref.key, receivedAt, updatedAt, intakeKey: ref.key, intakeVersion: version };
  const lab = labFromIntakeKey(ref.key);

  const tally = (r: TranscriptRecord, how: Awaited<ReturnType<typeof commit>>) => {
    result.ids.push(r.id);
    if (how === "replayed") result.replayed++;
    if (r.status === "rejected") result.rejected++;
    else result.accepted++;
  };

  if (!lab) {
    const r: TranscriptRecord = {
      ...base,
      id: objectRecordId("lab", ref.key, version),
      lab: "unknown",
      status: "rejected",
      code: "invalid_lab",
      message: `${ref.key}: the key does not name a lab (incoming/<labId>/<name>)`,
    };
    tally(r, await commit(deps, r));
    return result;
  }
  result.lab = lab;

  const [policy, hmacKey] = await Promise.all([deps.labs.policy(lab), deps.labs.hmacKey(lab)]);
  const outcomes = await deps.pipeline(ref.key, obj.bytes, { lab, ...(policy ? { policy } : {}), hmacKey });

  for (const o of outcomes) {
    const line = o.line !== undefined ? { line: o.line } : {};
    let record: TranscriptRecord;
    if (o.status === "accepted") {
      const stagingKey = stagingTranscriptKey(o.id);
      const reportKey = stagingReportKey(o.id);
      await deps.blobs.put(deps.stagingBucket, stagingKey, JSON.stringify(o.published), "application/json");
      await deps.blobs.put(
        deps.stagingBucket,
        reportKey,
        JSON.stringify({
          id: o.id,
          verdict: o.verdict,
          reasons: o.reasons,
          redactions: o.redactions,
          findings: o.findings,
        }),
        "application/json",
      );
      const legibility = score(o.legibility);
      const model = modelId(o.published);
      record = {
        ...base,
        ...line,
        id: o.id,
        lab,
        status: "accepted",
        verdict: o.verdict,
        reasons: o.reasons,
        ...(legibility !== undefined ? { legibility } : {}),
        ...(model ? { modelId: model } : {}),
        ...(o.redactions && typeof o.redactions === "object"
          ? { redactions: o.redactions as Record<string, number> }
          : {}),
        ...(typeof o.publishable === "boolean" ? { publishable: o.publishable } : {}),
        stagingKey,
        reportKey,
      };
    } else {
      record = { ...base, ...line, id: o.id, lab, status: "rejected", code: o.code, message: o.message };
    }
    let how = await commit(deps, record);
    if (how === "conflict") {
      // The id is taken by another intake object: this one still gets its own terminal record.
      record = {
        ...base,
        ...line,
        id: objectRecordId("dup", ref.key, version, `${o.id}\u0000${o.line ?? ""}`),
        lab,
        status: "rejected",
        code: "duplicate",
        message: `${ref.key}${o.line !== undefined ? `, line ${o.line}` : ""}: transcript ${o.id} was already received from another intake object`,
      };
      how = await commit(deps, record);
    }
    tally(record, how);
  }
  return result;
}

/**
 * The terminal record of an object that failed every retry (local dead letter, cloud DLQ): a
 * rejected record with code `dead_letter`, so the object does not stay unaccounted for.
 */
export async function recordDeadLetter(
  deps: Pick<IngestDeps, "store" | "clock">,
  ref: IntakeRef,
  errorCode: string,
): Promise<TranscriptRecord> {
  const version = versionTag(ref);
  const now = deps.clock.now().toISOString();
  const record: TranscriptRecord = {
    id: objectRecordId("dlq", ref.key, version),
    lab: labFromIntakeKey(ref.key) ?? "unknown",
    source: ref.key,
    status: "rejected",
    receivedAt: now,
    updatedAt: now,
    code: "dead_letter",
    message: `${ref.key}: processing failed after every retry (${errorCode})`,
    intakeKey: ref.key,
    ...(version ? { intakeVersion: version } : {}),
  };
  const existing = await deps.store.getTranscript(record.id);
  if (existing) return existing;
  await deps.store.appendAudit({
    subject: record.id,
    at: now,
    actor: ACTOR,
    action: "dead_letter",
    from: "received",
    to: "rejected",
    reason: errorCode,
  });
  await deps.store.putTranscript(record, { ifAbsent: true });
  return record;
}
