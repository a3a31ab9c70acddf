/**
 * A lab's deny term encoded — base64 (standard and URL alphabets, at each of the three byte
 * alignments), hex, rot13, reversed — is redacted like the plain term: the whole base64 or hex
 * run that holds it, or the word. In reasoning, a tool call's arguments and a tool result.
 * Encoded values are built at run time from the term.
 */
import { describe, expect, it } from "vitest";
import { detect, redactTranscript } from "../../../lambdas/core/redact/index";
import { base64Core, denySpans, rotatedAndReversed } from "../../../lambdas/core/redact/policy";
import { Transcript } from "../../../lambdas/core/transcript/schema";
import { seededRandom } from "./helpers";
import { ENCODINGS as encodings, b64, hex, reversed, rot13 } from "../encodings";

const policy = { denyTerms: ["Nightjar", "Project Bluefinch"], allowTerms: [], internalDomains: [] };
const terms = (text: string, p = policy) =>
  detect(text, { policy: p })
    .filter((s) => s.detector === "deny-term")
    .map((s) => text.slice(s.start, s.end));

describe("redaction: a deny term encoded is redacted as the term", () => {
  it.each(encodings)("%s: the whole run (or word) in reasoning", (_, encode) => {
    const e = encode("Nightjar");
    expect(terms(`Decoding ${e} gives the answer.`)).toEqual([e]);
  });

  it.each(encodings)("%s: in a tool call's arguments and a tool result", (_, encode) => {
    const e = encode("Nightjar");
    const t = Transcript.parse({
      schema: "cotshare/transcript@1",
      id: "t1",
      model: { id: "m" },
      messages: [
        { role: "user", parts: [{ type: "text", text: "Solve the puzzle." }] },
        {
          role: "assistant",
          parts: [
            { type: "reasoning", text: `The flag is ${e}.`, summary: false, opaque: false },
            {
              type: "tool_call",
              id: "call_1",
              name: "python",
              arguments: JSON.stringify({ code: `decode("${e}")` }),
            },
          ],
        },
        { role: "tool", parts: [{ type: "tool_result", id: "call_1", text: `stdout:\n${e}\n` }] },
      ],
    });
    const out = JSON.stringify(redactTranscript(t, { hmacKey: "k", policy }).transcript);
    expect(out).not.toContain(e);
    expect(out).toContain("TERM_");
  });

  it("case: lower and upper case terms in base64 and hex, any case in rot13 and reversed", () => {
    for (const e of [
      b64("xnightjar"),
      b64("xxNIGHTJAR"),
      hex("NIGHTJAR"),
      hex("nightjar").toUpperCase(),
      rot13("NIGHTJAR"),
      reversed("nightjar"),
    ])
      expect(terms(`see ${e} here`), e).toEqual([e]);
  });

  it("the codename of a Project-style term and the whole term, encoded", () => {
    for (const e of [
      b64("Project Bluefinch"),
      b64("the bluefinch team"),
      hex("Bluefinch"),
      rot13("Bluefinch"),
    ])
      expect(terms(`see ${e} here`), e).toEqual([e]);
  });

  it("short terms: 5 bytes are looked for, 4 are not", () => {
    const p5 = { denyTerms: ["Orion"], allowTerms: [], internalDomains: [] };
    for (const e of [b64("Orion"), b64("a Orion"), hex("Orion"), reversed("Orion"), rot13("Orion")])
      expect(terms(`see ${e} here`, p5), e).toEqual([e]);
    const p4 = { denyTerms: ["Vega"], allowTerms: [], internalDomains: [] };
    expect(terms(`see ${b64("Vega")} and ${reversed("Vega")} here`, p4)).toEqual([]);
    // A palindrome's reversed form and a number's are no forms of their own; its rot13 is.
    expect(rotatedAndReversed(["Vega", "level", "12345"])).toEqual(["yriry"]);
  });

  it("every base64 core of a 5-byte term has 6 characters, and is in every encoding holding it", () => {
    const bytes = new TextEncoder().encode("Nightjar");
    for (const lead of [0, 1, 2])
      expect(base64Core(new TextEncoder().encode("abcde"), lead).length).toBeGreaterThanOrEqual(6);
    for (const pre of ["", "a", "ab", "abc"])
      for (const post of ["", "z", "zz"])
        expect(b64(pre + "Nightjar" + post)).toContain(base64Core(bytes, pre.length % 3));
  });

  it("keeps text without an encoded term as it was, and an allow term holding the reversed term", () => {
    expect(terms(`see ${b64("the Kestrel run")} and ${hex("weights")} here`)).toEqual([]);
    const p = { denyTerms: ["Nightjar"], allowTerms: ["rajthgiN Labs"], internalDomains: [] };
    expect(
      detect("the rajthgiN Labs paper", { policy: p }).filter((s) => s.detector === "deny-term"),
    ).toEqual([]);
  });

  it("no false hit on 10,000 random base64 and hex blobs with a realistic policy", () => {
    const realistic = {
      denyTerms: ["Project Bluefinch", "Kestrel-7", "Nightjar", "Operation Saltmarsh", "Orion", "Halcyon"],
      allowTerms: ["GPT-4o"],
      internalDomains: ["corp.example.com"],
    };
    const r = seededRandom(13);
    const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let falsePositives = 0;
    for (let i = 0; i < 10_000; i++) {
      const alphabet = i % 2 === 0 ? B64 : "0123456789abcdef";
      const n = 32 + Math.floor(r() * 96);
      let blob = "";
      for (let k = 0; k < n; k++) blob += alphabet[Math.floor(r() * alphabet.length)];
      if (denySpans(realistic, `data: ${blob}`).length) falsePositives++;
    }
    expect(falsePositives).toBe(0);
  });
});
