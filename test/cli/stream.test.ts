/**
 * `cotshare process` on a JSON Lines file bigger than the per-object limit: it is streamed line
 * by line (never read whole), per-line limits still apply, every line ends as an outcome, and the
 * outcomes are those of reading the same file whole under a larger limit. The limits are lowered
 * so a file of about 1 MB stands in for a multi-gigabyte one.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readJsonlLines, type JsonlStreamStats } from "../../cli/inputs";
import { runProcess } from "../../cli/commands/process";

const LINES = 400;
const MAX_LINE = 16 * 1024;
const MAX_BYTES = 128 * 1024;
const CHUNK = 8 * 1024;

let dir: string;
let file: string;

function transcript(i: number): string {
  const steps = Array.from(
    { length: 25 },
    (_, k) => `Step ${k + 1}: the crate holds ${i + k} apples, so adding ${k} more gives ${i + 2 * k}.`,
  ).join(" ");
  return JSON.stringify({
    schema: "cotshare/transcript@1",
    id: `stream-${i}`,
    model: { id: "example-reasoner-1" },
    messages: [
      { role: "user", parts: [{ type: "text", text: `How many apples are in crate ${i}?` }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", text: steps },
          { type: "text", text: `${i}` },
        ],
      },
    ],
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cotshare-stream-"));
  file = join(dir, "big.jsonl");
  const lines: string[] = [];
  for (let i = 0; i < LINES; i++) lines.push(transcript(i));
  lines[100] = "{not json"; // invalid_json, alone
  lines[200] = ""; // blank: skipped, but still counted as a line
  lines[300] = JSON.stringify({ pad: "x".repeat(MAX_LINE * 3) }); // over the per-line limit
  lines[301] = transcript(301).replace(/\n/g, "") + "\r"; // CRLF line ending
  writeFileSync(file, lines.join("\n") + "\n");
  vi.stubEnv("COTSHARE_HMAC_KEY", "stream-test-key");
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("readJsonlLines", () => {
  it("yields every line in order, holding at most one line plus one chunk", async () => {
    const stats: JsonlStreamStats = { maxBufferedBytes: 0, lines: 0 };
    const seen: number[] = [];
    let tooLong = 0;
    for await (const l of readJsonlLines(file, { maxLineBytes: MAX_LINE, chunkBytes: CHUNK, stats })) {
      seen.push(l.line);
      if ("tooLong" in l) tooLong++;
      else expect(l.bytes.includes(0x0a) || l.bytes.at(-1) === 0x0d).toBe(false);
    }
    expect(seen).toEqual(Array.from({ length: LINES }, (_, i) => i + 1));
    expect(tooLong).toBe(1);
    expect(stats.maxBufferedBytes).toBeLessThanOrEqual(MAX_LINE + 1 + CHUNK);
    expect(stats.maxBufferedBytes).toBeLessThan(statSync(file).size / 20);
  });
});

describe("process streams a JSONL file over the per-object limit", () => {
  it("processes every line, enforces the line limit, and matches reading the file whole", async () => {
    expect(statSync(file).size).toBeGreaterThan(4 * MAX_BYTES);
    const outStream = join(dir, "out-stream");
    const outWhole = join(dir, "out-whole");
    const stats: JsonlStreamStats = { maxBufferedBytes: 0, lines: 0 };
    const errs = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const streamed = await runProcess(
        [file],
        { lab: "stream-lab", out: outStream },
        { limits: { maxBytes: MAX_BYTES, maxLineBytes: MAX_LINE }, chunkBytes: CHUNK, streamStats: stats },
      );
      const whole = await runProcess(
        [file],
        { lab: "stream-lab", out: outWhole },
        { limits: { maxLineBytes: MAX_LINE } },
      );
      expect(streamed).toBe(2);
      expect(whole).toBe(2);
    } finally {
      errs.mockRestore();
    }
    expect(stats.lines).toBe(LINES);
    expect(stats.maxBufferedBytes).toBeLessThanOrEqual(MAX_LINE + 1 + CHUNK);

    const accepted = (d: string) =>
      readdirSync(d)
        .filter((f) => f.endsWith(".json"))
        .sort();
    const rejected = (d: string) =>
      readFileSync(join(d, "rejected.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { line?: number; code: string });
    // 400 lines: one blank, one invalid JSON, one too long → 397 transcripts.
    expect(accepted(outStream)).toHaveLength(LINES - 3);
    expect(rejected(outStream).map((r) => [r.line, r.code])).toEqual([
      [101, "invalid_json"],
      [301, "too_large"],
    ]);
    expect(accepted(outStream)).toEqual(accepted(outWhole));
    expect(rejected(outStream)).toEqual(rejected(outWhole));
    // Streamed in batches or read whole, every published form is the same, byte for byte.
    for (const f of accepted(outStream))
      expect(readFileSync(join(outStream, f), "utf8"), f).toBe(readFileSync(join(outWhole, f), "utf8"));
  }, 180_000);
});
