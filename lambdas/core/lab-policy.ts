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

/** The policy's shape, as every error about it states it. */
export const POLICY_SHAPE =
  '{"denyTerms": [string], "allowTerms": [string], "internalDomains": [string], "autoPublish"?: boolean}';

/**
 * What is wrong with a policy, in the same words wherever it is read (`process --policy`,
 * `start --policy`, the admin API, the lab's policy file): unknown keys by name (a key is a field
 * name, not a value), other problems by field and what was expected — never a value, since a
 * policy is confidential.
 */
export function policyProblems(e: z.ZodError): string {
  const out: string[] = [];
  for (const i of e.issues.slice(0, 10)) {
    if (i.code === "unrecognized_keys")
      out.push(
        `unknown key${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => JSON.stringify(k)).join(", ")}`,
      );
    else {
      const at = i.path.length ? i.path.map(String).join(".") : "the top level";
      out.push(i.code === "invalid_type" ? `${at}: expected ${i.expected}` : `${at}: ${i.code}`);
    }
  }
  return [...new Set(out)].join("; ");
}

/** Validates a policy without echoing its (confidential) content in the error. */
export function parseLabPolicy(raw: unknown, where: string): LabPolicy {
  const r = LabPolicy.safeParse(raw);
  if (!r.success) {
    throw new CotshareError(
      "invalid_policy",
      `${where}: invalid policy (${policyProblems(r.error)}); expected ${POLICY_SHAPE}`,
    );
  }
  return r.data;
}
