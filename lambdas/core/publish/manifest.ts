/**
 * The set manifest (CONTRACT.md "Published set") and the set id derived from it.
 *
 * `setId` = the first 20 hex digits of sha256 over the canonical JSON (sorted keys, no spaces) of
 * the manifest as created, without its `setId` member. Anyone can recompute it from a manifest
 * that has no `revisedAt` (see docs/publishing.md for takedown revisions).
 */
import * as z from "zod";
import { canonicalJson, sha256Hex } from "./doc";

export const SET_ID = /^[0-9a-f]{20}$/;
export const MANIFEST_FILE = "manifest.json";
export const README_FILE = "README.md";
export const JSONL_FILE = "data.jsonl";
export const PARQUET_FILE = "data.parquet";
/** Path of a transcript's JSON inside its set folder. */
export function transcriptPath(id: string): string {
  return `transcripts/${id}.json`;
}

export const ManifestFile = z.object({
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int(),
});
export const ManifestMember = z.object({
  id: z.string(),
  lab: z.string(),
  model: z.string(),
  legibility: z.number(),
  verdict: z.string(),
  path: z.string(),
});
export const Manifest = z.object({
  setId: z.string().regex(SET_ID),
  createdAt: z.string(),
  previous: z.string().nullable(),
  license: z.string(),
  scorer: z.string(),
  selection: z.record(z.string(), z.unknown()),
  counts: z.object({
    transcripts: z.number().int(),
    labs: z.record(z.string(), z.number()),
    models: z.record(z.string(), z.number()),
    verdicts: z.record(z.string(), z.number()),
  }),
  files: z.array(ManifestFile),
  transcripts: z.array(ManifestMember),
  withdrawn: z.array(z.string()),
  /** Set when a takedown rewrote this set after it was created. */
  revisedAt: z.string().optional(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;
export type ManifestMember = z.infer<typeof ManifestMember>;
export type Manifest = z.infer<typeof Manifest>;

/** The set id of a manifest's content (its own `setId` member is ignored). */
export function computeSetId(manifest: Omit<Manifest, "setId"> & { setId?: string }): string {
  const { setId: _ignored, ...content } = manifest;
  return sha256Hex(canonicalJson(content)).slice(0, 20);
}

/** `latest.json` at the public bucket's root. */
export interface LatestPointer {
  setId: string;
  createdAt: string;
  count: number;
  /** Key of the manifest in the public bucket. */
  manifest: string;
}
