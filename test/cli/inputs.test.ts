import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../cli/exit";
import { listInputs, walkInputs, type InputEvent } from "../../cli/inputs";

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "cotshare-inputs-"));
  const files: Record<string, string> = {
    "b.json": "{}",
    "a.jsonl": "{}",
    "Z.eval": "PK",
    "notes.txt": "skip me",
    ".hidden.json": "{}",
    "sub/c.ndjson": "{}",
    "sub/deeper/d.json": "{}",
    ".git/e.json": "{}",
    "node_modules/f.json": "{}",
    "big/huge.json": "x".repeat(2000),
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  symlinkSync(join(root, "sub"), join(root, "link-to-sub"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function collect(paths: string[], maxBytes?: number): Promise<InputEvent[]> {
  const out: InputEvent[] = [];
  for await (const e of walkInputs(paths, { maxBytes })) out.push(e);
  return out;
}

describe("listInputs", () => {
  it("walks folders recursively in code-point order, skipping dot entries, node_modules, symlinks and other extensions", async () => {
    const files = (await listInputs([root])).map((f) => f.slice(root.length + 1));
    expect(files).toEqual([
      "Z.eval",
      "a.jsonl",
      "b.json",
      "big/huge.json",
      "sub/c.ndjson",
      "sub/deeper/d.json",
    ]);
  });
  it("always reads a file named explicitly, in the order given", async () => {
    const files = await listInputs([join(root, "notes.txt"), join(root, "b.json")]);
    expect(files).toEqual([join(root, "notes.txt"), join(root, "b.json")]);
  });
  it("throws a UsageError for a missing path before yielding anything", async () => {
    await expect(collect([join(root, "b.json"), join(root, "missing")])).rejects.toBeInstanceOf(UsageError);
  });
});

describe("walkInputs", () => {
  it("yields bytes, and a too_large rejection for a file over the limit", async () => {
    const events = await collect([join(root, "b.json"), join(root, "big")], 1000);
    expect(events[0]).toEqual({ source: join(root, "b.json"), bytes: new Uint8Array(Buffer.from("{}")) });
    const big = join(root, "big/huge.json");
    expect(events[1]).toEqual({
      source: big,
      rejection: {
        source: big,
        code: "too_large",
        message: `${big}: 2000 bytes, more than the limit of 1000`,
      },
    });
  });
});
