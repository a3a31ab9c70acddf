/** Order statistics for small samples. Pure and deterministic. */

/**
 * The p-quantile (0 ≤ p ≤ 1) of values already sorted ascending, by linear interpolation between
 * closest ranks (Hyndman & Fan type 7: R's and NumPy's default). NaN for an empty sample.
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (n === 1) return sorted[0]!;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Ascending numeric order (`Array.prototype.sort` compares as strings by default). */
export function sortNumbers(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Rounds to `digits` decimals, and turns -0 into 0 so JSON output is stable. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
}
