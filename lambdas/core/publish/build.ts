/**
 * Set building, pure: the chosen published transcripts in, every file of `sets/<setId>/` out.
 * Same transcripts and metadata, same bytes and the same set id.
 */
import { datasetCard } from "./card";
import { isSafeId, sha256Hex, type PublishedDoc } from "./doc";
import {
  JSONL_FILE,
  MANIFEST_FILE,
  PARQUET_FILE,
  README_FILE,
  computeSetId,
  transcriptPath,
  type LatestPointer,
  type Manifest,
  type ManifestFile,
  type ManifestMember,
} from "./manifest";
import { setParquet } from "./parquet";
import { MODELS_SVG_FILE, STATS_FILE, computeStats, statsJson } from "../compare/stats";
import { renderModelsSvg } from "../compare/svg";
import { modelsCardSection } from "../compare/table";
import { LATEST_KEY, setPrefix } from "../names";

/** Default licence of published sets (SPDX id). */
export const DEFAULT_LICENSE = "CC-BY-4.0";

export interface SetMeta {
  createdAt: string;
  previous: string | null;
  license: string;
  scorer: string;
  /** The selection policy and its outcome, recorded as is. */
  selection: Record<string, unknown>;
  /** Ids withdrawn from this lineage so far. */
  withdrawn: readonly string[];
}

export interface SetFile {
  /** Relative to `sets/<setId>/`. */
  path: string;
  body: Uint8Array;
  contentType: string;
}

export interface BuiltSet {
  setId: string;
  manifest: Manifest;
  /** Every file of the set, `manifest.json` last (write it last: it makes the set visible). */
  files: SetFile[];
}

const enc = new TextEncoder();
const JSON_TYPE = "application/json; charset=utf-8";

function tally(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of [...values].sort()) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function sortedDocs(docs: readonly PublishedDoc[]): PublishedDoc[] {
  const seen = new Set<string>();
  for (const d of docs) {
    if (!isSafeId(d.id)) throw new Error(`unsafe transcript id in set: ${JSON.stringify(d.id.slice(0, 40))}`);
    if (seen.has(d.id)) throw new Error(`duplicate transcript id in set: ${d.id}`);
    seen.add(d.id);
  }
  return [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The manifest (without id) and data files for these transcripts. */
function render(
  docs: readonly PublishedDoc[],
  meta: SetMeta,
): { content: Omit<Manifest, "setId">; files: SetFile[] } {
  const sorted = sortedDocs(docs);
  const transcripts: ManifestMember[] = sorted.map((d) => ({
    id: d.id,
    lab: d.lab,
    model: d.model.id,
    legibility: d.legibility.score,
    verdict: d.review.verdict,
    path: transcriptPath(d.id),
  }));
  const base = {
    createdAt: meta.createdAt,
    previous: meta.previous,
    license: meta.license,
    scorer: meta.scorer,
    selection: meta.selection,
    counts: {
      transcripts: sorted.length,
      labs: tally(sorted.map((d) => d.lab)),
      models: tally(sorted.map((d) => d.model.id)),
      verdicts: tally(sorted.map((d) => d.review.verdict)),
    },
    transcripts,
    withdrawn: [...new Set(meta.withdrawn)].sort(),
  };
  // Model comparison (issue 10): aggregates and their plot, recomputed on every (re)build.
  const stats = computeStats(sorted, { scorer: meta.scorer });
  const models = {
    section: modelsCardSection(stats, MODELS_SVG_FILE, STATS_FILE),
    files: [
      { path: STATS_FILE, contents: "legibility per model, lab, family and release date (cotshare/stats@1)" },
      { path: MODELS_SVG_FILE, contents: "the plot of legibility per model shown below" },
    ],
  };
  const files: SetFile[] = [
    {
      path: README_FILE,
      body: enc.encode(datasetCard(base, { models })),
      contentType: "text/markdown; charset=utf-8",
    },
    { path: STATS_FILE, body: enc.encode(statsJson(stats)), contentType: JSON_TYPE },
    {
      path: MODELS_SVG_FILE,
      body: enc.encode(renderModelsSvg(stats)),
      contentType: "image/svg+xml; charset=utf-8",
    },
    {
      path: JSONL_FILE,
      body: enc.encode(sorted.map((d) => JSON.stringify(d) + "\n").join("")),
      contentType: "application/x-ndjson; charset=utf-8",
    },
    { path: PARQUET_FILE, body: setParquet(sorted), contentType: "application/vnd.apache.parquet" },
    ...sorted.map((d) => ({
      path: transcriptPath(d.id),
      body: enc.encode(JSON.stringify(d, null, 2) + "\n"),
      contentType: JSON_TYPE,
    })),
  ];
  const listed: ManifestFile[] = files
    .map((f) => ({ path: f.path, sha256: sha256Hex(f.body), bytes: f.body.byteLength }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return { content: { ...base, files: listed }, files };
}

/** Fixed member order for `manifest.json`. */
function manifestBytes(m: Manifest): Uint8Array {
  const ordered: Manifest = {
    setId: m.setId,
    createdAt: m.createdAt,
    previous: m.previous,
    license: m.license,
    scorer: m.scorer,
    selection: m.selection,
    counts: m.counts,
    files: m.files,
    transcripts: m.transcripts,
    withdrawn: m.withdrawn,
    ...(m.revisedAt ? { revisedAt: m.revisedAt } : {}),
  };
  return enc.encode(JSON.stringify(ordered, null, 2) + "\n");
}

export function buildSet(docs: readonly PublishedDoc[], meta: SetMeta): BuiltSet {
  const { content, files } = render(docs, meta);
  const setId = computeSetId(content);
  const manifest: Manifest = { setId, ...content };
  return {
    setId,
    manifest,
    files: [...files, { path: MANIFEST_FILE, body: manifestBytes(manifest), contentType: JSON_TYPE }],
  };
}

export interface Revision {
  manifest: Manifest;
  /** Files to (re)write, `manifest.json` last. */
  files: SetFile[];
  /** Paths (relative to the set folder) to delete. */
  deleted: string[];
}

/**
 * Takedown of `withdrawnId` from an existing set: the set keeps its id; its bundles and card are
 * rewritten from the remaining transcripts, the withdrawn transcript's file is deleted, and the
 * manifest records the id under `withdrawn` and the time under `revisedAt`.
 * `remaining` are the set's other transcripts (e.g. read back from its `data.jsonl`).
 */
export function reviseSet(
  old: Manifest,
  remaining: readonly PublishedDoc[],
  withdrawnId: string,
  at: string,
): Revision {
  const left = remaining.filter((d) => d.id !== withdrawnId);
  const expected = old.transcripts.filter((t) => t.id !== withdrawnId).map((t) => t.id);
  const got = left.map((d) => d.id).sort();
  if (got.length !== expected.length || got.some((id, i) => id !== [...expected].sort()[i])) {
    throw new Error(`revision of set ${old.setId}: the remaining transcripts do not match its manifest`);
  }
  const { content, files } = render(left, {
    createdAt: old.createdAt,
    previous: old.previous,
    license: old.license,
    scorer: old.scorer,
    selection: old.selection,
    withdrawn: [...old.withdrawn, withdrawnId],
  });
  const manifest: Manifest = { setId: old.setId, ...content, revisedAt: at };
  const keep = new Set(files.map((f) => f.path));
  const deleted = old.files.map((f) => f.path).filter((p) => !keep.has(p));
  // Only the files that changed need writing.
  const before = new Map(old.files.map((f) => [f.path, f.sha256]));
  const changed = files.filter((f) => before.get(f.path) !== sha256Hex(f.body));
  return {
    manifest,
    files: [...changed, { path: MANIFEST_FILE, body: manifestBytes(manifest), contentType: JSON_TYPE }],
    deleted,
  };
}

/** Problems found checking a set's files against its manifest (empty: the set verifies). */
export function verifySet(manifest: Manifest, read: (path: string) => Uint8Array | undefined): string[] {
  const problems: string[] = [];
  for (const f of manifest.files) {
    const body = read(f.path);
    if (!body) problems.push(`${f.path}: missing`);
    else if (body.byteLength !== f.bytes)
      problems.push(`${f.path}: ${body.byteLength} bytes, manifest says ${f.bytes}`);
    else if (sha256Hex(body) !== f.sha256) problems.push(`${f.path}: sha256 mismatch`);
  }
  for (const t of manifest.transcripts) {
    if (!manifest.files.some((f) => f.path === t.path))
      problems.push(`${t.path}: member not listed in files`);
  }
  if (!manifest.revisedAt && computeSetId(manifest) !== manifest.setId)
    problems.push("setId does not match content");
  return problems;
}

/** Full public-bucket key of a file of a set. */
export function setKey(setId: string, path: string): string {
  return `${setPrefix(setId)}${path}`;
}

export function latestPointer(m: Manifest): LatestPointer {
  return {
    setId: m.setId,
    createdAt: m.createdAt,
    count: m.counts.transcripts,
    manifest: setKey(m.setId, MANIFEST_FILE),
  };
}

export { LATEST_KEY };
