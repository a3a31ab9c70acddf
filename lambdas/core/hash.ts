/**
 * Canonical JSON and SHA-256, shared by content-hash ids (transcript/ids.ts), set ids and
 * manifests (publish/) and the publication log (provenance/): one definition, so a hash computed
 * in one place can be recomputed in another.
 */
import { createHash } from "node:crypto";

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

export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}
