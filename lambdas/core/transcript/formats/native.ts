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
  type ReaderContext,
} from "./common";

export function looksNative(o: Obj): boolean {
  return get(o, "schema") === SCHEMA_ID;
}

export function readNative(o: Obj, ctx: ReaderContext): Draft[] {
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
