import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLEAN_EN, PROMPT_EN, SOUP_EN } from "./fixtures";

const run = (...args: string[]) =>
  spawnSync(process.execPath, ["bin/cotshare.js", "score", ...args], { encoding: "utf8" });

function transcript(id: string, reasoning: string) {
  return {
    schema: "cotshare/transcript@1",
    id,
    model: { id: "m" },
    messages: [
      { role: "user", parts: [{ type: "text", text: PROMPT_EN }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", text: reasoning },
          { type: "text", text: "420" },
        ],
      },
    ],
  };
}

describe("cotshare score", () => {
  const dir = mkdtempSync(join(tmpdir(), "cotshare-score-"));
  writeFileSync(join(dir, "clean.json"), JSON.stringify(transcript("clean-1", CLEAN_EN)));
  writeFileSync(join(dir, "more.jsonl"), JSON.stringify(transcript("soup-1", SOUP_EN)) + "\n{broken\n");

  it("prints one JSON line per transcript with the contract's fields, exit 2 when an input is rejected", () => {
    const r = run(dir, "--json");
    expect(r.status).toBe(2);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(["clean-1", "soup-1"]);
    const [clean, soup] = lines;
    expect(clean.source).toBe(join(dir, "clean.json"));
    expect(soup.line).toBe(1);
    expect(clean.score).toBeGreaterThanOrEqual(90);
    expect(soup.score).toBeLessThan(40);
    expect(clean.signals.lexical).toEqual({ value: expect.any(Number), subscore: expect.any(Number) });
    expect(clean.worst).toMatchObject({ message: 1, part: 0, start: 0, score: clean.score });
    expect(r.stderr).toMatch(/more\.jsonl:2: invalid_json/);
    expect(r.stderr).not.toContain("broken");
  });

  it("prints a readable table and exits 0 when every input is read", () => {
    const r = run(join(dir, "clean.json"));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/source\s+id\s+score/);
    expect(r.stdout).toMatch(/clean-1\s+100\.0/);
  });

  it("exits 1 on a usage error", () => {
    expect(run(join(dir, "missing.json")).status).toBe(1);
    expect(run().status).toBe(1);
  });
});
