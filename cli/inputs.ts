/**
 * Input files for every command: walks the given files and folders (folders recursively, in a
 * deterministic sorted order), checks each file's size before reading it, and yields its bytes
 * or a `too_large` rejection. Every path must exist before anything is yielded (a missing path
 * is a usage error, exit 1).
 *
 * Inside folders: dot folders, dot files and `node_modules` are skipped, symbolic links are not
 * followed, and only transcript files are read (`.json`, `.jsonl`, `.ndjson`, `.eval`). A file
 * named on the command line is always read, whatever its name.
 */
import { lstat, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { RejectionError, toRejection, type Rejection } from "../lambdas/core/errors";
import { DEFAULT_LIMITS } from "../lambdas/core/transcript/limits";
import { UsageError } from "./exit";

export const INPUT_EXTENSIONS = [".json", ".jsonl", ".ndjson", ".eval"] as const;

export type InputEvent = { source: string; bytes: Uint8Array } | { source: string; rejection: Rejection };

export interface WalkOptions {
  /** Largest file read, in bytes (default: the readers' `maxBytes`, 50 MiB). */
  maxBytes?: number;
}

function isInputName(name: string): boolean {
  const lower = name.toLowerCase();
  return INPUT_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** Code-point order, not locale order: the same on every machine. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function* walkDir(dir: string): AsyncGenerator<string> {
  const names = (await readdir(dir)).sort(byName);
  for (const name of names) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const path = join(dir, name);
    const st = await lstat(path);
    if (st.isDirectory()) yield* walkDir(path);
    else if (st.isFile() && isInputName(name)) yield path;
  }
}

/** Lists the files the paths name, in order; throws UsageError for a path that does not exist. */
export async function listInputs(paths: string[]): Promise<string[]> {
  const kinds: { path: string; dir: boolean }[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new UsageError(`no such file or folder: ${p}`);
    }
    if (!st.isDirectory() && !st.isFile()) throw new UsageError(`not a file or folder: ${p}`);
    kinds.push({ path: p, dir: st.isDirectory() });
  }
  const files: string[] = [];
  for (const k of kinds) {
    if (k.dir) for await (const f of walkDir(k.path)) files.push(f);
    else files.push(k.path);
  }
  return files;
}

/** Yields each input file's bytes, or a `too_large` rejection without reading the file. */
export async function* walkInputs(paths: string[], opts: WalkOptions = {}): AsyncGenerator<InputEvent> {
  const maxBytes = opts.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  for (const source of await listInputs(paths)) {
    const size = (await stat(source)).size;
    const tooLarge = (n: number) =>
      toRejection(
        new RejectionError("too_large", { source, detail: `${n} bytes, more than the limit of ${maxBytes}` }),
      );
    if (size > maxBytes) {
      yield { source, rejection: tooLarge(size) };
      continue;
    }
    const bytes = new Uint8Array(await readFile(source));
    // The file may have grown since it was measured.
    if (bytes.length > maxBytes) yield { source, rejection: tooLarge(bytes.length) };
    else yield { source, bytes };
  }
}
