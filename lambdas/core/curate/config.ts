/**
 * Curation settings and their defaults. Every default lives here so the manifest can record the
 * exact policy a set was selected with.
 */
import * as z from "zod";

export const CurationConfig = z
  .object({
    /** At most this many transcripts per set. Default 50. */
    maxSize: z.number().int().min(1).max(10_000).default(50),
    /** At most this many per lab. Default 20, so one lab cannot fill a set. */
    maxPerLab: z.number().int().min(1).default(20),
    /** At most this many per model id. Default 10. */
    maxPerModel: z.number().int().min(1).default(10),
    /**
     * Legibility band edges (0–100, ascending). Default [0, 25, 50, 75, 100]: four bands, picked
     * round-robin so a set shows the whole range and not only the most legible transcripts.
     */
    bands: z
      .array(z.number().min(0).max(100))
      .min(2)
      .default([0, 25, 50, 75, 100])
      .refine((b) => b.every((v, i) => i === 0 || v > b[i - 1]!), { message: "band edges must ascend" }),
    /** Near-duplicate removal over the reasoning text (MinHash + LSH). */
    dedupe: z
      .object({
        /** Estimated Jaccard similarity at or above which two transcripts are duplicates. Default 0.8. */
        threshold: z.number().gt(0).max(1).default(0.8),
        /** Word shingle length. Default 3. */
        shingle: z.number().int().min(1).max(10).default(3),
        /** MinHash signature length. Default 64; must be a multiple of `lshBands`. */
        hashes: z.number().int().min(8).max(512).default(64),
        /** LSH bands (rows per band = hashes / lshBands). Default 16. */
        lshBands: z.number().int().min(1).default(16),
      })
      .strict()
      .prefault({})
      .refine((d) => d.hashes % d.lshBands === 0, { message: "hashes must be a multiple of lshBands" }),
    /** Seed of the deterministic shuffle (sha256(seed + id)) that orders candidates. Default "cotshare". */
    seed: z.string().max(64).default("cotshare"),
    /** Keep members of the previous set first, so versions stay stable. Default true. */
    preferIncumbents: z.boolean().default(true),
    /** Consent when neither the transcript nor the lab says anything. Default false (opt-in). */
    defaultConsent: z.boolean().default(false),
  })
  .strict();

export type CurationConfig = z.infer<typeof CurationConfig>;
export type CurationConfigInput = z.input<typeof CurationConfig>;

export const DEFAULT_CURATION: CurationConfig = CurationConfig.parse({});

/** Validates a partial config and fills defaults. Throws a ZodError on invalid settings. */
export function curationConfig(input: CurationConfigInput = {}): CurationConfig {
  return CurationConfig.parse(input);
}
