/**
 * A compressed intake object (a lab's gzip of JSONL under a `.jsonl` or `.json` name) is one clear
 * rejection in the cloud as in the CLI, not one `invalid_utf8` per binary "line" (QA, session six).
 */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readTranscripts } from "../../../lambdas/core/transcript/read";

const lines = Array.from({ length: 40 }, (_, i) =>
  JSON.stringify({
    messages: [
      { role: "user", content: `q${i}` },
      { role: "assistant", content: "a" },
    ],
  }),
).join("\n");

describe("compressed intake objects", () => {
  it.each(["t.jsonl", "t.json", "t.jsonl.gz"])("gzip named %s is one unknown_format rejection", (name) => {
    const r = readTranscripts(name, new Uint8Array(gzipSync(Buffer.from(lines))));
    expect(r.items).toEqual([]);
    expect(r.rejections).toHaveLength(1);
    expect(r.rejections[0]!.code).toBe("unknown_format");
    expect(r.rejections[0]!.message).toMatch(/gzip-compressed file: decompress it first/);
  });
});
