/**
 * cotshare's own published form read back as input (a `process` output file, a set's
 * `data.jsonl`, `transcripts/<id>.json`): the published-only fields are dropped when the record is
 * plainly published (formats/plain.ts `publishedOnlyFields`), and anything less plain stays a
 * schema rejection.
 */
import { describe, expect, it } from "vitest";
import { publishedOnlyFields } from "../../../lambdas/core/transcript/formats/plain";
import { toPublished, toPublishedBody } from "../../../lambdas/core/transcript/published";
import { readTranscripts } from "../../../lambdas/core/transcript/read";
import { Transcript } from "../../../lambdas/core/transcript/schema";
import { enc, json } from "./helpers";

const canonical = Transcript.parse({
  schema: "cotshare/transcript@1",
  id: "t-0123456789abcdef01234567",
  model: { id: "example-reasoner-1", family: "example" },
  inference: { temperature: 0.2 },
  task: { name: "arithmetic" },
  tags: ["demo"],
  messages: [
    { role: "user", parts: [{ type: "text", text: "What is two plus two?" }] },
    {
      role: "assistant",
      parts: [
        { type: "reasoning", text: "Two plus two is four.", summary: false, opaque: false },
        { type: "reasoning", text: "", summary: false, opaque: true },
        { type: "tool_call", id: "c1", name: "calc", arguments: '{"a":2,"b":2}' },
      ],
    },
    { role: "tool", parts: [{ type: "tool_result", id: "c1", text: "4" }] },
    { role: "assistant", parts: [{ type: "text", text: "Four." }] },
  ],
});

const ctx = {
  lab: "acme",
  legibility: {
    scorer: "cotshare-legibility@2",
    score: 92.5,
    basis: "reasoning" as const,
    signals: { language: { value: "en", subscore: 100, explanation: "English" } },
    worst: { message: 1, part: 0, start: 0, end: 21, score: 92.5 },
  },
  redaction: { counts: { email: 1 }, placeholders: 1 },
};
const body = toPublishedBody(canonical, ctx);
const published = toPublished(body, { verdict: "PASS", reasons: [] }) as unknown as Record<string, unknown>;

/** The record without the published-only fields: what a lab's own native file would hold. */
function bare(o: Record<string, unknown>): Record<string, unknown> {
  const { lab: _l, legibility: _g, review: _r, redaction: _d, ...rest } = o;
  return rest;
}

describe("the published form is read back", () => {
  it("a process output file: one transcript, the same as the record without the published fields", () => {
    const r = readTranscripts("t.json", json(published));
    expect(r.rejections).toEqual([]);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]!.format).toBe("native");
    const ref = readTranscripts("t.json", json(bare(published)));
    expect(r.items[0]!.transcript).toEqual(ref.items[0]!.transcript);
    const t = r.items[0]!.transcript as unknown as Record<string, unknown>;
    for (const k of ["lab", "legibility", "review", "redaction"]) expect(t).not.toHaveProperty(k);
    expect(t.id).toBe(canonical.id);
  });
  it("a set's data.jsonl (keys in another order, the body without review too)", () => {
    const reordered = { ...published, redaction: published.redaction, schema: published.schema };
    const noReview = { ...published };
    delete noReview.review;
    const text = [published, reordered, noReview].map((o) => JSON.stringify(o)).join("\n") + "\n";
    const r = readTranscripts("data.jsonl", enc(text));
    expect(r.rejections).toEqual([]);
    expect(r.items.map((i) => i.line)).toEqual([1, 2, 3]);
  });
  it("also through the general reader (a record the fast path leaves to the schema)", () => {
    // A `__proto__` key sends the record past the fast path; the native reader drops it and the
    // published-only fields alike.
    const text = JSON.stringify(published).replace(/^\{/, '{"__proto__":{"x":1},');
    const r = readTranscripts("t.json", enc(text));
    expect(r.rejections).toEqual([]);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]!.transcript.id).toBe(canonical.id);
  });
  it("the rule names exactly the published-only fields present", () => {
    expect(publishedOnlyFields(published)).toEqual(["legibility", "review", "redaction"]);
    const noReview = { ...published };
    delete noReview.review;
    expect(publishedOnlyFields(noReview)).toEqual(["legibility", "redaction"]);
    expect(publishedOnlyFields(bare(published))).toEqual([]);
  });
});

describe("what is not plainly published stays a schema rejection", () => {
  const cases: [string, Record<string, unknown>][] = [
    ["legibility alone (a lab's own field)", { ...bare(published), legibility: { score: 50 } }],
    ["redaction alone", { ...bare(published), redaction: { counts: {}, placeholders: 0 } }],
    ["a score out of range", { ...published, legibility: { ...ctx.legibility, score: 101 } }],
    ["a score as text", { ...published, legibility: { ...ctx.legibility, score: "92.5" } }],
    ["counts not an object", { ...published, redaction: { counts: [], placeholders: 0 } }],
    ["an unknown verdict", { ...published, review: { verdict: "MAYBE", reasons: [] } }],
    ["reasons not a list", { ...published, review: { verdict: "PASS" } }],
    ["another unknown field beside them", { ...published, internal: true }],
  ];
  for (const [name, record] of cases) {
    it(name, () => {
      const r = readTranscripts("t.json", json(record));
      expect(r.items).toEqual([]);
      expect(r.rejections.map((x) => x.code)).toEqual(["schema"]);
    });
  }
  it("a published record whose own content is invalid is still rejected", () => {
    const broken = { ...published, messages: [] };
    const r = readTranscripts("t.json", json(broken));
    expect(r.items).toEqual([]);
    expect(r.rejections.map((x) => x.code)).toEqual(["schema"]);
  });
});
