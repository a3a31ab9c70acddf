import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import {
  buildSet,
  computeSetId,
  Manifest,
  reviseSet,
  sha256Hex,
  verifySet,
  type SetMeta,
} from "../../../lambdas/core/publish";
import { doc } from "./fixtures";

const meta: SetMeta = {
  createdAt: "2025-01-02T03:04:05.000Z",
  previous: null,
  license: "CC-BY-4.0",
  scorer: "legibility@1",
  selection: { maxSize: 50 },
  withdrawn: [],
};
const docs = [
  doc("t-b", { lab: "lab-b", model: { id: "m|2" }, legibility: { score: 31.5, signals: {} } as never }),
  doc("t-a"),
  doc("t-c", { review: { verdict: "NEEDS_HUMAN", reasons: [] } as never }),
];
const dec = new TextDecoder();

function reader(files: { path: string; body: Uint8Array }[]) {
  const m = new Map(files.map((f) => [f.path, f.body]));
  return (p: string) => m.get(p);
}

describe("buildSet", () => {
  it("lists every file with its sha256 and size, and they verify", () => {
    const set = buildSet(docs, meta);
    const paths = set.files.map((f) => f.path);
    expect(paths.at(-1)).toBe("manifest.json");
    expect(paths.sort()).toEqual(
      [
        "README.md",
        "data.jsonl",
        "data.parquet",
        "manifest.json",
        "models.svg",
        "stats.json",
        "transcripts/t-a.json",
        "transcripts/t-b.json",
        "transcripts/t-c.json",
      ].sort(),
    );
    expect(set.manifest.files.map((f) => f.path)).not.toContain("manifest.json");
    for (const f of set.manifest.files) {
      const body = set.files.find((x) => x.path === f.path)!.body;
      expect(sha256Hex(body)).toBe(f.sha256);
      expect(body.byteLength).toBe(f.bytes);
    }
    expect(verifySet(set.manifest, reader(set.files))).toEqual([]);
    // Tampering with any byte is caught.
    const tampered = set.files.map((f) =>
      f.path === "data.jsonl"
        ? { ...f, body: new TextEncoder().encode(dec.decode(f.body).replace("t-a", "t-z")) }
        : f,
    );
    expect(verifySet(set.manifest, reader(tampered))).toEqual(["data.jsonl: sha256 mismatch"]);
  });

  it("writes a manifest per the contract, whose set id is the hash of its content", () => {
    const set = buildSet(docs, meta);
    const manifestFile = set.files.find((f) => f.path === "manifest.json")!;
    const m = Manifest.parse(JSON.parse(dec.decode(manifestFile.body)));
    expect(m).toEqual(set.manifest);
    expect(m.setId).toMatch(/^[0-9a-f]{20}$/);
    expect(computeSetId(m)).toBe(m.setId);
    expect(Object.keys(JSON.parse(dec.decode(manifestFile.body)))).toEqual([
      "setId",
      "createdAt",
      "previous",
      "license",
      "scorer",
      "selection",
      "counts",
      "files",
      "transcripts",
      "withdrawn",
    ]);
    expect(m.transcripts.map((t) => t.id)).toEqual(["t-a", "t-b", "t-c"]);
    expect(m.transcripts[1]).toEqual({
      id: "t-b",
      lab: "lab-b",
      model: "m|2",
      legibility: 31.5,
      verdict: "PASS",
      path: "transcripts/t-b.json",
    });
    expect(m.counts).toEqual({
      transcripts: 3,
      labs: { "lab-a": 2, "lab-b": 1 },
      models: { "m|2": 1, "model-x": 2 },
      verdicts: { NEEDS_HUMAN: 1, PASS: 2 },
    });
  });

  it("is deterministic and content-addressed", () => {
    const a = buildSet(docs, meta);
    const b = buildSet([...docs].reverse(), meta);
    expect(b.setId).toBe(a.setId);
    expect(b.files.map((f) => sha256Hex(f.body))).toEqual(a.files.map((f) => sha256Hex(f.body)));
    expect(buildSet(docs.slice(1), meta).setId).not.toBe(a.setId);
    expect(buildSet(docs, { ...meta, createdAt: "2025-01-02T03:04:06.000Z" }).setId).not.toBe(a.setId);
    expect(buildSet(docs, { ...meta, previous: a.setId }).setId).not.toBe(a.setId);
  });

  it("writes data.jsonl and per-transcript JSON that parse back to the transcripts", () => {
    const set = buildSet(docs, meta);
    const lines = dec
      .decode(set.files.find((f) => f.path === "data.jsonl")!.body)
      .trimEnd()
      .split("\n");
    expect(lines.map((l) => JSON.parse(l))).toEqual([docs[1], docs[0], docs[2]]);
    expect(JSON.parse(dec.decode(set.files.find((f) => f.path === "transcripts/t-b.json")!.body))).toEqual(
      docs[0],
    );
  });

  it("writes a Parquet file that reads back with flat columns", async () => {
    const set = buildSet(docs, meta);
    const body = set.files.find((f) => f.path === "data.parquet")!.body;
    expect(dec.decode(body.slice(0, 4))).toBe("PAR1");
    expect(dec.decode(body.slice(-4))).toBe("PAR1");
    const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
    expect(parquetMetadata(file).num_rows).toBe(3n);
    const rows = await parquetReadObjects({ file });
    expect(rows.map((r) => [r.id, r.lab, r.model, r.legibility, r.verdict])).toEqual([
      ["t-a", "lab-a", "model-x", 80, "PASS"],
      ["t-b", "lab-b", "m|2", 31.5, "PASS"],
      ["t-c", "lab-a", "model-x", 80, "NEEDS_HUMAN"],
    ]);
    expect(JSON.parse(rows[0]!.messages as string)).toEqual(docs[1]!.messages);
  });

  it("builds an empty set", async () => {
    const set = buildSet([], meta);
    expect(set.manifest.counts.transcripts).toBe(0);
    expect(verifySet(set.manifest, reader(set.files))).toEqual([]);
    const body = set.files.find((f) => f.path === "data.parquet")!.body;
    expect(parquetMetadata(body.buffer.slice(body.byteOffset) as ArrayBuffer).num_rows).toBe(0n);
  });

  it("writes a dataset card with Hugging Face front matter and no set id", () => {
    const set = buildSet(docs, { ...meta, previous: "0123456789abcdef0123" });
    const card = dec.decode(set.files.find((f) => f.path === "README.md")!.body);
    const front = /^---\n([\s\S]*?)\n---\n/.exec(card)![1]!;
    expect(front).toContain("license: cc-by-4.0");
    expect(front).toMatch(/tags:\n- chain-of-thought/);
    expect(front).toContain(
      "configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: data.parquet",
    );
    expect(card).not.toContain(set.setId);
    expect(card).toContain("Replaces set 0123456789abcdef0123");
    expect(card).toContain("| t-b | lab-b | m&#124;2 | 31.5 | PASS |");
  });

  it("refuses unsafe or duplicate ids", () => {
    expect(() => buildSet([doc("../x")], meta)).toThrow(/unsafe/);
    expect(() => buildSet([doc("t-a"), doc("t-a")], meta)).toThrow(/duplicate/);
  });
});

describe("reviseSet (takedown)", () => {
  it("drops the withdrawn transcript from every file, keeps the id, and still verifies", () => {
    const set = buildSet(docs, meta);
    const rev = reviseSet(set.manifest, docs, "t-b", "2025-02-01T00:00:00.000Z");
    expect(rev.deleted).toEqual(["transcripts/t-b.json"]);
    expect(rev.manifest.setId).toBe(set.setId);
    expect(rev.manifest.withdrawn).toEqual(["t-b"]);
    expect(rev.manifest.revisedAt).toBe("2025-02-01T00:00:00.000Z");
    expect(rev.manifest.transcripts.map((t) => t.id)).toEqual(["t-a", "t-c"]);
    expect(rev.files.map((f) => f.path).sort()).toEqual([
      "README.md",
      "data.jsonl",
      "data.parquet",
      "manifest.json",
      "models.svg",
      "stats.json",
    ]);
    for (const f of rev.files.filter((x) => x.path !== "README.md" && x.path !== "manifest.json")) {
      expect(dec.decode(f.body)).not.toContain("thinking about t-b");
    }
    const after = new Map(set.files.map((f) => [f.path, f.body]));
    for (const p of rev.deleted) after.delete(p);
    for (const f of rev.files) after.set(f.path, f.body);
    expect(verifySet(rev.manifest, (p) => after.get(p))).toEqual([]);
    // The manifest written matches the returned one.
    expect(JSON.parse(dec.decode(after.get("manifest.json")!))).toEqual(rev.manifest);
  });

  it("refuses a revision whose remaining transcripts do not match the manifest", () => {
    const set = buildSet(docs, meta);
    expect(() => reviseSet(set.manifest, docs.slice(0, 1), "t-b", "x")).toThrow(/do not match/);
  });
});

describe("PublishedDoc", () => {
  it("refuses top-level fields outside the published allow-list", async () => {
    const { PublishedDoc } = await import("../../../lambdas/core/publish");
    expect(PublishedDoc.safeParse(doc("t-a")).success).toBe(true);
    expect(PublishedDoc.safeParse({ ...doc("t-a"), metadata: { x: 1 } }).success).toBe(false);
    expect(PublishedDoc.safeParse({ ...doc("t-a"), publishable: true }).success).toBe(false);
  });
});
