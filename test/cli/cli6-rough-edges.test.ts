/**
 * The command line's rough edges from a fresh-eyes QA pass: submit's keys, the one rule for what a
 * folder holds, `process` output folders read back, empty folders, compressed input, and the raw
 * messages (unreachable endpoint, host:port, --out on a file, a port in use, --quiet, publish's
 * answer, plurals, --version).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../cli/exit";
import { listInputs, walkInputs, type InputEvent } from "../../cli/inputs";
import { compressedFormat } from "../../lambdas/core/transcript/compressed";
import { publishSummary } from "../../cli/commands/publish";
import { portInUseMessage, quietLog } from "../../cli/commands/start";
import { endpointUrl, filesToSubmit } from "../../cli/commands/submit";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "cotshare.js");
const NATIVE = join(ROOT, "test", "fixtures", "formats", "native.jsonl");

let dir: string;

function run(args: string[], env: Record<string, string | undefined> = { COTSHARE_HMAC_KEY: "cli6-key" }) {
  const e: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete e[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: e as NodeJS.ProcessEnv,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function put(rel: string, text: string | Uint8Array): string {
  const p = join(dir, rel);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const transcript = (id: string) =>
  JSON.stringify({
    schema: "cotshare/transcript@1",
    id,
    model: { id: "example-reasoner-1" },
    messages: [
      { role: "user", parts: [{ type: "text", text: "What is two plus two?" }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", text: "Two plus two is four, so I answer four and explain the sum briefly." },
          { type: "text", text: "Four." },
        ],
      },
    ],
  });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cotshare-cli6-"));
  put("sub/a/x.json", transcript("a-x"));
  put("sub/b/x.json", transcript("b-x"));
  put("sub/b/readme.md", "# notes\n");
  put("sub/b/.DS_Store", "binary junk");
  put("sub/b/.hidden.json", transcript("hidden"));
  put("sub/b/rejected.jsonl", '{"source":"x","code":"invalid_json","message":"x"}\n');
  put("sub/b/deeper/y.jsonl", transcript("b-deeper-y") + "\n");
  mkdirSync(join(dir, "empty", "nested"), { recursive: true });
  put("empty/readme.md", "nothing here\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("submit: keys", { timeout: 120_000 }, () => {
  it("keeps each file's path relative to the folder given, with the shared folder rule", async () => {
    const files = await filesToSubmit([join(dir, "sub")]);
    expect(files.map(([, name]) => name)).toEqual(["a/x.json", "b/deeper/y.jsonl", "b/x.json"]);
  });
  it("refuses two inputs that map to the same key, naming both, before uploading anything", async () => {
    const p = filesToSubmit([join(dir, "sub/a/x.json"), join(dir, "sub/b/x.json")]);
    await expect(p).rejects.toBeInstanceOf(UsageError);
    await expect(p).rejects.toThrow(
      /sub\/a\/x\.json and .*sub\/b\/x\.json would both be uploaded as x\.json/,
    );
    // A folder and a file named inside another folder can collide too.
    await expect(filesToSubmit([join(dir, "sub/a"), join(dir, "sub/b/x.json")])).rejects.toThrow(
      /would both be uploaded as x\.json/,
    );
  });
  it("the CLI says so and exits 1 (no endpoint is contacted)", () => {
    const r = run(["submit", "sub/a/x.json", "sub/b/x.json", "--lab", "lab-f", "--endpoint", "127.0.0.1:9"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^cotshare submit: sub\/a\/x\.json and sub\/b\/x\.json would both be uploaded as x\.json/,
    );
    expect(r.stdout).toBe("");
  });
  it("an empty folder is a usage error", async () => {
    await expect(filesToSubmit([join(dir, "empty")])).rejects.toThrow(/no input files found/);
  });
});

describe("one rule for what a folder holds", { timeout: 120_000 }, () => {
  it("every walker skips hidden files, non-transcript names and the files process writes", async () => {
    const listed = (await listInputs([join(dir, "sub")])).map((f) => f.slice(dir.length + 1));
    expect(listed).toEqual(["sub/a/x.json", "sub/b/deeper/y.jsonl", "sub/b/x.json"]);
  });
  it("a file named on the command line is still read, rejected.jsonl included", async () => {
    const f = join(dir, "sub/b/rejected.jsonl");
    expect(await listInputs([f])).toEqual([f]);
  });
});

describe("process output folders read back, and a second run", { timeout: 120_000 }, () => {
  it("compare on a process --out folder exits 0 (rejected.jsonl is not read as input)", () => {
    put("in2/broken.json", "{not json");
    put("in2/good.json", transcript("good-1"));
    const p = run(["process", "in2", "--lab", "acme", "--out", "out2"]);
    expect(p.code).toBe(2); // broken.json is rejected, so out2/rejected.jsonl holds a line
    expect(readFileSync(join(dir, "out2", "rejected.jsonl"), "utf8")).toContain("invalid_json");
    const c = run(["compare", "out2"]);
    expect(c.stderr).not.toMatch(/rejected\.jsonl/);
    expect(c.code).toBe(0);
  });
  it("score, normalize and process read the published transcripts process wrote (exit 0)", () => {
    const s = run(["score", "out2", "--json"]);
    expect(s.stderr).toBe("");
    expect(s.code).toBe(0);
    expect(s.stdout.trim().split("\n")).toHaveLength(1);
    const n = run(["normalize", "out2", "--json"]);
    expect(n.code).toBe(0);
    const t = JSON.parse(n.stdout) as Record<string, unknown>;
    for (const k of ["lab", "legibility", "review", "redaction"]) expect(t).not.toHaveProperty(k);
    const p = run(["process", "out2", "--lab", "acme", "--out", "out2-again"]);
    expect(p.code).toBe(0);
    expect(p.stderr).toMatch(/1 transcript from 1 file/);
  });
  it("process does not read its own --out when it lies inside a folder it walks", () => {
    put("in5/a.json", transcript("in5-a"));
    const first = run(["process", "in5", "--lab", "acme", "--out", "in5/out"]);
    expect(first.code).toBe(0);
    const second = run(["process", "in5", "--lab", "acme", "--out", "in5/out"]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/skipped 1 file inside --out in5\/out/);
    expect(second.stderr).toMatch(/: 1 transcript from 1 file/);
    expect(readdirSync(join(dir, "in5", "out")).filter((f) => f !== "rejected.jsonl")).toHaveLength(1);
  });
  it("warns when the key is random and --out already holds transcripts; not with a key, not on a fresh folder", () => {
    const first = run(["process", "in2/good.json", "--lab", "acme", "--out", "out3"], {
      COTSHARE_HMAC_KEY: undefined,
    });
    expect(first.code).toBe(0);
    expect(first.stderr).not.toMatch(/warning/);
    const second = run(["process", "in2/good.json", "--lab", "acme", "--out", "out3"], {
      COTSHARE_HMAC_KEY: undefined,
    });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(
      /warning: out3 already holds 1 transcript file and COTSHARE_HMAC_KEY is not set/,
    );
    const keyed = run(["process", "in2/good.json", "--lab", "acme", "--out", "out3"]);
    expect(keyed.stderr).not.toMatch(/warning/);
  });
  it('says "from 1 file" and "1 transcript", not "1 files"', () => {
    const r = run(["process", "in2/good.json", "--lab", "acme", "--out", "out4"]);
    expect(r.stderr).toMatch(/: 1 transcript from 1 file → out4/);
  });
});

describe("empty folders: every command says so and exits 1", { timeout: 120_000 }, () => {
  for (const cmd of [
    ["score"],
    ["normalize"],
    ["compare"],
    ["compare", "--json"],
    ["process", "--lab", "acme", "--out", "o-empty"],
  ]) {
    it(cmd.join(" "), () => {
      const r = run([cmd[0]!, "empty", ...cmd.slice(1)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^cotshare ${cmd[0]}: no input files found in empty`));
      expect(r.stdout).toBe("");
    });
  }
});

describe("compressed input", { timeout: 120_000 }, () => {
  it("tells gzip, zstd, bzip2, xz and 7z by their first bytes, not zip (.eval) or JSON", () => {
    const bytes = (...b: number[]) => new Uint8Array(b);
    expect(compressedFormat(gzipSync(Buffer.from("{}")))?.name).toBe("gzip");
    expect(compressedFormat(bytes(0x28, 0xb5, 0x2f, 0xfd, 0))?.name).toBe("zstd");
    expect(compressedFormat(bytes(0x42, 0x5a, 0x68, 0x39))?.name).toBe("bzip2");
    expect(compressedFormat(bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00))?.name).toBe("xz");
    expect(compressedFormat(bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c))?.name).toBe("7z");
    expect(compressedFormat(bytes(0x50, 0x4b, 0x03, 0x04))).toBeUndefined();
    expect(compressedFormat(new TextEncoder().encode('{"a":1}'))).toBeUndefined();
    expect(compressedFormat(bytes(0x1f))).toBeUndefined();
  });
  it("walkInputs gives one unknown_format rejection for the file", async () => {
    const f = put("packed/t.jsonl.gz", gzipSync(readFileSync(NATIVE)));
    const events: InputEvent[] = [];
    for await (const e of walkInputs([f])) events.push(e);
    expect(events).toHaveLength(1);
    expect("rejection" in events[0]! && events[0].rejection.code).toBe("unknown_format");
    expect("rejection" in events[0]! && events[0].rejection.message).toMatch(
      /gzip-compressed file: decompress it first/,
    );
  });
  it("process: one rejection for the file, not one per binary line", () => {
    const r = run(["process", "packed/t.jsonl.gz", "--lab", "acme", "--out", "out-gz"]);
    expect(r.code).toBe(2);
    const rej = readFileSync(join(dir, "out-gz", "rejected.jsonl"), "utf8")
      .trim()
      .split("\n");
    expect(rej).toHaveLength(1);
    expect(JSON.parse(rej[0]!).code).toBe("unknown_format");
    expect(r.stderr).toMatch(/1 transcript from 1 file/);
  });
  it("a large gzip named .jsonl is not streamed line by line either", async () => {
    const f = put("packed/big.jsonl", gzipSync(Buffer.from((transcript("big") + "\n").repeat(200))));
    const events: InputEvent[] = [];
    for await (const e of walkInputs([f], { maxBytes: 100 })) events.push(e);
    expect(events).toHaveLength(1);
    expect("rejection" in events[0]! && events[0].rejection.code).toBe("unknown_format");
  });
});

describe("raw messages", { timeout: 120_000 }, () => {
  it("submit with nothing listening: one hint, exit 1, no raw ECONNREFUSED", async () => {
    const free = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const r = run(["submit", "sub", "--lab", "lab-f", "--endpoint", `http://127.0.0.1:${free}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `nothing is listening on http://127.0.0.1:${free}: is cotshare start running? If it is, pass the S3 endpoint it printed with --endpoint.`,
    );
    expect(r.stderr).not.toMatch(/ECONNREFUSED/);
    // Said once, not once per file.
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
  it("publish with nothing listening says the same", async () => {
    const free = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const r = run(["publish", "--http-port", String(free), "--token", "t"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `cotshare publish: nothing is listening on 127.0.0.1:${free}: is cotshare start running? If it is, pass its HTTP port with --http-port.\n`,
    );
  });
  it("--endpoint takes host:port, and says what it expects otherwise", () => {
    expect(endpointUrl("127.0.0.1:24569")).toBe("http://127.0.0.1:24569");
    expect(endpointUrl("localhost:4569")).toBe("http://localhost:4569");
    expect(endpointUrl("http://127.0.0.1:4569")).toBe("http://127.0.0.1:4569");
    expect(endpointUrl("https://s3.example.com")).toBe("https://s3.example.com");
    expect(() => endpointUrl("ftp://127.0.0.1:21")).toThrow(
      /--endpoint expects an S3 endpoint URL such as http:\/\/127\.0\.0\.1:4569 \(or host:port\)/,
    );
    expect(() => endpointUrl("http://")).toThrow(UsageError);
    expect(() => endpointUrl("a b:1")).toThrow(UsageError);
  });
  it("process --out on an existing file: says it is not a folder", () => {
    const f = put("a-file", "x");
    const r = run(["process", "in2/good.json", "--lab", "acme", "--out", "a-file"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("cotshare process: --out a-file: exists and is not a folder\n");
    expect(readFileSync(f, "utf8")).toBe("x");
    const below = run(["process", "in2/good.json", "--lab", "acme", "--out", "a-file/below"]);
    expect(below.code).toBe(1);
    expect(below.stderr).toMatch(
      /^cotshare process: --out a-file\/below: cannot make the folder \(ENOTDIR\)/,
    );
  });
  it("a port in use names the flag to change", () => {
    const e = new Error("listen EADDRINUSE: address already in use 127.0.0.1:4569");
    expect(portInUseMessage(e, { s3: 4569, http: 8080 })).toMatch(
      /^port 4569 is already in use .*: choose another with --s3-port <n> \(0: any free port\)$/,
    );
    expect(portInUseMessage(e, { s3: 0, http: 4569 })).toMatch(/choose another with --http-port <n>/);
    expect(
      portInUseMessage(Object.assign(new Error("x"), { code: "EADDRINUSE" }), { s3: 1, http: 2 }),
    ).toMatch(/--s3-port or --http-port/);
    expect(
      portInUseMessage(new Error("another cotshare start (pid 1) is using this data folder"), {
        s3: 1,
        http: 2,
      }),
    ).toBeUndefined();
  });
  it("start with a port in use: the message, exit 1", async () => {
    const server = createServer();
    const port = await new Promise<number>((resolve) =>
      server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
    );
    try {
      const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        // Asynchronous: the listening server lives in this process.
        import("node:child_process").then(({ execFile }) =>
          execFile(
            process.execPath,
            [
              BIN,
              "start",
              "--data",
              join(dir, "data-inuse"),
              "--s3-port",
              "0",
              "--http-port",
              String(port),
              "--quiet",
            ],
            { cwd: dir, timeout: 60_000 },
            (err, _out, stderr) =>
              resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr }),
          ),
        );
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`cotshare start: port ${port} is already in use`);
      expect(r.stderr).toContain("--http-port <n>");
      expect(r.stderr).not.toMatch(/^cotshare: listen EADDRINUSE/m);
    } finally {
      server.close();
    }
  });
  it("--quiet drops the runtime's routine INFO lines and keeps warnings and failures", () => {
    const got: string[] = [];
    const log = quietLog((l) => got.push(l));
    const line = (level: string, message: string) =>
      JSON.stringify({ level, service: "cotshare-local", message });
    log(line("INFO", "started"));
    log(line("INFO", "publish: set written"));
    log(line("DEBUG", "details"));
    log(line("INFO", "dead letter")); // the runtime logs failures at INFO: kept
    log(line("INFO", "scheduled publish failed"));
    log(line("WARN", "retrying"));
    log(line("ERROR", "failed"));
    log("not json");
    expect(got.map((l) => (l.startsWith("{") ? (JSON.parse(l) as { message: string }).message : l))).toEqual([
      "dead letter",
      "scheduled publish failed",
      "retrying",
      "failed",
      "not json",
    ]);
  });
  it("start --quiet prints the banner and no INFO line", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(
      process.execPath,
      [BIN, "start", "--data", join(dir, "data-quiet"), "--s3-port", "0", "--http-port", "0", "--quiet"],
      { cwd: dir },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      // (a moment later: the banner is written just before the signal handlers are in place)
      if (out.includes("Press Ctrl-C to stop.")) setTimeout(() => child.kill("SIGINT"), 1000);
    });
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    await new Promise((resolve) => child.on("close", resolve));
    expect(out).toContain("cotshare is running.");
    expect(out + err).not.toMatch(/"level":"INFO"/);
  });
  it("publish prints a readable summary (the raw answer stays for --json)", () => {
    const body = JSON.stringify({
      published: true,
      setId: "3834a7a70a772c31f0eb",
      previous: null,
      count: 8,
      candidates: 9,
      excluded: { unreadable: 1, policy_review: 0 },
    });
    const text = publishSummary(body, 8080);
    expect(text).toContain("Published set 3834a7a70a772c31f0eb: 8 transcripts (of 9 candidates).");
    expect(text).toContain("previous set  none (the first set)");
    expect(text).toContain("left out      unreadable 1\n");
    expect(text).not.toContain("{");
    const none = publishSummary(
      JSON.stringify({ published: false, previous: "aa", count: 0, candidates: 0, excluded: {} }),
      8080,
    );
    expect(none).toBe("Nothing new to publish (0 candidates): no transcript is ready (newest set aa).\n");
    expect(publishSummary("not json", 8080)).toBe("not json\n");
    // Takedowns done in the run show, even when nothing new is published.
    const takedowns = publishSummary(
      JSON.stringify({
        published: false,
        setId: "bb",
        previous: "bb",
        count: 3,
        candidates: 3,
        revised: ["aa", "bb"],
        excluded: { policy_withdrawn: 2 },
      }),
      8080,
    );
    expect(takedowns).toContain("taken down in 2 sets rewritten in place: aa, bb");
    expect(takedowns).toContain("left out      policy_withdrawn 2");
    // A set an earlier, cut-short run left unfinished, finished by this one.
    const finished = publishSummary(
      JSON.stringify({
        published: false,
        setId: "cc",
        previous: "cc",
        count: 2,
        candidates: 2,
        finished: "cc",
      }),
      8080,
    );
    expect(finished).toContain("finished      set cc, which an earlier run left unfinished");
  });
  it("--version prints package.json's version", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const r = run(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});
