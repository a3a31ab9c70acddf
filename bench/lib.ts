/**
 * Helpers shared by the benchmarks (not tests): where the shared data is, CPU-time and wall-time
 * clocks, percentiles, and the one-JSON-line protocol between `bench/index.ts` and its sections.
 *
 * The machine the benchmarks run on may be shared: CPU time of this process (user + system, from
 * `process.cpuUsage()`) is the figure that does not depend on what the neighbours do, so every
 * throughput is given in CPU time first and wall time second.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// The pinned AWS SDK runs on Node 20; its notice about future versions needing Node 22 is noise
// in the benchmarks' output (as in bin/cotshare.js and the tests).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export const REPO_ROOT = resolve(import.meta.dirname, "..");
/** `../shared/benchmarks/` relative to the repository root. */
export const SHARED = resolve(REPO_ROOT, "..", "shared", "benchmarks");
export const COT_DIR = join(SHARED, "cot");

export const argv = process.argv.slice(2);
export const JSON_OUT = argv.includes("--json");
export const QUICK = argv.includes("--quick");

/** The value after `--name` on the command line, as a number. */
export function numArg(name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export function sharedPresent(): boolean {
  return existsSync(COT_DIR);
}

export function absentNote(what: string): string {
  return `${what}: ../shared/benchmarks/cot is absent — the shared benchmark data is not on this machine; nothing measured.`;
}

export interface Timing {
  cpuMs: number;
  wallMs: number;
}

/** Runs `f` and measures the CPU time of this process and the wall time it took. */
/**
 * A full garbage collection, before each tool of a comparison is timed: the tools allocate
 * heavily, and a collection owed by what ran before (the pipeline stages' 50 MB) fell on whichever
 * tool came next — redact-pii read 3.4 MB/s after them and 7.0 on a collected heap.
 */
export function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

export function timeSync<T>(f: () => T): { value: T } & Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, cpuMs: (c.user + c.system) / 1000, wallMs };
}

export async function timeAsync<T>(f: () => Promise<T>): Promise<{ value: T } & Timing> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, cpuMs: (c.user + c.system) / 1000, wallMs };
}

export const mbps = (bytes: number, ms: number): number => (ms > 0 ? bytes / 1e6 / (ms / 1000) : NaN);

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}
export const median = (xs: readonly number[]): number => percentile(xs, 0.5);

/** Peak resident set size of this process so far, in MB (`getrusage` maxrss). */
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

/** A section's result: printed as the last line of stdout with `--json`. */
export function emit(result: unknown): void {
  if (JSON_OUT) process.stdout.write(JSON.stringify(result) + "\n");
}

export const fmt = (x: number | undefined, digits = 1): string =>
  x === undefined || !Number.isFinite(x) ? "n/a" : x.toFixed(digits);

/**
 * secretlint as a library (`lintSource` with the recommended preset), for the side-by-side
 * timings. secretlint's core marks every lint in `perf_hooks` for its own profiler, whose observer
 * keeps every mark and searches them all for each new one: over a few thousand calls that
 * quadratic bookkeeping ran in the timed loop and, after it, kept the process busy for many
 * minutes. The profiler's `mark` is switched off here, so the figure is the linter's own speed.
 */
export async function secretlintLinter(): Promise<(text: string) => Promise<unknown>> {
  const { secretLintProfiler } = await import("@secretlint/profiler");
  secretLintProfiler.mark = () => {};
  const { lintSource } = await import("@secretlint/core");
  const { creator } = await import("@secretlint/secretlint-rule-preset-recommend");
  const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: creator }] };
  return (text) =>
    lintSource({
      source: { filePath: "cot.txt", content: text, ext: ".txt", contentType: "text" },
      options: { config: config as never },
    });
}
