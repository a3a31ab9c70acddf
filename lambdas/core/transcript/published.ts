/**
 * The published form of a transcript (CONTRACT.md "Published transcript"): what `cotshare process`
 * writes and the public API serves. Built from the redacted canonical transcript by copying an
 * allow-list of fields — never by spreading — so anything the source carried beyond it (free-form
 * `metadata`, `publishable`, fields a future reader adds) is dropped, not passed through.
 * Every object schema here is strict: the review parses a candidate against it and reports any
 * field outside the allow-list. The review's `plainlyValidBody` (`../review/shape.ts`) mirrors
 * `PublishedBody` rule by rule to skip zod on plainly valid bodies: change both together (its
 * property test against this schema fails if they drift apart in the direction that matters).
 */
import * as z from "zod";
import { Inference, Model, Role, SCHEMA_ID, Task, type Part, type Transcript } from "./schema";

/** Published parts: opaque reasoning is kept as a marker with empty text, never as text. */
const PublishedTextPart = z.object({ type: z.literal("text"), text: z.string() }).strict();
const PublishedReasoningPart = z
  .object({ type: z.literal("reasoning"), text: z.string(), summary: z.boolean(), opaque: z.boolean() })
  .strict();
const PublishedToolCallPart = z
  .object({ type: z.literal("tool_call"), id: z.string(), name: z.string(), arguments: z.string() })
  .strict();
const PublishedToolResultPart = z
  .object({
    type: z.literal("tool_result"),
    id: z.string(),
    text: z.string(),
    isError: z.boolean().optional(),
  })
  .strict();

export const PublishedPart = z.discriminatedUnion("type", [
  PublishedTextPart,
  PublishedReasoningPart,
  PublishedToolCallPart,
  PublishedToolResultPart,
]);

export const PublishedMessage = z
  .object({ role: Role, name: z.string().max(256).optional(), parts: z.array(PublishedPart) })
  .strict();

/** One legibility signal as published: its raw value, its 0–100 subscore and why. */
export const PublishedSignal = z
  .object({
    value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
    subscore: z.number(),
    explanation: z.string().optional(),
  })
  .strict();

/** The least legible window: message index, part index, UTF-16 offsets in that part's text. */
export const PublishedWorst = z
  .object({
    message: z.number().int().nonnegative(),
    part: z.number().int().nonnegative(),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    score: z.number(),
  })
  .strict();

export const PublishedLegibility = z
  .object({
    scorer: z.string().optional(),
    score: z.number().min(0).max(100),
    basis: z.enum(["reasoning", "summary", "text", "none"]).optional(),
    signals: z.record(z.string(), PublishedSignal),
    worst: PublishedWorst.optional(),
  })
  .strict();

export const PublishedReviewReason = z
  .object({ code: z.string(), message: z.string(), path: z.string().optional() })
  .strict();

export const PublishedReview = z
  .object({ verdict: z.enum(["PASS", "NEEDS_HUMAN", "BLOCK"]), reasons: z.array(PublishedReviewReason) })
  .strict();

export const PublishedRedaction = z
  .object({ counts: z.record(z.string(), z.number().int().nonnegative()), placeholders: z.number().int() })
  .strict();

/** Everything but the review: what the review itself inspects. */
export const PublishedBody = z
  .object({
    schema: z.literal(SCHEMA_ID),
    id: z.string().min(1).max(256),
    lab: z.string().min(1).max(40),
    model: Model,
    inference: Inference.optional(),
    task: Task.optional(),
    createdAt: z.string().max(64).optional(),
    license: z.string().max(1024).optional(),
    tags: z.array(z.string().max(1024)).max(64).optional(),
    messages: z.array(PublishedMessage).min(1),
    legibility: PublishedLegibility,
    redaction: PublishedRedaction,
  })
  .strict();

export const PublishedTranscript = PublishedBody.extend({ review: PublishedReview }).strict();

export type PublishedPart = z.infer<typeof PublishedPart>;
export type PublishedMessage = z.infer<typeof PublishedMessage>;
export type PublishedLegibility = z.infer<typeof PublishedLegibility>;
export type PublishedReview = z.infer<typeof PublishedReview>;
export type PublishedRedaction = z.infer<typeof PublishedRedaction>;
export type PublishedBody = z.infer<typeof PublishedBody>;
export type PublishedTranscript = z.infer<typeof PublishedTranscript>;

/** The top-level fields a published transcript may carry, in the order they are written. */
export const PUBLISHED_FIELDS = [
  "schema",
  "id",
  "lab",
  "model",
  "inference",
  "task",
  "createdAt",
  "license",
  "tags",
  "messages",
  "legibility",
  "review",
  "redaction",
] as const;

function publishPart(p: Part): PublishedPart {
  switch (p.type) {
    case "text":
      return { type: "text", text: p.text };
    case "reasoning":
      // Opaque reasoning never carries text into the published form, whatever the input says.
      return { type: "reasoning", text: p.opaque ? "" : p.text, summary: p.summary, opaque: p.opaque };
    case "tool_call":
      return { type: "tool_call", id: p.id, name: p.name, arguments: p.arguments };
    case "tool_result":
      return p.isError === undefined
        ? { type: "tool_result", id: p.id, text: p.text }
        : { type: "tool_result", id: p.id, text: p.text, isError: p.isError };
  }
}

// The optional objects are copied field by field, in the contract's order, keeping only the
// fields that are set (written out rather than looped over keys: fixed shapes, fast to read).
function publishModel(m: Transcript["model"] | undefined): PublishedBody["model"] | undefined {
  if (!m) return undefined;
  const out = {} as PublishedBody["model"];
  if (m.id !== undefined) out.id = m.id;
  if (m.provider !== undefined) out.provider = m.provider;
  if (m.family !== undefined) out.family = m.family;
  if (m.releaseDate !== undefined) out.releaseDate = m.releaseDate;
  return out;
}

function publishInference(o: Transcript["inference"]): PublishedBody["inference"] {
  if (!o) return undefined;
  const out: NonNullable<PublishedBody["inference"]> = {};
  if (o.temperature !== undefined) out.temperature = o.temperature;
  if (o.top_p !== undefined) out.top_p = o.top_p;
  if (o.max_tokens !== undefined) out.max_tokens = o.max_tokens;
  if (o.reasoning_effort !== undefined) out.reasoning_effort = o.reasoning_effort;
  if (o.provider !== undefined) out.provider = o.provider;
  if (o.serving !== undefined) out.serving = o.serving;
  return out;
}

function publishTask(o: Transcript["task"]): PublishedBody["task"] {
  if (!o) return undefined;
  const out: NonNullable<PublishedBody["task"]> = {};
  if (o.id !== undefined) out.id = o.id;
  if (o.name !== undefined) out.name = o.name;
  if (o.dataset !== undefined) out.dataset = o.dataset;
  return out;
}

/**
 * The published body of a redacted transcript: allow-listed fields copied one by one. `lab` comes
 * from the caller (the intake key prefix), never from the file.
 */
export function toPublishedBody(
  t: Transcript,
  ctx: { lab: string; legibility: PublishedLegibility; redaction: PublishedRedaction },
): PublishedBody {
  const body: PublishedBody = {
    schema: SCHEMA_ID,
    id: t.id,
    lab: ctx.lab,
    model: publishModel(t.model)!,
    messages: t.messages.map((m) =>
      m.name !== undefined
        ? { role: m.role, name: m.name, parts: m.parts.map(publishPart) }
        : { role: m.role, parts: m.parts.map(publishPart) },
    ),
    legibility: ctx.legibility,
    redaction: ctx.redaction,
  };
  const inference = publishInference(t.inference);
  if (inference) body.inference = inference;
  const task = publishTask(t.task);
  if (task) body.task = task;
  if (t.createdAt !== undefined) body.createdAt = t.createdAt;
  if (t.license !== undefined) body.license = t.license;
  if (t.tags !== undefined) body.tags = [...t.tags];
  return body;
}

const enumerable = Object.prototype.propertyIsEnumerable;

/** The full published form: the body plus the review's verdict, fields in contract order. */
export function toPublished(body: PublishedBody, review: PublishedReview): PublishedTranscript {
  // The body's own enumerable fields (what a spread would copy) and the review, without the copy.
  const out: Record<string, unknown> = {};
  for (const k of PUBLISHED_FIELDS) {
    const v = k === "review" ? review : enumerable.call(body, k) ? body[k] : undefined;
    if (v !== undefined) out[k] = v;
  }
  return out as PublishedTranscript;
}
