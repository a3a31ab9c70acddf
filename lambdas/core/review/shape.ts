/**
 * A hand-written test for the common case of the structure check: a candidate that is plainly a
 * valid published body. It answers `true` only when the schema (`PublishedBody` in
 * `../transcript/published.ts`) would accept the candidate with no issue; for anything else
 * (malformed, unusual or merely unexpected: a value `undefined`, a non-plain object, `-0`, a
 * symbol or `__proto__` key, a throwing getter) it answers `false`, and the caller runs the schema
 * itself. So a `false` costs one extra pass and a `true` skips zod, never the other way round.
 *
 * It mirrors the schema rule by rule and must change with it (a test property-checks it against
 * zod on generated valid and mutated bodies). It reads each value once, as zod does for plain
 * data; it is not meant for objects whose getters answer differently on every read.
 *
 * `checkedStrings` runs the same check and, in the same walk, lists the body's strings as
 * `reviewStrings` (`./strings.ts`) does: the same strings, paths and flags in the same order
 * (each object's keys in `for…in` order, a container's strings at its key's place).
 */
import { SCHEMA_ID } from "../transcript/schema";
import { placed, type Place, type ReviewString } from "./strings";

type Obj = Record<string, unknown>;

/** A plain data object (what JSON.parse and object literals make), else the schema decides. */
function plain(v: unknown): v is Obj {
  return (
    typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype
  );
}
const str = (v: unknown, max: number): boolean => typeof v === "string" && v.length <= max;
const idStr = (v: unknown): boolean => typeof v === "string" && v.length >= 1 && v.length <= 256;
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && !Object.is(v, -0);
const natural = (v: unknown): boolean => num(v) && Number.isSafeInteger(v) && v >= 0;

const ROLES = new Set(["system", "user", "assistant", "tool"]);
const BASES = new Set(["reasoning", "summary", "text", "none"]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Where the strings go while `checkedStrings` walks (undefined: the check alone). */
let sink: ReviewString[] | undefined;

/** The place of a child container while collecting (none is made for the check alone). */
function child(at: Place | undefined, key: string | number): Place | undefined {
  return sink === undefined ? undefined : { up: at, key };
}

/**
 * Every key of `o` (as zod's strict objects enumerate them) passes `field`; while collecting,
 * its string values (in key order) are listed as placed at `at`, under `messages` or not.
 */
function fields(o: Obj, field: (k: string, v: unknown) => boolean, at?: Place, message = false): boolean {
  const out = sink;
  for (const k in o) {
    const v = o[k];
    if (!field(k, v)) return false;
    if (out !== undefined && typeof v === "string") out.push(placed(v, message, k === "id", at, k));
  }
  return true;
}

// The field tests are named functions, not closures made on every call.
function modelField(k: string, v: unknown): boolean {
  if (k === "id") return true;
  if (k === "provider" || k === "family") return str(v, 1024);
  if (k === "releaseDate") return typeof v === "string" && DATE.test(v);
  return false;
}

function model(m: unknown, at?: Place): boolean {
  if (!plain(m) || !idStr(m.id)) return false;
  return fields(m, modelField, at);
}

function inferenceField(k: string, v: unknown): boolean {
  switch (k) {
    case "temperature":
      return num(v) && v >= 0 && v <= 10;
    case "top_p":
      return num(v) && v >= 0 && v <= 1;
    case "max_tokens":
      return natural(v);
    case "reasoning_effort":
    case "provider":
    case "serving":
      return str(v, 1024);
    default:
      return false;
  }
}

function inference(o: unknown, at?: Place): boolean {
  return plain(o) && fields(o, inferenceField, at);
}

const taskField = (k: string, v: unknown): boolean =>
  (k === "id" || k === "name" || k === "dataset") && str(v, 1024);

function task(o: unknown, at?: Place): boolean {
  return plain(o) && fields(o, taskField, at);
}

function part(p: unknown, at?: Place): boolean {
  if (!plain(p)) return false;
  const out = sink;
  let n = 0;
  for (const k in p) {
    n++;
    if (k === "__proto__") return false;
    if (out !== undefined) {
      // Every string of a valid part is listed (a part that turns out invalid drops the list).
      const v = p[k];
      if (typeof v === "string") out.push(placed(v, true, k === "id", at, k));
    }
  }
  switch (p.type) {
    case "text":
      return n === 2 && typeof p.text === "string";
    case "reasoning":
      return (
        n === 4 &&
        typeof p.text === "string" &&
        typeof p.summary === "boolean" &&
        typeof p.opaque === "boolean"
      );
    case "tool_call":
      return (
        n === 4 && typeof p.id === "string" && typeof p.name === "string" && typeof p.arguments === "string"
      );
    case "tool_result":
      return (
        typeof p.id === "string" &&
        typeof p.text === "string" &&
        (n === 3 || (n === 4 && typeof p.isError === "boolean"))
      );
    default:
      return false;
  }
}

function message(m: unknown, at?: Place): boolean {
  if (!plain(m) || typeof m.role !== "string" || !ROLES.has(m.role) || !Array.isArray(m.parts)) return false;
  const out = sink;
  let n = 0;
  for (const k in m) {
    n++;
    if (k !== "role" && k !== "parts" && (k !== "name" || !str(m.name, 256))) return false;
  }
  if (n > 3) return false;
  if (out === undefined) {
    const parts = m.parts as unknown[];
    for (let i = 0; i < parts.length; i++) if (!part(parts[i])) return false;
    return true;
  }
  // Collecting: the keys in order, the parts' strings at the place of `parts`.
  for (const k in m) {
    const v = m[k];
    if (k === "parts") {
      const parts = v as unknown[];
      const up: Place = { up: at, key: k };
      for (let i = 0; i < parts.length; i++) if (!part(parts[i], { up, key: i })) return false;
    } else if (typeof v === "string") out.push(placed(v, true, false, at, k));
  }
  return true;
}

/**
 * A record with string keys (no symbol, no `__proto__`) whose values pass `value` (given the
 * value's place while collecting; a record's values here are never strings themselves).
 */
function record(o: unknown, value: (v: unknown, at?: Place) => boolean, at?: Place): boolean {
  if (!plain(o) || Object.getOwnPropertySymbols(o).length !== 0) return false;
  for (const k in o)
    if (
      k === "__proto__" ||
      !Object.prototype.hasOwnProperty.call(o, k) ||
      !value(o[k], at === undefined ? undefined : { up: at, key: k })
    )
      return false;
  return true;
}

/**
 * The legibility signals: `record(o, signal, at)` with `signal` and its `fields` written out in
 * the loop (eight signals of three fields a body: no call per signal or per field). A signal has
 * a numeric `subscore`, a string `explanation` and a `value` (null, a string, a boolean or a
 * number), nothing else; its strings are listed at its place while collecting.
 */
function signals(o: unknown, at?: Place): boolean {
  if (!plain(o) || Object.getOwnPropertySymbols(o).length !== 0) return false;
  const out = sink;
  for (const k in o) {
    if (k === "__proto__" || !Object.prototype.hasOwnProperty.call(o, k)) return false;
    const s = o[k];
    if (!plain(s) || !num(s.subscore)) return false;
    const place = at === undefined ? undefined : { up: at, key: k };
    for (const f in s) {
      const v = s[f];
      if (f === "explanation") {
        if (typeof v !== "string") return false;
      } else if (f === "value") {
        if (!(v === null || typeof v === "string" || typeof v === "boolean" || num(v))) return false;
      } else if (f !== "subscore") return false;
      if (out !== undefined && typeof v === "string") out.push(placed(v, false, false, place, f));
    }
    if (!("value" in s)) return false;
  }
  return true;
}

const worstField = (k: string): boolean =>
  k === "message" || k === "part" || k === "start" || k === "end" || k === "score";

function worst(w: unknown): boolean {
  return (
    plain(w) &&
    natural(w.message) &&
    natural(w.part) &&
    natural(w.start) &&
    natural(w.end) &&
    num(w.score) &&
    fields(w, worstField)
  );
}

function legibilityField(k: string, v: unknown): boolean {
  switch (k) {
    case "score":
    case "signals":
      return true;
    case "scorer":
      return typeof v === "string";
    case "basis":
      return typeof v === "string" && BASES.has(v);
    case "worst":
      return worst(v);
    default:
      return false;
  }
}

function legibility(l: unknown, at?: Place): boolean {
  if (!plain(l) || !num(l.score) || l.score < 0 || l.score > 100) return false;
  if (sink === undefined) return signals(l.signals) && fields(l, legibilityField);
  // Collecting: the signals' strings at the place of `signals` among the other keys.
  const out = sink;
  let hasSignals = false;
  for (const k in l) {
    const v = l[k];
    if (k === "signals") {
      if (!signals(v, { up: at, key: k })) return false;
      hasSignals = true;
    } else if (!legibilityField(k, v)) return false;
    else if (typeof v === "string") out.push(placed(v, false, false, at, k));
  }
  // (`signals` is required: an absent one is `signals(undefined)`, false.)
  return hasSignals;
}

const redactionField = (k: string): boolean => k === "counts" || k === "placeholders";

function redaction(r: unknown): boolean {
  return (
    plain(r) &&
    num(r.placeholders) &&
    Number.isSafeInteger(r.placeholders) &&
    record(r.counts, natural) &&
    fields(r, redactionField)
  );
}

function tags(t: unknown, at?: Place): boolean {
  if (!Array.isArray(t) || t.length > 64) return false;
  const out = sink;
  for (let i = 0; i < t.length; i++) {
    const v: unknown = t[i];
    if (!str(v, 1024)) return false;
    if (out !== undefined) out.push(placed(v as string, false, false, at, i));
  }
  return true;
}

function messages(ms: unknown, at?: Place): boolean {
  if (!Array.isArray(ms) || ms.length < 1) return false;
  for (let i = 0; i < ms.length; i++) if (!message(ms[i], child(at, i))) return false;
  return true;
}

function bodyField(k: string, v: unknown): boolean {
  switch (k) {
    case "schema":
      return v === SCHEMA_ID;
    case "id":
      return idStr(v);
    case "lab":
      return typeof v === "string" && v.length >= 1 && v.length <= 40;
    case "model":
      return model(v, child(undefined, k));
    case "inference":
      return inference(v, child(undefined, k));
    case "task":
      return task(v, child(undefined, k));
    case "createdAt":
      return str(v, 64);
    case "license":
      return str(v, 1024);
    case "tags":
      return tags(v, child(undefined, k));
    case "messages":
      return messages(v, child(undefined, k));
    case "legibility":
      return legibility(v, child(undefined, k));
    case "redaction":
      return redaction(v);
    default:
      return false;
  }
}

/** `true` only if `PublishedBody` accepts `candidate` with no issue (see the header). */
export function plainlyValidBody(candidate: unknown): boolean {
  sink = undefined;
  return check(candidate);
}

/**
 * When `plainlyValidBody(candidate)`: the body's strings as `reviewStrings(candidate)` lists
 * them, found in the same walk. Otherwise `undefined` (the caller takes the general path).
 */
export function checkedStrings(candidate: unknown): ReviewString[] | undefined {
  const out: ReviewString[] = [];
  sink = out;
  try {
    return check(candidate) ? out : undefined;
  } finally {
    sink = undefined;
  }
}

function check(candidate: unknown): boolean {
  try {
    if (!plain(candidate)) return false;
    const b = candidate;
    // The required fields are present (their values are checked with the others below).
    if (
      b.schema === undefined ||
      b.id === undefined ||
      b.lab === undefined ||
      b.model === undefined ||
      b.messages === undefined ||
      b.legibility === undefined ||
      b.redaction === undefined
    ) {
      return false;
    }
    const out = sink;
    if (out === undefined) return fields(b, bodyField);
    // Collecting: every top-level string but `schema` (which `reviewStrings` leaves out).
    for (const k in b) {
      const v = b[k];
      if (!bodyField(k, v)) return false;
      if (typeof v === "string" && k !== "schema") out.push(placed(v, false, k === "id", undefined, k));
    }
    return true;
  } catch {
    return false;
  }
}
