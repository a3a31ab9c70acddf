/**
 * Curation: picks a small, varied, consented set from the publishable candidates.
 *
 * 1. Eligibility: accepted with a PASS verdict, reviewer-approved, or already published; and the
 *    lab's consent (the transcript's `publishable`, else the lab's auto-publish, else the default).
 * 2. Legibility bands are visited round-robin, each band in preference order (incumbents of the
 *    previous set first, then a seeded hash of the id), skipping candidates over the lab or model
 *    quota and near-duplicates (MinHash over the reasoning) of one already chosen, until the set
 *    is full or the candidates run out.
 * The result depends only on the candidates and the config, never on their input order.
 */
import { createHash } from "node:crypto";
import type { Status, Verdict } from "../records";
import { DEFAULT_CURATION, type CurationConfig } from "./config";
import { bandKeys, minhash, shingles, similarity } from "./minhash";

export interface Candidate {
  id: string;
  lab: string;
  model: string;
  /** Legibility score 0–100. */
  legibility: number;
  status: Status;
  verdict?: Verdict;
  /** Per-transcript consent (undefined: the lab's default). */
  publishable?: boolean;
  /** The lab's auto-publish setting (undefined: the config's `defaultConsent`). */
  labAutoPublish?: boolean;
  /** The reasoning text, for near-duplicate detection. Never leaves this module. */
  reasoning: string;
  /** Member of the previous set. */
  incumbent?: boolean;
}

export type ExclusionReason =
  "status" | "not_pass" | "no_consent" | "no_score" | "duplicate" | "lab_quota" | "model_quota" | "set_full";

export interface Exclusion {
  id: string;
  reason: ExclusionReason;
  /** For duplicates: the kept transcript it duplicates. */
  of?: string;
}

export interface Selection {
  /** Chosen candidates, sorted by id. */
  selected: Candidate[];
  /** Every other candidate, with why, sorted by id. */
  excluded: Exclusion[];
}

/** Why a candidate cannot be published at all, or undefined when it may be. */
export function ineligible(
  c: Candidate,
  config: CurationConfig = DEFAULT_CURATION,
): ExclusionReason | undefined {
  if (c.status === "accepted") {
    if (c.verdict !== "PASS") return "not_pass";
  } else if (c.status !== "approved" && c.status !== "published") return "status";
  // A published transcript's consent was checked when it was first published.
  if (c.status !== "published" && !(c.publishable ?? c.labAutoPublish ?? config.defaultConsent)) {
    return "no_consent";
  }
  if (!Number.isFinite(c.legibility) || c.legibility < 0 || c.legibility > 100) return "no_score";
  return undefined;
}

/** Index of the legibility band a score falls into (the last band includes its upper edge). */
export function bandOf(score: number, edges: readonly number[]): number {
  for (let i = edges.length - 2; i >= 0; i--) if (score >= edges[i]!) return i;
  return 0;
}

export function selectTranscripts(
  candidates: readonly Candidate[],
  config: CurationConfig = DEFAULT_CURATION,
): Selection {
  const excluded: Exclusion[] = [];
  const rank = (c: Candidate) => createHash("sha256").update(`${config.seed}\u0000${c.id}`).digest("hex");

  // De-duplicate ids first (the first wins in sorted order), then sort by preference.
  const byId = new Map<string, Candidate>();
  for (const c of [...candidates].sort((a, b) => cmp(a.id, b.id))) if (!byId.has(c.id)) byId.set(c.id, c);
  const keyed = [...byId.values()].map((c) => ({ c, key: rank(c) }));
  keyed.sort(
    (a, b) =>
      (config.preferIncumbents ? Number(!!b.c.incumbent) - Number(!!a.c.incumbent) : 0) ||
      cmp(a.key, b.key) ||
      cmp(a.c.id, b.c.id),
  );

  const eligible: Candidate[] = [];
  for (const { c } of keyed) {
    const why = ineligible(c, config);
    if (why) excluded.push({ id: c.id, reason: why });
    else eligible.push(c);
  }

  // Spread across legibility bands, most legible band first in each round. Near-duplicates are
  // checked against what is already chosen (MinHash + LSH), so signatures are computed only for
  // the few candidates actually considered: the earlier-considered one of a pair stays.
  const { threshold, shingle, hashes, lshBands } = config.dedupe;
  const buckets = new Map<string, { id: string; sig: Uint32Array }[]>();
  const duplicateOf = (c: Candidate): { of?: string; keys?: string[]; sig?: Uint32Array } => {
    const sig = minhash(shingles(c.reasoning, shingle), hashes);
    if (!sig) return {};
    const keys = bandKeys(sig, lshBands);
    for (const k of keys) {
      for (const other of buckets.get(k) ?? [])
        if (similarity(sig, other.sig) >= threshold) return { of: other.id };
    }
    return { keys, sig };
  };
  const bands: Candidate[][] = config.bands.slice(1).map(() => []);
  for (const c of eligible) bands[bandOf(c.legibility, config.bands)]!.push(c);
  bands.reverse();
  const selected: Candidate[] = [];
  const perLab = new Map<string, number>();
  const perModel = new Map<string, number>();
  const cursors = bands.map(() => 0);
  let progress = true;
  while (selected.length < config.maxSize && progress) {
    progress = false;
    for (let b = 0; b < bands.length && selected.length < config.maxSize; b++) {
      const band = bands[b]!;
      while (cursors[b]! < band.length) {
        const c = band[cursors[b]!]!;
        cursors[b]!++;
        if ((perLab.get(c.lab) ?? 0) >= config.maxPerLab) {
          excluded.push({ id: c.id, reason: "lab_quota" });
          continue;
        }
        if ((perModel.get(c.model) ?? 0) >= config.maxPerModel) {
          excluded.push({ id: c.id, reason: "model_quota" });
          continue;
        }
        const dup = duplicateOf(c);
        if (dup.of) {
          excluded.push({ id: c.id, reason: "duplicate", of: dup.of });
          continue;
        }
        for (const k of dup.keys ?? []) {
          const list = buckets.get(k);
          if (list) list.push({ id: c.id, sig: dup.sig! });
          else buckets.set(k, [{ id: c.id, sig: dup.sig! }]);
        }
        selected.push(c);
        perLab.set(c.lab, (perLab.get(c.lab) ?? 0) + 1);
        perModel.set(c.model, (perModel.get(c.model) ?? 0) + 1);
        progress = true;
        break;
      }
    }
  }
  for (let b = 0; b < bands.length; b++) {
    for (const c of bands[b]!.slice(cursors[b]!)) excluded.push({ id: c.id, reason: "set_full" });
  }

  selected.sort((a, b) => cmp(a.id, b.id));
  excluded.sort((a, b) => cmp(a.id, b.id));
  return { selected, excluded };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
