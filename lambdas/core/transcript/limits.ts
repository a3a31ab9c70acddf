/**
 * Hostile-input limits. Every limit is checked before the work it guards: a file's size before it
 * is decoded, a JSON text's nesting depth before it is parsed, a zip entry's declared size and
 * expansion ratio before it is inflated, a message array's length before it is mapped.
 */
export interface Limits {
  /** Largest input object (a whole file or a zip archive), in bytes. Default 50 MiB. */
  maxBytes: number;
  /** Largest single JSONL line, in UTF-8 bytes. Default 16 MiB. */
  maxLineBytes: number;
  /** Deepest JSON nesting of objects and arrays. Default 64. */
  maxDepth: number;
  /** Most messages in one transcript. Default 10,000. */
  maxMessages: number;
  /** Most transcripts read from one file (JSONL lines, array items, eval samples). Default 10,000. */
  maxTranscriptsPerFile: number;
  /** Most entries in a zip archive's central directory. Default 10,000. */
  maxZipEntries: number;
  /** Most bytes all entries of a zip archive may expand to, in total. Default 256 MiB. */
  maxZipExpandedBytes: number;
  /**
   * Highest expansion ratio (uncompressed / compressed) of one zip entry that expands to more
   * than {@link ZIP_RATIO_FLOOR} bytes. Default 200 (JSON deflates 5–30×; bombs reach 1000×+).
   */
  maxZipRatio: number;
}

/** Entries smaller than this are not ratio-checked: a tiny entry cannot be a bomb. */
export const ZIP_RATIO_FLOOR = 1024 * 1024;

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxLineBytes: 16 * 1024 * 1024,
  maxDepth: 64,
  maxMessages: 10_000,
  maxTranscriptsPerFile: 10_000,
  maxZipEntries: 10_000,
  maxZipExpandedBytes: 256 * 1024 * 1024,
  maxZipRatio: 200,
});

/** Fills unset limits with the defaults (an explicitly undefined field also takes the default). */
export function resolveLimits(partial?: Partial<Limits>): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  if (partial) {
    for (const k of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
      const v = partial[k];
      if (typeof v === "number" && !Number.isNaN(v)) out[k] = v;
    }
  }
  return out;
}
