/**
 * In-memory BlobStore and MetadataStore, for unit tests and the offline CLI. Same semantics as
 * the DynamoDB/S3 adapters (conditional updates, newest-first sets, cursor pagination).
 */
import type { BlobStore } from "../ports";
import {
  ConditionFailedError,
  InvalidCursorError,
  type AuditEvent,
  type MetadataStore,
  type Page,
  type SetRecord,
  type Status,
  type Verdict,
  type TranscriptRecord,
} from "../core/records";

function page<T>(all: T[], cursor: string | undefined, limit = 50): Page<T> {
  let start = 0;
  if (cursor) {
    const text = /^[A-Za-z0-9_-]{1,16}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString() : "";
    if (!/^[1-9]\d{0,9}$/.test(text)) throw new InvalidCursorError();
    start = Number(text);
  }
  const items = all.slice(start, start + limit);
  const next =
    start + limit < all.length ? Buffer.from(String(start + limit)).toString("base64url") : undefined;
  return next ? { items, cursor: next } : { items };
}

export class MemoryMetadataStore implements MetadataStore {
  readonly transcripts = new Map<string, TranscriptRecord>();
  readonly audit: AuditEvent[] = [];
  readonly sets = new Map<string, SetRecord>();

  async putTranscript(record: TranscriptRecord, opts?: { ifAbsent?: boolean }): Promise<boolean> {
    if (opts?.ifAbsent && this.transcripts.has(record.id)) return false;
    this.transcripts.set(record.id, structuredClone(record));
    return true;
  }
  async getTranscript(id: string): Promise<TranscriptRecord | undefined> {
    const r = this.transcripts.get(id);
    return r ? structuredClone(r) : undefined;
  }
  async updateTranscript(
    id: string,
    from: Status,
    patch: Partial<TranscriptRecord>,
  ): Promise<TranscriptRecord> {
    const r = this.transcripts.get(id);
    if (!r || r.status !== from) throw new ConditionFailedError(`transcript ${id} is not ${from}`);
    const next = { ...r, ...patch, id };
    this.transcripts.set(id, next);
    return structuredClone(next);
  }
  async listTranscripts(q: {
    lab?: string;
    status?: Status;
    verdict?: Verdict;
    cursor?: string;
    limit?: number;
  }): Promise<Page<TranscriptRecord>> {
    const all = [...this.transcripts.values()]
      .filter(
        (r) =>
          (!q.lab || r.lab === q.lab) &&
          (!q.status || r.status === q.status) &&
          (!q.verdict || r.verdict === q.verdict),
      )
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || a.id.localeCompare(b.id));
    // Clone the page only, not every record on every call (listing 10,000 records page by page
    // was quadratic in clones).
    const p = page(all, q.cursor, q.limit);
    return { ...p, items: structuredClone(p.items) };
  }
  async appendAudit(event: AuditEvent): Promise<void> {
    this.audit.push(structuredClone(event));
  }
  async listAudit(subject: string): Promise<AuditEvent[]> {
    return this.audit.filter((e) => e.subject === subject).sort((a, b) => a.at.localeCompare(b.at));
  }
  async putSet(set: SetRecord): Promise<void> {
    this.sets.set(set.setId, structuredClone(set));
  }
  async getSet(setId: string): Promise<SetRecord | undefined> {
    const s = this.sets.get(setId);
    return s ? structuredClone(s) : undefined;
  }
  async listSets(q: { cursor?: string; limit?: number }): Promise<Page<SetRecord>> {
    const all = [...this.sets.values()].sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt) || a.setId.localeCompare(b.setId),
    );
    return page(structuredClone(all), q.cursor, q.limit);
  }
}

export class MemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, { body: Uint8Array; contentType?: string; etag: string }>();
  private writes = 0;
  private k(bucket: string, key: string) {
    return `${bucket}\u0000${key}`;
  }
  async get(bucket: string, key: string): Promise<Uint8Array | undefined> {
    return this.objects.get(this.k(bucket, key))?.body;
  }
  async getTagged(bucket: string, key: string): Promise<{ bytes: Uint8Array; etag: string } | undefined> {
    const o = this.objects.get(this.k(bucket, key));
    return o && { bytes: o.body, etag: o.etag };
  }
  async put(bucket: string, key: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
    // Every write is a new version: its ETag is the write's number.
    this.objects.set(this.k(bucket, key), { body: bytes, contentType, etag: `w${++this.writes}` });
  }
  async putIfUnchanged(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    contentType: string | undefined,
    etag: string | null,
  ): Promise<boolean> {
    if ((this.objects.get(this.k(bucket, key))?.etag ?? null) !== etag) return false;
    await this.put(bucket, key, body, contentType);
    return true;
  }
  async delete(bucket: string, key: string): Promise<void> {
    this.objects.delete(this.k(bucket, key));
  }
  async *list(bucket: string, prefix: string): AsyncIterable<{ key: string; size: number }> {
    const p = `${bucket}\u0000${prefix}`;
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(p)).sort();
    for (const k of keys) {
      yield { key: k.slice(bucket.length + 1), size: this.objects.get(k)!.body.byteLength };
    }
  }
}
