import { vi } from "vitest";

/**
 * The reads of a character outside its string (`charCodeAt` / `codePointAt` before the start or
 * past the end) made while `run` runs (test helper). Such a read gives NaN or undefined, which the
 * scanners' tests reject, but in optimised code it deoptimises the scanner, and V8 then calls
 * charCodeAt out of line at that place for every later text.
 */
export function readsOutside(run: () => unknown): string[] {
  const outside: string[] = [];
  const charCodeAt = String.prototype.charCodeAt;
  const codePointAt = String.prototype.codePointAt;
  vi.spyOn(String.prototype, "charCodeAt").mockImplementation(function (this: string, i: number) {
    if (!(i >= 0 && i < this.length)) outside.push(`charCodeAt(${i}) of ${this.length}`);
    return charCodeAt.call(this, i);
  });
  vi.spyOn(String.prototype, "codePointAt").mockImplementation(function (this: string, i: number) {
    if (!(i >= 0 && i < this.length)) outside.push(`codePointAt(${i}) of ${this.length}`);
    return codePointAt.call(this, i);
  });
  try {
    run();
  } finally {
    vi.restoreAllMocks();
  }
  return outside;
}

/** `count` texts of up to `maxPieces - 1` pieces each, drawn with `rnd` (edge texts for readsOutside). */
export function piecesTexts(
  pieces: readonly string[],
  count: number,
  maxPieces: number,
  rnd: () => number,
): string[] {
  const texts: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = "";
    for (let j = Math.floor(rnd() * maxPieces); j > 0; j--) s += pieces[Math.floor(rnd() * pieces.length)];
    texts.push(s);
  }
  return texts;
}
