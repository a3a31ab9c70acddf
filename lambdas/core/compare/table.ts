/**
 * The per-model table in the two forms people read: Markdown (the dataset card) and aligned plain
 * text (the `compare` command). Both are built from `Stats` alone, so they match `stats.json`.
 */
import type { ModelStats, Stats } from "./stats";

const num = (x: number | null, d = 1): string => (x === null ? "–" : x.toFixed(d));
const pct = (x: number | null): string => (x === null ? "–" : `${Math.round(x * 100)} %`);

/**
 * The signals of a model whose median sub-score is weak, weakest first (at most `max`).
 * Diagnostics (weight 0 in `stats.signals`) are left out: they do not move the score.
 */
export function weakSignals(stats: Stats, m: ModelStats, max = 2): string[] {
  const diagnostic = new Set(stats.signals.filter((s) => s.weight === 0).map((s) => s.name));
  return Object.entries(m.signals)
    .filter(([name, s]) => s.median < stats.weakSubscore && !diagnostic.has(name))
    .sort((a, b) => a[1].median - b[1].median || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([name, s]) => `${name} ${s.median.toFixed(2)}`);
}

/** One row of cells per model, shared by both tables. */
export function modelRows(stats: Stats): string[][] {
  return stats.models.map((m) => [
    m.model,
    m.releaseDate ?? "–",
    m.labs.join(", ") || "–",
    String(m.count) + (m.unscored ? ` (+${m.unscored} unscored)` : ""),
    num(m.median),
    m.q1 === null ? "–" : `${num(m.q1)}–${num(m.q3)}`,
    m.min === null ? "–" : `${num(m.min)}–${num(m.max)}`,
    m.count ? `${m.illegible} (${pct(m.illegibleShare)})` : "–",
    weakSignals(stats, m).join(", ") || "–",
  ]);
}

export function modelHeader(stats: Stats): string[] {
  return [
    "model",
    "released",
    "lab",
    "n",
    "median",
    "quartiles",
    "range",
    `< ${stats.threshold}`,
    `weak signals (median < ${stats.weakSubscore})`,
  ];
}

/** Markdown cell: no markup, no pipes, no line breaks from data. */
export function mdCell(s: string): string {
  return s.replace(/[\r\n]+/g, " ").replace(/[|\\`*_<>[\]#!&]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The per-model table and the per-signal medians, as Markdown. */
export function statsMarkdown(stats: Stats): string {
  const header = modelHeader(stats);
  const lines = [
    `| ${header.map(mdCell).join(" | ")} |`,
    `|${header.map((_, i) => (i >= 3 && i <= 7 ? "---:" : "---")).join("|")}|`,
    ...modelRows(stats).map((r) => `| ${r.map(mdCell).join(" | ")} |`),
  ];
  const signals = stats.signals.map((s) => s.name);
  if (signals.length && stats.models.some((m) => m.count > 0)) {
    lines.push(
      "",
      "Median sub-score per signal (0–1, 1 = no sign of illegibility; diagnostics, weight 0, in italics):",
      "",
      `| model | ${stats.signals.map((s) => (s.weight === 0 ? `*${mdCell(s.name)}*` : mdCell(s.name))).join(" | ")} |`,
      `|---|${signals.map(() => "---:").join("|")}|`,
      ...stats.models
        .filter((m) => m.count > 0)
        .map(
          (m) =>
            `| ${mdCell(m.model)} | ${signals.map((s) => (m.signals[s] ? m.signals[s].median.toFixed(2) : "–")).join(" | ")} |`,
        ),
    );
  }
  return lines.join("\n");
}

/** The per-model table as aligned plain text (terminal output). */
export function statsText(stats: Stats): string {
  const all = [modelHeader(stats), ...modelRows(stats)].map((r) =>
    // eslint-disable-next-line no-control-regex -- control characters must not reach the terminal
    r.map((c) => c.replace(/[\u0000-\u001F\u007F]/g, " ")),
  );
  const widths = all[0]!.map((_, i) => Math.min(40, Math.max(...all.map((r) => Array.from(r[i]!).length))));
  const cut = (s: string, w: number) => {
    const cps = Array.from(s);
    return cps.length > w ? cps.slice(0, w - 1).join("") + "…" : s + " ".repeat(w - cps.length);
  };
  const lines = all.map((r) =>
    r
      .map((c, i) => (i < r.length - 1 ? cut(c, widths[i]!) : c))
      .join("  ")
      .trimEnd(),
  );
  const o = stats.overall;
  lines.push(
    "",
    `${stats.transcripts} transcript(s), ${o.count} scored` +
      (stats.unscored ? `, ${stats.unscored} with nothing scorable` : "") +
      (o.count ? `; overall median ${num(o.median)}, ${o.illegible} below ${stats.threshold}` : "") +
      `; scorer ${stats.scorer}.`,
  );
  return lines.join("\n") + "\n";
}

/** The "Models" section of a set's dataset card: the plot (`svgPath`), then the tables. */
export function modelsCardSection(stats: Stats, svgPath: string, statsPath: string): string {
  return [
    `How legible each model's reasoning is, oldest release first (models without a known release date`,
    `last). Each dot is one transcript; boxes span the quartiles, whiskers the range, the thick line is`,
    `the median. Scores below ${stats.threshold} count as illegible. The same numbers, per lab, model family and`,
    `release date too, are in \`${mdCell(statsPath)}\`.`,
    "",
    `![Legibility per model: box and strip plot, one row per model](${svgPath})`,
    "",
    statsMarkdown(stats),
  ].join("\n");
}
