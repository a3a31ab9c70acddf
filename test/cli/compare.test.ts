/**
 * `cotshare compare` end to end, as a user runs it: `node bin/cotshare.js compare …` on published
 * transcripts written at run time (JSON and JSONL), an intake-format file copied from the process
 * fixtures (scored on the way), and broken inputs.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stats } from "../../lambdas/core/compare";
import { buildSet, latestPointer } from "../../lambdas/core/publish";
import { doc } from "../core/publish/fixtures";
import { checkXml } from "../core/compare/xml";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "cotshare.js");
const SECRET_WORDS = "plover quartz hinterland";

let dir: string;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, "compare", ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function published(id: string, model: Record<string, string>, score: number, lexical = 1, lab = "lab-a") {
  return {
    schema: "cotshare/transcript@1",
    id,
    lab,
    model,
    messages: [
      { role: "user", parts: [{ type: "text", text: "What is 2 + 2?" }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", text: `Two plus two is four. ${SECRET_WORDS}`, summary: false, opaque: false },
        ],
      },
    ],
    // Deliberately not what the scorer would say: compare must keep published scores.
    legibility: {
      scorer: "cotshare-legibility@1",
      score,
      basis: "reasoning",
      signals: { lexical: { value: 0.1, subscore: lexical, explanation: "x" } },
    },
    review: { verdict: "PASS", reasons: [] },
    redaction: { counts: {}, placeholders: 0 },
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cotshare-compare-"));
  mkdirSync(join(dir, "pub"));
  const old = { id: "old-model", releaseDate: "2024-05-01", family: "fam" };
  const recent = { id: "new-model", releaseDate: "2025-08-01" };
  writeFileSync(join(dir, "pub", "a.json"), JSON.stringify(published("p-1", old, 12, 0.2), null, 2));
  writeFileSync(join(dir, "pub", "b.json"), JSON.stringify(published("p-2", old, 88)));
  writeFileSync(
    join(dir, "pub", "c.jsonl"),
    [published("p-3", recent, 97, 1, "lab-b"), published("p-4", recent, 91, 0.9, "lab-b")]
      .map((d) => JSON.stringify(d))
      .join("\n") + "\n",
  );
  mkdirSync(join(dir, "intake"));
  copyFileSync(
    join(ROOT, "test", "fixtures", "process", "openai-chat.json"),
    join(dir, "intake", "chat.json"),
  );
  mkdirSync(join(dir, "bad"));
  writeFileSync(join(dir, "bad", "truncated.json"), '{"schema": "cotshare/transcript@1", "id": ');
  const wrong = published("p-9", old, 12);
  (wrong.legibility as { score: unknown }).score = `${SECRET_WORDS} 200`;
  writeFileSync(join(dir, "bad", "wrong-score.json"), JSON.stringify(wrong));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("cotshare compare", () => {
  it("prints the per-model table in release order, keeps published scores, scores intake files", () => {
    const r = run(["pub", "intake"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^model\s+released\s+lab\s+n\s+median\s+quartiles\s+range\s+< 50\s+weak signals/,
    );
    const rows = lines.slice(1, lines.indexOf(""));
    expect(rows[0]).toMatch(
      /^old-model\s+2024-05-01\s+lab-a\s+2\s+50\.0\s+31\.0–69\.0\s+12\.0–88\.0\s+1 \(50 %\)\s+lexical 0\.60$/,
    );
    expect(rows[1]).toMatch(/^new-model\s+2025-08-01\s+lab-b\s+2\s+94\.0\s/);
    // The Chat Completions fixture has no release date: after the dated models.
    expect(rows.length).toBe(3);
    expect(rows[2]).toMatch(/^deepseek-reasoner\s+–\s+–\s+1\s/);
    expect(r.stdout).toContain("5 transcript(s), 5 scored");
  });

  it("--json prints the stats.json shape, which the table matches", () => {
    const r = run(["pub", "intake", "--json"]);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout) as Stats;
    expect(stats.schema).toBe("cotshare/stats@1");
    expect(stats.threshold).toBe(50);
    expect(stats.models.map((m) => [m.model, m.count, m.median])).toEqual([
      ["old-model", 2, 50],
      ["new-model", 2, 94],
      ["deepseek-reasoner", 1, stats.models[2]!.median],
    ]);
    expect(stats.models[0]!.points.map((p) => [p.id, p.score])).toEqual([
      ["p-1", 12],
      ["p-2", 88],
    ]);
    expect(stats.models[0]!.family).toBe("fam");
    expect(stats.labs.map((g) => g.key)).toEqual(["lab-a", "lab-b"]);
    const table = run(["pub", "intake"]).stdout;
    for (const m of stats.models) {
      const row = table.split("\n").find((l) => l.startsWith(m.model + " "))!;
      expect(row).toContain(m.median!.toFixed(1));
      expect(row).toContain(`${m.q1!.toFixed(1)}–${m.q3!.toFixed(1)}`);
    }
  });

  it("--svg writes a well-formed plot that links every transcript", () => {
    const r = run(["pub", "--svg", "plot.svg"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Plot written to plot.svg");
    const svg = readFileSync(join(dir, "plot.svg"), "utf8");
    expect(checkXml(svg).problems).toEqual([]);
    for (const id of ["p-1", "p-2", "p-3", "p-4"]) expect(svg).toContain(`href="#/transcripts/${id}"`);
  });

  it("exits 2 when some inputs are rejected, naming file and field, never content", () => {
    const r = run(["pub", "bad"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("4 transcript(s)");
    const err = r.stderr.trim().split("\n");
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(/truncated\.json: invalid_json: /);
    expect(err[1]).toMatch(/wrong-score\.json: schema: field legibility\.score: /);
    expect(r.stderr).not.toContain(SECRET_WORDS);
    expect(r.stdout).not.toContain(SECRET_WORDS);
  });

  it("reads a downloaded set folder: each transcript once, from data.jsonl; its own files are not read", () => {
    const docs = [
      doc("t-1", { model: { id: "m-a" }, legibility: { score: 40, signals: {} } as never }),
      doc("t-2", { model: { id: "m-a" }, legibility: { score: 90, signals: {} } as never }),
      doc("t-3", { model: { id: "m-b" }, legibility: { score: 70, signals: {} } as never }),
    ];
    const set = buildSet(docs, {
      createdAt: "2025-01-02T03:04:05.000Z",
      previous: null,
      license: "CC-BY-4.0",
      scorer: "legibility@2",
      selection: {},
      withdrawn: [],
    });
    const root = join(dir, "download");
    for (const f of set.files) {
      const path = join(root, "sets", set.setId, f.path);
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, f.body);
    }
    writeFileSync(join(root, "latest.json"), JSON.stringify(latestPointer(set.manifest)));
    const files = set.files.map((f) => f.path);
    expect(files).toContain("data.jsonl");
    expect(files.filter((f) => f.startsWith("transcripts/"))).toHaveLength(3);
    const r = run(["download", "--json"]);
    expect(r.stderr).not.toMatch(/unknown_format|schema/);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout) as Stats;
    expect(stats.transcripts).toBe(3);
    expect(stats.models.map((m) => [m.model, m.count])).toEqual([
      ["m-a", 2],
      ["m-b", 1],
    ]);
    // Walking the folder, a set is read from its data.jsonl: its manifest, stats and
    // transcripts/ copies (and the copy's latest.json) are not read at all.
    expect(r.stderr).not.toMatch(/read again from another file/);
    // `score` reads the same folder the same way: each transcript once, nothing rejected.
    const scored = spawnSync(process.execPath, [BIN, "score", "download", "--json"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(scored.status, scored.stderr).toBe(0);
    expect(scored.stdout.trim().split("\n")).toHaveLength(3);
    // Named on the command line, a set's own file is read and skipped with a note.
    const named = run([join(root, "sets", set.setId, "manifest.json"), join(root, "latest.json"), "--json"]);
    expect(named.stderr).toMatch(/manifest\.json: skipped, a set's manifest/);
    expect(named.stderr).toMatch(/latest\.json: skipped, the newest-set pointer/);
  });

  it("exits 1 on a usage error: a missing path, or an SVG that cannot be written", () => {
    const missing = run(["no-such-dir"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file or folder: no-such-dir");
    const unwritable = run(["pub", "--svg", join("no-such-dir", "x.svg")]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain("cannot write");
    expect(run([]).code).toBe(1);
  });
});
