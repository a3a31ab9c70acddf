/**
 * Transcript ids. Ids become file names and S3 keys, so every id matches {@link SAFE_ID}: the
 * lab's own id is kept when it already does, anything else is mapped deterministically to a
 * hash. No id can hold `/`, `..` or a control character. Same input, same id.
 */
import { createHash } from "node:crypto";

export const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function sha256hex(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}

export function isSafeId(id: string): boolean {
  return SAFE_ID.test(id) && !id.includes("..");
}

/** The id as given when safe, else `x-` + 24 hex of its sha256. */
export function safeId(raw: string): string {
  return isSafeId(raw) ? raw : "x-" + sha256hex(raw).slice(0, 24);
}

/** Canonical JSON: object keys sorted, no whitespace; undefined members dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value))
    return "[" + value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",") + "]";
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonicalJson(obj[k])).join(",") + "}";
}

/** `h-` + 24 hex of the sha256 of the canonical serialisation. */
export function contentId(value: unknown): string {
  return "h-" + sha256hex(canonicalJson(value)).slice(0, 24);
}
