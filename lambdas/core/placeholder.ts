/**
 * Redaction placeholders: `⟦EMAIL_1⟧`, `⟦SECRET_3⟧`… The mathematical white brackets (U+27E6/U+27E7)
 * do not occur in ordinary transcripts, so a placeholder cannot be confused with original text;
 * the redaction operator neutralises any such brackets already present in the input.
 */
export const PLACEHOLDER_OPEN = "\u27E6";
export const PLACEHOLDER_CLOSE = "\u27E7";

/** Matches one placeholder; group 1 is the category, group 2 the number. */
export const PLACEHOLDER_RE = /\u27E6([A-Z][A-Z0-9_]*?)_(\d+)\u27E7/g;

export function placeholder(category: string, n: number): string {
  return `${PLACEHOLDER_OPEN}${category.toUpperCase()}_${n}${PLACEHOLDER_CLOSE}`;
}
