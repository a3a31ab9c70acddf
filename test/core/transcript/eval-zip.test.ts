import { describe, expect, it } from "vitest";
import { readTranscripts } from "../../../lambdas/core/transcript/read";
import { decompress } from "fzstd";
import { buildZip, enc, fixture, ok } from "./helpers";

const log = JSON.parse(new TextDecoder().decode(fixture("inspect.json")));
const { samples, ...header } = log;

/** An Inspect `.eval` archive: header.json, one samples/<id>_epoch_<n>.json per sample, summaries. */
function evalArchive(method: "deflate" | "zstd" | "stored" = "deflate") {
  const zstdFrame = fixture("inspect-sample-1.json.zst");
  return buildZip([
    {
      name: "_journal/start.json",
      data: enc(JSON.stringify({ version: 2, eval: header.eval, plan: header.plan })),
    },
    method === "zstd"
      ? // The committed frame is samples[0] compressed by the zstd CLI (see test/fixtures/formats/README.md).
        { name: "samples/1_epoch_1.json", data: decompress(zstdFrame), method: "zstd", zstdFrame }
      : { name: "samples/1_epoch_1.json", data: enc(JSON.stringify(samples[0])), method },
    {
      name: "samples/two_epoch_1.json",
      data: enc(JSON.stringify(samples[1])),
      method: method === "zstd" ? "deflate" : method,
    },
    { name: "summaries.json", data: enc("[]") },
    { name: "header.json", data: enc(JSON.stringify(header)) },
  ]);
}

describe("inspect (.eval zip)", () => {
  for (const method of ["deflate", "stored", "zstd"] as const) {
    it(`reads one transcript per sample entry (${method})`, () => {
      const r = readTranscripts("run.eval", evalArchive(method));
      const ts = ok(r);
      expect(r.format).toBe("inspect");
      expect(ts.map((t) => t.id)).toEqual(["Yk3vQ8example-1-e1", "Yk3vQ8example-two-e1"]);
      expect(r.items.map((i) => i.entry)).toEqual(["samples/1_epoch_1.json", "samples/two_epoch_1.json"]);
      expect(ts[0]!.model).toEqual({ id: "o3-mini", provider: "openai" });
      expect(ts[0]!.task).toEqual({ id: "Tsk9example", name: "arith_tools", dataset: "arith-mini" });
      expect(ts[0]!.messages[2]!.parts[2]).toEqual({
        type: "tool_call",
        id: "call_add_1",
        name: "add",
        arguments: '{"x":2,"y":3}',
      });
    });
  }
  it("reads the same transcripts from .eval as from .json", () => {
    const fromJson = ok(readTranscripts("inspect.json", fixture("inspect.json")));
    const fromEval = ok(readTranscripts("run.eval", evalArchive("zstd")));
    expect(fromEval).toEqual(fromJson);
  });
  it("reports a bad sample entry by name and still reads the others", () => {
    const zip = buildZip([
      { name: "header.json", data: enc(JSON.stringify(header)) },
      { name: "samples/1_epoch_1.json", data: enc("{not json") },
      { name: "samples/two_epoch_1.json", data: enc(JSON.stringify(samples[1])) },
    ]);
    const r = readTranscripts("run.eval", zip);
    expect(r.items).toHaveLength(1);
    expect(r.rejections).toEqual([
      expect.objectContaining({
        code: "invalid_json",
        message: expect.stringContaining("entry samples/1_epoch_1.json"),
      }),
    ]);
  });
  it("rejects a zip that is not an Inspect log", () => {
    const r = readTranscripts("x.zip", buildZip([{ name: "readme.txt", data: enc("hello") }]));
    expect(r.rejections.map((x) => x.code)).toEqual(["unknown_format"]);
  });
});
