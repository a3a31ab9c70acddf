/**
 * The S3 `ObjectCreated` events the intake queue (and its DLQ) carries: which intake objects an SQS
 * message names, and the stable error code a failure is logged and recorded with. Shared by the
 * ingest and dead-letter handlers; kept apart from the ingest handler so that the dead-letter
 * function's bundle does not pull in the pipeline.
 */
import { CotshareError } from "../core/errors";
import { PREFIX } from "../core/names";
import type { IntakeRef } from "../service/ingest";

/** A stable error code of a failure for logs and dead-letter records: our code, else the error's name. */
export function failureCode(e: unknown): string {
  const err = e as { name?: unknown; code?: unknown } | undefined;
  if (e instanceof CotshareError) return e.code;
  const c = typeof err?.code === "string" ? err.code : typeof err?.name === "string" ? err.name : "";
  return /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/.test(c) && c !== "Error" ? c : "internal_error";
}

/** One S3 event record inside an SQS message body, as AWS sends it. */
interface S3EventRecord {
  eventName?: string;
  eventTime?: string;
  s3?: {
    bucket?: { name?: string };
    object?: { key?: string; eTag?: string; versionId?: string; size?: number };
  };
}

/** S3 event keys are URL-encoded with `+` for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, " "));
}

/** The intake objects an SQS message names; `[]` for test events and other buckets or prefixes. */
export function refsFromMessage(body: string, intakeBucket?: string): IntakeRef[] {
  let parsed: { Event?: string; Records?: S3EventRecord[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw new CotshareError("invalid_event", "SQS message body is not JSON");
  }
  if (parsed.Event === "s3:TestEvent") return [];
  if (!Array.isArray(parsed.Records))
    throw new CotshareError("invalid_event", "SQS message body has no Records");
  const refs: IntakeRef[] = [];
  for (const r of parsed.Records) {
    if (!r.eventName?.startsWith("ObjectCreated:")) continue;
    const bucket = r.s3?.bucket?.name;
    const raw = r.s3?.object?.key;
    if (!bucket || raw === undefined)
      throw new CotshareError("invalid_event", "S3 event record without bucket or key");
    if (intakeBucket && bucket !== intakeBucket) continue;
    const key = decodeS3Key(raw);
    if (!key.startsWith(PREFIX.incoming)) continue;
    const etag = r.s3?.object?.eTag?.replace(/^"|"$/g, "");
    const versionId = r.s3?.object?.versionId;
    const size = r.s3?.object?.size;
    const eventTime = typeof r.eventTime === "string" ? r.eventTime : undefined;
    refs.push({
      bucket,
      key,
      ...(etag ? { etag } : {}),
      ...(versionId ? { versionId } : {}),
      ...(typeof size === "number" ? { size } : {}),
      ...(eventTime ? { eventTime } : {}),
    });
  }
  return refs;
}
