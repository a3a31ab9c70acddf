/** Every string of a (candidate) published object, with where it sits. */
import { PLACEHOLDER_RE } from "../placeholder";

export interface PublishedString {
  /** e.g. `messages[2].parts[0].arguments`. */
  path: string;
  text: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Walks any JSON-like value and yields its string leaves (keys are ours, not scanned). */
export function collectStrings(value: unknown, path = "", out: PublishedString[] = []): PublishedString[] {
  if (typeof value === "string") {
    out.push({ path, text: value });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collectStrings(value[i], `${path}[${i}]`, out);
  } else if (value !== null && typeof value === "object") {
    for (const k of Object.keys(value)) {
      const key = IDENTIFIER.test(k) ? k : JSON.stringify(k);
      collectStrings((value as Record<string, unknown>)[k], path ? `${path}.${key}` : key, out);
    }
  }
  return out;
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** A published string with what the review asks of its path, found while walking. */
export interface ReviewString extends PublishedString {
  /** Under `messages[…]` (the path starts with `messages[`). */
  message: boolean;
  /** The last key is `id`: only such a path can be an identifier's (see `index.ts`). */
  idKey: boolean;
  /**
   * The path is `id` or ends in `.parts[<n>].id` (an identifier's: see `index.ts`), answered
   * from where the string sits without writing its path.
   */
  readonly idPath: boolean;
}

/** How each key is written in a path (object keys repeat from body to body). */
const KEY_FORMS = new Map<string, string>();
function keyForm(k: string): string {
  let f = KEY_FORMS.get(k);
  if (f === undefined) {
    f = IDENTIFIER.test(k) ? k : JSON.stringify(k);
    if (KEY_FORMS.size < 1024) KEY_FORMS.set(k, f);
  }
  return f;
}

/** Where a value sits: its key or index under its container's place (the top has none). */
export interface Place {
  up: Place | undefined;
  key: string | number;
}

/** The path `collectStrings` writes for a place. */
function pathOf(at: Place | undefined): string {
  if (at === undefined) return "";
  const up = pathOf(at.up);
  if (typeof at.key === "number") return `${up}[${at.key}]`;
  const key = keyForm(at.key);
  return up ? `${up}.${key}` : key;
}

/** A string and its place; the path is written only when asked for (for a reason or an id). */
class PlacedString implements ReviewString {
  readonly text: string;
  readonly message: boolean;
  readonly idKey: boolean;
  /** Its container's place (`undefined` at the top). */
  private readonly up: Place | undefined;
  /** Its key or index there (`undefined` for the top value itself). */
  private readonly key: string | number | undefined;
  /** The path once written (a plain field: a private one costs more to set up per string). */
  private written: string | undefined;
  constructor(
    text: string,
    message: boolean,
    idKey: boolean,
    up: Place | undefined,
    key: string | number | undefined,
  ) {
    this.text = text;
    this.message = message;
    this.idKey = idKey;
    this.up = up;
    this.key = key;
    this.written = undefined;
  }
  get idPath(): boolean {
    if (this.key !== "id") return false;
    const up = this.up;
    // `id` at the top; else `<something>.parts[<n>].id`: an index under a key `parts` that is
    // not at the top itself (a key is written bare after a dot only when it is an identifier).
    return (
      up === undefined || (typeof up.key === "number" && up.up?.key === "parts" && up.up.up !== undefined)
    );
  }
  get path(): string {
    return (this.written ??= this.key === undefined ? "" : pathOf({ up: this.up, key: this.key }));
  }
}

/**
 * The string `text` at key or index `key` of the container placed at `up` (`undefined` for the
 * body itself), as `reviewStrings` lists it (for walks that check the body as they go).
 */
export function placed(
  text: string,
  message: boolean,
  idKey: boolean,
  up: Place | undefined,
  key: string | number,
): ReviewString {
  return new PlacedString(text, message, idKey, up, key);
}

/**
 * The strings under `value`, which sits at `at`. A string child is placed by its container and
 * key (no place of its own is made for it); a container child gets a place for its children.
 */
function walk(
  value: unknown,
  at: Place | undefined,
  message: boolean,
  idKey: boolean,
  out: ReviewString[],
): void {
  if (typeof value === "string") {
    out.push(new PlacedString(value, message, idKey, at?.up, at?.key));
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === "string") out.push(new PlacedString(v, message, false, at, i));
      else if (typeof v === "object" && v !== null) walk(v, { up: at, key: i }, message, false, out);
    }
  } else if (value !== null && typeof value === "object") {
    // `for…in` over own keys: the keys `Object.keys` lists, in its order, without its array.
    for (const k in value) {
      if (!hasOwn(value, k)) continue;
      const v = (value as Record<string, unknown>)[k];
      if (typeof v === "string") out.push(new PlacedString(v, message, k === "id", at, k));
      else if (typeof v === "object" && v !== null) walk(v, { up: at, key: k }, message, k === "id", out);
    }
  }
}

/**
 * `collectStrings(body)` without the `schema` string, each with its path's flags: the same
 * strings and paths in the same order. (A path starts with `messages[` exactly when its first
 * key is `messages` and that value is an array: a quoted key starts with `"`. A path can end in
 * `id` after a `.` or as a whole only when its last key is `id`: an index ends with `]`, a quoted
 * key with `"`.) Paths are built on demand.
 */
export function reviewStrings(body: unknown): ReviewString[] {
  const out: ReviewString[] = [];
  if (typeof body === "object" && body !== null && !Array.isArray(body)) {
    for (const k in body) {
      if (!hasOwn(body, k)) continue;
      const v = (body as Record<string, unknown>)[k];
      if (typeof v === "string") {
        if (k !== "schema") out.push(new PlacedString(v, false, k === "id", undefined, k));
      } else if (typeof v === "object" && v !== null)
        walk(v, { up: undefined, key: k }, k === "messages" && Array.isArray(v), k === "id", out);
    }
  } else {
    walk(body, undefined, false, false, out);
  }
  return out;
}

/** Replaces every placeholder with a space, so no scan mistakes `EMAIL_1` for content. */
// One global pattern: `replace` and `match` with a global pattern start from 0 and leave
// `lastIndex` at 0, so sharing it is safe.
const PLACEHOLDERS = new RegExp(PLACEHOLDER_RE.source, "g");

export function stripPlaceholders(s: string): string {
  return s.includes("\u27E6") ? s.replace(PLACEHOLDERS, " ") : s;
}

export function countPlaceholders(s: string): number {
  if (!s.includes("\u27E6")) return 0;
  return s.match(PLACEHOLDERS)?.length ?? 0;
}

/**
 * The same text, flat: a string built by concatenation (the legibility explanations, say) is a
 * "cons" string in V8, and reading it one unit at a time costs several times what reading a flat
 * one does (and slows the loop for every other text too). `split` flattens its subject and, when
 * the separator does not occur, hands back the flat string itself (one native search; a
 * separator outside Latin-1 is not even searched for in a one-byte text). A text holding the
 * separator is returned as it is.
 */
export function flat(s: string): string {
  // (V8 makes no cons or sliced string shorter than 13 units.)
  if (s.length < 13) return s;
  const parts = s.split("\u27E6");
  return parts.length === 1 ? parts[0]! : s;
}

/**
 * `stripPlaceholders(s)`, flat (see `flat`): one native call answers both "is there a `⟦`" and
 * "give me the text flat".
 */
export function strippedFlat(s: string): string {
  if (s.length < 13) return stripPlaceholders(s);
  const parts = s.split("\u27E6");
  return parts.length === 1 ? parts[0]! : s.replace(PLACEHOLDERS, " ");
}

/**
 * `stripPlaceholders(s)` for a long text, with one native search and no array: a long text is a
 * message's or a tool call's, parsed from JSON (flat) or rebuilt with its placeholders (then
 * `replace` makes it flat); only the short strings built by concatenation (the legibility
 * explanations) need `strippedFlat`'s flattening. A long text built by concatenation is still
 * read correctly, only through its halves.
 */
export function strippedLong(s: string): string {
  return s.includes("\u27E6") ? s.replace(PLACEHOLDERS, " ") : s;
}
