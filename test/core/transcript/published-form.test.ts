import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PUBLISHED_FIELDS,
  toPublished,
  toPublishedBody,
  type PublishedBody,
  type PublishedReview,
} from "../../../lambdas/core/transcript/published";
import type { Part, Transcript } from "../../../lambdas/core/transcript/schema";

// The published form as first written (spreads and a generic pick): the reference the field-by-field
// copies must equal, key order included.
function refPart(p: Part): unknown {
  switch (p.type) {
    case "text":
      return { type: "text", text: p.text };
    case "reasoning":
      return { type: "reasoning", text: p.opaque ? "" : p.text, summary: p.summary, opaque: p.opaque };
    case "tool_call":
      return { type: "tool_call", id: p.id, name: p.name, arguments: p.arguments };
    case "tool_result":
      return p.isError === undefined
        ? { type: "tool_result", id: p.id, text: p.text }
        : { type: "tool_result", id: p.id, text: p.text, isError: p.isError };
  }
}
function refPick(o: Record<string, unknown> | undefined, keys: string[]) {
  if (!o) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
function refBody(t: Transcript, ctx: { lab: string; legibility: unknown; redaction: unknown }) {
  const body: Record<string, unknown> = {
    schema: "cotshare/transcript@1",
    id: t.id,
    lab: ctx.lab,
    model: refPick(t.model, ["id", "provider", "family", "releaseDate"]),
    messages: t.messages.map((m) => ({
      role: m.role,
      ...(m.name !== undefined ? { name: m.name } : {}),
      parts: m.parts.map(refPart),
    })),
    legibility: ctx.legibility,
    redaction: ctx.redaction,
  };
  const inference = refPick(t.inference, [
    "temperature",
    "top_p",
    "max_tokens",
    "reasoning_effort",
    "provider",
    "serving",
  ]);
  if (inference) body.inference = inference;
  const task = refPick(t.task, ["id", "name", "dataset"]);
  if (task) body.task = task;
  if (t.createdAt !== undefined) body.createdAt = t.createdAt;
  if (t.license !== undefined) body.license = t.license;
  if (t.tags !== undefined) body.tags = [...t.tags];
  return body;
}
function refPublished(body: object, review: unknown) {
  const all: Record<string, unknown> = { ...body, review };
  const out: Record<string, unknown> = {};
  for (const k of PUBLISHED_FIELDS) if (all[k] !== undefined) out[k] = all[k];
  return out;
}

/** JSON with key order, plus the `undefined`-valued keys JSON would drop. */
const exact = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.keys(x).map((k) => [k, (x as Record<string, unknown>)[k] ?? "<undef>"]))
      : x,
  );

const u = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.constant(undefined));
const s = fc.string({ maxLength: 5 });
const part = fc.oneof(
  fc.record({ type: fc.constant("text" as const), text: s }),
  fc.record({
    type: fc.constant("reasoning" as const),
    text: s,
    summary: fc.boolean(),
    opaque: fc.boolean(),
  }),
  fc.record({ type: fc.constant("tool_call" as const), id: s, name: s, arguments: s }),
  fc.record(
    { type: fc.constant("tool_result" as const), id: s, text: s, isError: u(fc.boolean()) },
    { requiredKeys: ["type", "id", "text"] },
  ),
);
const opts = { requiredKeys: [] as never[] };
const transcript = fc.record(
  {
    schema: fc.constant("cotshare/transcript@1" as const),
    id: s,
    model: fc.record({ id: s, provider: u(s), family: u(s), releaseDate: u(s) }, { requiredKeys: ["id"] }),
    inference: u(
      fc.record(
        {
          temperature: u(fc.double()),
          top_p: u(fc.double()),
          max_tokens: u(fc.nat()),
          reasoning_effort: u(s),
          provider: u(s),
          serving: u(s),
        },
        opts,
      ),
    ),
    task: u(fc.record({ id: u(s), name: u(s), dataset: u(s) }, opts)),
    createdAt: u(s),
    license: u(s),
    tags: u(fc.array(s, { maxLength: 3 })),
    messages: fc.array(
      fc.record(
        {
          role: fc.constantFrom("system" as const, "user" as const, "assistant" as const, "tool" as const),
          name: u(s),
          parts: fc.array(part, { maxLength: 3 }),
        },
        { requiredKeys: ["role", "parts"] },
      ),
      { minLength: 1, maxLength: 3 },
    ),
  },
  { requiredKeys: ["schema", "id", "model", "messages"] },
) as fc.Arbitrary<Transcript>;

const ctx = {
  lab: "acme",
  legibility: { score: 50, signals: {} },
  redaction: { counts: { EMAIL: 1 }, placeholders: 1 },
};
const review: PublishedReview = { verdict: "PASS", reasons: [] };

describe("published form: field-by-field copies equal the spread-and-pick form", () => {
  it("toPublishedBody, key order and all", () => {
    fc.assert(
      fc.property(transcript, (t) => {
        expect(exact(toPublishedBody(t, ctx))).toBe(exact(refBody(t, ctx)));
      }),
      { numRuns: 2000 },
    );
  });
  it("toPublished, with extra, inherited, hidden or undefined fields on the body", () => {
    fc.assert(
      fc.property(transcript, fc.nat(5), (t, edit) => {
        const body = toPublishedBody(t, ctx) as PublishedBody & Record<string, unknown>;
        let b: object = body;
        if (edit === 1) b = { ...body, review: { verdict: "BLOCK", reasons: [] }, extra: 1 };
        if (edit === 2) b = Object.assign(Object.create({ license: "inherited" }), body);
        if (edit === 3)
          b = Object.defineProperty({ ...body }, "createdAt", { value: "hidden", enumerable: false });
        if (edit === 4) b = { ...body, tags: undefined, task: undefined };
        expect(exact(toPublished(b as PublishedBody, review))).toBe(exact(refPublished(b, review)));
      }),
      { numRuns: 2000 },
    );
  });
});
