/**
 * MinHash signatures over word shingles, and LSH banding to find near-duplicate pairs without
 * comparing every pair. Pure and deterministic (no random seeds: the hash family is fixed).
 */

/** Lower-cased NFKC words (letters and digits); punctuation and spacing do not matter. */
export function words(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The set of `k`-word shingles of a text; a text shorter than `k` words is one shingle. */
export function shingles(text: string, k: number): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  if (w.length === 0) return out;
  if (w.length <= k) {
    out.add(w.join(" "));
    return out;
  }
  for (let i = 0; i + k <= w.length; i++) out.add(w.slice(i, i + k).join(" "));
  return out;
}

/** 32-bit FNV-1a over UTF-16 code units, with an offset basis so two independent hashes exist. */
function fnv1a(s: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: spreads the bits of a 32-bit value. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The MinHash signature (`n` values) of a shingle set, using double hashing
 * h_i(x) = fmix32(h1(x) + i·h2(x)). Undefined for an empty set: nothing to compare.
 */
export function minhash(set: Set<string>, n: number): Uint32Array | undefined {
  if (set.size === 0) return undefined;
  const sig = new Uint32Array(n).fill(0xffffffff);
  for (const s of set) {
    const h1 = fnv1a(s, 0x811c9dc5);
    const h2 = fnv1a(s, 0x01234567) | 1;
    for (let i = 0; i < n; i++) {
      const v = fmix32((h1 + Math.imul(i, h2)) >>> 0);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity: the share of equal signature positions. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return eq / a.length;
}

/** LSH band keys of a signature: pairs sharing any key are candidate duplicates. */
export function bandKeys(sig: Uint32Array, bands: number): string[] {
  const rows = sig.length / bands;
  const keys: string[] = [];
  for (let b = 0; b < bands; b++)
    keys.push(`${b}:${Array.from(sig.subarray(b * rows, (b + 1) * rows)).join(",")}`);
  return keys;
}
