/**
 * Provenance at publication, through the BlobStore and Signer ports: after a set's files are
 * written (manifest last), sign the manifest (`sets/<setId>/manifest.sig`), make sure the public
 * key is published (`keys/<keyId>.pem`), and append the event to `log.jsonl` (with a `key` entry
 * first when the signer's key is new to the log). Runs before `latest.json` moves, so a reader
 * never sees a newest set that is unsigned or missing from the log.
 *
 * The log is rewritten whole (S3 has no append): publications must not run concurrently — one
 * at a time locally, and in the cloud the publish function is the only writer and runs one
 * invocation at a time (reserved concurrency 1, `serializePublishing` in lib/config.ts).
 */
import { CotshareError } from "../core/errors";
import { LATEST_KEY, PUBLICATION_LOG_KEY } from "../core/names";
import { sha256Hex } from "../core/publish/doc";
import { setKey } from "../core/publish/build";
import {
  SIG_FILE,
  appendToLog,
  identify,
  keyPath,
  signManifest,
  type LogEntry,
  type Signer,
  type Withdrawal,
} from "../core/provenance";
import type { BlobStore } from "../ports";

export interface ProvenanceDeps {
  blobs: BlobStore;
  buckets: { public: string };
  signer: Signer;
}

export type ProvenanceEvent =
  | {
      type: "publish";
      setId: string;
      manifestBytes: Uint8Array;
      createdAt: string;
      previous: string | null;
      withdrawn: Withdrawal[];
      at: string;
    }
  | { type: "revise"; setId: string; manifestBytes: Uint8Array; withdrawn: Withdrawal[]; at: string };

const dec = new TextDecoder();

/**
 * `log_missing`: `log.jsonl` reads as absent or empty while sets are already published
 * (`latest.json` exists). Starting a new log then would silently replace the history readers
 * verify against; the publication stops instead, before anything moves `latest.json`. Whoever
 * operates the bucket restores the log (object versioning, a backup), then publishes again.
 *
 * `log_conflict`: the log changed between this run's read and its write (two runs at once): the
 * run stops before `latest.json` moves, and the other run's entry stands.
 */
export class ProvenanceError extends CotshareError {
  declare readonly code: "log_missing" | "log_conflict";
  constructor(code: "log_missing" | "log_conflict", message: string) {
    super(code, message);
  }
}

/** Signs the set's manifest, publishes the key, appends the log entry; returns what was appended. */
export async function recordProvenance(deps: ProvenanceDeps, ev: ProvenanceEvent): Promise<LogEntry[]> {
  const bucket = deps.buckets.public;
  const read: { bytes: Uint8Array; etag?: string } | undefined = deps.blobs.getTagged
    ? await deps.blobs.getTagged(bucket, PUBLICATION_LOG_KEY)
    : await deps.blobs.get(bucket, PUBLICATION_LOG_KEY).then((bytes) => bytes && { bytes });
  const log = read?.bytes;
  // A new log starts with the first set only: never over sets already published.
  if (!log?.length && (await deps.blobs.get(bucket, LATEST_KEY)))
    throw new ProvenanceError(
      "log_missing",
      `${PUBLICATION_LOG_KEY} is missing or empty but ${LATEST_KEY} exists: refusing to start a new log over published sets`,
    );
  const id = await identify(deps.signer);
  const published = await deps.blobs.get(bucket, keyPath(id.keyId));
  if (!published || dec.decode(published) !== id.pem)
    await deps.blobs.put(bucket, keyPath(id.keyId), id.pem, "application/x-pem-file");
  const { bytes: sig } = await signManifest(deps.signer, ev.manifestBytes, id);
  await deps.blobs.put(bucket, setKey(ev.setId, SIG_FILE), sig, "application/json; charset=utf-8");
  const manifest = sha256Hex(ev.manifestBytes);
  const draft =
    ev.type === "publish"
      ? {
          type: "publish" as const,
          at: ev.at,
          setId: ev.setId,
          manifest,
          createdAt: ev.createdAt,
          previous: ev.previous,
          withdrawn: ev.withdrawn,
        }
      : { type: "revise" as const, at: ev.at, setId: ev.setId, manifest, withdrawn: ev.withdrawn };
  const appended = await appendToLog(log, draft, deps.signer, id);
  if (appended.added.length) {
    const type = "application/x-ndjson; charset=utf-8";
    // Compare-and-swap where the store has it: a run that overlapped another (serialisation off, or
    // an operator's own writer) stops here, before latest.json moves, instead of dropping the
    // other run's entry.
    const etag = read ? read.etag : null;
    if (deps.blobs.putIfUnchanged && etag !== undefined) {
      if (!(await deps.blobs.putIfUnchanged(bucket, PUBLICATION_LOG_KEY, appended.bytes, type, etag)))
        throw new ProvenanceError(
          "log_conflict",
          `${PUBLICATION_LOG_KEY} changed while this run appended to it (another publication or takedown ran at the same time): ${LATEST_KEY} was not moved; run it again`,
        );
    } else await deps.blobs.put(bucket, PUBLICATION_LOG_KEY, appended.bytes, type);
  }
  return appended.added;
}
