/**
 * A tiny Bloom filter over words. A plain word list of the 60,000 commonest English words costs
 * ~450 KB of bundle; this filter costs ~10 bits a word for a ~0.8 % false-positive rate, which only
 * makes the out-of-dictionary rate a hair optimistic. Written here because the npm Bloom filters
 * carry serialisation formats and dependencies we do not need.
 */
function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export class Bloom {
  constructor(
    readonly bits: Uint8Array,
    readonly k: number,
  ) {}
  get m(): number {
    return this.bits.length * 8;
  }
  static create(n: number, bitsPerItem: number, k: number): Bloom {
    return new Bloom(new Uint8Array(Math.ceil((n * bitsPerItem) / 8)), k);
  }
  // Kirsch–Mitzenmacher double hashing: k positions from two hashes (a plain loop: this is hot).
  add(word: string): void {
    const h1 = fnv1a(word, 0);
    const h2 = fnv1a(word, 0x9e3779b9) | 1;
    const m = this.m;
    for (let i = 0; i < this.k; i++) {
      const p = ((h1 + Math.imul(i, h2)) >>> 0) % m;
      this.bits[p >>> 3]! |= 1 << (p & 7);
    }
  }
  has(word: string): boolean {
    const h1 = fnv1a(word, 0);
    const h2 = fnv1a(word, 0x9e3779b9) | 1;
    const m = this.m;
    for (let i = 0; i < this.k; i++) {
      const p = ((h1 + Math.imul(i, h2)) >>> 0) % m;
      if ((this.bits[p >>> 3]! & (1 << (p & 7))) === 0) return false;
    }
    return true;
  }
}
