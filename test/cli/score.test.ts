/**
 * `cotshare score`'s table: its "main finding" is a weak signal that counts in the score, never a
 * weight-0 diagnostic (QA pass, session six: a 100-point transcript was headlined "oddness").
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { scoreTranscript, WEIGHTS } from "../../lambdas/core/legibility/index";
import { Transcript } from "../../lambdas/core/transcript/schema";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cotshare-score-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const transcript = Transcript.parse({
  schema: "cotshare/transcript@1",
  id: "plain-36",
  model: { id: "m" },
  messages: [
    { role: "user", parts: [{ type: "text", text: "What is 12 times 3?" }] },
    {
      role: "assistant",
      parts: [
        { type: "reasoning", text: "We multiply 12 by 3. 12 times 3 equals 36. So the answer is 36." },
        { type: "text", text: "36" },
      ],
    },
  ],
});

describe("cotshare score", () => {
  it("headlines no weight-0 diagnostic", () => {
    // The premise: this transcript scores 100 and only a diagnostic is below 0.8.
    const l = scoreTranscript(transcript);
    const weak = Object.entries(l.signals).filter(([, v]) => v.subscore < 0.8);
    expect(l.score).toBe(100);
    expect(weak.length).toBeGreaterThan(0);
    expect(weak.every(([k]) => WEIGHTS[k] === 0)).toBe(true);

    const file = join(dir, "t.json");
    writeFileSync(file, JSON.stringify(transcript));
    const r = spawnSync(process.execPath, ["bin/cotshare.js", "score", file], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    const row = r.stdout.split("\n").find((l) => l.includes("plain-36"))!;
    expect(row).toMatch(/100\.0/);
    for (const [k] of weak) expect(row).not.toContain(`${k}:`);
  });
});
