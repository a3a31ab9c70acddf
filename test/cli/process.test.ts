/**
 * `cotshare process` end to end, as a user runs it: `node bin/cotshare.js process …` on a copy of
 * test/fixtures/process/ (one file per intake format, copied from ../formats, and broken/ with one
 * file per kind of bad input), plus, added at run time, an Inspect `.eval` zip built from
 * inspect.json and a transcript with a planted secret and email (built by concatenation so no
 * scanner flags the repository).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PublishedTranscript } from "../../lambdas/core/transcript/published";
import { B62, randomToken } from "../core/review/helpers";

const ROOT = join(import.meta.dirname, "..", "..");
const FIXTURES = join(ROOT, "test", "fixtures", "process");
const BIN = join(ROOT, "bin", "cotshare.js");

const EMAIL = "morgan.ellery" + "@" + "example-lab.org";
const TOKEN = "ghp_" + randomToken(B62, 36, 1234);
const CODENAME = "Nightjar Seven";

let dir: string;

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, COTSHARE_HMAC_KEY: "e2e-key", ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function allFiles(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(join(d, e.name)) : [join(d, e.name)],
  );
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cotshare-process-"));
  cpSync(FIXTURES, join(dir, "in"), { recursive: true });
  // Inspect .eval: header.json + samples/*.json, deflated.
  const log = JSON.parse(readFileSync(join(FIXTURES, "inspect.json"), "utf8")) as { samples: unknown[] };
  const { samples, ...header } = log;
  const entries: Record<string, Uint8Array> = { "header.json": strToU8(JSON.stringify(header)) };
  samples.forEach((s, i) => (entries[`samples/${i + 1}_epoch_1.json`] = strToU8(JSON.stringify(s))));
  mkdirSync(join(dir, "in", "eval"));
  writeFileSync(join(dir, "in", "eval", "run.eval"), zipSync(entries));
  // The planted leak: in reasoning, a tool call's arguments, a tool result and metadata.
  const planted = {
    schema: "cotshare/transcript@1",
    id: "planted-1",
    model: { id: "example-reasoner-1" },
    metadata: { owner: EMAIL, note: "not published" },
    messages: [
      { role: "user", parts: [{ type: "text", text: "Why does the nightly clone fail?" }] },
      {
        role: "assistant",
        parts: [
          {
            type: "reasoning",
            text: `The clone uses ${TOKEN} and the owner is ${EMAIL}. This is the ${CODENAME} repository.`,
          },
          {
            type: "tool_call",
            id: "c1",
            name: "git",
            arguments: JSON.stringify({ token: TOKEN, cc: EMAIL }),
          },
        ],
      },
      { role: "tool", parts: [{ type: "tool_result", id: "c1", text: `denied for ${EMAIL}` }] },
      { role: "assistant", parts: [{ type: "text", text: "The token has expired; rotate it and retry." }] },
    ],
  };
  writeFileSync(join(dir, "in", "planted.json"), JSON.stringify(planted));
  writeFileSync(
    join(dir, "policy.json"),
    JSON.stringify({ denyTerms: [CODENAME], allowTerms: [], internalDomains: ["corp.example"] }),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cotshare process (end to end)", () => {
  it("writes every good transcript, lists every bad input, exits 2, leaks nothing", () => {
    const r = run(["process", "in", "--lab", "acme", "--out", "out", "--policy", "policy.json", "--json"]);
    expect(r.code).toBe(2);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const accepted = lines.filter((l) => l.status === "accepted");
    const rejected = lines.filter((l) => l.status === "rejected");

    // Every intake format came through: 2 native + 1 chat + 2 responses + 3 anthropic +
    // 2 inspect + 3 think + 2 from the .eval + 1 planted + 1 good line of one-bad-line.jsonl.
    const sources = new Set(accepted.map((l) => l.source));
    for (const f of [
      "native.jsonl",
      "openai-chat.json",
      "openai-responses.json",
      "anthropic.jsonl",
      "inspect.json",
      "think.jsonl",
      "eval/run.eval",
      "planted.json",
      "broken/one-bad-line.jsonl",
    ]) {
      expect(sources, f).toContain(join("in", f));
    }
    for (const l of accepted) {
      expect(Object.keys(l).sort()).toEqual(
        expect.arrayContaining(["id", "legibility", "redactions", "review", "source", "status"]),
      );
      expect(["PASS", "NEEDS_HUMAN", "BLOCK"]).toContain(l.review);
    }

    // Every accepted transcript is a file holding the published form.
    const out = join(dir, "out");
    const written = readdirSync(out).filter((f) => f.endsWith(".json"));
    expect(written.sort()).toEqual(accepted.map((l) => `${l.id as string}.json`).sort());
    for (const f of written) {
      const p = PublishedTranscript.safeParse(JSON.parse(readFileSync(join(out, f), "utf8")));
      expect(p.success, f).toBe(true);
      expect(p.data!.lab).toBe("acme");
    }

    // Every bad input is in rejected.jsonl, with a stable code.
    const rej = readFileSync(join(out, "rejected.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { source: string; line?: number; code: string; message: string });
    expect(rej).toHaveLength(rejected.length);
    const bySource = Object.fromEntries(rej.map((x) => [x.source, x.code]));
    expect(bySource).toEqual({
      [join("in", "broken", "empty.json")]: "empty",
      [join("in", "broken", "no-messages.json")]: "schema",
      [join("in", "broken", "not-utf8.json")]: "invalid_utf8",
      [join("in", "broken", "one-bad-line.jsonl")]: "invalid_json",
      [join("in", "broken", "truncated.json")]: "invalid_json",
      [join("in", "broken", "unknown-format.json")]: "unknown_format",
    });
    expect(rej.find((x) => x.source.endsWith("one-bad-line.jsonl"))!.line).toBe(2);

    // The planted values appear nowhere in the output folder, nor on stdout or stderr.
    for (const f of allFiles(out)) {
      const text = readFileSync(f, "utf8");
      for (const v of [TOKEN, EMAIL, CODENAME, "not published"]) expect(text, `${f}`).not.toContain(v);
    }
    for (const v of [TOKEN, EMAIL, CODENAME]) {
      expect(r.stdout).not.toContain(v);
      expect(r.stderr).not.toContain(v);
    }
    const planted = accepted.find((l) => l.source === join("in", "planted.json"))!;
    expect(planted.redactions).toMatchObject({
      EMAIL: expect.any(Number),
      SECRET: expect.any(Number),
      TERM: 1,
    });

    // The summary: counts by verdict and by redaction category.
    expect(r.stderr).toMatch(
      new RegExp(`accepted ${accepted.length} \\(PASS \\d+, NEEDS_HUMAN \\d+, BLOCK \\d+\\)`),
    );
    expect(r.stderr).toMatch(new RegExp(`rejected ${rejected.length} `));
    expect(r.stderr).toMatch(/redactions: .*EMAIL \d+/);
  }, 120_000);

  it("exits 0 when every input is accepted, and ids are stable for the same key", () => {
    const a = run(["process", "in/native.jsonl", "--lab", "acme", "--out", "o0", "--json"]);
    expect(a.code).toBe(0);
    const b = run(["process", "in/native.jsonl", "--lab", "acme", "--out", "o1", "--json"]);
    expect(b.stdout).toBe(a.stdout);
    const c = run(["process", "in/native.jsonl", "--lab", "acme", "--out", "o2", "--json"], {
      COTSHARE_HMAC_KEY: "",
    });
    expect(c.code).toBe(0);
    expect(c.stdout).not.toBe(a.stdout);
  }, 120_000);

  it("exits 1 on usage errors, with a clear message and no policy content", () => {
    const badLab = run(["process", "in", "--lab", "Not A Lab", "--out", "o3"]);
    expect(badLab.code).toBe(1);
    expect(badLab.stderr).toMatch(/--lab must match/);
    writeFileSync(join(dir, "bad-policy.json"), JSON.stringify({ denyTerms: "Secret Project" }));
    const badPolicy = run(["process", "in", "--lab", "acme", "--out", "o4", "--policy", "bad-policy.json"]);
    expect(badPolicy.code).toBe(1);
    expect(badPolicy.stderr).toMatch(/policy file bad-policy.json does not match .*denyTerms/);
    expect(badPolicy.stderr).not.toContain("Secret Project");
    // A misspelt key is an error (as for `start --policy` and the admin API), not an empty deny list.
    writeFileSync(join(dir, "typo-policy.json"), JSON.stringify({ denyterms: ["Secret Project"] }));
    const typo = run(["process", "in", "--lab", "acme", "--out", "o7", "--policy", "typo-policy.json"]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/policy file typo-policy.json does not match .*unknown key "denyterms"/);
    expect(typo.stderr).not.toContain("Secret Project");
    expect(run(["process", "missing-folder", "--lab", "acme", "--out", "o5"]).code).toBe(1);
    expect(run(["process", "in", "--out", "o6"]).code).toBe(1);
  }, 120_000);
});
