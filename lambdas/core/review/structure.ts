/**
 * Structure: the candidate must be exactly the published shape — only allow-listed fields (so
 * unknown metadata was dropped, not passed through) — and opaque reasoning must carry no text.
 */
import type { ReviewReason } from "../records";
import { PublishedBody } from "../transcript/published";
import { reason } from "./reasons";
import { plainlyValidBody } from "./shape";

function pathOf(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out;
}

type Issue = NonNullable<ReturnType<typeof PublishedBody.safeParse>["error"]>["issues"][number];

/**
 * The schema's issues with the candidate. The Standard Schema entry point finalises the same
 * issues `safeParse` puts in its error, without building the error object (most of the cost
 * of a failing parse); anything but a plain synchronous result goes through `safeParse` as
 * before (so a throwing or asynchronous check behaves as it did). `plainlyValidBody` answers the
 * common valid case first, without zod (it says "valid" only when the schema would).
 */
function issuesOf(candidate: unknown): readonly Issue[] {
  // A plainly valid body (the usual case) has no issue: the schema only sees the rest.
  if (plainlyValidBody(candidate)) return [];
  const r = PublishedBody["~standard"].validate(candidate);
  if (r instanceof Promise) {
    r.catch(() => undefined);
    const parsed = PublishedBody.safeParse(candidate);
    return parsed.success ? [] : parsed.error.issues;
  }
  return (r.issues ?? []) as readonly Issue[];
}

export function checkStructure(candidate: unknown): ReviewReason[] {
  const out: ReviewReason[] = [];
  const issues = issuesOf(candidate);
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) {
        out.push(
          reason("unlisted_field", "a field outside the published allow-list", pathOf([...issue.path, k])),
        );
      }
    } else {
      out.push(
        reason("malformed", `does not match the published schema (${issue.code})`, pathOf(issue.path)),
      );
    }
  }
  opaqueReasons(candidate, out);
  return out;
}

/** The opaque reasoning parts' reasons, in message and part order, added to `out`. */
export function opaqueReasons(candidate: unknown, out: ReviewReason[]): void {
  // Read the messages defensively: the candidate may be malformed.
  const messages = (candidate as { messages?: unknown } | null)?.messages;
  if (Array.isArray(messages)) {
    // Plain loops (no callback made per call).
    for (let mi = 0; mi < messages.length; mi++) {
      const parts = (messages[mi] as { parts?: unknown } | null)?.parts;
      if (!Array.isArray(parts)) continue;
      for (let pi = 0; pi < parts.length; pi++) {
        const part = parts[pi] as { type?: unknown; opaque?: unknown; text?: unknown } | null;
        if (part?.type !== "reasoning" || part.opaque !== true) continue;
        const path = `messages[${mi}].parts[${pi}]`;
        if (typeof part.text === "string" && part.text !== "") {
          out.push(reason("opaque_text", "opaque reasoning carries text", `${path}.text`));
        }
        out.push(reason("opaque_reasoning", "opaque reasoning cannot be reviewed", path));
      }
    }
  }
}
