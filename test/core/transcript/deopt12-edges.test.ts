/**
 * The readers at the ends of a text: an empty file, empty lines of a JSON Lines file and a `\u`
 * cut short at the end of a text are read without reading a character past the end (`charCodeAt`
 * there gives NaN, which compares false, but in optimised code it deoptimises the reader).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { parsedStringsClean } from "../../../lambdas/core/transcript/formats/common";
import { readTranscripts } from "../../../lambdas/core/transcript/read";
import { readsOutside } from "../reads-outside";

afterEach(() => vi.restoreAllMocks());

const line = (id: string) =>
  JSON.stringify({
    schema: "cotshare/transcript@1",
    id,
    model: { id: "m" },
    messages: [
      { role: "user", parts: [{ type: "text", text: "What is 2 + 2?" }] },
      { role: "assistant", parts: [{ type: "reasoning", text: "Two and two make four." }] },
    ],
  });

describe("readers at the ends of a text", () => {
  it("skip empty lines of a JSON Lines file without reading past them", () => {
    const file = new TextEncoder().encode(["", line("a"), "", "", line("b"), ""].join("\n"));
    let ids: string[] = [];
    expect(
      readsOutside(() => {
        ids = readTranscripts("t.jsonl", file).items.map((x) => x.transcript.id);
      }),
    ).toEqual([]);
    expect(ids).toEqual(["a", "b"]);
  });

  it("read an empty file of any kind without reading its first character", () => {
    for (const name of ["t.json", "t.jsonl", "t.txt", "t.md"]) {
      let n = -1;
      expect(
        readsOutside(() => (n = readTranscripts(name, new Uint8Array(0)).items.length)),
        name,
      ).toEqual([]);
      expect(n, name).toBe(0);
    }
  });

  it("take a \\u cut short at the end of a text for no escape, reading nothing past it", () => {
    for (const t of ['{"a":"x\\u', '{"a":"x\\ud', '{"a":"x\\u0', '{"a":"x\\u00', '"\\u', "\\u"]) {
      let clean = false;
      expect(
        readsOutside(() => (clean = parsedStringsClean(t))),
        t,
      ).toEqual([]);
      expect(clean, t).toBe(true);
    }
    expect(parsedStringsClean('{"a":"x\\u0000"}')).toBe(false);
    expect(parsedStringsClean('{"a":"x\\ud800"}')).toBe(false);
    expect(parsedStringsClean('{"a":"x\\u00e9"}')).toBe(true);
  });
});
