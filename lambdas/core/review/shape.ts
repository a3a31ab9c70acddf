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
 */
import { SCHEMA_ID } from "../transcript/schema";

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

/** Every key of `o` (as zod's strict objects enumerate them) passes `field`. */
function fields(o: Obj, field: (k: string, v: unknown) => boolean): boolean {
  for (const k in o) if (!field(k, o[k])) return false;
  return true;
}

// The field tests are named functions, not closures made on every call.
function modelField(k: string, v: unknown): boolean {
  if (k === "id") return true;
  if (k === "provider" || k === "family") return str(v, 1024);
  if (k === "releaseDate") return typeof v === "string" && DATE.test(v);
  return false;
}

function model(m: unknown): boolean {
  if (!plain(m) || !idStr(m.id)) return false;
  return fields(m, modelField);
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

function inference(o: unknown): boolean {
  return plain(o) && fields(o, inferenceField);
}

const taskField = (k: string, v: unknown): boolean =>
  (k === "id" || k === "name" || k === "dataset") && str(v, 1024);

function task(o: unknown): boolean {
  return plain(o) && fields(o, taskField);
}

function part(p: unknown): boolean {
  if (!plain(p)) return false;
  let n = 0;
  for (const k in p) {
    n++;
    if (k === "__proto__") return false;
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

function message(m: unknown): boolean {
  if (!plain(m) || typeof m.role !== "string" || !ROLES.has(m.role) || !Array.isArray(m.parts)) return false;
  let n = 0;
  for (const k in m) {
    n++;
    if (k !== "role" && k !== "parts" && (k !== "name" || !str(m.name, 256))) return false;
  }
  if (n > 3) return false;
  const parts = m.parts as unknown[];
  for (let i = 0; i < parts.length; i++) if (!part(parts[i])) return false;
  return true;
}

/** A record with string keys (no symbol, no `__proto__`) whose values pass `value`. */
function record(o: unknown, value: (v: unknown) => boolean): boolean {
  if (!plain(o) || Object.getOwnPropertySymbols(o).length !== 0) return false;
  for (const k in o)
    if (k === "__proto__" || !Object.prototype.hasOwnProperty.call(o, k) || !value(o[k])) return false;
  return true;
}

function signalField(k: string, v: unknown): boolean {
  if (k === "subscore") return true;
  if (k === "explanation") return typeof v === "string";
  if (k === "value") return v === null || typeof v === "string" || typeof v === "boolean" || num(v);
  return false;
}

function signal(s: unknown): boolean {
  if (!plain(s)) return false;
  return num(s.subscore) && fields(s, signalField) && "value" in s;
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

function legibility(l: unknown): boolean {
  if (!plain(l) || !num(l.score) || l.score < 0 || l.score > 100 || !record(l.signals, signal)) return false;
  return fields(l, legibilityField);
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

function tags(t: unknown): boolean {
  if (!Array.isArray(t) || t.length > 64) return false;
  for (let i = 0; i < t.length; i++) if (!str(t[i], 1024)) return false;
  return true;
}

function messages(ms: unknown): boolean {
  if (!Array.isArray(ms) || ms.length < 1) return false;
  for (let i = 0; i < ms.length; i++) if (!message(ms[i])) return false;
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
      return model(v);
    case "inference":
      return inference(v);
    case "task":
      return task(v);
    case "createdAt":
      return str(v, 64);
    case "license":
      return str(v, 1024);
    case "tags":
      return tags(v);
    case "messages":
      return messages(v);
    case "legibility":
      return legibility(v);
    case "redaction":
      return redaction(v);
    default:
      return false;
  }
}

/** `true` only if `PublishedBody` accepts `candidate` with no issue (see the header). */
export function plainlyValidBody(candidate: unknown): boolean {
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
    return fields(b, bodyField);
  } catch {
    return false;
  }
}
