import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { depthExceededAt, parseJson } from "../../../lambdas/core/transcript/safe-json";

/** The plain one-character-at-a-time scan the fast one must agree with. */
function reference(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      if (++depth > maxDepth) return i;
    } else if (c === "}" || c === "]") depth--;
  }
  return -1;
}

const jsonish = fc
  .array(fc.constantFrom('"', "\\", "{", "}", "[", "]", "a", " ", ":", ","), { maxLength: 80 })
  .map((a) => a.join(""));

describe("depthExceededAt", () => {
  it("agrees with the character-by-character scan on strings made of JSON's structural characters", () => {
    fc.assert(
      fc.property(jsonish, fc.integer({ min: 0, max: 6 }), (s, d) => {
        expect(depthExceededAt(s, d)).toBe(reference(s, d));
      }),
      { numRuns: 5000 },
    );
  });

  it("agrees on real JSON, including escaped quotes and backslashes in strings", () => {
    fc.assert(
      fc.property(fc.json({ depthSize: "medium" }), fc.integer({ min: 0, max: 8 }), (s, d) => {
        expect(depthExceededAt(s, d)).toBe(reference(s, d));
      }),
      { numRuns: 2000 },
    );
  });

  it("answers at the bound whether or not the bracket count alone settles it", () => {
    const nest = (n: number) => "[".repeat(n) + "]".repeat(n);
    expect(depthExceededAt(nest(64), 64)).toBe(-1);
    expect(depthExceededAt(nest(65), 64)).toBe(64);
    // More than 64 brackets, none deeper than 2: the full scan decides.
    expect(depthExceededAt("[" + "[],".repeat(80) + "[]]", 64)).toBe(-1);
    expect(depthExceededAt(`["${"{".repeat(100)}"]`, 64)).toBe(-1);
  });

  it("ignores brackets inside strings, even after escaped quotes", () => {
    expect(depthExceededAt(String.raw`{"a":"\"[[[[","b":"\\"}`, 1)).toBe(-1);
    expect(depthExceededAt(String.raw`{"a":"\\",[[`, 2)).toBe(11);
  });
});

describe("parseJson's errors", () => {
  it("give a position, never a snippet, for a truncated text as for a bad character", () => {
    const secret = "hunter" + "2-value";
    // Cut inside a string V8 names the position itself; cut between values it names none.
    const inString = `{"schema": "cotshare/transcript@1", "id": "${secret}`;
    expect(parseJson(inString, 64)).toEqual({
      ok: false,
      code: "invalid_json",
      detail: `not valid JSON at position ${inString.length}`,
    });
    const truncated = `{"schema": "cotshare/transcript@1", "id": "${secret}", "tags": [1,`;
    const t = parseJson(truncated, 64);
    expect(t).toEqual({
      ok: false,
      code: "invalid_json",
      detail: `not valid JSON at position ${truncated.length} (the text ends before the JSON value does)`,
    });
    const bad = parseJson(`{"a": "${secret}" x}`, 64);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.detail).toMatch(/^not valid JSON at position \d+$/);
    expect(parseJson("  \n", 64)).toMatchObject({ ok: false, detail: "not valid JSON (no JSON value)" });
    for (const r of [t, bad]) expect(JSON.stringify(r)).not.toContain(secret);
  });
});
