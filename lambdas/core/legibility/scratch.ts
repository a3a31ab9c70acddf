/**
 * Grow-only scratch arrays. A window's analysis lives only until the next window is analysed
 * (`scorePart` computes every signal of a window before moving on), so its per-token and
 * per-sentence arrays are reused instead of allocated per window: typed arrays of more than a few
 * dozen bytes get their own off-heap backing store, which costs more than filling them.
 */
export class I32 {
  a = new Int32Array(1024);
  /** An array of at least n elements (contents unspecified). */
  get(n: number): Int32Array {
    if (this.a.length < n) this.a = new Int32Array(Math.max(n, this.a.length * 2));
    return this.a;
  }
}

export class U8 {
  a = new Uint8Array(1024);
  get(n: number): Uint8Array {
    if (this.a.length < n) this.a = new Uint8Array(Math.max(n, this.a.length * 2));
    return this.a;
  }
}

export class F64 {
  a = new Float64Array(1024);
  get(n: number): Float64Array {
    if (this.a.length < n) this.a = new Float64Array(Math.max(n, this.a.length * 2));
    return this.a;
  }
}
