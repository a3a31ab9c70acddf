/**
 * Word classes for the transition model: every English function word is its own class; numbers,
 * sentence ends and commas are classes; content words fall into frequency bands. Shared by the
 * runtime and by the generator of the compact data (bench/legibility-data.ts), so both agree.
 */
import { EN_FUNCTION_WORDS } from "./functionwords";

export const FUNCTION_SET: ReadonlySet<string> = new Set(EN_FUNCTION_WORDS);
const FUNCTION_INDEX = new Map(EN_FUNCTION_WORDS.map((w, i) => [w, i] as const));

export const C_BOS = EN_FUNCTION_WORDS.length;
export const C_NUM = C_BOS + 1;
export const C_END = C_BOS + 2; // . ! ?
export const C_COMMA = C_BOS + 3; // , ; :
export const C_TOP2K = C_BOS + 4;
export const C_TOP10K = C_BOS + 5;
export const C_KNOWN = C_BOS + 6;
export const C_OOV = C_BOS + 7;
export const N_CLASSES = C_BOS + 8;

export interface Bands {
  top2k(w: string): boolean;
  top10k(w: string): boolean;
  known(w: string): boolean;
}

/** The class of a lower-cased word (letters and apostrophes only). */
export function wordClass(w: string, bands: Bands): number {
  const f = FUNCTION_INDEX.get(w);
  if (f !== undefined) return f;
  if (bands.top2k(w)) return C_TOP2K;
  if (bands.top10k(w)) return C_TOP10K;
  if (bands.known(w)) return C_KNOWN;
  return C_OOV;
}
