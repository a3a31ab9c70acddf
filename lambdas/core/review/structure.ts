/**
 * Structure: the candidate must be exactly the published shape — only allow-listed fields (so
 * unknown metadata was dropped, not passed through) — and opaque reasoning must carry no text.
 */
import type { ReviewReason } from "../records";
import { PublishedBody } from "../transcript/published";
import { reason } from "./reasons";

function pathOf(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += out ? `.${String(s)}` : String(s);
  }
  return out;
}

export function checkStructure(candidate: unknown): ReviewReason[] {
  const out: ReviewReason[] = [];
  const parsed = PublishedBody.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
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
  }
  // Read the messages defensively: the candidate may be malformed.
  const messages = (candidate as { messages?: unknown } | null)?.messages;
  if (Array.isArray(messages)) {
    messages.forEach((m: unknown, mi) => {
      const parts = (m as { parts?: unknown } | null)?.parts;
      if (!Array.isArray(parts)) return;
      parts.forEach((p: unknown, pi) => {
        const part = p as { type?: unknown; opaque?: unknown; text?: unknown } | null;
        if (part?.type !== "reasoning" || part.opaque !== true) return;
        const path = `messages[${mi}].parts[${pi}]`;
        if (typeof part.text === "string" && part.text !== "") {
          out.push(reason("opaque_text", "opaque reasoning carries text", `${path}.text`));
        }
        out.push(reason("opaque_reasoning", "opaque reasoning cannot be reviewed", path));
      });
    });
  }
  return out;
}
