/**
 * Ingest orchestration: one intake object → the per-transcript pipeline → staging-bucket writes,
 * one metadata record and one audit event per transcript. Everything goes through ports, so the
 * cloud handler, the local runtime and tests run this same code.
 *
 * Safe to replay: the record's `receivedAt` (and so the audit event's key) comes from the object's
 * LastModified, staging keys are unique per intake object version, line and transcript (a replay
 * rewrites the same bytes; no other version can overwrite them), the audit event is written
 * before the record, and a record that already exists for this object is left alone. A crash at
 * any point, then a retry, ends with exactly one record and one audit event per transcript.
 *
 * A newer version of the same intake key supersedes the older one: a transcript id it shares with
 * the older version gets the newer record (an unpublished record is replaced; a published one is
 * withdrawn, and a withdrawn id is never published again, so the newer version is recorded as
 * rejected `withdrawn_id`); the older version's other records and a dead letter of the key are
 * marked `superseded` (rejected) or withdrawn. An older version processed after a newer one is
 * recorded as rejected `superseded` and changes nothing.
 *
 * Transcripts are written with bounded concurrency (`concurrency`, default 12); transcripts that
 * share an id are handled one after another, in file order.
 */
import { createHash } from "node:crypto";
import { CotshareError } from "../core/errors";
import { LifecycleError, applyTransition } from "../core/lifecycle";
import { intakeMarkKey, labFromIntakeKey, stagingReportKey, stagingTranscriptKey } from "../core/names";
import {
  ConditionFailedError,
  type MetadataStore,
  type ReviewReason,
  type TranscriptRecord,
  type Verdict,
} from "../core/records";
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
  /**
   * Withdraws a transcript and takes it out of published sets (`withdraw` of service/publish.ts,
   * through the runtime's one-at-a-time publishing queue): used when a newer version of an intake
   * object supersedes a published record. Without it, a published record stays published and the
   * newer version's transcript with that id is recorded as rejected `published_id`.
   */
  withdraw?: (id: string, reason: string, actor: string) => Promise<unknown>;
  /** Transcripts written at once (default `INGEST_CONCURRENCY`). */
  concurrency?: number;
}

/** The intake object an event names (key already URL-decoded). */
export interface IntakeRef {
  bucket: string;
  key: string;
  versionId?: string;
  etag?: string;
  /** The object's size as the event states it. */
  size?: number;
  /** When S3 created this version, as its event states it (ISO 8601; dead letters read it). */
  eventTime?: string;
}

export interface IngestResult {
  key: string;
  lab?: string;
  /**
   * `done`: processed now or earlier; `missing`: the object is gone; `superseded`: a newer version
   * replaced it; `ignored`: a folder marker (a zero-byte key ending in `/`), nothing recorded.
   */
  state: "done" | "missing" | "superseded" | "ignored";
  accepted: number;
  rejected: number;
  /** Transcripts whose record already existed from this same object (a replay). */
  replayed: number;
  /** Records of an older version of this key (or its dead letter) superseded now. */
  superseded: number;
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

/** What a record's commit came to. */
type Commit =
  | "written" // a new record
  | "replaced" // the record of an older version of this intake object, replaced
  | "replayed" // this object version's record was already there
  | "conflict" // the id belongs to another intake object (or another line of this one)
  | "older" // a newer version of this intake object holds the id
  | "withdrawn" // the id, from an older version, is withdrawn (now or before): never published again
  | "published"; // the id is published from an older version and no `withdraw` is wired

const SUPERSEDED = "superseded by a newer version of its intake object";

function isConditionFailed(e: unknown): boolean {
  return e instanceof ConditionFailedError || (e as { code?: string })?.code === "condition_failed";
}

/** The record came from this same object version and line (a replay). */
function sameSource(a: TranscriptRecord, b: TranscriptRecord): boolean {
  return a.intakeKey === b.intakeKey && a.intakeVersion === b.intakeVersion && a.line === b.line;
}

/** Replaces `existing` by `record` as a whole (fields it lacks are removed), if its status has not moved. */
async function replace(
  deps: Pick<IngestDeps, "store">,
  existing: TranscriptRecord,
  record: TranscriptRecord,
  reason: string,
): Promise<boolean> {
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(existing)) if (k !== "id") patch[k] = undefined;
  for (const [k, v] of Object.entries(record)) if (k !== "id") patch[k] = v;
  // The event first (like `commit`): a crash in between leaves an event and the older record,
  // and the retry writes the same event again and the record.
  await deps.store.appendAudit({
    subject: record.id,
    at: record.updatedAt,
    actor: ACTOR,
    action: "supersede",
    from: existing.status,
    to: record.status,
    reason,
  });
  try {
    await deps.store.updateTranscript(record.id, existing.status, patch as Partial<TranscriptRecord>);
    return true;
  } catch (e) {
    if (isConditionFailed(e)) return false;
    throw e;
  }
}

/**
 * Writes audit then record, unless this object's record is already there. A record of an older
 * version of the same intake key is superseded (see the top of this file).
 */
async function commit(deps: IngestDeps, record: TranscriptRecord): Promise<Commit> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await deps.store.getTranscript(record.id);
    if (!existing) {
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
      // Lost a race with a concurrent delivery (of this object or another): look again.
      continue;
    }
    if (sameSource(existing, record)) return "replayed";
    if (existing.intakeKey !== record.intakeKey || existing.intakeVersion === record.intakeVersion)
      return "conflict";
    // Another version of this intake object holds the id.
    if (record.receivedAt < existing.receivedAt) return "older";
    if (existing.status === "withdrawn") return "withdrawn";
    if (existing.status === "published" || (existing.setIds?.length ?? 0) > 0) {
      if (!deps.withdraw) return "published";
      await deps.withdraw(record.id, SUPERSEDED, ACTOR);
      return "withdrawn";
    }
    if (await replace(deps, existing, record, SUPERSEDED)) return "replaced";
    // Its status moved meanwhile (a reviewer, the publisher): look again.
  }
  throw new CotshareError("ingest_conflict", `transcript ${record.id} kept changing while it was recorded`);
}

/** Runs `work` over `items`, at most `n` at once; the first failure stops the rest from starting. */
async function pool<T>(items: readonly T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(n, items.length) }, worker));
  const err = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (err) throw err.reason;
}

/** Progress of one intake object's transcripts (counts only). */
export interface IngestProgress {
  key: string;
  done: number;
  total: number;
  accepted: number;
  rejected: number;
  ms: number;
}

export interface IngestOptions {
  /** Called every `progressEvery` transcripts or `progressMs` milliseconds, whichever comes first. */
  onProgress?: (p: IngestProgress) => void;
  progressEvery?: number;
  progressMs?: number;
}

/** Default number of transcripts written at once (staging objects, audit event, record). */
export const INGEST_CONCURRENCY = 12;

/** A zero-byte object whose key ends in `/`: a folder marker (console "Create folder", put-object of `x/`). */
export function isFolderMarker(key: string, size: number | undefined): boolean {
  return key.endsWith("/") && size === 0;
}

export async function ingestObject(
  deps: IngestDeps,
  ref: IntakeRef,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  const started = Date.now();
  const result: IngestResult = {
    key: ref.key,
    state: "done",
    accepted: 0,
    rejected: 0,
    replayed: 0,
    superseded: 0,
    ids: [],
  };
  const obj = await deps.intake.getObject(ref.bucket, ref.key, ref.versionId);
  if (!obj) return { ...result, state: "missing" };
  // In an unversioned bucket an overwrite replaces the bytes; the newer version has its own event.
  if (!ref.versionId && ref.etag && obj.etag && ref.etag !== obj.etag)
    return { ...result, state: "superseded" };
  if (isFolderMarker(ref.key, obj.bytes.byteLength)) return { ...result, state: "ignored" };

  const version = versionTag({ versionId: ref.versionId ?? obj.versionId, etag: ref.etag ?? obj.etag });
  const receivedAt = (obj.lastModified ?? deps.clock.now()).toISOString();
  const updatedAt = deps.clock.now().toISOString();
  const base = { source: ref.key, receivedAt, updatedAt, intakeKey: ref.key, intakeVersion: version };
  const lab = labFromIntakeKey(ref.key);

  const tally = (r: TranscriptRecord, how: Commit) => {
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
    result.ids.push(r.id);
    return result;
  }
  result.lab = lab;

  const markKey = markKeyOf(ref.key);
  const [policy, hmacKey, marked] = await Promise.all([
    deps.labs.policy(lab),
    deps.labs.hmacKey(lab),
    readMark(deps, markKey),
  ]);
  const outcomes = await deps.pipeline(ref.key, obj.bytes, { lab, ...(policy ? { policy } : {}), hmacKey });

  /** The record standing for outcome `i` (its own, or the rejection that replaced it). */
  const finalIds: string[] = new Array<string>(outcomes.length);
  let replacedOlder = false;
  let done = 0;
  let reportedAt = Date.now();
  let reportedDone = 0;
  const every = opts.progressEvery ?? 500;
  const everyMs = opts.progressMs ?? 10_000;
  const progress = () => {
    done++;
    if (!opts.onProgress || done === outcomes.length) return;
    if (done - reportedDone < every && Date.now() - reportedAt < everyMs) return;
    reportedDone = done;
    reportedAt = Date.now();
    opts.onProgress({
      key: ref.key,
      done,
      total: outcomes.length,
      accepted: result.accepted,
      rejected: result.rejected,
      ms: Date.now() - started,
    });
  };

  // A long object says how long it is before its first writes.
  if (opts.onProgress && outcomes.length > every)
    opts.onProgress({
      key: ref.key,
      done: 0,
      total: outcomes.length,
      accepted: 0,
      rejected: 0,
      ms: Date.now() - started,
    });

  const one = async (o: IngestOutcome, i: number) => {
    const line = o.line !== undefined ? { line: o.line } : {};
    const where = `${ref.key}${o.line !== undefined ? `, line ${o.line}` : ""}`;
    let record: TranscriptRecord;
    if (o.status === "accepted") {
      // Unique to this object version, line and id: no other version's record can point at it.
      const tag = hash(`${ref.key}\u0000${version ?? ""}\u0000${o.line ?? ""}\u0000${o.id}`);
      const stagingKey = stagingTranscriptKey(`${o.id}.${tag}`);
      const reportKey = stagingReportKey(`${o.id}.${tag}`);
      await Promise.all([
        deps.blobs.put(deps.stagingBucket, stagingKey, JSON.stringify(o.published), "application/json"),
        deps.blobs.put(
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
        ),
      ]);
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
    if (how === "replaced") {
      replacedOlder = true;
      result.superseded++;
    } else if (how !== "written" && how !== "replayed") {
      if (how === "withdrawn" || how === "published") replacedOlder = true;
      const [kind, code, message] =
        how === "conflict"
          ? [
              "dup",
              "duplicate",
              `${where}: transcript ${o.id} was already received from another intake object`,
            ]
          : how === "older"
            ? [
                "old",
                "superseded",
                `${where}: transcript ${o.id} — a newer version of this intake object was already received; this version is not used`,
              ]
            : how === "withdrawn"
              ? [
                  "wid",
                  "withdrawn_id",
                  `${where}: transcript ${o.id} from an earlier version of this intake object is withdrawn; a withdrawn id is never published again, so this version needs a new id`,
                ]
              : [
                  "pub",
                  "published_id",
                  `${where}: transcript ${o.id} is published from an earlier version of this intake object and was not replaced; withdraw it through the review API if it must not stay public, and give this version a new id`,
                ];
      record = {
        ...base,
        ...line,
        id: objectRecordId(kind, ref.key, version, `${o.id}\u0000${o.line ?? ""}`),
        lab,
        status: "rejected",
        code,
        message,
      };
      how = await commit(deps, record);
    }
    finalIds[i] = record.id;
    tally(record, how);
    progress();
  };

  // Outcomes that share an id go to one worker, in file order; the others run concurrently.
  const groups = new Map<string, number[]>();
  outcomes.forEach((o, i) => {
    const g = groups.get(o.id);
    if (g) g.push(i);
    else groups.set(o.id, [i]);
  });
  await pool([...groups.values()], Math.max(1, deps.concurrency ?? INGEST_CONCURRENCY), async (idx) => {
    for (const i of idx) await one(outcomes[i]!, i);
  });
  result.ids = finalIds;

  // A newer version of a key: what the older one left and this one did not replace goes too —
  // whether or not the two share a transcript id (a format without ids hashes the content, so a
  // changed file has new ids). The key's mark says another version was processed before.
  const newer = marked !== undefined && marked.version !== version && marked.receivedAt <= receivedAt;
  if (replacedOlder || newer) {
    const keep = new Set([...finalIds, ...outcomes.map((o) => o.id)]);
    result.superseded += await sweepOlder(deps, { lab, key: ref.key, version, receivedAt, updatedAt }, keep);
  }
  result.superseded += await resolveDeadLetters(deps, ref.key, version, updatedAt);
  if (marked === undefined || marked.receivedAt <= receivedAt)
    await deps.blobs.put(
      deps.stagingBucket,
      markKey,
      JSON.stringify({ version: version ?? null, receivedAt }),
      "application/json",
    );
  return result;
}

/** The staging key of an intake key's mark. */
function markKeyOf(key: string): string {
  return intakeMarkKey(createHash("sha256").update(key).digest("hex"));
}

/** The version of an intake key processed last, from its mark (undefined: none yet, or unreadable). */
async function readMark(
  deps: Pick<IngestDeps, "blobs" | "stagingBucket">,
  markKey: string,
): Promise<{ version: string | undefined; receivedAt: string } | undefined> {
  const bytes = await deps.blobs.get(deps.stagingBucket, markKey);
  if (!bytes) return undefined;
  try {
    const m = JSON.parse(new TextDecoder().decode(bytes)) as { version?: unknown; receivedAt?: unknown };
    if (typeof m.receivedAt !== "string") return undefined;
    return { version: typeof m.version === "string" ? m.version : undefined, receivedAt: m.receivedAt };
  } catch {
    return undefined;
  }
}

/** Takes one record of an older version of its intake object out of use; true if it changed it. */
async function supersedeRecord(deps: IngestDeps, r: TranscriptRecord, at: string): Promise<boolean> {
  if (r.status === "withdrawn" || (r.status === "rejected" && r.code === "superseded")) return false;
  if (r.status === "rejected") {
    const message = `${r.source}${r.line !== undefined ? `, line ${r.line}` : ""}: replaced by a newer version of this intake object`;
    return replace(deps, r, { ...r, code: "superseded", message, updatedAt: at }, SUPERSEDED);
  }
  if (deps.withdraw) {
    await deps.withdraw(r.id, SUPERSEDED, ACTOR);
    return true;
  }
  // Without `withdraw` (no access to the public bucket), a published record stays as it is.
  if (r.status === "published" || (r.setIds?.length ?? 0) > 0) return false;
  try {
    await applyTransition(deps.store, r.id, "withdrawn", { actor: ACTOR, reason: SUPERSEDED, at });
    return true;
  } catch (e) {
    if (e instanceof LifecycleError) return false;
    throw e;
  }
}

/** The records an older version of `key` left that this version did not replace (listed through the lab). */
async function sweepOlder(
  deps: IngestDeps,
  o: { lab: string; key: string; version: string | undefined; receivedAt: string; updatedAt: string },
  keep: ReadonlySet<string>,
): Promise<number> {
  const stale: TranscriptRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.listTranscripts({ lab: o.lab, limit: 100, ...(cursor ? { cursor } : {}) });
    for (const r of page.items)
      if (
        r.intakeKey === o.key &&
        r.intakeVersion !== o.version &&
        r.receivedAt <= o.receivedAt &&
        r.code !== "dead_letter" &&
        !keep.has(r.id)
      )
        stale.push(r);
    cursor = page.cursor;
  } while (cursor);
  let n = 0;
  for (const r of stale) if (await supersedeRecord(deps, r, o.updatedAt)) n++;
  return n;
}

/** A dead letter of this key (any version) is stale once a version of it has been processed. */
async function resolveDeadLetters(
  deps: IngestDeps,
  key: string,
  version: string | undefined,
  at: string,
): Promise<number> {
  let n = 0;
  // The per-key id, and the per-version id dead letters had before.
  for (const id of new Set([objectRecordId("dlq", key, undefined), objectRecordId("dlq", key, version)])) {
    const r = await deps.store.getTranscript(id);
    if (!r || r.status !== "rejected" || r.code !== "dead_letter") continue;
    const message = `${key}: an earlier dead letter of this intake object, superseded: it was processed since`;
    if (await replace(deps, r, { ...r, code: "superseded", message, updatedAt: at }, "processed since")) n++;
  }
  return n;
}

/** A stable error code as logs and records may carry it (an error's own code or name, never a message). */
const STABLE_CODE = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

/** The audit action of a failed ingest run of an intake object (see `recordIngestFailure`). */
export const INGEST_FAILED = "ingest_failed";

/**
 * Notes a failed ingest run of one intake object version as an audit event on the subject of the
 * key's dead letter (`<version>: <stable code>`, never a message), so that the dead letter
 * recorded after the last retry — in another process, in the cloud — can say why.
 */
export async function recordIngestFailure(
  deps: Pick<IngestDeps, "store" | "clock">,
  ref: IntakeRef,
  code: string,
): Promise<void> {
  await deps.store.appendAudit({
    subject: objectRecordId("dlq", ref.key, undefined),
    at: deps.clock.now().toISOString(),
    actor: ACTOR,
    action: INGEST_FAILED,
    reason: `${versionTag(ref) ?? "-"}: ${STABLE_CODE.test(code) ? code : "internal_error"}`,
  });
}

/** The code of the last failed run of this object version noted by `recordIngestFailure`. */
async function lastIngestFailure(
  deps: Pick<IngestDeps, "store">,
  ref: IntakeRef,
): Promise<string | undefined> {
  const prefix = `${versionTag(ref) ?? "-"}: `;
  const events = await deps.store.listAudit(objectRecordId("dlq", ref.key, undefined));
  const last = events.filter((e) => e.action === INGEST_FAILED && e.reason?.startsWith(prefix)).at(-1);
  return last?.reason?.slice(prefix.length);
}

/**
 * The terminal record of an object that failed every retry (local dead letter, cloud DLQ): a
 * rejected record with code `dead_letter`, so the object does not stay unaccounted for. One per
 * intake key: a dead letter of another version replaces it, and a later successful run of the key
 * marks it `superseded`. `lastError` is the last failure's stable code (e.g. `invalid_policy`);
 * when not given, the last failure noted for this version (`recordIngestFailure`) is used.
 */
export async function recordDeadLetter(
  deps: Pick<IngestDeps, "store" | "clock"> & Partial<Pick<IngestDeps, "blobs" | "stagingBucket">>,
  ref: IntakeRef,
  errorCode: string,
  lastError?: string,
): Promise<TranscriptRecord> {
  const version = versionTag(ref);
  const now = deps.clock.now().toISOString();
  lastError ??= await lastIngestFailure(deps, ref);
  const last =
    lastError === undefined ? undefined : STABLE_CODE.test(lastError) ? lastError : "internal_error";
  const failed = `processing failed after every retry (${errorCode}${last ? `; last error: ${last}` : ""})`;
  // An older version that failed after a newer one was processed changes nothing, as when it is
  // processed after it (see the top of this file): its record says so instead of a dead letter.
  const older = await newerProcessed(deps, ref, version);
  const record: TranscriptRecord = {
    id: objectRecordId("dlq", ref.key, undefined),
    lab: labFromIntakeKey(ref.key) ?? "unknown",
    source: ref.key,
    status: "rejected",
    receivedAt: now,
    updatedAt: now,
    code: older ? "superseded" : "dead_letter",
    message: older
      ? `${ref.key}: ${SUPERSEDED}, processed since; this version's ${failed}`
      : `${ref.key}: ${failed}`,
    intakeKey: ref.key,
    ...(version ? { intakeVersion: version } : {}),
  };
  const reason = last ? `${errorCode}: ${last}` : errorCode;
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await deps.store.getTranscript(record.id);
    if (existing && existing.code === record.code && existing.intakeVersion === record.intakeVersion)
      return existing;
    // A version older than a processed one leaves another version's dead letter as it is.
    if (older && existing?.code === "dead_letter") return existing;
    if (existing) {
      // A dead letter of another version, or one a later run superseded: this one replaces it.
      if (await replace(deps, existing, record, reason)) return record;
      continue;
    }
    await deps.store.appendAudit({
      subject: record.id,
      at: now,
      actor: ACTOR,
      action: "dead_letter",
      from: "received",
      to: "rejected",
      reason: older ? `${reason}; ${SUPERSEDED}` : reason,
    });
    if (await deps.store.putTranscript(record, { ifAbsent: true })) return record;
  }
  throw new CotshareError("ingest_conflict", `dead letter ${record.id} kept changing while it was recorded`);
}

/**
 * Whether another version of the key, created after this one (the key's mark against the event's
 * time), has been processed. False when either is unknown: a dead letter is then recorded, and a
 * later successful run of the key marks it superseded.
 */
async function newerProcessed(
  deps: Partial<Pick<IngestDeps, "blobs" | "stagingBucket">>,
  ref: IntakeRef,
  version: string | undefined,
): Promise<boolean> {
  if (!deps.blobs || !deps.stagingBucket || !ref.eventTime) return false;
  const at = Date.parse(ref.eventTime);
  if (Number.isNaN(at)) return false;
  const mark = await readMark({ blobs: deps.blobs, stagingBucket: deps.stagingBucket }, markKeyOf(ref.key));
  // (S3 keeps LastModified to the second: a mark of the same second is not taken as newer.)
  return mark !== undefined && mark.version !== version && Date.parse(mark.receivedAt) > at;
}
