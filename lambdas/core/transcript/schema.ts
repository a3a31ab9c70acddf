/**
 * The canonical transcript model, `cotshare/transcript@1`. Every intake format is read into this
 * shape; redaction, review and scoring work on it; the published form extends it with the
 * `legibility`, `review` and `redaction` sections (see CONTRACT.md).
 *
 * Mirrored by hand: `formats/plain.ts` builds plainly valid transcripts without zod, rule by rule
 * as this schema checks them (and `review/shape.ts` mirrors the published body). A change here
 * must be made there too; test/core/transcript/plain.test.ts property-checks the two against each
 * other.
 */
import * as z from "zod";

export const SCHEMA_ID = "cotshare/transcript@1";

/** Bounded strings keep a hostile file from making one field enormous. */
const id = z.string().min(1).max(256);
const shortText = z.string().max(1024);

export const TextPart = z.object({ type: z.literal("text"), text: z.string() }).strict();

/**
 * Reasoning as the model produced it. `summary: true` marks a provider's summary of hidden
 * reasoning (not raw CoT); `opaque: true` marks reasoning the provider encrypted or redacted —
 * it carries no text and is never published as text.
 */
export const ReasoningPart = z
  .object({
    type: z.literal("reasoning"),
    text: z.string(),
    summary: z.boolean().default(false),
    opaque: z.boolean().default(false),
  })
  .strict()
  .refine((p) => !p.opaque || p.text === "", { message: "opaque reasoning carries no text", path: ["text"] });

export const ToolCallPart = z
  .object({
    type: z.literal("tool_call"),
    id: z.string().max(256),
    name: z.string().max(256),
    /** The arguments as a JSON string (as providers send them). */
    arguments: z.string(),
  })
  .strict();

export const ToolResultPart = z
  .object({
    type: z.literal("tool_result"),
    id: z.string().max(256),
    text: z.string(),
    isError: z.boolean().optional(),
  })
  .strict();

export const Part = z.discriminatedUnion("type", [TextPart, ReasoningPart, ToolCallPart, ToolResultPart]);

export const Role = z.enum(["system", "user", "assistant", "tool"]);

export const Message = z
  .object({
    role: Role,
    parts: z.array(Part),
    /** Optional name of the speaker or tool (e.g. a tool's name for role "tool"). */
    name: z.string().max(256).optional(),
  })
  .strict();

export const Model = z
  .object({
    id: id,
    provider: shortText.optional(),
    family: shortText.optional(),
    /** ISO date (YYYY-MM-DD) of the model's public release, where known. */
    releaseDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .strict();

/** How the reasoning was produced: a bad serving stack alone can turn a CoT into token soup. */
export const Inference = z
  .object({
    temperature: z.number().min(0).max(10).optional(),
    top_p: z.number().min(0).max(1).optional(),
    max_tokens: z.number().int().nonnegative().optional(),
    reasoning_effort: shortText.optional(),
    /** Who served the model (the lab's own API, a cloud, a self-hosted server). */
    provider: shortText.optional(),
    /** Serving software and version (e.g. "vllm 0.9.1"). */
    serving: shortText.optional(),
  })
  .strict();

export const Task = z
  .object({
    id: shortText.optional(),
    name: shortText.optional(),
    dataset: shortText.optional(),
  })
  .strict();

export const Transcript = z
  .object({
    schema: z.literal(SCHEMA_ID),
    id: id,
    lab: z.string().max(40).optional(),
    model: Model,
    inference: Inference.optional(),
    task: Task.optional(),
    createdAt: z.string().max(64).optional(),
    license: shortText.optional(),
    tags: z.array(shortText).max(64).optional(),
    /** Per-transcript consent to publication (overrides the lab's default when set). */
    publishable: z.boolean().optional(),
    messages: z.array(Message).min(1),
    /** Free-form metadata from the source. Never published as is (the review drops unknown fields). */
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type TextPart = z.infer<typeof TextPart>;
export type ReasoningPart = z.infer<typeof ReasoningPart>;
export type ToolCallPart = z.infer<typeof ToolCallPart>;
export type ToolResultPart = z.infer<typeof ToolResultPart>;
export type Part = z.infer<typeof Part>;
export type Role = z.infer<typeof Role>;
export type Message = z.infer<typeof Message>;
export type Model = z.infer<typeof Model>;
export type Inference = z.infer<typeof Inference>;
export type Task = z.infer<typeof Task>;
export type Transcript = z.infer<typeof Transcript>;
/** What a reader hands over before validation fills defaults and checks limits. */
export type TranscriptInput = z.input<typeof Transcript>;
