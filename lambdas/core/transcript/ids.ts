/**
 * Transcript ids. Ids become file names and S3 keys, so every id matches {@link SAFE_ID}: the
 * lab's own id is kept when it already does, anything else is mapped deterministically to a
 * hash. No id can hold `/`, `..` or a control character. Same input, same id.
 */
import { canonicalJson, sha256Hex } from "../hash";

export const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isSafeId(id: string): boolean {
  return SAFE_ID.test(id) && !id.includes("..");
}

/** The id as given when safe, else `x-` + 24 hex of its sha256. */
export function safeId(raw: string): string {
  return isSafeId(raw) ? raw : "x-" + sha256Hex(raw).slice(0, 24);
}

export { canonicalJson };

/** `h-` + 24 hex of the sha256 of the canonical serialisation. */
export function contentId(value: unknown): string {
  return "h-" + sha256Hex(canonicalJson(value)).slice(0, 24);
}
