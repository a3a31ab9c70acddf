/** A slow disk for the local runtime's tests: s3rver's object files written late. */
import { createRequire } from "node:module";

// The same `fs` object s3rver's file streams write through.
const fs = createRequire(import.meta.url)("node:fs") as typeof import("node:fs");

/**
 * Runs `work` with the writes of objects' bytes (s3rver's `<key>._S3rver_object` files, through
 * file streams) delayed by `ms`, as on a loaded machine's disk; other files are written at once.
 */
export async function slowObjectWrites<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const { write, writev } = fs;
  const pathOf = (fd: unknown) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${String(fd)}`); // Linux; elsewhere nothing is slowed
    } catch {
      return "";
    }
  };
  const later =
    (f: (...x: unknown[]) => void) =>
    (...a: unknown[]) =>
      /\._S3rver_object($|\.[0-9a-f]+\.tmp$)/.test(pathOf(a[0]))
        ? void setTimeout(() => f(...a), ms)
        : f(...a);
  fs.write = later(write as (...x: unknown[]) => void) as typeof fs.write;
  fs.writev = later(writev as (...x: unknown[]) => void) as typeof fs.writev;
  try {
    return await work();
  } finally {
    Object.assign(fs, { write, writev });
  }
}
