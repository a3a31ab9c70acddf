/**
 * Zip archives (Inspect `.eval` logs), read with every limit checked before inflating.
 *
 * Written here rather than with fflate's `unzipSync` because that reads deflate and stored
 * entries only (Inspect may write zstd, method 93) and inflates in one go. This reader takes
 * the entry count, sizes and methods from the central directory, rejects a bomb (too many
 * entries, too many expanded bytes, too high a ratio) before inflating anything, then inflates
 * one entry at a time in small chunks (fflate for deflate, fzstd for zstd) and stops as soon as
 * the output exceeds the size the directory declared — a lying header cannot smuggle a bomb in.
 */
import { Inflate } from "fflate";
import { Decompress } from "fzstd";
import { ZIP_RATIO_FLOOR, type Limits } from "./limits";

export const ZIP_STORED = 0;
export const ZIP_DEFLATE = 8;
export const ZIP_ZSTD = 93;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  headerOffset: number;
}

export class ZipError extends Error {
  constructor(
    readonly code: "zip_bomb" | "invalid_zip" | "too_large",
    detail: string,
  ) {
    super(detail);
  }
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) =>
  (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

const nameDecoder = new TextDecoder("utf-8", { fatal: false });

/** Lists entries from the central directory and checks the archive-wide limits. */
export function listZip(bytes: Uint8Array, limits: Limits): ZipEntry[] {
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("invalid_zip", "no end of central directory record");
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new ZipError("invalid_zip", "zip64 archives are not supported");
  }
  if (count > limits.maxZipEntries) {
    throw new ZipError("zip_bomb", `${count} entries, more than the limit of ${limits.maxZipEntries}`);
  }
  if (cdOffset + cdSize > eocd) throw new ZipError("invalid_zip", "central directory out of bounds");
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || u32(bytes, p) !== 0x02014b50)
      throw new ZipError("invalid_zip", `bad central directory entry ${n + 1}`);
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const headerOffset = u32(bytes, p + 42);
    if (p + 46 + nameLen > eocd) throw new ZipError("invalid_zip", `bad central directory entry ${n + 1}`);
    const name = nameDecoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    const which = entryLabel(n + 1, name);
    if (flags & 1) throw new ZipError("invalid_zip", `${which} is encrypted`);
    if (size === 0xffffffff || compressedSize === 0xffffffff)
      throw new ZipError("invalid_zip", "zip64 entries are not supported");
    if (headerOffset + 30 + compressedSize > bytes.length)
      throw new ZipError("invalid_zip", `${which} out of bounds`);
    total += size;
    if (total > limits.maxZipExpandedBytes) {
      throw new ZipError(
        "zip_bomb",
        `entries expand to more than the limit of ${limits.maxZipExpandedBytes} bytes`,
      );
    }
    if (size > ZIP_RATIO_FLOOR && size > limits.maxZipRatio * Math.max(compressedSize, 1)) {
      throw new ZipError(
        "zip_bomb",
        `${which} expands ${Math.round(size / Math.max(compressedSize, 1))}x, more than the limit of ${limits.maxZipRatio}x`,
      );
    }
    entries.push({ name, method, compressedSize, size, headerOffset });
  }
  return entries;
}

/**
 * An entry as errors name it: its number (from 1, in the central directory's order) and its name (the lab's own file name inside its archive),
 * quoted and cut to 120 characters, so a hostile name cannot break or flood the message.
 */
function entryLabel(n: number, name: string): string {
  const cut = name.length > 120 ? `${name.slice(0, 120)}…` : name;
  return `entry ${n} (${JSON.stringify(cut)})`;
}

const CHUNK = 16 * 1024;

/** Inflates one entry, never producing more than its declared size. */
export function extractEntry(bytes: Uint8Array, e: ZipEntry, limits: Limits): Uint8Array {
  if (e.size > limits.maxBytes)
    throw new ZipError("too_large", `entry of ${e.size} bytes, more than the limit of ${limits.maxBytes}`);
  const h = e.headerOffset;
  if (h + 30 > bytes.length || u32(bytes, h) !== 0x04034b50)
    throw new ZipError("invalid_zip", "bad local header");
  const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
  if (start + e.compressedSize > bytes.length) throw new ZipError("invalid_zip", "entry data out of bounds");
  const data = bytes.subarray(start, start + e.compressedSize);
  if (e.method === ZIP_STORED) {
    if (e.compressedSize !== e.size) throw new ZipError("invalid_zip", "stored entry sizes differ");
    return data;
  }
  const out = new Uint8Array(e.size);
  let written = 0;
  let done = false;
  const sink = (chunk: Uint8Array, final?: boolean) => {
    if (written + chunk.length > e.size)
      throw new ZipError("zip_bomb", "entry expands beyond its declared size");
    out.set(chunk, written);
    written += chunk.length;
    if (final) done = true;
  };
  let stream: { push(c: Uint8Array, final?: boolean): unknown };
  if (e.method === ZIP_DEFLATE) stream = new Inflate(sink);
  else if (e.method === ZIP_ZSTD) stream = new Decompress(sink);
  else throw new ZipError("invalid_zip", `compression method ${e.method} is not supported`);
  try {
    for (let i = 0; i < data.length; i += CHUNK) {
      const end = Math.min(i + CHUNK, data.length);
      stream.push(data.subarray(i, end), end === data.length);
    }
    if (data.length === 0) stream.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError("invalid_zip", "corrupt compressed data");
  }
  if (!done && written !== e.size) throw new ZipError("invalid_zip", "truncated compressed data");
  if (written !== e.size) throw new ZipError("invalid_zip", "entry size differs from its declared size");
  return out;
}
