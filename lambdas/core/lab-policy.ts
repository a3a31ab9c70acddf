/**
 * A lab's policy as stored and uploaded: the redaction policy of CONTRACT.md
 * (`{denyTerms, allowTerms, internalDomains}`) plus the lab's default publication consent
 * `autoPublish`. Strict, so a misspelt key (`denyterms`) is an error rather than a silently
 * empty deny list. One definition for ingest, the admin API and the CLI.
 */
import * as z from "zod";
import { CotshareError } from "./errors";
import { Policy } from "./redact/policy";

export const LabPolicy = Policy.extend({
  /** Publish this lab's transcripts without a per-transcript `publishable` flag. */
  autoPublish: z.boolean().optional(),
}).strict();
export type LabPolicy = Policy & { autoPublish?: boolean };

/** Validates a policy without echoing its (confidential) content in the error. */
export function parseLabPolicy(raw: unknown, where: string): LabPolicy {
  const r = LabPolicy.safeParse(raw);
  if (!r.success) {
    const fields = [...new Set(r.error.issues.map((i) => i.path.join(".") || "(root)"))].join(", ");
    throw new CotshareError("invalid_policy", `${where}: invalid policy (fields: ${fields})`);
  }
  return r.data;
}
