/**
 * The review's tunable thresholds, with their defaults. Every default errs towards asking a human:
 * a false alarm costs a reviewer a minute, a leak cannot be taken back.
 */
export interface ReviewThresholds {
  /** Shortest token the entropy scan considers secret-shaped. Default 20 characters. */
  secretMinLength: number;
  /** Shortest `-`/`_`-separated segment of a longer token scanned on its own. Default 16. */
  secretMinSegmentLength: number;
  /** Minimum Shannon entropy of a secret-shaped token, bits per character. Default 3.0. */
  secretMinEntropy: number;
  /**
   * Maximum mean length of the token's letter/digit "pieces" (camelCase words, digit runs).
   * Random strings switch class every ~2 characters; identifiers and words every 4 or more.
   * Default 3.2.
   */
  secretMaxMeanPiece: number;
  /** Placeholders per word of message text above which a human looks. Default 0.1. */
  maxRedactionDensity: number;
  /** Legibility points (0–100) lost from raw to redacted above which a human looks. Default 10. */
  maxLegibilityDrop: number;
  /** Largest edit distance at which a deny term is still "near" (scaled down for short terms). Default 2. */
  denyTermMaxDistance: number;
  /** Values shorter than this are not checked for survival (too many innocent matches). Default 3. */
  survivalMinLength: number;
  /** Values checked with separators removed only from this length on. Default 8. */
  survivalCompactMinLength: number;
  /** At most this many reasons are listed (the verdict still counts them all). Default 50. */
  maxReasons: number;
}

export const DEFAULT_THRESHOLDS: Readonly<ReviewThresholds> = Object.freeze({
  secretMinLength: 20,
  secretMinSegmentLength: 16,
  secretMinEntropy: 3.0,
  secretMaxMeanPiece: 3.2,
  maxRedactionDensity: 0.1,
  maxLegibilityDrop: 10,
  denyTermMaxDistance: 2,
  survivalMinLength: 3,
  survivalCompactMinLength: 8,
  maxReasons: 50,
});

export function resolveThresholds(t?: Partial<ReviewThresholds>): ReviewThresholds {
  const out: ReviewThresholds = { ...DEFAULT_THRESHOLDS };
  if (t) {
    for (const [k, v] of Object.entries(t) as [keyof ReviewThresholds, number | undefined][]) {
      if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
    }
  }
  return out;
}
