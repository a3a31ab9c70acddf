import { describe, expect, it } from "vitest";
import {
  computeStats,
  ILLEGIBLE_BELOW,
  quantileSorted,
  statsJson,
  statsMarkdown,
  statsText,
  STATS_SCHEMA,
} from "../../../lambdas/core/compare";
import { fixtureItems, HOSTILE_MODEL, item } from "./fixtures";

describe("quantileSorted", () => {
  it("interpolates between closest ranks (type 7)", () => {
    expect(quantileSorted([40, 80, 90, 100], 0.25)).toBe(70);
    expect(quantileSorted([40, 80, 90, 100], 0.5)).toBe(85);
    expect(quantileSorted([40, 80, 90, 100], 0.75)).toBe(92.5);
    expect(quantileSorted([7], 0.25)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe("computeStats", () => {
  const stats = computeStats(fixtureItems());

  it("orders models by release date, then undated ones by name", () => {
    expect(stats.schema).toBe(STATS_SCHEMA);
    expect(stats.models.map((m) => m.model)).toEqual(["old-1", "new-2", HOSTILE_MODEL, "zeta"]);
    expect(stats.models.map((m) => m.releaseDate)).toEqual(["2024-01-10", "2025-06-01", null, null]);
  });

  it("gives count, quartiles, min/max and the share below the threshold per model", () => {
    expect(ILLEGIBLE_BELOW).toBe(50);
    const old = stats.models[0]!;
    expect(old).toMatchObject({
      count: 4,
      unscored: 1,
      min: 40,
      q1: 70,
      median: 85,
      q3: 92.5,
      max: 100,
      mean: 77.5,
      illegible: 1,
      illegibleShare: 0.25,
      family: "fam-o",
      labs: ["lab-a"],
      bases: { reasoning: 4 },
    });
    expect(old.points.map((p) => [p.id, p.score])).toEqual([
      ["o-3", 40],
      ["o-2", 80],
      ["o-1", 90],
      ["o-4", 100],
    ]);
    expect(old.points[0]!.weakest).toEqual({ signal: "language", subscore: 0.3 });
    expect(old.points[3]!.weakest).toBeNull();
  });

  it("handles a model with a single transcript", () => {
    const one = stats.models[1]!;
    expect(one).toMatchObject({ count: 1, min: 30, q1: 30, median: 30, q3: 30, max: 30, illegible: 1 });
    expect(one.illegibleShare).toBe(1);
    expect(one.signals.lexical).toEqual({ count: 1, min: 0.2, q1: 0.2, median: 0.2, q3: 0.2, weak: 1 });
  });

  it("aggregates each signal's sub-scores so a low model says why", () => {
    const old = stats.models[0]!;
    expect(old.signals.lexical).toEqual({ count: 4, min: 0.5, q1: 0.65, median: 0.8, q3: 0.925, weak: 2 });
    expect(old.signals.language!.median).toBe(1);
    // Heaviest signals first (language 1.2, lexical 1.0, repetition 1.0).
    expect(stats.signals).toEqual([
      { name: "language", weight: 1.2 },
      { name: "lexical", weight: 1 },
      { name: "repetition", weight: 1 },
    ]);
  });

  it("keeps an invalid release date out and the unscored transcript out of the distribution", () => {
    expect(stats.models[2]!.releaseDate).toBeNull();
    expect(stats.transcripts).toBe(9);
    expect(stats.unscored).toBe(1);
    expect(stats.overall.count).toBe(8);
    expect(stats.overall.illegible).toBe(2);
  });

  it("groups by lab, family and release date", () => {
    expect(stats.labs.map((g) => [g.key, g.count, g.models])).toEqual([
      ["lab-a", 5, ["old-1", HOSTILE_MODEL]],
      ["lab-b", 2, ["new-2", "zeta"]],
      ["lab-c", 1, ["zeta"]],
    ]);
    expect(stats.families.map((g) => [g.key, g.count])).toEqual([
      ["fam-n", 1],
      ["fam-o", 4],
    ]);
    expect(stats.releases.map((g) => [g.key, g.median])).toEqual([
      ["2024-01-10", 85],
      ["2025-06-01", 30],
    ]);
  });

  it("is deterministic: any input order gives the same bytes", () => {
    const a = statsJson(stats);
    const b = statsJson(computeStats([...fixtureItems()].reverse()));
    expect(b).toBe(a);
    expect(JSON.parse(a)).toEqual(stats);
  });

  it("names the scorer: given, shared, or mixed", () => {
    expect(stats.scorer).toBe("cotshare-legibility@1");
    expect(computeStats(fixtureItems(), { scorer: "set-scorer@2" }).scorer).toBe("set-scorer@2");
    const mixed = computeStats([
      item("a", { id: "m" }, 50),
      item("b", { id: "m" }, 60, {}, { scorer: "x@2" }),
    ]);
    expect(mixed.scorer).toBe("mixed");
    expect(mixed.scorers).toEqual(["cotshare-legibility@1", "x@2"]);
  });

  it("never names a diagnostic signal (weight 0) as the reason a transcript or model is low", () => {
    const s = computeStats([
      item("d-1", { id: "m" }, 40, { oddness: 0.1, readability: 0.2, lexical: 0.7 }),
      item("d-2", { id: "m" }, 45, { oddness: 0.1, readability: 0.2, lexical: 0.75 }),
    ]);
    expect(s.models[0]!.points[0]!.weakest).toEqual({ signal: "lexical", subscore: 0.7 });
    expect(s.models[0]!.signals.oddness!.median).toBe(0.1);
    expect(s.signals.map((x) => [x.name, x.weight])).toEqual([
      ["lexical", 1],
      ["oddness", 0],
      ["readability", 0],
    ]);
    const row = statsMarkdown(s).split("\n")[2]!;
    expect(row).toMatch(/\| lexical 0\.72 \|$/);
  });

  it("handles no transcripts", () => {
    const empty = computeStats([]);
    expect(empty.models).toEqual([]);
    expect(empty.overall).toMatchObject({ count: 0, median: null, illegibleShare: null });
    expect(statsText(empty)).toContain("0 transcript(s)");
  });

  it("reports a model whose transcripts are all unscored with count 0", () => {
    const s = computeStats([item("u", { id: "u-model" }, 0, {}, { basis: "none" })]);
    expect(s.models[0]).toMatchObject({ model: "u-model", count: 0, unscored: 1, median: null });
  });
});

describe("tables", () => {
  const stats = computeStats(fixtureItems());

  it("the Markdown table has one row per model that matches the stats, with cells escaped", () => {
    const md = statsMarkdown(stats);
    const rows = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| model"));
    const modelRows = rows.slice(0, stats.models.length);
    expect(modelRows[0]).toBe(
      "| old-1 | 2024-01-10 | lab-a | 4 (+1 unscored) | 85.0 | 70.0–92.5 | 40.0–100.0 | 1 (25 %) | – |",
    );
    expect(modelRows[1]).toContain("| new-2 | 2025-06-01 | lab-b | 1 | 30.0 |");
    expect(modelRows[1]).toContain("lexical 0.20, repetition 0.60");
    expect(md).not.toContain("<script>");
    expect(md).toContain("evil&#60;script&#62;");
    // Each model row has exactly as many cells as the header.
    const cells = (l: string) => l.split(" | ").length;
    for (const r of modelRows) expect(cells(r)).toBe(cells(md.split("\n")[0]!));
    expect(md).toContain("| model | language | lexical | repetition |");
  });

  it("the text table lists every model and a summary line", () => {
    const text = statsText(stats);
    for (const m of ["old-1", "new-2", "zeta"]) expect(text).toContain(m);
    expect(text).not.toContain("\u0001");
    expect(text).toContain("9 transcript(s), 8 scored, 1 with nothing scorable; overall median");
  });
});
