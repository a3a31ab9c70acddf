/**
 * Provenance at publication, through the BlobStore and Signer ports: after a set's files are
 * written (manifest last), sign the manifest (`sets/<setId>/manifest.sig`), make sure the public
 * key is published (`keys/<keyId>.pem`), and append the event to `log.jsonl` (with a `key` entry
 * first when the signer's key is new to the log). Runs before `latest.json` moves, so a reader
 * never sees a newest set that is unsigned or missing from the log.
 *
 * The log is rewritten whole (S3 has no append): publications must not run concurrently — one
 * at a time locally, and the publish function in the cloud is the only writer.
 */
import { PUBLICATION_LOG_KEY } from "../core/names";
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

/** Signs the set's manifest, publishes the key, appends the log entry; returns what was appended. */
export async function recordProvenance(deps: ProvenanceDeps, ev: ProvenanceEvent): Promise<LogEntry[]> {
  const bucket = deps.buckets.public;
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
  const log = await deps.blobs.get(bucket, PUBLICATION_LOG_KEY);
  const appended = await appendToLog(log, draft, deps.signer, id);
  if (appended.added.length)
    await deps.blobs.put(bucket, PUBLICATION_LOG_KEY, appended.bytes, "application/x-ndjson; charset=utf-8");
  return appended.added;
}
