/**
 * A JSON Lines file that is valid UTF-8 is decoded once and cut into lines as text; one that is not
 * is decoded line by line. Either way each line must read exactly as its own bytes decoded alone
 * (a CR before the newline dropped, a BOM at the line's start dropped as the decoder drops it),
 * whatever the line holds: other scripts, astral characters, blank lines, lines too long.
 */
import { describe, expect, it } from "vitest";
import { readJsonlLine, readTranscripts } from "../../../lambdas/core/transcript/read";
import { SCHEMA_ID } from "../../../lambdas/core/transcript/schema";

const enc = new TextEncoder();
const BOM = [0xef, 0xbb, 0xbf];
const MAX_LINE = 600;

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

// (Written as JSON escapes in the record: `\u00e9`, `\n`.)
const WORDS = ["sum", "Ωμέγα", "数学", "naïve", "🙂", "\\u00e9", "\\n", "12", "Zoë"];

function lineBytes(i: number, r: () => number): number[] {
  const pick = r();
  if (pick < 0.08) return []; // blank
  if (pick < 0.12) return [...enc.encode("   ")];
  if (pick < 0.16) return [...enc.encode("{not json")];
  let text = "";
  const words = 1 + Math.floor(r() * (pick < 0.2 ? 120 : 12));
  for (let w = 0; w < words; w++) text += WORDS[Math.floor(r() * WORDS.length)] + " ";
  const record = JSON.stringify({
    schema: SCHEMA_ID,
    id: `l-${i}`,
    model: { id: "example-reasoner-1" },
    messages: [{ role: "user", parts: [{ type: "text", text }] }],
  }).replace(/\\\\/g, "\\");
  const out = [...enc.encode(record)];
  return r() < 0.15 ? [...BOM, ...out] : out;
}

function file(seed: number, invalidLine?: number): { bytes: Uint8Array; lines: number[][] } {
  const r = seeded(seed);
  const lines: number[][] = [];
  for (let i = 0; i < 40; i++) {
    let b = lineBytes(i, r);
    if (i === invalidLine) b = [...enc.encode('{"schema": "'), 0xff, ...enc.encode('"}')];
    lines.push(b);
  }
  // The file's own BOM, sometimes twice (the decoder drops only one).
  const head = seed % 3 === 0 ? BOM : seed % 3 === 1 ? [...BOM, ...BOM] : [];
  const bytes: number[] = [...head];
  lines.forEach((l, i) => {
    bytes.push(...l);
    if (i < lines.length - 1) bytes.push(...(r() < 0.3 ? [0x0d, 0x0a] : [0x0a]));
  });
  return { bytes: Uint8Array.from(bytes), lines: lines.map((l, i) => (i === 0 ? [...head, ...l] : l)) };
}

/** Each line read alone from its own bytes: the reference. */
function lineByLine(bytes: Uint8Array) {
  const dec = new TextDecoder("utf-8", { fatal: true });
  const items: unknown[] = [];
  const rejections: unknown[] = [];
  let start = 0;
  let line = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    line++;
    let stop = end;
    if (stop > start && bytes[stop - 1] === 0x0d) stop--;
    if (stop - start > MAX_LINE) rejections.push({ line, code: "too_large" });
    else if (stop > start) {
      let text: string | undefined;
      try {
        text = dec.decode(bytes.subarray(start, stop));
      } catch {
        rejections.push({ line, code: "invalid_utf8" });
      }
      if (text !== undefined) {
        const r = readJsonlLine("f.jsonl", line, text, { maxLineBytes: MAX_LINE });
        items.push(...r.items);
        rejections.push(...r.rejections.map((x) => ({ line: x.line, code: x.code })));
      }
    }
    start = end + 1;
  }
  return { items, rejections };
}

describe("JSON Lines read whole or line by line", () => {
  it("reads every line of a valid file as its bytes alone read", () => {
    for (let seed = 0; seed < 30; seed++) {
      const { bytes } = file(seed);
      const got = readTranscripts("f.jsonl", bytes, { maxLineBytes: MAX_LINE });
      const want = lineByLine(bytes);
      expect(got.items).toEqual(want.items);
      expect(got.rejections.map((x) => ({ line: x.line, code: x.code }))).toEqual(want.rejections);
      expect(got.items.length).toBeGreaterThan(10);
    }
  });

  it("a file with one line of bad UTF-8 gives the same good lines", () => {
    for (let seed = 0; seed < 10; seed++) {
      const good = readTranscripts("f.jsonl", file(seed).bytes, { maxLineBytes: MAX_LINE });
      const { bytes } = file(seed, 7);
      const bad = readTranscripts("f.jsonl", bytes, { maxLineBytes: MAX_LINE });
      expect(bad.items).toEqual(good.items.filter((it) => it.line !== 8));
      expect(bad.rejections.find((x) => x.line === 8)?.code).toBe("invalid_utf8");
      expect(bad.items).toEqual(lineByLine(bytes).items);
    }
  });
});
