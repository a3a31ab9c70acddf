import { describe, expect, it } from "vitest";
import { readJsonlLine, readTranscripts } from "../../../lambdas/core/transcript/read";
import { buildZip, enc, json } from "./helpers";

const convo = (extra: Record<string, unknown> = {}) => ({
  model: "m-1",
  messages: [
    { role: "user", content: "q" },
    { role: "assistant", content: "a" },
  ],
  ...extra,
});
const codes = (r: { rejections: { code: string }[] }) => r.rejections.map((x) => x.code);

describe("size limits are checked before decoding", () => {
  it("rejects a file over maxBytes without decoding it (invalid UTF-8 is not even seen)", () => {
    const bytes = new Uint8Array(200).fill(0xff);
    const r = readTranscripts("big.json", bytes, { maxBytes: 100 });
    expect(r.items).toEqual([]);
    expect(r.rejections).toEqual([
      { source: "big.json", code: "too_large", message: "big.json: 200 bytes, more than the limit of 100" },
    ]);
  });
  it("rejects a JSONL line over maxLineBytes and keeps the other lines", () => {
    const long = JSON.stringify(convo({ pad: "x".repeat(500) }));
    const r = readTranscripts(
      "a.jsonl",
      enc([JSON.stringify(convo()), long, JSON.stringify(convo({ id: "c" }))].join("\n")),
      { maxLineBytes: 300 },
    );
    expect(r.items.map((i) => i.line)).toEqual([1, 3]);
    expect(r.rejections).toEqual([expect.objectContaining({ line: 2, code: "too_large" })]);
  });
  it("readJsonlLine measures a line in UTF-8 bytes", () => {
    const text = JSON.stringify(convo({ pad: "é".repeat(100) })); // ~300 chars, ~400 bytes
    expect(codes(readJsonlLine("s", 7, text, { maxLineBytes: text.length + 10 }))).toEqual(["too_large"]);
    expect(readJsonlLine("s", 7, text).items[0]!.line).toBe(7);
  });
});

describe("depth, message and transcript limits", () => {
  it("rejects deep nesting before parsing, without overflowing the stack", () => {
    const deep = '{"model":"m","messages":[],"metadata":' + "[".repeat(200_000) + "]".repeat(200_000) + "}";
    const r = readTranscripts("deep.json", enc(deep));
    expect(codes(r)).toEqual(["too_deep"]);
    expect(r.rejections[0]!.message).toMatch(/nesting deeper than 64 at position \d+/);
    expect(codes(readTranscripts("d.json", enc("[".repeat(65) + "]".repeat(65))))).toEqual(["too_deep"]);
    // 64 levels are fine as far as depth goes (then it is simply no transcript).
    expect(codes(readTranscripts("d.json", enc("[".repeat(64) + "]".repeat(64))))).toEqual([
      "unknown_format",
    ]);
  });
  it("honours a lower maxDepth and brackets inside strings do not count", () => {
    const t = convo({ metadata: { a: { b: { c: 1 } } }, note: "[[[[[[[[[[" });
    expect(codes(readTranscripts("x.json", json(t), { maxDepth: 3 }))).toEqual(["too_deep"]);
    expect(codes(readTranscripts("x.json", json(t), { maxDepth: 5 }))).toEqual([]);
  });
  it("rejects too many messages before mapping them", () => {
    const messages = Array.from({ length: 5 }, (_, i) => ({
      role: i % 2 ? "assistant" : "user",
      content: "x",
    }));
    const r = readTranscripts("m.json", json({ model: "m", messages }), { maxMessages: 4 });
    expect(r.rejections).toEqual([
      expect.objectContaining({
        code: "too_many_messages",
        message: expect.stringContaining("field messages"),
      }),
    ]);
    expect(readTranscripts("m.json", json({ model: "m", messages }), { maxMessages: 5 }).items).toHaveLength(
      1,
    );
  });
  it("stops a file after maxTranscriptsPerFile transcripts", () => {
    const lines = Array.from({ length: 5 }, (_, i) => JSON.stringify(convo({ id: `t${i}` }))).join("\n");
    const r = readTranscripts("many.jsonl", enc(lines), { maxTranscriptsPerFile: 2 });
    expect(r.items.map((i) => i.transcript.id)).toEqual(["t0", "t1"]);
    expect(codes(r)).toEqual(["too_many_transcripts"]);
  });
});

describe("text encoding", () => {
  it("rejects invalid UTF-8 and UTF-8-encoded surrogates", () => {
    const bad = new Uint8Array([
      ...enc('{"model":"m","messages":[{"role":"user","content":"'),
      0xc3,
      0x28,
      ...enc('"}]}'),
    ]);
    expect(codes(readTranscripts("u.json", bad))).toEqual(["invalid_utf8"]);
    const surrogate = new Uint8Array([...enc('{"a":"'), 0xed, 0xa0, 0x80, ...enc('"}')]);
    expect(codes(readTranscripts("u.json", surrogate))).toEqual(["invalid_utf8"]);
  });
  it("replaces lone surrogates with U+FFFD and strips NUL characters", () => {
    const text =
      '{"model":"m\\u0000x","messages":[{"role":"user","content":"a\\ud800b\\u0000c"},{"role":"assistant","content":"\\udc00\\ud83d\\ude00"}]}';
    const [t] = readTranscripts("s.json", enc(text)).items.map((i) => i.transcript);
    expect(t!.model.id).toBe("mx");
    expect(t!.messages[0]!.parts[0]).toEqual({ type: "text", text: "a\ufffdbc" });
    expect(t!.messages[1]!.parts[0]).toEqual({ type: "text", text: "\ufffd😀" });
  });
  it("accepts a UTF-8 BOM", () => {
    expect(
      readTranscripts("b.json", new Uint8Array([0xef, 0xbb, 0xbf, ...json(convo())])).items,
    ).toHaveLength(1);
  });
});

describe("JSONL with broken lines", () => {
  it("yields every good line and one rejection per bad line, with its line number", () => {
    const lines = [
      enc(JSON.stringify(convo({ id: "one" }))),
      enc("{broken json"),
      enc(JSON.stringify(convo({ id: "three" }))),
      new Uint8Array([0x7b, 0xff, 0x7d]),
      enc(""),
      enc('{"nothing":"known"}'),
      enc("[" + "[".repeat(100) + "]".repeat(101)),
      enc(JSON.stringify(convo({ id: "eight" })) + "\r"),
    ];
    const bytes = new Uint8Array(
      lines.reduce<number[]>((a, l, i) => [...a, ...l, ...(i < lines.length - 1 ? [0x0a] : [])], []),
    );
    const r = readTranscripts("mixed.jsonl", bytes);
    expect(r.items.map((i) => [i.line, i.transcript.id])).toEqual([
      [1, "one"],
      [3, "three"],
      [8, "eight"],
    ]);
    expect(r.rejections.map((x) => [x.line, x.code])).toEqual([
      [2, "invalid_json"],
      [4, "invalid_utf8"],
      [6, "unknown_format"],
      [7, "too_deep"],
    ]);
    for (const x of r.rejections) expect(x.message).toMatch(new RegExp(`^mixed\\.jsonl, line ${x.line}: `));
  });
  it("detects JSON Lines without the .jsonl extension", () => {
    const r = readTranscripts(
      "data.txt",
      enc(JSON.stringify(convo({ id: "a" })) + "\n{oops\n" + JSON.stringify(convo({ id: "b" }))),
    );
    expect(r.items.map((i) => i.transcript.id)).toEqual(["a", "b"]);
    expect(r.rejections).toEqual([expect.objectContaining({ line: 2, code: "invalid_json" })]);
  });
});

describe("codes and messages", () => {
  it("never quotes content in a message", () => {
    const secret = "AKIA" + "IOSFODNN7EXAMPLE";
    const inputs = [
      `{"model": ${secret}}`,
      `{"schema":"cotshare/transcript@1","id":"x","model":{"id":"m"},"messages":[{"role":"${secret}","parts":[]}]}`,
      `[${secret}`,
    ];
    for (const s of inputs) {
      const r = readTranscripts("leak.json", enc(s));
      expect(r.rejections.length).toBeGreaterThan(0);
      expect(JSON.stringify(r.rejections)).not.toContain("IOSFODNN7");
    }
  });
  it("names the field of a schema problem", () => {
    const t = {
      schema: "cotshare/transcript@1",
      id: "x",
      model: { id: "m" },
      messages: [{ role: "robot", parts: [] }],
    };
    expect(readTranscripts("s.json", json(t)).rejections).toEqual([
      {
        source: "s.json",
        code: "schema",
        message: "s.json, field messages.0.role: does not fit the canonical schema: invalid_value",
      },
    ]);
  });
  it("uses empty, unknown_format and invalid_json", () => {
    expect(codes(readTranscripts("e.json", enc("  \n ")))).toEqual(["empty"]);
    expect(codes(readTranscripts("e.json", new Uint8Array()))).toEqual(["empty"]);
    expect(codes(readTranscripts("e.json", enc("[]")))).toEqual(["empty"]);
    expect(codes(readTranscripts("u.json", enc('{"hello":"world"}')))).toEqual(["unknown_format"]);
    expect(codes(readTranscripts("u.json", enc("42")))).toEqual(["unknown_format"]);
    expect(codes(readTranscripts("j.json", enc('{"model": }')))).toEqual(["invalid_json"]);
  });
  it("reports a bad item of a JSON array by its index and keeps the others", () => {
    const r = readTranscripts("arr.json", json([convo({ id: "a" }), { x: 1 }, convo({ id: "c" })]));
    expect(r.items.map((i) => i.transcript.id)).toEqual(["a", "c"]);
    expect(r.rejections).toEqual([
      expect.objectContaining({
        code: "unknown_format",
        message: "arr.json, field [1]: no known transcript format matches",
      }),
    ]);
  });
});

describe("prototype pollution", () => {
  it("__proto__ and constructor keys pollute nothing and do not survive as prototypes", () => {
    const text =
      '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"model":"m","messages":[{"role":"user","content":"q","__proto__":{"role":"system"}}],' +
      '"metadata":{"__proto__":{"polluted":"yes"},"constructor":"c","nested":{"__proto__":{"polluted":"yes"}}}}';
    const r = readTranscripts("p.json", enc(text));
    const [t] = r.items.map((i) => i.transcript);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(t!.messages[0]!.role).toBe("user");
    const md = t!.metadata!;
    expect(Object.getPrototypeOf(md)).toBe(Object.prototype);
    expect(Object.hasOwn(md, "__proto__")).toBe(false);
    expect(md.constructor).toBe("c");
    expect((md.nested as Record<string, unknown>).polluted).toBeUndefined();
  });
  it("a record named with inherited keys only is not a transcript", () => {
    expect(
      codes(readTranscripts("p.json", enc('{"constructor":1,"toString":2,"hasOwnProperty":3}'))),
    ).toEqual(["unknown_format"]);
  });
});

describe("ids", () => {
  it("maps an unsafe id deterministically to a safe one", () => {
    for (const bad of [
      "../../etc/passwd",
      "a/b",
      "a..b",
      ".hidden",
      "x\u0001y",
      "é",
      "a".repeat(129),
      " x",
    ]) {
      const [t] = readTranscripts("i.json", json(convo({ id: bad }))).items.map((i) => i.transcript);
      expect(t!.id).toMatch(/^x-[0-9a-f]{24}$/);
      const [again] = readTranscripts("other.json", json(convo({ id: bad }))).items.map((i) => i.transcript);
      expect(again!.id).toBe(t!.id);
    }
    const [keep] = readTranscripts("i.json", json(convo({ id: "chatcmpl-ABC_1.2" }))).items.map(
      (i) => i.transcript,
    );
    expect(keep!.id).toBe("chatcmpl-ABC_1.2");
  });
  it("hashes content when there is no id: different content, different id", () => {
    const a = readTranscripts("a.json", json(convo())).items[0]!.transcript.id;
    const b = readTranscripts("b.json", json(convo({ temperature: 0.1 }))).items[0]!.transcript.id;
    expect(a).toMatch(/^h-[0-9a-f]{24}$/);
    expect(b).not.toBe(a);
  });
});

describe("zip archives", () => {
  const header = enc(
    JSON.stringify({ version: 2, eval: { eval_id: "E", task: "t", model: "openai/gpt-4o" } }),
  );
  const sample = enc(
    JSON.stringify({ id: 1, epoch: 1, input: "q", messages: [{ role: "user", content: "q" }] }),
  );

  /** Rewrites the declared uncompressed size of every entry in both local and central headers. */
  function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
    const out = zip.slice();
    const view = new DataView(out.buffer);
    const n = enc(name);
    for (let i = 0; i + 4 < out.length; i++) {
      const sig = view.getUint32(i, true);
      const nameAt = sig === 0x04034b50 ? i + 30 : sig === 0x02014b50 ? i + 46 : -1;
      if (nameAt < 0 || !n.every((b, k) => out[nameAt + k] === b)) continue;
      view.setUint32(sig === 0x04034b50 ? i + 22 : i + 24, size, true);
    }
    return out;
  }

  it("rejects a high-ratio entry (a zip bomb) as zip_bomb", () => {
    const zip = buildZip([
      { name: "header.json", data: header },
      { name: "samples/1_epoch_1.json", data: new Uint8Array(2 * 1024 * 1024).fill(0x20) },
    ]);
    expect(zip.length).toBeLessThan(64 * 1024);
    const r = readTranscripts("bomb.eval", zip);
    expect(r.items).toEqual([]);
    expect(r.rejections).toEqual([
      expect.objectContaining({
        code: "zip_bomb",
        message: expect.stringMatching(
          /entry 2 \("samples\/1_epoch_1\.json"\) expands \d+x, more than the limit of 200x/,
        ),
      }),
    ]);
  });
  it("rejects declared sizes over the expansion limit from the directory alone, without inflating", () => {
    // The declared 300 MiB cannot come from this data: had the reader inflated it, it would
    // have found the data short (invalid_zip), not a bomb.
    const zip = declareSize(
      buildZip([
        { name: "header.json", data: header },
        { name: "samples/1_epoch_1.json", data: sample },
      ]),
      "samples/1_epoch_1.json",
      300 * 1024 * 1024,
    );
    expect(codes(readTranscripts("big.eval", zip))).toEqual(["zip_bomb"]);
    expect(
      codes(readTranscripts("big.eval", zip, { maxZipExpandedBytes: 1024 ** 3, maxZipRatio: 1e9 })),
    ).toEqual(["too_large"]);
  });
  it("stops inflating an entry that expands beyond its declared size", () => {
    const zip = declareSize(
      buildZip([
        { name: "header.json", data: header },
        { name: "samples/1_epoch_1.json", data: sample },
      ]),
      "samples/1_epoch_1.json",
      10,
    );
    const r = readTranscripts("lie.eval", zip);
    expect(r.rejections).toEqual([
      expect.objectContaining({
        code: "zip_bomb",
        message: expect.stringContaining("beyond its declared size"),
      }),
    ]);
  });
  it("limits the entry count", () => {
    const zip = buildZip([
      { name: "header.json", data: header },
      { name: "samples/1_epoch_1.json", data: sample },
      { name: "samples/2_epoch_1.json", data: sample },
    ]);
    expect(codes(readTranscripts("n.eval", zip, { maxZipEntries: 2 }))).toEqual(["zip_bomb"]);
    expect(readTranscripts("n.eval", zip, { maxZipEntries: 3 }).items).toHaveLength(2);
  });
  it("rejects truncated and corrupt archives as invalid_zip", () => {
    const zip = buildZip([
      { name: "header.json", data: header },
      { name: "samples/1_epoch_1.json", data: sample },
    ]);
    expect(codes(readTranscripts("t.eval", zip.subarray(0, zip.length - 30)))).toEqual(["invalid_zip"]);
    const corrupt = zip.slice();
    corrupt.fill(0xff, 40, 60); // inside header.json's deflate stream
    const r = readTranscripts("c.eval", corrupt);
    expect(r.rejections.map((x) => x.code)).toContain("invalid_zip");
  });
});
