/** Every string of a (candidate) published object, with where it sits. */
import { PLACEHOLDER_RE } from "../placeholder";

export interface PublishedString {
  /** e.g. `messages[2].parts[0].arguments`. */
  path: string;
  text: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Walks any JSON-like value and yields its string leaves (keys are ours, not scanned). */
export function collectStrings(value: unknown, path = "", out: PublishedString[] = []): PublishedString[] {
  if (typeof value === "string") {
    out.push({ path, text: value });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collectStrings(value[i], `${path}[${i}]`, out);
  } else if (value !== null && typeof value === "object") {
    for (const k of Object.keys(value)) {
      const key = IDENTIFIER.test(k) ? k : JSON.stringify(k);
      collectStrings((value as Record<string, unknown>)[k], path ? `${path}.${key}` : key, out);
    }
  }
  return out;
}

/** Replaces every placeholder with a space, so no scan mistakes `EMAIL_1` for content. */
export function stripPlaceholders(s: string): string {
  return s.includes("\u27E6") ? s.replace(new RegExp(PLACEHOLDER_RE.source, "g"), " ") : s;
}

export function countPlaceholders(s: string): number {
  if (!s.includes("\u27E6")) return 0;
  return s.match(new RegExp(PLACEHOLDER_RE.source, "g"))?.length ?? 0;
}
