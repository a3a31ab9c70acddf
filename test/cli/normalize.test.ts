import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Transcript } from "../../lambdas/core/transcript/schema";
import { buildZip, enc } from "../core/transcript/helpers";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = "test/fixtures/formats";

function cotshare(...args: string[]) {
  const r = spawnSync(process.execPath, ["bin/cotshare.js", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const lines = (s: string) => s.split("\n").filter((l) => l !== "");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cotshare-normalize-"));
  for (const f of readdirSync(join(ROOT, FIXTURES))) copyFileSync(join(ROOT, FIXTURES, f), join(dir, f));
  const log = JSON.parse(readFileSync(join(dir, "inspect.json"), "utf8"));
  const { samples, ...header } = log;
  writeFileSync(
    join(dir, "run.eval"),
    buildZip([
      { name: "header.json", data: enc(JSON.stringify(header)) },
      ...samples.map((s: { id: unknown }, i: number) => ({
        name: `samples/${s.id}_epoch_1.json`,
        data: enc(JSON.stringify(samples[i])),
      })),
    ]),
  );
  writeFileSync(
    join(dir, "broken.jsonl"),
    '{"model":"m","messages":[{"role":"user","content":"q"}]}\n{oops\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cotshare normalize", () => {
  it("prints one JSON line per transcript for a file of each format", () => {
    const expected: Record<string, number> = {
      "native.jsonl": 2,
      "openai-chat.json": 1,
      "openai-responses.json": 2,
      "anthropic.jsonl": 3,
      "inspect.json": 2,
      "think.jsonl": 3,
    };
    const r = cotshare("normalize", "--json", ...Object.keys(expected).map((f) => join(FIXTURES, f)));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = lines(r.stdout).map((l) => Transcript.parse(JSON.parse(l)));
    expect(out).toHaveLength(Object.values(expected).reduce((a, b) => a + b, 0));
    expect(out[0]!.id).toBe("native-001");
  });
  it("prints pretty JSON by default", () => {
    const r = cotshare("normalize", join(FIXTURES, "openai-chat.json"));
    expect(r.code).toBe(0);
    expect(
      r.stdout.startsWith('{\n  "schema": "cotshare/transcript@1",\n  "id": "chatcmpl-9xYzExample01"'),
    ).toBe(true);
    expect(Transcript.parse(JSON.parse(r.stdout)).messages).toHaveLength(5);
  });
  it("reads a folder of every format, .eval included; reports rejections and exits 2", () => {
    const r = cotshare("normalize", "--json", dir);
    expect(r.code).toBe(2);
    const out = lines(r.stdout).map((l) => JSON.parse(l));
    // 16 from the fixtures, 2 from run.eval, 1 good line of broken.jsonl
    expect(out).toHaveLength(19);
    expect(out.filter((t) => t.id === "Yk3vQ8example-1-e1")).toHaveLength(2);
    expect(r.stderr).toBe(`${join(dir, "broken.jsonl")}:2: invalid_json: not valid JSON at position 1\n`);
  });
  it("exits 1 for a path that does not exist, and prints nothing on stdout", () => {
    const r = cotshare("normalize", join(FIXTURES, "think.jsonl"), "no/such/file.json");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("no such file or folder: no/such/file.json");
  });
  it("has a helpful --help", () => {
    const r = cotshare("normalize", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--json/);
    expect(r.stdout).toMatch(/source:line: code: message/);
    expect(r.stdout).toMatch(/Inspect AI/);
  });
});
