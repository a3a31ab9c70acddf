/**
 * Per-word facts every English signal needs (dictionary membership, glued-ness, class, function
 * word, syllables), memoised: reasoning reuses a small vocabulary, so a cache turns most Bloom
 * lookups into one Map hit. The cache is bounded and only ever holds pure functions of the word,
 * so scores do not depend on what was scored before.
 */
import { FUNCTION_SET, wordClass } from "./classes";
import { dictionary } from "./dictionary";

export interface WordInfo {
  known: boolean;
  glued: boolean;
  cls: number;
  fn: boolean;
  syllables: number;
}

const cache = new Map<string, WordInfo>();
const MAX = 200_000;

function isGlued(w: string, isWord: (s: string) => boolean): boolean {
  if (w.length < 7) return false;
  for (let i = 3; i <= w.length - 3; i++) if (isWord(w.slice(0, i)) && isWord(w.slice(i))) return true;
  return false;
}

function syllables(w: string): number {
  let n = 0;
  let inV = false;
  const end = w.endsWith("e") ? w.length - 1 : w.length;
  for (let i = 0; i < end; i++) {
    const c = w.charCodeAt(i);
    const v = c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
    if (v && !inV) n++;
    inV = v;
  }
  return Math.max(1, n);
}

/** Facts about a lower-cased Latin word. */
export function wordInfo(w: string): WordInfo {
  let info = cache.get(w);
  if (info) return info;
  const d = dictionary();
  const known = d.isWord(w);
  info = {
    known,
    glued: !known && isGlued(w, d.isWord),
    cls: wordClass(w, d),
    fn: FUNCTION_SET.has(w),
    syllables: syllables(w),
  };
  if (cache.size >= MAX) cache.clear();
  cache.set(w, info);
  return info;
}
