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

function pick<T extends object, K extends keyof T>(
  o: T | undefined,
  keys: readonly K[],
): Pick<T, K> | undefined {
  if (!o) return undefined;
  const out = {} as Pick<T, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
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
    model: pick(t.model, ["id", "provider", "family", "releaseDate"])!,
    messages: t.messages.map((m) => ({
      role: m.role,
      ...(m.name !== undefined ? { name: m.name } : {}),
      parts: m.parts.map(publishPart),
    })),
    legibility: ctx.legibility,
    redaction: ctx.redaction,
  };
  const inference = pick(t.inference, [
    "temperature",
    "top_p",
    "max_tokens",
    "reasoning_effort",
    "provider",
    "serving",
  ]);
  if (inference) body.inference = inference;
  const task = pick(t.task, ["id", "name", "dataset"]);
  if (task) body.task = task;
  if (t.createdAt !== undefined) body.createdAt = t.createdAt;
  if (t.license !== undefined) body.license = t.license;
  if (t.tags !== undefined) body.tags = [...t.tags];
  return body;
}

/** The full published form: the body plus the review's verdict, fields in contract order. */
export function toPublished(body: PublishedBody, review: PublishedReview): PublishedTranscript {
  const all: Record<string, unknown> = { ...body, review };
  const out: Record<string, unknown> = {};
  for (const k of PUBLISHED_FIELDS) if (all[k] !== undefined) out[k] = all[k];
  return out as PublishedTranscript;
}
