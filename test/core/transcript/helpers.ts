/** Test helpers: fixture loading and `.eval` zip archives built at test time with fflate. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { strToU8, Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from "fflate";
import type { ReadResult } from "../../../lambdas/core/transcript/read";

export const FIXTURES = fileURLToPath(new URL("../../fixtures/formats/", import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const json = (v: unknown): Uint8Array => enc(JSON.stringify(v));

/** Every item's transcript, failing loudly when a rejection was not expected. */
export function ok(r: ReadResult) {
  if (r.rejections.length) throw new Error("unexpected rejections: " + JSON.stringify(r.rejections));
  return r.items.map((i) => i.transcript);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface EntrySpec {
  name: string;
  data: Uint8Array;
  /** "deflate" (default), "stored", or "zstd" with `zstdFrame` holding the already compressed bytes. */
  method?: "deflate" | "stored" | "zstd";
  zstdFrame?: Uint8Array;
}

/** Builds a zip archive with fflate's streaming `Zip`; a zstd entry (method 93) is passed through pre-compressed. */
export function buildZip(entries: EntrySpec[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let done = false;
  const zip = new Zip((err, chunk, final) => {
    if (err) throw err;
    chunks.push(chunk);
    if (final) done = true;
  });
  for (const e of entries) {
    if (e.method === "zstd") {
      const file: ZipInputFile = {
        filename: e.name,
        size: e.data.length,
        crc: crc32(e.data),
        compression: 93,
      };
      zip.add(file);
      file.ondata!(null, new Uint8Array(e.zstdFrame!), true);
    } else {
      const file = e.method === "stored" ? new ZipPassThrough(e.name) : new ZipDeflate(e.name, { level: 6 });
      zip.add(file);
      file.push(e.data, true);
    }
  }
  zip.end();
  if (!done) throw new Error("zip not finished");
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export { strToU8 };
