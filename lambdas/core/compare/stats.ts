/**
 * Model comparison aggregates (`cotshare/stats@1`): the distribution of transcript legibility
 * scores per model, lab, model family and release date, and the same per signal, so a reader sees
 * both *how* legible each model's reasoning is and *why* it scores low. Pure and deterministic:
 * the same transcripts in any order give the same bytes (see docs/compare.md).
 */
import { WEIGHTS } from "../legibility/score";
import { quantileSorted, round, sortNumbers } from "./quantiles";

export const STATS_SCHEMA = "cotshare/stats@1";
/** File name of the aggregates inside a set folder. */
export const STATS_FILE = "stats.json";
/** File name of the static plot inside a set folder. */
export const MODELS_SVG_FILE = "models.svg";

/**
 * A transcript scoring below this is counted as illegible. The scorer's own calibration puts
 * clean originals at a median of 100 and the partly-degraded label-2 rows (language mixing,
 * shorthand, loops) at medians of 27–43 (docs/legibility.md), so 50 separates "a careful reader
 * follows it" from "a reader struggles".
 */
export const ILLEGIBLE_BELOW = 50;
/** A signal's sub-score (0–1) below this counts as weak, as `cotshare score` reports it. */
export const WEAK_SUBSCORE = 0.8;

const RELEASE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the aggregates read of a transcript: the published form, or a canonical one just scored. */
export interface CompareItem {
  id: string;
  lab?: string;
  model: { id: string; [k: string]: unknown };
  legibility: {
    score: number;
    scorer?: string;
    basis?: string;
    signals?: Record<string, unknown>;
    [k: string]: unknown;
  };
}

/** Five-number summary and share below the threshold. All null when `count` is 0. */
export interface Distribution {
  /** Scored transcripts (unscored ones, basis "none", are left out). */
  count: number;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
  mean: number | null;
  /** Transcripts scoring below the threshold. */
  illegible: number;
  /** `illegible / count`, 0–1. */
  illegibleShare: number | null;
}

/** One signal across a group: sub-scores are 0–1, 1 = no sign of illegibility. */
export interface SignalStats {
  count: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  /** Transcripts whose sub-score is below `weakSubscore`. */
  weak: number;
}

export interface Point {
  id: string;
  score: number;
  lab: string | null;
  /** What was scored (reasoning, summary, text), when known. */
  basis: string | null;
  /** The scoring signal (weight > 0) with the lowest sub-score, when any is below `weakSubscore`. */
  weakest: { signal: string; subscore: number } | null;
}

export interface ModelStats extends Distribution {
  model: string;
  labs: string[];
  family: string | null;
  releaseDate: string | null;
  /** Transcripts with nothing scorable (basis "none": score 0 means unscored). */
  unscored: number;
  /** Scored transcripts per basis. */
  bases: Record<string, number>;
  signals: Record<string, SignalStats>;
  /** Scored transcripts, by score then id. */
  points: Point[];
}

export interface GroupStats extends Distribution {
  key: string;
  /** Models in the group, in the order of `models`. */
  models: string[];
  signals: Record<string, SignalStats>;
}

export interface Stats {
  schema: typeof STATS_SCHEMA;
  /** The scorer named by the set, or the one every transcript names ("mixed" when they differ). */
  scorer: string;
  /** Every scorer named by the transcripts, sorted. */
  scorers: string[];
  /** Scores below this count as illegible. */
  threshold: number;
  /** Sub-scores below this count as weak. */
  weakSubscore: number;
  /** How quartiles are computed. */
  quantiles: "linear";
  transcripts: number;
  unscored: number;
  overall: Distribution;
  /** Every signal seen, by weight (heaviest first; null = not a signal of this scorer), then name. */
  signals: { name: string; weight: number | null }[];
  /** By release date (known dates first, oldest first), then by name. */
  models: ModelStats[];
  labs: GroupStats[];
  families: GroupStats[];
  /** One group per release date, oldest first; models without a date are not in any. */
  releases: GroupStats[];
}

export interface StatsOptions {
  /** The set's scorer id; by default taken from the transcripts. */
  scorer?: string;
  /** Illegible threshold (default ILLEGIBLE_BELOW). */
  threshold?: number;
}

/** Code-point order: the same on every machine, whatever its locale. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

function subscoreOf(v: unknown): number | null {
  if (!v || typeof v !== "object") return null;
  const s = (v as { subscore?: unknown }).subscore;
  return typeof s === "number" && Number.isFinite(s) ? s : null;
}

interface Scored {
  item: CompareItem;
  score: number;
  basis: string | null;
  signals: [string, number][];
}

function distribution(scores: number[], threshold: number): Distribution {
  const s = sortNumbers(scores);
  if (s.length === 0)
    return {
      count: 0,
      min: null,
      q1: null,
      median: null,
      q3: null,
      max: null,
      mean: null,
      illegible: 0,
      illegibleShare: null,
    };
  const illegible = s.filter((x) => x < threshold).length;
  return {
    count: s.length,
    min: round(s[0]!, 2),
    q1: round(quantileSorted(s, 0.25), 2),
    median: round(quantileSorted(s, 0.5), 2),
    q3: round(quantileSorted(s, 0.75), 2),
    max: round(s[s.length - 1]!, 2),
    mean: round(s.reduce((a, b) => a + b, 0) / s.length, 2),
    illegible,
    illegibleShare: round(illegible / s.length, 4),
  };
}

function signalStats(rows: readonly Scored[]): Record<string, SignalStats> {
  const by = new Map<string, number[]>();
  for (const r of rows) for (const [name, v] of r.signals) by.set(name, [...(by.get(name) ?? []), v]);
  const out: Record<string, SignalStats> = {};
  for (const name of [...by.keys()].sort(byCodePoint)) {
    const s = sortNumbers(by.get(name)!);
    out[name] = {
      count: s.length,
      min: round(s[0]!, 3),
      q1: round(quantileSorted(s, 0.25), 3),
      median: round(quantileSorted(s, 0.5), 3),
      q3: round(quantileSorted(s, 0.75), 3),
      weak: s.filter((x) => x < WEAK_SUBSCORE).length,
    };
  }
  return out;
}

/** The most common value; ties go to the first in code-point order. */
function mode(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of [...counts].sort((a, b) => byCodePoint(a[0], b[0])))
    if (best === null || n > counts.get(best)!) best = v;
  return best;
}

/** Diagnostics (weight 0) do not move the score: they never explain why a transcript is low. */
const isDiagnostic = (name: string): boolean => Object.hasOwn(WEIGHTS, name) && WEIGHTS[name] === 0;

function point(r: Scored): Point {
  let weakest: Point["weakest"] = null;
  for (const [signal, subscore] of r.signals)
    if (!isDiagnostic(signal) && subscore < WEAK_SUBSCORE && (!weakest || subscore < weakest.subscore))
      weakest = { signal, subscore: round(subscore, 3) };
  return { id: r.item.id, score: round(r.score, 2), lab: str(r.item.lab), basis: r.basis, weakest };
}

function byScoreThenId(a: Scored, b: Scored): number {
  return a.score - b.score || byCodePoint(a.item.id, b.item.id);
}

/** Aggregates for a set of transcripts (any order: the output does not depend on it). */
export function computeStats(items: readonly CompareItem[], opts: StatsOptions = {}): Stats {
  const threshold = opts.threshold ?? ILLEGIBLE_BELOW;
  const sorted = [...items].sort((a, b) => byCodePoint(a.id, b.id) || byCodePoint(a.model.id, b.model.id));
  const scored: Scored[] = [];
  const unscored = new Map<string, number>();
  const byModel = new Map<string, CompareItem[]>();
  for (const item of sorted) {
    byModel.set(item.model.id, [...(byModel.get(item.model.id) ?? []), item]);
    const basis = str(item.legibility.basis);
    const score = item.legibility.score;
    if (basis === "none" || typeof score !== "number" || !Number.isFinite(score)) {
      unscored.set(item.model.id, (unscored.get(item.model.id) ?? 0) + 1);
      continue;
    }
    const signals: [string, number][] = [];
    for (const name of Object.keys(item.legibility.signals ?? {}).sort(byCodePoint)) {
      const v = subscoreOf(item.legibility.signals![name]);
      if (v !== null) signals.push([name, v]);
    }
    scored.push({ item, score, basis, signals });
  }

  const models: ModelStats[] = [...byModel].map(([model, all]) => {
    const rows = scored.filter((r) => r.item.model.id === model).sort(byScoreThenId);
    const dates = all
      .map((i) => str(i.model.releaseDate))
      .filter((d): d is string => !!d && RELEASE_DATE.test(d));
    const bases: Record<string, number> = {};
    for (const r of rows) if (r.basis) bases[r.basis] = (bases[r.basis] ?? 0) + 1;
    return {
      model,
      labs: [...new Set(all.map((i) => str(i.lab)).filter((l): l is string => !!l))].sort(byCodePoint),
      family: mode(all.map((i) => str(i.model.family)).filter((f): f is string => !!f)),
      releaseDate: dates.sort(byCodePoint)[0] ?? null,
      ...distribution(
        rows.map((r) => r.score),
        threshold,
      ),
      unscored: unscored.get(model) ?? 0,
      bases: Object.fromEntries(Object.entries(bases).sort((a, b) => byCodePoint(a[0], b[0]))),
      signals: signalStats(rows),
      points: rows.map(point),
    };
  });
  models.sort((a, b) => {
    if (a.releaseDate !== b.releaseDate) {
      if (a.releaseDate === null) return 1;
      if (b.releaseDate === null) return -1;
      return byCodePoint(a.releaseDate, b.releaseDate);
    }
    return byCodePoint(a.model, b.model);
  });
  const order = new Map(models.map((m, i) => [m.model, i]));
  const modelOf = new Map(models.map((m) => [m.model, m]));

  const group = (keyOf: (r: Scored) => string | null): GroupStats[] => {
    const by = new Map<string, Scored[]>();
    for (const r of scored) {
      const k = keyOf(r);
      if (k !== null) by.set(k, [...(by.get(k) ?? []), r]);
    }
    return [...by.keys()].sort(byCodePoint).map((key) => {
      const rows = by.get(key)!;
      return {
        key,
        models: [...new Set(rows.map((r) => r.item.model.id))].sort((a, b) => order.get(a)! - order.get(b)!),
        ...distribution(
          rows.map((r) => r.score),
          threshold,
        ),
        signals: signalStats(rows),
      };
    });
  };

  const scorers = [
    ...new Set(items.map((i) => str(i.legibility.scorer)).filter((s): s is string => !!s)),
  ].sort(byCodePoint);
  const names = [...new Set(scored.flatMap((r) => r.signals.map(([n]) => n)))];
  const weight = (n: string): number | null => (Object.hasOwn(WEIGHTS, n) ? WEIGHTS[n]! : null);
  names.sort((a, b) => (weight(b) ?? -1) - (weight(a) ?? -1) || byCodePoint(a, b));

  return {
    schema: STATS_SCHEMA,
    scorer: opts.scorer ?? (scorers.length === 1 ? scorers[0]! : scorers.length === 0 ? "unknown" : "mixed"),
    scorers,
    threshold,
    weakSubscore: WEAK_SUBSCORE,
    quantiles: "linear",
    transcripts: items.length,
    unscored: scored.length === items.length ? 0 : items.length - scored.length,
    overall: distribution(
      scored.map((r) => r.score),
      threshold,
    ),
    signals: names.map((name) => ({ name, weight: weight(name) })),
    models,
    labs: group((r) => str(r.item.lab)),
    families: group((r) => modelOf.get(r.item.model.id)!.family),
    releases: group((r) => modelOf.get(r.item.model.id)!.releaseDate),
  };
}

/** `stats.json` bytes: two-space JSON with a final newline, members in the order above. */
export function statsJson(stats: Stats): string {
  return JSON.stringify(stats, null, 2) + "\n";
}
