import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareInput } from "../../../lambdas/core/compare/input";
import { SCORER_ID } from "../../../lambdas/core/legibility";

const enc = new TextEncoder();
const NATIVE = readFileSync(
  join(import.meta.dirname, "..", "..", "fixtures", "process", "native.jsonl"),
  "utf8",
)
  .split("\n")
  .filter((l) => l.trim())[0]!;

const published = (id: string, score: unknown) =>
  JSON.stringify({
    schema: "cotshare/transcript@1",
    id,
    lab: "lab-a",
    model: { id: "m", releaseDate: "2025-01-01" },
    messages: [{ role: "user", parts: [{ type: "text", text: "hidden words" }] }],
    legibility: { score, signals: { lexical: { value: 1, subscore: 0.5 } } },
    review: { verdict: "PASS", reasons: [] },
  });

describe("compareInput", () => {
  it("takes a published transcript's score as it is", () => {
    const r = compareInput("a.json", enc.encode(published("p", 42)));
    expect(r.rejections).toEqual([]);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      scored: false,
      item: { id: "p", lab: "lab-a", legibility: { score: 42 } },
    });
    expect(r.items[0]!.line).toBeUndefined();
  });

  it("scores a transcript in an intake format", () => {
    const r = compareInput("n.jsonl", enc.encode(NATIVE + "\n"));
    expect(r.rejections).toEqual([]);
    expect(r.items[0]!.scored).toBe(true);
    expect(r.items[0]!.item.legibility.scorer).toBe(SCORER_ID);
    expect(r.items[0]!.item.legibility.signals).toHaveProperty("lexical");
  });

  it("reads mixed JSONL line by line, with the file's line numbers", () => {
    const text = [published("p-1", 80), "", NATIVE, "{not json", published("p-2", "x")].join("\n");
    const r = compareInput("mix.jsonl", enc.encode(text));
    expect(r.items.map((i) => [i.item.id, i.line, i.scored])).toEqual([
      ["p-1", 1, false],
      ["native-001", 3, true],
    ]);
    expect(r.rejections.map((x) => [x.line, x.code])).toEqual([
      [4, "invalid_json"],
      [5, "schema"],
    ]);
    expect(r.rejections[0]!.message).toMatch(/^mix\.jsonl, line 4: /);
    expect(r.rejections[1]!.message).toMatch(/^mix\.jsonl, line 5, field legibility\.score: /);
    expect(JSON.stringify(r.rejections)).not.toContain("hidden words");
  });

  it("leaves non-JSON and other formats to the intake reader's rejections", () => {
    const r = compareInput("x.json", enc.encode("plain text"));
    expect(r.items).toEqual([]);
    expect(r.rejections[0]!.code).toBe("invalid_json");
  });
});
