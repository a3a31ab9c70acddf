/** cotshare's own form, `schema: "cotshare/transcript@1"`: validated as is by the schema. */
import { SCHEMA_ID } from "../schema";
import { publishedOnlyFields } from "./plain";
import {
  checkMessageCount,
  cloneData,
  get,
  getArr,
  type Draft,
  type Obj,
  reject,
  type ReaderContext,
} from "./common";

const PART_TYPES = new Set(["text", "reasoning", "tool_call", "tool_result"]);

/**
 * A record in cotshare's own form: `schema: "cotshare/transcript@1"`, or any other `schema`
 * naming a cotshare form (`cotshare/…`, rejected by `readNative` with a message saying so), or
 * native-shaped messages without `schema` — every message a `{role, parts}` with no `content`, and
 * every part one of ours — read as native rather than as a chat conversation whose `parts` no
 * chat reader knows.
 */
export function looksNative(o: Obj): boolean {
  const schema = get(o, "schema");
  if (schema === SCHEMA_ID || (typeof schema === "string" && schema.startsWith("cotshare/"))) return true;
  if (schema !== undefined) return false;
  const messages = getArr(o, "messages");
  return (
    !!messages &&
    messages.length > 0 &&
    messages.every((m) => {
      const parts = getArr(m, "parts");
      return (
        !!parts &&
        get(m, "content") === undefined &&
        parts.every((p) => {
          const t = get(p, "type");
          return typeof t === "string" && PART_TYPES.has(t);
        })
      );
    })
  );
}

export function readNative(o: Obj, ctx: ReaderContext): Draft[] {
  const schema = get(o, "schema");
  if (schema !== undefined && schema !== SCHEMA_ID)
    reject(ctx, "schema", "schema", `unsupported schema; this reader reads ${SCHEMA_ID}`);
  checkMessageCount(ctx, getArr(o, "messages")?.length ?? 0, "messages");
  // Copy through cloneData: strings cleaned, `__proto__` keys dropped. The schema then checks
  // every field strictly. `lab` is never taken from content (it comes from where the lab wrote).
  const copy = cloneData(o) as Obj;
  delete copy.schema;
  delete copy.lab;
  // A published transcript read back (a set's data.jsonl, `process` output): its scores, review
  // and redaction summary are dropped, as the fast path does (`publishedOnlyFields`).
  for (const k of publishedOnlyFields(o)) delete copy[k];
  if (typeof copy.id !== "string") delete copy.id;
  return [copy as Draft];
}
