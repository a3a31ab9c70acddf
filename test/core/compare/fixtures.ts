import type { CompareItem } from "../../../lambdas/core/compare";

/** A scored transcript as the aggregates read it; `signals` are sub-scores (0–1) by name. */
export function item(
  id: string,
  model: CompareItem["model"],
  score: number,
  signals: Record<string, number> = {},
  over: { lab?: string; basis?: string; scorer?: string } = {},
): CompareItem {
  return {
    id,
    lab: over.lab ?? "lab-a",
    model,
    legibility: {
      score,
      scorer: over.scorer ?? "cotshare-legibility@1",
      basis: over.basis ?? "reasoning",
      signals: Object.fromEntries(
        Object.entries(signals).map(([k, v]) => [k, { value: 0, subscore: v, explanation: "x" }]),
      ),
    },
  };
}

export const HOSTILE_MODEL = `evil<script>alert(1)</script>&"'\u0001 ]]> model`;

/**
 * Four models: an old one with four transcripts, a newer one with a single transcript, two without
 * a release date (one of them hostile), plus an unscored transcript.
 */
export function fixtureItems(): CompareItem[] {
  const old = { id: "old-1", family: "fam-o", releaseDate: "2024-01-10" };
  const newer = { id: "new-2", family: "fam-n", releaseDate: "2025-06-01" };
  return [
    item("o-1", old, 90, { language: 1, lexical: 0.9, repetition: 1 }),
    item("o-2", old, 80, { language: 1, lexical: 0.7, repetition: 1 }),
    item("o-3", old, 40, { language: 0.3, lexical: 0.5, repetition: 0.9 }),
    item("o-4", old, 100, { language: 1, lexical: 1, repetition: 1 }),
    item("o-5", old, 0, {}, { basis: "none" }),
    item("n-1", newer, 30, { language: 1, lexical: 0.2, repetition: 0.6 }, { lab: "lab-b" }),
    item("z-1", { id: "zeta" }, 70, { language: 1, lexical: 0.95 }, { lab: "lab-b" }),
    item("z-2", { id: "zeta" }, 60, { language: 0.9, lexical: 0.85 }, { lab: "lab-c" }),
    item("h-1", { id: HOSTILE_MODEL, releaseDate: "not-a-date" }, 55, { lexical: 0.75 }),
  ];
}
