/**
 * Fields whose published form the publishing rules fix, checked on their own (not with the
 * redaction's code: the review is the check on it):
 * - `createdAt` is a UTC day, `YYYY-MM-DD`, and nothing finer (a time and the writer's UTC offset
 *   narrow down who ran what, and where): anything else is `malformed` (BLOCK);
 * - the author `name` of a user's or system message names a participant, a person's handle: it is
 *   published as a placeholder. A name that is not one (`john.smith`, `JohnSmith`, `jroe`) is
 *   `residual_author_name` (NEEDS_HUMAN), unless it is made of role words only (`user`,
 *   `eval_runner_2`), written here independently of the redaction's list.
 */
import type { ReviewReason } from "../records";
import { reason } from "./reasons";

const DAY = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const PLACEHOLDER_ONLY = /^⟦[A-Z_]+_\d+⟧$/;
const ROLE_WORD = new Set([
  "user",
  "human",
  "system",
  "assistant",
  "developer",
  "customer",
  "client",
  "guest",
  "anonymous",
  "anon",
  "bot",
  "agent",
  "admin",
  "tester",
  "test",
  "example",
  "demo",
  "sample",
  "operator",
  "moderator",
  "model",
  "ai",
  "llm",
  "participant",
  "person",
  "player",
  "student",
  "teacher",
  "interviewer",
  "interviewee",
  "speaker",
  "narrator",
  "eval",
  "evaluator",
  "runner",
  "grader",
  "judge",
  "planner",
  "coder",
  "critic",
  "reviewer",
  "researcher",
  "writer",
  "solver",
  "helper",
  "tool",
  "function",
]);

function roleWordsOnly(name: string): boolean {
  const words = name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0);
  return words.length > 0 && words.every((w) => ROLE_WORD.has(w) || w.length === 1);
}

export function fieldReasons(body: unknown): ReviewReason[] {
  const out: ReviewReason[] = [];
  if (typeof body !== "object" || body === null) return out;
  const b = body as { createdAt?: unknown; messages?: unknown };
  if (b.createdAt !== undefined && (typeof b.createdAt !== "string" || !DAY.test(b.createdAt)))
    out.push(reason("malformed", "createdAt is not a UTC day (YYYY-MM-DD)", "createdAt"));
  const ms = b.messages;
  if (Array.isArray(ms)) {
    // (A loop, not `forEach` with a closure per body; holes read as `undefined`, which is skipped
    // as `forEach` skips them.)
    for (let i = 0; i < ms.length; i++) {
      const m: unknown = ms[i];
      if (typeof m !== "object" || m === null) continue;
      const { role, name } = m as { role?: unknown; name?: unknown };
      if ((role !== "user" && role !== "system") || typeof name !== "string" || name.trim() === "") continue;
      if (PLACEHOLDER_ONLY.test(name) || roleWordsOnly(name)) continue;
      out.push(
        reason(
          "residual_author_name",
          "a participant's name that is not a placeholder",
          `messages[${i}].name`,
        ),
      );
    }
  }
  return out;
}
