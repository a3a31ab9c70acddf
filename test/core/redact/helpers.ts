import { detect } from "../../../lambdas/core/redact/index";

/** The redacted substrings of `text`, as `CATEGORY:value` (test helper). */
export function found(text: string, opts?: Parameters<typeof detect>[1]): string[] {
  return detect(text, opts).map((s) => `${s.category}:${text.slice(s.start, s.end)}`);
}

export function categories(text: string): string[] {
  return detect(text).map((s) => s.category);
}

/** Whether every character of `value` (first occurrence) lies inside a detected span. */
export function covers(text: string, value: string): boolean {
  const at = text.indexOf(value);
  if (at < 0) throw new Error("value not in text");
  const spans = detect(text);
  for (let i = at; i < at + value.length; i++)
    if (!spans.some((s) => s.start <= i && i < s.end)) return false;
  return true;
}

/** A fixed pseudo-random sequence in [0, 1) per seed (fuzz tests that must repeat exactly). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

/** `w` with each letter's case drawn from `r`. */
export function mixCase(w: string, r: () => number): string {
  return [...w].map((c) => (r() < 0.5 ? c.toLowerCase() : c.toUpperCase())).join("");
}
