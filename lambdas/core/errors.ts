/**
 * Typed errors with a stable machine-readable `code`. Messages name the file, line and field —
 * never the content of a transcript.
 */
export type RejectionCode =
  | "invalid_json"
  | "invalid_utf8"
  | "unknown_format"
  | "too_large"
  | "too_deep"
  | "too_many_messages"
  | "too_many_transcripts"
  | "schema"
  | "zip_bomb"
  | "invalid_zip"
  | "empty";

export class CotshareError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An input (a file, a JSONL line, a zip entry) that cannot become a transcript. */
export class RejectionError extends CotshareError {
  declare readonly code: RejectionCode;
  readonly source: string;
  readonly line?: number;
  readonly field?: string;
  /** What is wrong, without the place (the message is the place, then this). */
  readonly detail: string;
  constructor(code: RejectionCode, opts: { source: string; line?: number; field?: string; detail: string }) {
    const where = [
      opts.source,
      opts.line !== undefined ? `line ${opts.line}` : undefined,
      opts.field ? `field ${opts.field}` : undefined,
    ]
      .filter(Boolean)
      .join(", ");
    super(code, `${where}: ${opts.detail}`);
    this.source = opts.source;
    this.line = opts.line;
    this.field = opts.field;
    this.detail = opts.detail;
  }
}

/** The record of a rejection, as written to `rejected.jsonl` and the metadata table. */
export interface Rejection {
  source: string;
  line?: number;
  code: RejectionCode;
  message: string;
}

export function toRejection(e: RejectionError): Rejection {
  return {
    source: e.source,
    ...(e.line !== undefined ? { line: e.line } : {}),
    code: e.code,
    message: e.message,
  };
}
