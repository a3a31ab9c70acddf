/** The comparison inside a published set: stats.json, models.svg and the dataset card. */
import { describe, expect, it } from "vitest";
import { computeStats, statsMarkdown, STATS_SCHEMA, type Stats } from "../../../lambdas/core/compare";
import { buildSet, reviseSet, sha256Hex, verifySet, type SetMeta } from "../../../lambdas/core/publish";
import { doc } from "../publish/fixtures";
import { checkXml } from "./xml";

const meta: SetMeta = {
  createdAt: "2026-01-02T03:04:05.000Z",
  previous: null,
  license: "CC-BY-4.0",
  scorer: "cotshare-legibility@1",
  selection: {},
  withdrawn: [],
};
const sig = (lexical: number, language = 1) => ({
  lexical: { value: 0.1, subscore: lexical, explanation: "x" },
  language: { value: 0, subscore: language, explanation: "y" },
});
const docs = [
  doc("a-1", {
    model: { id: "alpha|1", releaseDate: "2025-03-01", family: "alpha" },
    legibility: { scorer: "cotshare-legibility@1", score: 92, signals: sig(0.95) } as never,
  }),
  doc("a-2", {
    model: { id: "alpha|1", releaseDate: "2025-03-01", family: "alpha" },
    legibility: { scorer: "cotshare-legibility@1", score: 35, signals: sig(0.3, 0.9) } as never,
  }),
  doc("b-1", {
    lab: "lab-b",
    model: { id: "beta-2" },
    legibility: { scorer: "cotshare-legibility@1", score: 61, signals: sig(0.7) } as never,
  }),
];
const dec = new TextDecoder();
const fileOf = (set: { files: { path: string; body: Uint8Array }[] }, path: string) =>
  set.files.find((f) => f.path === path)?.body;

describe("a published set carries the model comparison", () => {
  const set = buildSet(docs, meta);
  const statsBody = fileOf(set, "stats.json")!;
  const stats = JSON.parse(dec.decode(statsBody)) as Stats;

  it("stores stats.json, listed in the manifest with its sha256, equal to the aggregates", () => {
    const listed = set.manifest.files.find((f) => f.path === "stats.json")!;
    expect(listed.sha256).toBe(sha256Hex(statsBody));
    expect(listed.bytes).toBe(statsBody.byteLength);
    expect(stats.schema).toBe(STATS_SCHEMA);
    expect(stats.scorer).toBe("cotshare-legibility@1");
    expect(stats).toEqual(computeStats(docs, { scorer: meta.scorer }));
    expect(stats.models.map((m) => [m.model, m.releaseDate, m.count, m.median])).toEqual([
      ["alpha|1", "2025-03-01", 2, 63.5],
      ["beta-2", null, 1, 61],
    ]);
    expect(set.files.find((f) => f.path === "stats.json")!.contentType).toMatch(/^application\/json/);
  });

  it("stores models.svg, well-formed, listed, linking every member", () => {
    const svg = dec.decode(fileOf(set, "models.svg")!);
    expect(checkXml(svg).problems).toEqual([]);
    expect(set.manifest.files.some((f) => f.path === "models.svg")).toBe(true);
    expect(set.files.find((f) => f.path === "models.svg")!.contentType).toMatch(/^image\/svg\+xml/);
    for (const d of docs) expect(svg).toContain(`href="#/transcripts/${d.id}"`);
    expect(verifySet(set.manifest, (p) => fileOf(set, p))).toEqual([]);
  });

  it("puts the per-model table (matching stats.json) and the SVG in the dataset card", () => {
    const card = dec.decode(fileOf(set, "README.md")!);
    expect(card).toContain("## Models");
    expect(card).toContain("](models.svg)");
    expect(card).toContain(statsMarkdown(stats));
    expect(card).toContain(
      "| alpha&#124;1 | 2025-03-01 | lab-a | 2 | 63.5 | 49.3–77.8 | 35.0–92.0 | 1 (50 %) |",
    );
    expect(card).toContain("| `stats.json` |");
    expect(card).toContain("| `models.svg` |");
    // The card never names its own set id (the id hashes the card).
    expect(card).not.toContain(set.setId);
  });

  it("a takedown drops the withdrawn transcript from stats.json and models.svg", () => {
    const rev = reviseSet(set.manifest, docs, "a-2", "2026-02-01T00:00:00.000Z");
    const after = new Map(set.files.map((f) => [f.path, f.body]));
    for (const p of rev.deleted) after.delete(p);
    for (const f of rev.files) after.set(f.path, f.body);
    const s2 = JSON.parse(dec.decode(after.get("stats.json")!)) as Stats;
    expect(s2.models[0]).toMatchObject({ model: "alpha|1", count: 1, median: 92 });
    expect(s2.models.flatMap((m) => m.points.map((p) => p.id))).toEqual(["a-1", "b-1"]);
    const svg = dec.decode(after.get("models.svg")!);
    expect(svg).not.toContain(`data-id="a-2"`);
    expect(svg).toContain(`data-id="a-1"`);
    expect(dec.decode(after.get("README.md")!)).toContain(statsMarkdown(s2));
    expect(verifySet(rev.manifest, (p) => after.get(p))).toEqual([]);
  });
});
