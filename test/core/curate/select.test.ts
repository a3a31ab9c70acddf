import { describe, expect, it } from "vitest";
import {
  bandOf,
  curationConfig,
  minhash,
  selectTranscripts,
  shingles,
  similarity,
  type Candidate,
} from "../../../lambdas/core/curate";

/** Deterministic pseudo-random reasoning: distinct seeds give unrelated texts. */
function text(seed: number, n = 60): string {
  const vocab =
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega".split(
      " ",
    );
  let x = seed * 2654435761 + 1;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(vocab[x % vocab.length]! + ((x >>> 8) % 50));
  }
  return out.join(" ");
}

function cand(i: number, over: Partial<Candidate> = {}): Candidate {
  return {
    id: `t${String(i).padStart(3, "0")}`,
    lab: "lab-a",
    model: `model-${i % 7}`,
    legibility: (i * 37) % 101,
    status: "accepted",
    verdict: "PASS",
    publishable: true,
    reasoning: text(i),
    ...over,
  };
}

describe("MinHash", () => {
  it("estimates high similarity for a lightly edited text and low for unrelated texts", () => {
    const a = text(1, 200);
    const edited = a.replace(/alpha\d+/, "changed").replace(/omega\d+/, "edited");
    const sa = minhash(shingles(a, 3), 128)!;
    expect(similarity(sa, minhash(shingles(edited, 3), 128)!)).toBeGreaterThan(0.85);
    expect(similarity(sa, minhash(shingles(text(2, 200), 3), 128)!)).toBeLessThan(0.1);
    expect(minhash(shingles("", 3), 64)).toBeUndefined();
  });

  it("ignores case, punctuation and spacing", () => {
    expect([...shingles("Hello,   WORLD! again", 2)]).toEqual(["hello world", "world again"]);
  });
});

describe("selectTranscripts", () => {
  it("keeps only PASS or approved transcripts with consent", () => {
    const cs = [
      cand(1),
      cand(2, { verdict: "NEEDS_HUMAN" }),
      cand(3, { status: "approved", verdict: "NEEDS_HUMAN" }),
      cand(4, { verdict: "BLOCK" }),
      cand(5, { status: "denied" }),
      cand(6, { publishable: undefined }),
      cand(7, { publishable: undefined, labAutoPublish: true }),
      cand(8, { publishable: false, labAutoPublish: true }),
      cand(9, { status: "rejected" }),
      cand(10, { status: "published", publishable: undefined }),
      cand(11, { legibility: Number.NaN }),
    ];
    const { selected, excluded } = selectTranscripts(cs);
    expect(selected.map((c) => c.id)).toEqual(["t001", "t003", "t007", "t010"]);
    expect(Object.fromEntries(excluded.map((e) => [e.id, e.reason]))).toEqual({
      t002: "not_pass",
      t004: "not_pass",
      t005: "status",
      t006: "no_consent",
      t008: "no_consent",
      t009: "status",
      t011: "no_score",
    });
    // The default consent can be switched on.
    const open = selectTranscripts(cs, curationConfig({ defaultConsent: true }));
    expect(open.selected.map((c) => c.id)).toContain("t006");
    expect(open.selected.map((c) => c.id)).not.toContain("t008");
  });

  it("caps the set size (default 50) and records the rest as set_full", () => {
    const cs = Array.from({ length: 300 }, (_, i) => cand(i, { lab: `lab-${i % 10}`, model: `m-${i % 30}` }));
    const { selected, excluded } = selectTranscripts(cs);
    expect(selected).toHaveLength(50);
    expect(selected.length + excluded.length).toBe(300);
    expect(selectTranscripts(cs, curationConfig({ maxSize: 7 })).selected).toHaveLength(7);
  });

  it("enforces quotas per lab and per model", () => {
    const cs = Array.from({ length: 120 }, (_, i) =>
      cand(i, { lab: i < 100 ? "big-lab" : "small-lab", model: i < 100 && i % 2 ? "m-odd" : `m-${i}` }),
    );
    const cfg = curationConfig({ maxSize: 40, maxPerLab: 15, maxPerModel: 5 });
    const { selected, excluded } = selectTranscripts(cs, cfg);
    const count = (f: (c: Candidate) => string) =>
      selected.reduce((m, c) => m.set(f(c), (m.get(f(c)) ?? 0) + 1), new Map<string, number>());
    expect(count((c) => c.lab).get("big-lab")).toBe(15);
    expect(count((c) => c.lab).get("small-lab")).toBe(15);
    expect(count((c) => c.model).get("m-odd")).toBe(5);
    expect(selected).toHaveLength(30); // both labs at their quota, although 40 were allowed
    expect(Math.max(...count((c) => c.model).values())).toBeLessThanOrEqual(5);
    expect(excluded.some((e) => e.reason === "lab_quota")).toBe(true);
    expect(excluded.some((e) => e.reason === "model_quota")).toBe(true);
  });

  it("spreads the set across legibility bands instead of taking only the best", () => {
    // 80 highly legible, 10 in each lower band.
    const scores = [
      ...Array<number>(80).fill(90),
      ...Array<number>(10).fill(60),
      ...Array<number>(10).fill(30),
      ...Array<number>(10).fill(5),
    ];
    const cs = scores.map((s, i) => cand(i, { legibility: s, lab: `lab-${i % 9}`, model: `m-${i}` }));
    const { selected } = selectTranscripts(cs, curationConfig({ maxSize: 20 }));
    const perBand = [0, 0, 0, 0];
    for (const c of selected) perBand[bandOf(c.legibility, [0, 25, 50, 75, 100])]!++;
    expect(perBand).toEqual([5, 5, 5, 5]);
    // With too few low-legibility transcripts, the other bands fill the set.
    const few = cs.filter((c) => c.legibility !== 5);
    const r = selectTranscripts(few, curationConfig({ maxSize: 40 }));
    expect(r.selected).toHaveLength(40);
    expect(r.selected.filter((c) => c.legibility === 90)).toHaveLength(20);
  });

  it("puts scores on band edges in the upper band and 100 in the last band", () => {
    const edges = [0, 25, 50, 75, 100];
    expect([0, 24.9, 25, 74.99, 75, 100].map((s) => bandOf(s, edges))).toEqual([0, 0, 1, 2, 3, 3]);
  });

  it("removes near-duplicates over the reasoning, keeping one of each group", () => {
    const base = text(42, 150);
    const cs = [
      cand(1, { reasoning: base }),
      cand(2, { reasoning: base.toUpperCase() + " ." }),
      cand(3, { reasoning: base.replace(/beta\d+/, "different") }),
      cand(4),
      cand(5, { reasoning: "" }),
      cand(6, { reasoning: "" }),
    ];
    const { selected, excluded } = selectTranscripts(cs);
    const dups = excluded.filter((e) => e.reason === "duplicate");
    expect(dups).toHaveLength(2);
    const kept = selected.map((c) => c.id).filter((id) => ["t001", "t002", "t003"].includes(id));
    expect(kept).toHaveLength(1);
    for (const d of dups) expect(d.of).toBe(kept[0]);
    // Texts without reasoning are never compared: both stay.
    expect(selected.map((c) => c.id)).toEqual(expect.arrayContaining(["t004", "t005", "t006"]));
    // A stricter threshold than the similarity keeps them all.
    const strict = selectTranscripts(cs, curationConfig({ dedupe: { threshold: 1 } }));
    expect(strict.excluded.filter((e) => e.reason === "duplicate")).toHaveLength(1); // only the exact copy (case-folded)
  });

  it("is deterministic: the same candidates in any order give the same selection", () => {
    const cs = Array.from({ length: 150 }, (_, i) => cand(i, { lab: `lab-${i % 4}`, model: `m-${i % 11}` }));
    const a = selectTranscripts(cs);
    const shuffled = [...cs].sort((x, y) => (x.reasoning < y.reasoning ? -1 : 1));
    const b = selectTranscripts(shuffled);
    expect(b).toEqual(a);
    // A different seed gives a different (but still valid) choice.
    const c = selectTranscripts(cs, curationConfig({ seed: "other" }));
    expect(c.selected.map((x) => x.id)).not.toEqual(a.selected.map((x) => x.id));
    expect(c.selected).toHaveLength(a.selected.length);
  });

  it("keeps the members of the previous set first, so versions stay stable", () => {
    const cs = Array.from({ length: 100 }, (_, i) => cand(i, { lab: `lab-${i % 10}`, model: `m-${i}` }));
    const first = selectTranscripts(cs, curationConfig({ maxSize: 10 }));
    const ids = new Set(first.selected.map((c) => c.id));
    const more = [
      ...cs.map((c) => (ids.has(c.id) ? { ...c, status: "published" as const, incumbent: true } : c)),
      ...Array.from({ length: 100 }, (_, i) =>
        cand(200 + i, { lab: `lab-${i % 10}`, model: `m-${200 + i}` }),
      ),
    ];
    const second = selectTranscripts(more, curationConfig({ maxSize: 10 }));
    expect(second.selected.map((c) => c.id)).toEqual(first.selected.map((c) => c.id));
  });

  it("rejects invalid configs", () => {
    expect(() => curationConfig({ bands: [50, 10] })).toThrow();
    expect(() => curationConfig({ dedupe: { hashes: 64, lshBands: 10 } })).toThrow();
    expect(() => curationConfig({ maxSize: 0 })).toThrow();
  });
});
