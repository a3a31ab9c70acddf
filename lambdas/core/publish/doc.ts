/**
 * What set building needs from a published transcript (CONTRACT.md "Published transcript"), and
 * the canonical JSON and hashing used for manifests and set ids.
 */
import * as z from "zod";
import { isSafeId } from "../transcript/ids";

/** Ids become S3 keys and file names: one rule for intake and publishing (transcript/ids.ts). */
export { SAFE_ID, isSafeId } from "../transcript/ids";

/**
 * The fields set building reads. The whole object is published as given: the staging copy is
 * already the allow-listed published form (see `transcript/published.ts`); the top level is
 * checked against the contract's field list all the same.
 */
export const PublishedDoc = z
  .object({
    schema: z.literal("cotshare/transcript@1"),
    id: z.string().refine(isSafeId, { message: "unsafe id" }),
    lab: z.string().min(1).max(40),
    model: z.object({ id: z.string().min(1).max(256) }).loose(),
    messages: z
      .array(
        z
          .object({
            role: z.string(),
            parts: z.array(z.object({ type: z.string(), text: z.string().optional() }).loose()),
          })
          .loose(),
      )
      .min(1),
    legibility: z.object({ score: z.number().min(0).max(100), scorer: z.string().optional() }).loose(),
    review: z.object({ verdict: z.enum(["PASS", "NEEDS_HUMAN", "BLOCK"]) }).loose(),
    // The other top-level fields of the contract; anything else is refused (strict), so a field
    // outside the published allow-list can never reach the public bucket through a set.
    inference: z.unknown().optional(),
    task: z.unknown().optional(),
    createdAt: z.unknown().optional(),
    license: z.unknown().optional(),
    tags: z.unknown().optional(),
    redaction: z.unknown().optional(),
  })
  .strict();
export type PublishedDoc = z.infer<typeof PublishedDoc>;

/** The reasoning text of a transcript (non-opaque reasoning parts joined by blank lines). */
export function reasoningText(doc: PublishedDoc): string {
  const out: string[] = [];
  for (const m of doc.messages) {
    for (const p of m.parts) {
      if (p.type === "reasoning" && typeof p.text === "string" && p.text !== "") out.push(p.text);
    }
  }
  return out.join("\n\n");
}

export { canonicalJson, sha256Hex } from "../hash";
