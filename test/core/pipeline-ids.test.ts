import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { publishedId } from "../../lambdas/core/pipeline";

/** The id as the contract defines it, computed here from first principles. */
function expected(key: string | Uint8Array, parts: string[]): string {
  return "t-" + createHmac("sha256", key).update(parts.join("\n")).digest("hex").slice(0, 24);
}

describe("published ids (the HMAC key is imported once per key)", () => {
  it("is HMAC-SHA256 of the id fields under a text key, for each key in turn", () => {
    for (const key of ["k1", "k2", "k1", "ключ-✓", ""]) {
      expect(publishedId(key, "lab-a", "a.jsonl", "x", 3, "e")).toBe(
        expected(key, ["cotshare/id@1", "lab-a", "a.jsonl", "3", "e", "x"]),
      );
    }
  });

  it("reads a byte key by value: the same array with other bytes is another key", () => {
    const key = new Uint8Array([1, 2, 3, 4]);
    const first = publishedId(key, "lab-a", "a.json", "x");
    expect(first).toBe(
      expected(Uint8Array.from([1, 2, 3, 4]), ["cotshare/id@1", "lab-a", "a.json", "", "", "x"]),
    );
    key[0] = 9;
    const second = publishedId(key, "lab-a", "a.json", "x");
    expect(second).not.toBe(first);
    expect(second).toBe(
      expected(Uint8Array.from([9, 2, 3, 4]), ["cotshare/id@1", "lab-a", "a.json", "", "", "x"]),
    );
    // A text key after a byte key (and back) is not mistaken for it.
    expect(publishedId("\u0009\u0002\u0003\u0004", "lab-a", "a.json", "x")).toBe(second);
    expect(publishedId("k1", "lab-a", "a.json", "x")).toBe(
      expected("k1", ["cotshare/id@1", "lab-a", "a.json", "", "", "x"]),
    );
  });
});
