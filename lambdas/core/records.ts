/**
 * What the metadata store keeps: one record per intake transcript (accepted or rejected), the
 * audit trail of its lifecycle, and the published sets. Shared by the ingest, publish and API
 * code, in the cloud (DynamoDB) and locally (dynalite).
 */

/** The lifecycle (see `lifecycle/`): received → rejected | accepted → approved | denied → published → withdrawn. */
export type Status = "received" | "rejected" | "accepted" | "approved" | "denied" | "published" | "withdrawn";
export const STATUSES: readonly Status[] = [
  "received",
  "rejected",
  "accepted",
  "approved",
  "denied",
  "published",
  "withdrawn",
];

export type Verdict = "PASS" | "NEEDS_HUMAN" | "BLOCK";
export const VERDICTS: readonly Verdict[] = ["PASS", "NEEDS_HUMAN", "BLOCK"];

export interface ReviewReason {
  /** Stable machine-readable code, e.g. `residual_secret`, `opaque_reasoning`. */
  code: string;
  /** Plain words; never the flagged value. */
  message: string;
  /** Where, e.g. `messages[2].parts[0].text`. */
  path?: string;
}

export interface TranscriptRecord {
  /** Transcript id (for rejected inputs: a hash of the intake key and line). */
  id: string;
  lab: string;
  /** Where it came from: the intake key (cloud/local) or file path (CLI), never the content. */
  source: string;
  line?: number;
  status: Status;
  receivedAt: string;
  updatedAt: string;
  /** Rejections: stable code and message. */
  code?: string;
  message?: string;
  verdict?: Verdict;
  reasons?: ReviewReason[];
  legibility?: number;
  modelId?: string;
  redactions?: Record<string, number>;
  /** Lab consent for this transcript (undefined: the lab's default). */
  publishable?: boolean;
  /** Keys in the staging bucket of the published form and the redaction report. */
  stagingKey?: string;
  reportKey?: string;
  /** The intake object this came from, with its version or ETag (idempotency). */
  intakeKey?: string;
  intakeVersion?: string;
  /** Sets this transcript was published in. */
  setIds?: string[];
}

export interface AuditEvent {
  /** The transcript (or set) the event is about. */
  subject: string;
  /** ISO time; with `subject` the event's key. */
  at: string;
  /** Who or what: `pipeline`, `publisher`, `reviewer:<name>`… */
  actor: string;
  action: string;
  from?: Status;
  to?: Status;
  reason?: string;
}

export interface SetRecord {
  setId: string;
  createdAt: string;
  count: number;
  previous?: string;
  /** Path of the manifest in the public bucket. */
  manifestKey: string;
  transcriptIds: string[];
  withdrawn: string[];
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export class ConditionFailedError extends Error {
  readonly code = "condition_failed";
}

/** A list cursor that no page of this store handed out (the APIs answer 400 `invalid_cursor`). */
export class InvalidCursorError extends Error {
  readonly code = "invalid_cursor";
  constructor() {
    super("invalid cursor");
    this.name = "InvalidCursorError";
  }
}

/**
 * The reviewers' queue a record belongs to: its verdict while it waits for a person (status
 * `accepted` with a verdict other than PASS), else none. Stores index records by it.
 */
export function queueOf(r: Pick<TranscriptRecord, "status" | "verdict">): Verdict | undefined {
  return r.status === "accepted" && r.verdict !== undefined && r.verdict !== "PASS" ? r.verdict : undefined;
}

/** Port over the metadata tables (DynamoDB in the cloud, dynalite locally, memory in tests). */
export interface MetadataStore {
  /** Writes a record; with `ifAbsent`, returns false (and writes nothing) if the id exists. */
  putTranscript(record: TranscriptRecord, opts?: { ifAbsent?: boolean }): Promise<boolean>;
  getTranscript(id: string): Promise<TranscriptRecord | undefined>;
  /**
   * Moves a record from `from` to the patch's status atomically: throws ConditionFailedError if
   * the stored status is not `from` (someone else moved it first).
   */
  updateTranscript(id: string, from: Status, patch: Partial<TranscriptRecord>): Promise<TranscriptRecord>;
  /** Throws InvalidCursorError for a cursor it did not hand out. */
  listTranscripts(q: {
    lab?: string;
    status?: Status;
    verdict?: Verdict;
    cursor?: string;
    limit?: number;
  }): Promise<Page<TranscriptRecord>>;
  appendAudit(event: AuditEvent): Promise<void>;
  listAudit(subject: string): Promise<AuditEvent[]>;
  putSet(set: SetRecord): Promise<void>;
  getSet(setId: string): Promise<SetRecord | undefined>;
  /** Newest first. Throws InvalidCursorError for a cursor it did not hand out. */
  listSets(q: { cursor?: string; limit?: number }): Promise<Page<SetRecord>>;
}
