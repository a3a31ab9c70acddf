/**
 * `cotshare process` on a folder of many small files takes them in groups (`processFiles`): the
 * output must be what processing each file alone gives (`processBytes`, the ingest Lambda's path),
 * in the order the files are listed, with a broken file, a JSON Lines file and a file too big to
 * share a group among them.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BATCH_CHARS, BATCH_TRANSCRIPTS, processBytes } from "../../lambdas/core/pipeline";
import { SCHEMA_ID } from "../../lambdas/core/transcript/schema";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "cotshare.js");
const KEY = "groups-test-key";
// Built at run time so no scanner flags the repository.
const EMAIL = (i: number) => `rowan.hale${i}` + "@" + "example-lab.org";

function transcript(i: number, pad = 0) {
  const text = i % 4 === 1 ? `Mail ${EMAIL(i)} the total ${i}.` : `Adding ${i} and ${i} gives ${2 * i}.`;
  return {
    schema: SCHEMA_ID,
    id: `g-${i}`,
    model: { id: "example-reasoner-1" },
    messages: [
      { role: "user", parts: [{ type: "text", text: `What is ${i} plus ${i}?` }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", text: text + " The sum is even.".repeat(pad) },
          { type: "text", text: `${2 * i}` },
        ],
      },
    ],
  };
}

let dir: string;
const N = 2 * BATCH_TRANSCRIPTS + 11;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cotshare-groups-"));
  mkdirSync(join(dir, "in"));
  for (let i = 0; i < N; i++) {
    const name = join(dir, "in", `t-${String(i).padStart(3, "0")}`);
    if (i === 40) writeFileSync(name + ".json", "{ not json");
    else if (i === 70)
      writeFileSync(
        name + ".jsonl",
        [transcript(i), transcript(i + 1000)].map((t) => JSON.stringify(t)).join("\n"),
      );
    // Bigger than a group's bytes on its own.
    else if (i === 100) writeFileSync(name + ".json", JSON.stringify(transcript(i, BATCH_CHARS / 16)));
    else writeFileSync(name + ".json", JSON.stringify(transcript(i)));
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cotshare process on many small files", () => {
  it("writes what each file gives alone, in file order", () => {
    const r = spawnSync(process.execPath, [BIN, "process", "in", "--lab", "acme", "--out", "out", "--json"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, COTSHARE_HMAC_KEY: KEY },
      timeout: 120_000,
    });
    expect(r.stderr).toContain(`${N + 1} transcripts from ${N} files`);
    expect(r.status).toBe(2);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { source: string; id: string; status: string; line?: number });
    // In the order the files are listed (names sort by number), each file's outcomes together.
    const sources = [...new Set(lines.map((l) => l.source))];
    expect(sources).toEqual([...sources].sort());
    expect(sources).toHaveLength(N);
    const opts = { lab: "acme", hmacKey: KEY };
    const expected = sources.flatMap((s) => processBytes(s, readFileSync(join(dir, s)), opts));
    expect(lines.map((l) => [l.source, l.line, l.id, l.status])).toEqual(
      expected.map((o) => [o.source, o.line, o.id, o.status]),
    );
    expect(lines.filter((l) => l.status === "rejected").map((l) => l.source)).toEqual([
      join("in", "t-040.json"),
    ]);
    // Every accepted transcript's published form is written, exactly as processBytes publishes it.
    const written = readdirSync(join(dir, "out")).filter((n) => n.endsWith(".json"));
    expect(written).toHaveLength(N);
    for (const o of expected)
      if (o.status === "accepted")
        expect(JSON.parse(readFileSync(join(dir, "out", `${o.id}.json`), "utf8"))).toEqual(
          JSON.parse(JSON.stringify(o.published)),
        );
  });
});
