/**
 * `processFiles` takes several files' transcripts through the steps together (the CLI's groups of
 * small files). What it must not change: each file's outcomes are exactly those `processBytes`
 * gives for that file alone — ids keyed by the file's own name, its rejections in place, its order —
 * whatever the other files of the group hold.
 */
import { describe, expect, it } from "vitest";
import { BATCH_TRANSCRIPTS, processBytes, processFiles, type InputFile } from "../../lambdas/core/pipeline";
import { SCHEMA_ID } from "../../lambdas/core/transcript/schema";

const opts = {
  lab: "acme",
  hmacKey: "files-test-key",
  policy: { denyTerms: ["Project Bluefinch"], allowTerms: [], internalDomains: [] },
};
const enc = new TextEncoder();
// Built at run time so no scanner flags the repository.
const EMAIL = (i: number) => `maria.lopez${i}` + "@" + "example-corp.com";

function transcript(i: number, id = `own-${i}`) {
  const reasoning = [
    `Adding ${i} and ${i + 1} gives ${2 * i + 1}.`,
    `Dr. Helen Okafor said to write to ${EMAIL(i)} about build ${i}.`,
    `Project Bluefinch ships next week, build ${i}.`,
  ][i % 3]!;
  return {
    schema: SCHEMA_ID,
    id,
    model: { id: "example-reasoner-1" },
    messages: [
      { role: "user", parts: [{ type: "text", text: `Question ${i}: what is the sum?` }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", text: reasoning },
          { type: "text", text: "Done." },
        ],
      },
    ],
  };
}

const json = (source: string, v: unknown): InputFile => ({ source, bytes: enc.encode(JSON.stringify(v)) });

/** A mix: single transcripts, JSON Lines with bad lines, broken and empty files, the same transcript twice. */
function files(): InputFile[] {
  const out: InputFile[] = [];
  for (let i = 0; i < 2 * BATCH_TRANSCRIPTS + 5; i++) {
    if (i % 17 === 3) {
      const lines = [transcript(i), "{not json", transcript(i + 1000), { schema: 5 }].map((l) =>
        typeof l === "string" ? l : JSON.stringify(l),
      );
      out.push({ source: `batch-${i}.jsonl`, bytes: enc.encode(lines.join("\n") + "\n") });
    } else if (i % 17 === 5)
      out.push({ source: `bad-${i}.json`, bytes: Uint8Array.from([0x7b, 0xff, 0x7d]) });
    else if (i % 17 === 7) out.push({ source: `empty-${i}.json`, bytes: new Uint8Array(0) });
    // The very same transcript in another file: another id (the file's name is in it).
    else if (i % 17 === 9) out.push(json(`copy-${i}.json`, transcript(i - 1, `own-${i - 1}`)));
    else out.push(json(`t-${i}.json`, transcript(i)));
  }
  return out;
}

describe("processFiles", () => {
  it("gives each file exactly the outcomes processBytes gives it alone", () => {
    const fs = files();
    const together = processFiles(fs, opts);
    expect(together).toHaveLength(fs.length);
    const alone = fs.map((f) => processBytes(f.source, f.bytes, opts));
    expect(together).toEqual(alone);
    // The mix is what it claims to be.
    const all = together.flat();
    expect(all.filter((o) => o.status === "rejected").map((o) => o.status === "rejected" && o.code)).toEqual(
      expect.arrayContaining(["invalid_json", "invalid_utf8", "empty", "unknown_format"]),
    );
    const redacted = all.filter((o) => o.status === "accepted" && Object.keys(o.redactions).length > 0);
    expect(redacted.length).toBeGreaterThan(all.length / 3);
    expect(new Set(all.map((o) => o.id)).size).toBe(all.length);
    // Each outcome names its own file.
    for (const [f, outs] of together.entries()) for (const o of outs) expect(o.source).toBe(fs[f]!.source);
  });

  it("a JSON Lines file among single files keeps its lines' order, rejections in place", () => {
    const fs = files().slice(0, 8);
    const outs = processFiles(fs, opts)[3]!;
    expect(outs.map((o) => [o.line, o.status])).toEqual([
      [1, "accepted"],
      [2, "rejected"],
      [3, "accepted"],
      [4, "rejected"],
    ]);
  });

  it("refuses a bad lab id before reading anything, and takes no files", () => {
    expect(() => processFiles(files(), { ...opts, lab: "Not A Lab" })).toThrow(/lab id/);
    expect(processFiles([], opts)).toEqual([]);
  });
});
