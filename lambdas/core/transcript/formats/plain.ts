/**
 * A hand-written build of the canonical transcript for the common case: a candidate that is
 * plainly valid. It answers with exactly what `Transcript.safeParse(candidate).data` would be (a
 * fresh object, keys in the schema's order, defaults filled) only when the schema would accept the
 * candidate with no issue; for anything else (malformed, unusual or merely unexpected: an unknown
 * or `__proto__` key, a non-plain object, a string that only becomes valid once cleaned) it answers
 * `undefined`, and the caller takes the general path (copy, then zod). So `undefined` costs one
 * extra pass and a transcript skips zod, never the other way round.
 *
 * It mirrors `Transcript` in `../schema.ts` rule by rule and must change with it (tests
 * property-check it against zod on generated and mutated candidates, and against the general path
 * of `read.ts` on raw records).
 *
 * Two modes:
 * - a draft (what the format readers produce): the candidate `read.ts` would build —
 *   `{ schema, id, ...draft }` — is checked with its strings as they are;
 * - a raw native record (`schema: "cotshare/transcript@1"`, straight from JSON.parse): what
 *   `readNative` then `finalize` make of it — every string cleaned, `lab` dropped, a string `id`
 *   cleaned and made safe, any other `id` left for the content hash, metadata copied by
 *   `cloneData` — in the same single pass that checks it.
 *
 * A native record may be cotshare's own published form (what `process` writes, a set's
 * `data.jsonl` and `transcripts/<id>.json`): see {@link publishedOnlyFields} for when its
 * published-only fields are dropped rather than refused.
 */
import { SCHEMA_ID, type Transcript } from "../schema";
import { safeId } from "../ids";
import { clean, cloneData, type Obj } from "./common";

type Clean = (s: string) => string;
const same: Clean = (s) => s;

/** Marks an invalid value (undefined is a valid value of an optional field). */
const BAD: unique symbol = Symbol("bad");
type Bad = typeof BAD;

/** A plain data object (what JSON.parse and object literals make); anything else goes to zod. */
function plain(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

function count(o: Obj): number {
  let n = 0;
  for (const _ in o) n++;
  return n;
}

/**
 * At most `max` long as zod measures strings: in code points (a surrogate pair counts once, a
 * lone surrogate as one), which only needs counting when the UTF-16 length is over.
 */
function fits(s: string, max: number): boolean {
  const units = s.length;
  if (units <= max) return true;
  if (units > 2 * max) return false;
  let n = units;
  for (let i = 0; i < units - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n <= max;
}

/** A string of at most `max` code points once cleaned; `undefined` stays (optional fields). */
function optStr(v: unknown, max: number, c: Clean): string | undefined | Bad {
  if (v === undefined) return undefined;
  if (typeof v !== "string") return BAD;
  const s = c(v);
  return fits(s, max) ? s : BAD;
}

function optNum(v: unknown, min: number, max: number): number | undefined | Bad {
  if (v === undefined) return undefined;
  return typeof v === "number" && Number.isFinite(v) && v >= min && v <= max ? v : BAD;
}

function optBool(v: unknown): boolean | undefined | Bad {
  return v === undefined || typeof v === "boolean" ? v : BAD;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Copies the optional fields `keys` of `o` into `out` in that order, each through `check`;
 * false when one fails. Counts the fields found into `seen.n`.
 */
function optional(
  o: Obj,
  out: Obj,
  keys: readonly string[],
  check: (k: string, v: unknown) => unknown,
  seen: { n: number },
): boolean {
  for (const k of keys) {
    if (!(k in o)) continue;
    const v = check(k, o[k]);
    if (v === BAD) return false;
    out[k] = v;
    seen.n++;
  }
  return true;
}

const MODEL_OPT = ["provider", "family", "releaseDate"] as const;
function model(m: unknown, c: Clean): Obj | undefined {
  if (!plain(m) || typeof m.id !== "string") return undefined;
  const id = c(m.id);
  if (id.length < 1 || !fits(id, 256)) return undefined;
  const out: Obj = { id };
  const seen = { n: 1 };
  const ok = optional(
    m,
    out,
    MODEL_OPT,
    (k, v) => {
      const s = optStr(v, 1024, c);
      return k === "releaseDate" && typeof s === "string" && !DATE.test(s) ? BAD : s;
    },
    seen,
  );
  return ok && count(m) === seen.n ? out : undefined;
}

const INFERENCE_KEYS = [
  "temperature",
  "top_p",
  "max_tokens",
  "reasoning_effort",
  "provider",
  "serving",
] as const;
function inference(o: unknown, c: Clean): Obj | undefined {
  if (!plain(o)) return undefined;
  const out: Obj = {};
  const seen = { n: 0 };
  const ok = optional(
    o,
    out,
    INFERENCE_KEYS,
    (k, v) => {
      if (k === "temperature") return optNum(v, 0, 10);
      if (k === "top_p") return optNum(v, 0, 1);
      if (k === "max_tokens")
        return v === undefined || (Number.isSafeInteger(v) && (v as number) >= 0) ? v : BAD;
      return optStr(v, 1024, c);
    },
    seen,
  );
  return ok && count(o) === seen.n ? out : undefined;
}

const TASK_KEYS = ["id", "name", "dataset"] as const;
function task(o: unknown, c: Clean): Obj | undefined {
  if (!plain(o)) return undefined;
  const out: Obj = {};
  const seen = { n: 0 };
  const ok = optional(o, out, TASK_KEYS, (_k, v) => optStr(v, 1024, c), seen);
  return ok && count(o) === seen.n ? out : undefined;
}

function tags(t: unknown, c: Clean): string[] | undefined {
  if (!Array.isArray(t) || t.length > 64) return undefined;
  const out = new Array<string>(t.length);
  for (let i = 0; i < t.length; i++) {
    const s = optStr(t[i], 1024, c);
    if (typeof s !== "string") return undefined;
    out[i] = s;
  }
  return out;
}

function part(p: unknown, c: Clean): Obj | undefined {
  if (!plain(p)) return undefined;
  const n = count(p);
  switch (p.type) {
    case "text":
      return n === 2 && typeof p.text === "string" ? { type: "text", text: c(p.text) } : undefined;
    case "reasoning": {
      if (typeof p.text !== "string") return undefined;
      // Defaults fill an absent (or undefined) flag.
      const summary = optBool(p.summary);
      const opaque = optBool(p.opaque);
      if (summary === BAD || opaque === BAD) return undefined;
      if (n !== 2 + ("summary" in p ? 1 : 0) + ("opaque" in p ? 1 : 0)) return undefined;
      const text = c(p.text);
      // The schema's refinement: opaque reasoning carries no text (checked on the cleaned text).
      if (opaque === true && text !== "") return undefined;
      return { type: "reasoning", text, summary: summary ?? false, opaque: opaque ?? false };
    }
    case "tool_call": {
      if (n !== 4 || typeof p.arguments !== "string") return undefined;
      const id = optStr(p.id, 256, c);
      const name = optStr(p.name, 256, c);
      if (typeof id !== "string" || typeof name !== "string") return undefined;
      return { type: "tool_call", id, name, arguments: c(p.arguments) };
    }
    case "tool_result": {
      const id = optStr(p.id, 256, c);
      if (typeof id !== "string" || typeof p.text !== "string") return undefined;
      const out: Obj = { type: "tool_result", id, text: c(p.text) };
      if ("isError" in p) {
        const e = optBool(p.isError);
        if (e === BAD) return undefined;
        out.isError = e;
        return n === 4 ? out : undefined;
      }
      return n === 3 ? out : undefined;
    }
    default:
      return undefined;
  }
}

const ROLES = new Set(["system", "user", "assistant", "tool"]);
function message(m: unknown, c: Clean): Obj | undefined {
  if (!plain(m) || typeof m.role !== "string" || !ROLES.has(m.role) || !Array.isArray(m.parts))
    return undefined;
  const src = m.parts as unknown[];
  const parts = new Array<Obj>(src.length);
  for (let i = 0; i < src.length; i++) {
    const p = part(src[i], c);
    if (p === undefined) return undefined;
    parts[i] = p;
  }
  const out: Obj = { role: m.role, parts };
  if ("name" in m) {
    const name = optStr(m.name, 256, c);
    if (name === BAD) return undefined;
    out.name = name;
    return count(m) === 3 ? out : undefined;
  }
  return count(m) === 2 ? out : undefined;
}

function messages(ms: unknown, c: Clean): Obj[] | undefined {
  if (!Array.isArray(ms) || ms.length < 1) return undefined;
  const out = new Array<Obj>(ms.length);
  for (let i = 0; i < ms.length; i++) {
    const m = message(ms[i], c);
    if (m === undefined) return undefined;
    out[i] = m;
  }
  return out;
}

/** The schema's free-form record, as zod copies it (string keys, any values); native: `cloneData`. */
function metadata(o: unknown, native: boolean): Obj | undefined {
  if (!plain(o)) return undefined;
  // cloneData at the depth readNative's copy of the whole record reaches it.
  if (native) return cloneData(o, 1) as Obj;
  if (Object.getOwnPropertySymbols(o).length !== 0) return undefined;
  const out: Obj = {};
  for (const k of Object.keys(o)) {
    if (k === "__proto__") return undefined;
    out[k] = o[k];
  }
  return out;
}

/** The top-level fields other than `schema` and `id`, in the schema's order. */
const BODY_KEYS = [
  "lab",
  "model",
  "inference",
  "task",
  "createdAt",
  "license",
  "tags",
  "publishable",
  "messages",
  "metadata",
] as const;

/**
 * The fields only a published transcript carries (CONTRACT.md "Published transcript",
 * `../published.ts`), besides `lab` (never taken from content in any case).
 */
export const PUBLISHED_ONLY_FIELDS = ["legibility", "review", "redaction"] as const;

const VERDICTS = new Set(["PASS", "NEEDS_HUMAN", "BLOCK"]);

/**
 * When a native record is plainly cotshare's own published form, the published-only fields to
 * drop (so researchers can score, normalise and re-process a published set); otherwise none.
 *
 * The rule: the record carries both `legibility` and `redaction`, each shaped as the published
 * form writes it (`legibility`: an object with a numeric `score` from 0 to 100; `redaction`: an
 * object with an object `counts`), and `review`, when present, is an object with a known
 * `verdict` and a `reasons` array. Only all three together are dropped: a lab's own record with,
 * say, a `legibility` field of its own alone, or one of these malformed, is not plainly
 * published, and its unknown fields stay a schema rejection. What is dropped is cotshare's own
 * assessment of an earlier run — re-reading never trusts it: the pipeline redacts, scores and
 * reviews again.
 */
export function publishedOnlyFields(o: Obj): readonly string[] {
  const leg = o.legibility;
  const red = o.redaction;
  if (!plain(leg) || typeof leg.score !== "number" || !(leg.score >= 0 && leg.score <= 100)) return [];
  if (!plain(red) || !plain(red.counts)) return [];
  if ("review" in o) {
    const rev = o.review;
    if (!plain(rev) || typeof rev.verdict !== "string" || !VERDICTS.has(rev.verdict)) return [];
    if (!Array.isArray(rev.reasons)) return [];
    return PUBLISHED_ONLY_FIELDS;
  }
  return ["legibility", "redaction"];
}

/** A built transcript; `pending` when its id is still to be derived from its content. */
export interface Built {
  transcript: Transcript;
  pending: boolean;
}

/**
 * Copies the fields of `src` other than `schema` and `id` into `out` in the schema's order;
 * false on the first that fails, or when `src` has a key the schema does not know. `extra` is the
 * number of keys of `src` outside {@link BODY_KEYS} that are known to be fine (`schema`, `id`).
 */
function body(src: Obj, native: boolean, c: Clean, out: Obj, extra: number): boolean {
  let n = 0;
  for (const k of BODY_KEYS) {
    if (!(k in src)) continue;
    n++;
    const v = src[k];
    let w: unknown;
    switch (k) {
      case "lab":
        if (native) continue; // never taken from content
        w = optStr(v, 40, c);
        break;
      case "model":
        // Required: an undefined value is an issue.
        w = model(v, c) ?? BAD;
        break;
      case "inference":
        w = v === undefined ? undefined : (inference(v, c) ?? BAD);
        break;
      case "task":
        w = v === undefined ? undefined : (task(v, c) ?? BAD);
        break;
      case "createdAt":
        w = optStr(v, 64, c);
        break;
      case "license":
        w = optStr(v, 1024, c);
        break;
      case "tags":
        w = v === undefined ? undefined : (tags(v, c) ?? BAD);
        break;
      case "publishable":
        w = optBool(v);
        break;
      case "messages":
        w = messages(v, c) ?? BAD;
        break;
      case "metadata":
        // `finalize` drops an undefined metadata before the schema sees it.
        if (v === undefined) continue;
        w = metadata(v, native) ?? BAD;
        break;
    }
    if (w === BAD) return false;
    out[k] = w;
  }
  return "model" in out && "messages" in out && count(src) === n + extra;
}

/**
 * A raw native record as `readNative` then `finalize` would make it, or undefined when the
 * general path must decide. The caller has seen `schema` to be SCHEMA_ID and checked the message
 * count, as `readNative` does. `stringsClean`: the caller knows that `clean` would change no
 * string of `o` (see `parsedStringsClean`), so the build skips it.
 */
export function buildNative(o: Obj, stringsClean = false): Built | undefined {
  if (!plain(o) || o.schema !== SCHEMA_ID) return undefined;
  const hasId = "id" in o;
  const raw = o.id;
  const pending = typeof raw !== "string";
  const c = stringsClean ? same : clean;
  const out: Obj = { schema: SCHEMA_ID, id: pending ? "pending" : safeId(c(raw)) };
  // A published transcript's own assessment is left out: those keys are known to be fine.
  const dropped = publishedOnlyFields(o).length;
  return body(o, true, c, out, (hasId ? 2 : 1) + dropped)
    ? { transcript: out as Transcript, pending }
    : undefined;
}

/**
 * The candidate `finalize` builds from a draft — `{ schema, id, ...draft without id }`, without
 * `metadata` when it is undefined — as zod would parse it, or undefined. `id` is the one
 * `finalize` chose ("pending" or the safe form of the draft's own).
 */
export function buildDraft(draft: Obj, id: string): Transcript | undefined {
  if (!plain(draft) || "schema" in draft || id.length < 1 || !fits(id, 256)) return undefined;
  const out: Obj = { schema: SCHEMA_ID, id };
  return body(draft, false, same, out, "id" in draft ? 1 : 0) ? (out as Transcript) : undefined;
}

/**
 * The keys of `o` (as `count` enumerates them) are some of `order`, each once, in that order:
 * then a build copying `o` field by field in `order` writes its keys in the order they stand.
 */
function keysIn(o: Obj, order: readonly string[]): boolean {
  return keyCount(o, order) >= 0;
}

/** `count(o)` when `keysIn(o, order)`, else -1 (one enumeration for both). */
function keyCount(o: Obj, order: readonly string[]): number {
  let j = 0;
  let n = 0;
  for (const k in o) {
    while (j < order.length && order[j] !== k) j++;
    if (j === order.length) return -1;
    j++;
    n++;
  }
  return n;
}

const MODEL_ORDER = ["id", ...MODEL_OPT] as const;
const TEXT_ORDER = ["type", "text"] as const;
const REASONING_ORDER = ["type", "text", "summary", "opaque"] as const;
const CALL_ORDER = ["type", "id", "name", "arguments"] as const;
const RESULT_ORDER = ["type", "id", "text", "isError"] as const;
const MESSAGE_ORDER = ["role", "parts", "name"] as const;
/** A native record's keys as its build writes them (`lab` and `metadata` aside: they are copied or dropped). */
const NATIVE_ORDER: readonly string[] = [
  "schema",
  "id",
  ...BODY_KEYS.filter((k) => k !== "lab" && k !== "metadata"),
];

const isStr = (v: unknown, max: number): boolean => typeof v === "string" && fits(v, max);

function modelAsIs(m: unknown): boolean {
  if (!plain(m) || !keysIn(m, MODEL_ORDER) || typeof m.id !== "string" || m.id.length < 1 || !fits(m.id, 256))
    return false;
  for (const k of MODEL_OPT) {
    if (!(k in m)) continue;
    const v = m[k];
    if (!isStr(v, 1024) || (k === "releaseDate" && !DATE.test(v as string))) return false;
  }
  return true;
}

function partAsIs(p: unknown): boolean {
  if (!plain(p)) return false;
  switch (p.type) {
    case "text":
      // Exactly these keys: the build writes both (and `count` must be 2).
      return keyCount(p, TEXT_ORDER) === 2 && typeof p.text === "string";
    case "reasoning":
      // Both flags present (the build fills absent ones), in the build's order.
      return (
        keyCount(p, REASONING_ORDER) === 4 &&
        typeof p.text === "string" &&
        typeof p.summary === "boolean" &&
        typeof p.opaque === "boolean" &&
        !(p.opaque && p.text !== "")
      );
    case "tool_call":
      return (
        keyCount(p, CALL_ORDER) === 4 &&
        typeof p.arguments === "string" &&
        isStr(p.id, 256) &&
        isStr(p.name, 256)
      );
    case "tool_result": {
      const n = keyCount(p, RESULT_ORDER);
      return (
        (n === 3 || (n === 4 && typeof p.isError === "boolean")) &&
        isStr(p.id, 256) &&
        typeof p.text === "string"
      );
    }
    default:
      return false;
  }
}

function messageAsIs(m: unknown): boolean {
  if (
    !plain(m) ||
    !keysIn(m, MESSAGE_ORDER) ||
    typeof m.role !== "string" ||
    !ROLES.has(m.role) ||
    !Array.isArray(m.parts) ||
    ("name" in m && !isStr(m.name, 256))
  )
    return false;
  const parts = m.parts as unknown[];
  for (let i = 0; i < parts.length; i++) if (!partAsIs(parts[i])) return false;
  return true;
}

function inferenceAsIs(o: unknown): boolean {
  if (!plain(o) || !keysIn(o, INFERENCE_KEYS)) return false;
  for (const k in o) {
    const v = o[k];
    if (
      k === "temperature"
        ? optNum(v, 0, 10) === BAD
        : k === "top_p"
          ? optNum(v, 0, 1) === BAD
          : k === "max_tokens"
            ? !(Number.isSafeInteger(v) && (v as number) >= 0)
            : !isStr(v, 1024)
    )
      return false;
  }
  return true;
}

function taskAsIs(o: unknown): boolean {
  if (!plain(o) || !keysIn(o, TASK_KEYS)) return false;
  for (const k in o) if (!isStr(o[k], 1024)) return false;
  return true;
}

/**
 * A raw native record that `buildNative(o, true)` would rebuild into a copy of itself: the same
 * keys in the same order, the same values (strings needing no cleaning: `stringsClean`), every
 * default already written, a safe string id, no `lab` to drop and no `metadata` to copy. Then
 * the record (freshly parsed, owned by the reader) is the transcript as it stands, and no copy
 * is made; anything else answers false and goes to `buildNative`.
 */
export function nativeAsIs(o: Obj, stringsClean: boolean): boolean {
  // (`schema` and `id` are then the first two keys: both are present, checked below.)
  if (!stringsClean || !plain(o) || o.schema !== SCHEMA_ID || !keysIn(o, NATIVE_ORDER)) return false;
  const id = o.id;
  if (typeof id !== "string" || safeId(id) !== id) return false;
  if (!modelAsIs(o.model)) return false;
  if ("inference" in o && !inferenceAsIs(o.inference)) return false;
  if ("task" in o && !taskAsIs(o.task)) return false;
  if ("createdAt" in o && !isStr(o.createdAt, 64)) return false;
  if ("license" in o && !isStr(o.license, 1024)) return false;
  if ("tags" in o) {
    const t = o.tags;
    if (!Array.isArray(t) || t.length > 64) return false;
    for (let k = 0; k < t.length; k++) if (!isStr(t[k], 1024)) return false;
  }
  if ("publishable" in o && typeof o.publishable !== "boolean") return false;
  const ms = o.messages;
  if (!Array.isArray(ms) || ms.length < 1) return false;
  for (let k = 0; k < ms.length; k++) if (!messageAsIs(ms[k])) return false;
  return true;
}
