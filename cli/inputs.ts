/**
 * Input files for every command: walks the given files and folders (folders recursively, in a
 * deterministic sorted order), checks each file's size before reading it, and yields its bytes
 * or a `too_large` rejection. Every path must exist before anything is yielded (a missing path
 * is a usage error, exit 1).
 *
 * Inside folders (one rule for every command, `submit` included: {@link skippedInFolder}): dot
 * folders, dot files and `node_modules` are skipped, symbolic links are not followed, the files
 * `process` writes beside the transcripts ({@link PROCESS_OUTPUT_FILES}) are skipped, and only
 * transcript files are read (`.json`, `.jsonl`, `.ndjson`, `.eval`). A file named on the command
 * line is always read, whatever its name. Finding no input file at all is a usage error.
 *
 * A compressed file (gzip, zstd, bzip2, xz, 7z: told by its first bytes, not its name) is one
 * `unknown_format` rejection for the whole file, not one rejection per binary "line".
 */
import { compressedDetail, compressedFormat } from "../lambdas/core/transcript/compressed";
import { createReadStream } from "node:fs";
import { lstat, open, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { RejectionError, toRejection, type Rejection } from "../lambdas/core/errors";
import { DEFAULT_LIMITS } from "../lambdas/core/transcript/limits";
import { UsageError } from "./exit";

export const INPUT_EXTENSIONS = [".json", ".jsonl", ".ndjson", ".eval"] as const;

/**
 * The files `cotshare process` writes into `--out` beside the transcripts (`<id>.json`): not
 * transcripts, so not read when a folder is walked (`compare out/`, `score out/`). Named on the
 * command line, they are still read.
 */
export const PROCESS_OUTPUT_FILES = ["rejected.jsonl"] as const;

/**
 * Why a folder entry is not an input (undefined: it is one). Shared by every command that walks
 * folders, `submit` included, so they all agree on what a folder holds.
 */
export function skippedInFolder(name: string, kind: "file" | "dir" | "other"): string | undefined {
  if (name.startsWith(".")) return "hidden";
  if (kind === "other") return "not a regular file or folder";
  if (kind === "dir") return name === "node_modules" ? "node_modules" : undefined;
  if ((PROCESS_OUTPUT_FILES as readonly string[]).includes(name)) return "written by cotshare process";
  if (!isInputName(name)) return "not a transcript file name";
  return undefined;
}

/** The usage error for paths that hold no input file. */
export function noInputs(paths: string[]): UsageError {
  return new UsageError(
    `no input files found in ${paths.join(", ")} (folders are read for ${INPUT_EXTENSIONS.join(", ")} files; hidden files and ${PROCESS_OUTPUT_FILES.join(", ")} are skipped)`,
  );
}

export type InputEvent = { source: string; bytes: Uint8Array } | { source: string; rejection: Rejection };

export interface WalkOptions {
  /** Largest file read, in bytes (default: the readers' `maxBytes`, 50 MiB). */
  maxBytes?: number;
}

/** A JSON Lines file too big to read whole: to be read line by line with {@link readJsonlLines}. */
export type StreamEvent = { source: string; stream: true; size: number };

export interface StreamingWalkOptions extends WalkOptions {
  /** Largest JSONL line, in bytes (default: the readers' `maxLineBytes`, 16 MiB). */
  maxLineBytes?: number;
}

/** `.jsonl` / `.ndjson`: the names the readers take as JSON Lines without looking. */
export const isJsonlName = (path: string): boolean => /\.(jsonl|ndjson)$/i.test(path);

function isInputName(name: string): boolean {
  const lower = name.toLowerCase();
  return INPUT_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** Code-point order, not locale order: the same on every machine. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The input files under `dir`, recursively, in code-point order (see {@link skippedInFolder}). */
/**
 * A published set's folder (`manifest.json` beside `data.jsonl`) holds each transcript twice
 * (`data.jsonl` and `transcripts/<id>.json`) and its own files beside them; a copy of the public
 * bucket (a `sets/` folder) holds `latest.json` and `log.jsonl` at its root. Read in a folder,
 * such a set is its `data.jsonl`: the rest is not read (a file named on the command line always is).
 */
function publishedFilesIn(names: readonly string[]): ReadonlySet<string> {
  const out = new Set<string>();
  if (names.includes("manifest.json") && names.includes("data.jsonl"))
    for (const n of ["manifest.json", "stats.json", "transcripts"]) out.add(n);
  if (names.includes("sets")) for (const n of ["latest.json", "log.jsonl"]) out.add(n);
  return out;
}

export async function* walkDir(dir: string): AsyncGenerator<string> {
  const names = (await readdir(dir)).sort(byName);
  const published = publishedFilesIn(names);
  for (const name of names) {
    if (name.startsWith(".")) continue;
    if (published.has(name)) continue;
    const path = join(dir, name);
    const st = await lstat(path);
    const kind = st.isDirectory() ? "dir" : st.isFile() ? "file" : "other";
    if (skippedInFolder(name, kind) !== undefined) continue;
    if (kind === "dir") yield* walkDir(path);
    else yield path;
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
  yield* walk(paths, opts, false) as AsyncGenerator<InputEvent>;
}

/**
 * As {@link walkInputs}, but a JSON Lines file bigger than `maxBytes` is not rejected: it is
 * handed over as a {@link StreamEvent}, to be read line by line (each line still bounded by
 * `maxLineBytes`) — never loaded whole.
 */
export async function* walkInputsStreaming(
  paths: string[],
  opts: StreamingWalkOptions = {},
): AsyncGenerator<InputEvent | StreamEvent> {
  yield* walk(paths, opts, true);
}

function compressedRejection(source: string, c: { name: string; hint: string }): Rejection {
  return toRejection(
    new RejectionError("unknown_format", {
      source,
      detail: compressedDetail(c),
    }),
  );
}

async function readHead(path: string, n: number): Promise<Uint8Array> {
  const fh = await open(path, "r");
  try {
    const buf = new Uint8Array(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function* walk(
  paths: string[],
  opts: WalkOptions,
  streamJsonl: boolean,
): AsyncGenerator<InputEvent | StreamEvent> {
  const maxBytes = opts.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  const files = await listInputs(paths);
  if (files.length === 0) throw noInputs(paths);
  for (const source of files) {
    const size = (await stat(source)).size;
    const packed = compressedFormat(await readHead(source, 8));
    if (packed) {
      yield { source, rejection: compressedRejection(source, packed) };
      continue;
    }
    if (streamJsonl && size > maxBytes && isJsonlName(source)) {
      yield { source, stream: true, size };
      continue;
    }
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

/** One line of a streamed JSONL file: its bytes (no line break), or only its length when too long. */
export type JsonlLine = { line: number; bytes: Uint8Array } | { line: number; tooLong: true; length: number };

export interface JsonlStreamStats {
  /** Most bytes held for one line at any time (at most `maxLineBytes` + one chunk). */
  maxBufferedBytes: number;
  lines: number;
}

/**
 * Reads a JSON Lines file in chunks and yields it line by line (1-based numbers, blank lines
 * included so numbers match the file; a trailing `\r` is dropped). A line longer than
 * `maxLineBytes` is never assembled: its bytes are dropped as they arrive and only its length is
 * reported. Memory is bounded by `maxLineBytes` plus one chunk, whatever the file's size.
 */
export async function* readJsonlLines(
  path: string,
  opts: { maxLineBytes?: number; chunkBytes?: number; stats?: JsonlStreamStats } = {},
): AsyncGenerator<JsonlLine> {
  const maxLine = opts.maxLineBytes ?? DEFAULT_LIMITS.maxLineBytes;
  const stats = opts.stats ?? { maxBufferedBytes: 0, lines: 0 };
  let pieces: Uint8Array[] = [];
  let held = 0; // bytes of the current line seen so far (held in `pieces` unless too long)
  let tooLong = false;
  let line = 0;
  const finish = (): JsonlLine => {
    line++;
    stats.lines = line;
    let out: JsonlLine;
    if (tooLong) out = { line, tooLong: true, length: held };
    else {
      let bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, held);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
      out = { line, bytes };
    }
    pieces = [];
    held = 0;
    tooLong = false;
    return out;
  };
  const keep = (chunk: Uint8Array) => {
    held += chunk.length;
    if (tooLong) return;
    // A line with a trailing \r may be one byte over while it is still being read.
    if (held > maxLine + 1) {
      tooLong = true;
      pieces = [];
      return;
    }
    pieces.push(chunk);
    if (held > stats.maxBufferedBytes) stats.maxBufferedBytes = held;
  };
  const stream = createReadStream(path, { highWaterMark: opts.chunkBytes ?? 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      if (nl < 0) {
        if (from < chunk.length) keep(chunk.subarray(from));
        break;
      }
      keep(chunk.subarray(from, nl));
      const out = finish();
      // A line exactly one byte over because of its \r is fine; one still over the limit is not.
      if ("bytes" in out && out.bytes.length > maxLine)
        yield { line: out.line, tooLong: true, length: out.bytes.length };
      else yield out;
      from = nl + 1;
    }
  }
  if (held > 0 || tooLong) {
    const out = finish();
    if ("bytes" in out && out.bytes.length > maxLine)
      yield { line: out.line, tooLong: true, length: out.bytes.length };
    else yield out;
  }
}
