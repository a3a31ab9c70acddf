/**
 * The English dictionary, decoded lazily on first use (cold start pays nothing until a transcript is
 * scored): the 2,000 commonest content words as a set, then Bloom filters for ranks 2,001–10,000 and
 * for the 60,000 commonest words (see data/lexicon.ts and bench/legibility-data.ts).
 */
import { Bloom } from "./bloom";
import type { Bands } from "./classes";
import { FUNCTION_SET, N_CLASSES } from "./classes";
import { brotliDecompressSync } from "node:zlib";
import { unpack91 } from "../pack";
import { KNOWN_BLOOM, TOP10K_BLOOM, TOP2K_BROTLI, TRANSITIONS_BROTLI } from "./data/lexicon";

export interface Dictionary extends Bands {
  /** Known as written, or after stripping a common English suffix. */
  isWord(w: string): boolean;
  /**
   * The class transition model over classes renumbered by `pos` (class → its place when classes are
   * ordered by how likely they are to follow any class, likeliest first): -log2 P(b | a) is
   * `bits[codes[pos[a] * N_CLASSES + pos[b]]]`. One byte per transition, and the common transitions
   * together in one corner of the table, keep the lines it reads few and in cache.
   */
  transitions: { codes: Uint8Array; bits: Float32Array; pos: Uint16Array };
}

let cached: Dictionary | undefined;

const SUFFIXES = ["'s", "’s", "s", "es", "ed", "d", "ing", "ly", "er", "est", "ness", "ment"];

export function dictionary(): Dictionary {
  if (cached) return cached;
  const top2k = new Set(new TextDecoder().decode(brotliDecompressSync(unpack91(TOP2K_BROTLI))).split(" "));
  const top10k = new Bloom(unpack91(TOP10K_BLOOM.bits), TOP10K_BLOOM.k);
  const known = new Bloom(unpack91(KNOWN_BLOOM.bits), KNOWN_BLOOM.k);
  // Stored compressed (78 KB of base64 → 21 KB packed: the Lambda bundles carry it).
  const raw = new Uint8Array(brotliDecompressSync(unpack91(TRANSITIONS_BROTLI)));
  const NC = N_CLASSES;
  const prob = Float64Array.from({ length: 256 }, (_, q) => 2 ** (-q / 10));
  const weight = new Float64Array(NC);
  for (let a = 0; a < NC; a++) for (let b = 0; b < NC; b++) weight[b] = weight[b]! + prob[raw[a * NC + b]!]!;
  const order = Array.from({ length: NC }, (_, c) => c).sort((x, y) => weight[y]! - weight[x]! || x - y);
  const pos = new Uint16Array(NC);
  order.forEach((c, i) => (pos[c] = i));
  const codes = new Uint8Array(NC * NC);
  for (let a = 0; a < NC; a++) for (let b = 0; b < NC; b++) codes[pos[a]! * NC + pos[b]!] = raw[a * NC + b]!;
  const bits = new Float32Array(256);
  for (let q = 0; q < 256; q++) bits[q] = q / 10;
  const has = (w: string) => FUNCTION_SET.has(w) || top2k.has(w) || known.has(w);
  cached = {
    top2k: (w) => top2k.has(w),
    top10k: (w) => top10k.has(w),
    known: (w) => known.has(w),
    isWord(w) {
      if (has(w)) return true;
      for (const suf of SUFFIXES) {
        if (w.length > suf.length + 2 && w.endsWith(suf) && has(w.slice(0, -suf.length))) return true;
      }
      return false;
    },
    transitions: { codes, bits, pos },
  };
  return cached;
}
