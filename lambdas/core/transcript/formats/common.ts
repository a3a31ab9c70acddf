/**
 * What every format reader shares: safe field access (own properties only, so `constructor` or
 * `__proto__` keys never reach a prototype), string cleaning, `<think>` splitting, the common
 * top-level extension fields, and the draft type readers hand to `read.ts`.
 */
import { RejectionError } from "../../errors";
import type { Limits } from "../limits";
import type { Inference, Message, Model, Part, Task, TranscriptInput } from "../schema";

export type Obj = Record<string, unknown>;
type MessageInput = TranscriptInput["messages"][number];
type PartInput = MessageInput["parts"][number];

/** What a reader produces: a transcript without `schema`, and an id only when the format has one. */
export type Draft = Omit<TranscriptInput, "schema" | "id"> & { id?: string };

export interface ReaderContext {
  source: string;
  limits: Limits;
  line?: number;
  /** Zip entry name, for archives. */
  entry?: string;
}

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** An own property, never an inherited one (`o.constructor` on a plain object is Object). */
export function get(o: unknown, key: string): unknown {
  return isObj(o) && Object.hasOwn(o, key) ? o[key] : undefined;
}

export function getObj(o: unknown, key: string): Obj | undefined {
  const v = get(o, key);
  return isObj(v) ? v : undefined;
}

export function getArr(o: unknown, key: string): unknown[] | undefined {
  const v = get(o, key);
  return Array.isArray(v) ? v : undefined;
}

/**
 * Cleans text from any source: lone surrogates become U+FFFD (they cannot be encoded as UTF-8)
 * and NUL characters are removed (they break C-string consumers and hide content from scanners).
 */
export function clean(s: string): string {
  // toWellFormed puts U+FFFD for each lone surrogate (as replacing /\p{Cs}/gu would: with the `u`
  // flag a well-formed pair is one code point, not Cs); isWellFormed answers at once for a string
  // V8 stores one byte per character, which cannot hold a surrogate.
  const w = (s as WellFormed).isWellFormed() ? s : (s as WellFormed).toWellFormed();
  return w.includes("\u0000") ? w.replaceAll("\u0000", "") : w;
}

/** ES2024 string methods (Node 20 has them; the ES2023 lib does not declare them). */
type WellFormed = string & { isWellFormed(): boolean; toWellFormed(): string };

/**
 * True when `clean` changes no string that `JSON.parse(text)` yields (keys included), so a reader
 * may skip it. A parsed string can only hold a NUL or a lone surrogate through a `\u` escape (JSON
 * forbids raw control characters in strings) or a lone surrogate standing raw in the text. A
 * `\\u` (an escaped backslash before a `u`) is taken for an escape: that only costs the cleaning.
 * `wellFormed`: the caller knows the text holds no lone surrogate (it was decoded from strict UTF-8).
 */
export function parsedStringsClean(text: string, wellFormed = false): boolean {
  if (!wellFormed && !(text as WellFormed).isWellFormed()) return false;
  for (let i = text.indexOf("\\u"); i >= 0; i = text.indexOf("\\u", i + 2)) {
    // A `\u` with fewer than two characters after it (only in a text cut short) escapes nothing.
    if (i + 3 >= text.length) break;
    const a = text.charCodeAt(i + 2);
    if (a === 0x30 /* 0 */ && text.startsWith("000", i + 3)) return false;
    if (a === 0x64 /* d */ || a === 0x44 /* D */) {
      const b = text.charCodeAt(i + 3) | 0x20; // lower case
      if ((b >= 0x38 /* 8 */ && b <= 0x39) || (b >= 0x61 /* a */ && b <= 0x66)) return false;
    }
  }
  return true;
}

/** A string field, cleaned; numbers are accepted and stringified (ids are often numeric). */
export function getStr(o: unknown, key: string): string | undefined {
  const v = get(o, key);
  if (typeof v === "string") return clean(v);
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

export function getNum(o: unknown, key: string): number | undefined {
  const v = get(o, key);
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/**
 * Copies free-form JSON data (metadata): drops `__proto__` keys, cleans every string and key.
 * Depth is already bounded by the parser's depth limit; the extra bound is belt and braces.
 */
export function cloneData(v: unknown, depth = 0): unknown {
  if (depth > 256) return null;
  if (typeof v === "string") return clean(v);
  if (Array.isArray(v)) return v.map((x) => cloneData(x, depth + 1));
  if (isObj(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === "__proto__" || x === undefined) continue;
      out[clean(k)] = cloneData(x, depth + 1);
    }
    return out;
  }
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

/** Metadata from the fields of `o` not listed in `known`; undefined when nothing is left. */
export function restMetadata(o: Obj, known: readonly string[]): Obj | undefined {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (known.includes(k) || k === "__proto__" || v === undefined) continue;
    out[clean(k)] = cloneData(v);
  }
  return Object.keys(out).length ? out : undefined;
}

/** Merges metadata objects; later ones win; undefined when empty. */
export function mergeMetadata(...parts: (Obj | undefined)[]): Obj | undefined {
  const out: Obj = {};
  for (const p of parts) if (p) for (const [k, v] of Object.entries(p)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

export function reject(
  ctx: ReaderContext,
  code: RejectionError["code"],
  field: string | undefined,
  detail: string,
): never {
  throw new RejectionError(code, {
    source: ctx.source,
    line: ctx.line,
    field,
    detail: ctx.entry !== undefined ? `entry ${ctx.entry}: ${detail}` : detail,
  });
}

/** Checks a raw message array's length before any of it is mapped. */
export function checkMessageCount(ctx: ReaderContext, n: number, field: string): void {
  if (n > ctx.limits.maxMessages) {
    reject(
      ctx,
      "too_many_messages",
      field,
      `${n} messages, more than the limit of ${ctx.limits.maxMessages}`,
    );
  }
}

const THINK = /<think(?:ing)?>([\s\S]*?)(?:<\/think(?:ing)?>|$)/g;

/**
 * Splits assistant text holding `<think>…</think>` (or `<thinking>`) into reasoning parts and the
 * remaining text, in order. An unclosed tag runs to the end (a truncated generation). A lone
 * closing tag with no opening one (chat templates that put `<think>` in the prompt) makes
 * everything before it reasoning.
 */
export function splitThink(text: string): PartInput[] {
  if (!text.includes("<think") && !text.includes("</think"))
    return text === "" ? [] : [{ type: "text", text }];
  let s = text;
  const parts: PartInput[] = [];
  const close = /<\/think(?:ing)?>/.exec(s);
  const open = /<think(?:ing)?>/.exec(s);
  if (close && (!open || close.index < open.index)) {
    const r = s.slice(0, close.index).trim();
    if (r) parts.push({ type: "reasoning", text: r });
    s = s.slice(close.index + close[0].length);
  }
  let last = 0;
  for (const m of s.matchAll(THINK)) {
    const before = s.slice(last, m.index).trim();
    if (before) parts.push({ type: "text", text: before });
    const r = (m[1] ?? "").trim();
    if (r) parts.push({ type: "reasoning", text: r });
    last = m.index + m[0].length;
  }
  const after = s.slice(last).trim();
  if (after) parts.push({ type: "text", text: after });
  return parts;
}

/** Text parts from a text field that may hold `<think>` blocks (assistant turns only). */
export function assistantText(text: string): PartInput[] {
  return splitThink(text);
}

/** The lab a well-known model id belongs to; undefined when unsure (never guessed wildly). */
export function guessProvider(modelId: string | undefined): string | undefined {
  if (!modelId) return undefined;
  const m = modelId.toLowerCase();
  if (/^claude/.test(m)) return "anthropic";
  if (/^(gpt-|o[1-9]|chatgpt|codex|text-davinci)/.test(m)) return "openai";
  if (/^gemini|^gemma/.test(m)) return "google";
  if (/^deepseek/.test(m)) return "deepseek";
  if (/^qwen|^qwq/.test(m)) return "qwen";
  if (/^grok/.test(m)) return "xai";
  if (/^(mistral|magistral|mixtral|codestral)/.test(m)) return "mistral";
  if (/^(llama|meta-llama)/.test(m)) return "meta";
  return undefined;
}

/** Seconds-since-epoch or an ISO string → ISO string; undefined otherwise. */
export function toIsoDate(v: unknown): string | undefined {
  if (typeof v === "number" && Number.isFinite(v) && v > 0 && v < 1e11)
    return new Date(v * 1000).toISOString();
  // Epoch milliseconds (what JavaScript's Date.now() writes).
  if (typeof v === "number" && Number.isFinite(v) && v >= 1e11 && v < 1e14) return new Date(v).toISOString();
  if (typeof v === "string" && v.length <= 64 && !Number.isNaN(Date.parse(v))) return clean(v);
  return undefined;
}

/**
 * cotshare extension fields any record may carry next to its provider fields:
 * `provider`, `serving`, `task`, `license`, `tags`, `created_at`/`createdAt`, `publishable`,
 * `metadata`. `lab` is never read from content: a lab's identity comes from where it wrote.
 */
export const COMMON_FIELDS = [
  "provider",
  "serving",
  "task",
  "license",
  "tags",
  "created_at",
  "createdAt",
  "publishable",
  "metadata",
  "lab",
] as const;

export interface Common {
  provider?: string;
  serving?: string;
  task?: Task;
  license?: string;
  tags?: string[];
  createdAt?: string;
  publishable?: boolean;
  metadata?: Obj;
}

/**
 * A record's consent to publication. `publishable` must be a boolean where a record carries it
 * (`"false"` or `0` is a schema rejection naming the field, not a silent "absent" that would let
 * the lab's `autoPublish` default publish it). A `publishable: false` inside free-form `metadata`
 * is honoured as an opt-out too (a `true` there is not taken as consent: metadata is free-form).
 * `where` names the record in the error (`publishable`, `eval.publishable`).
 */
export function consentOf(
  ctx: ReaderContext,
  o: Obj | undefined,
  where = "publishable",
): boolean | undefined {
  if (o === undefined) return undefined;
  const pub = get(o, "publishable");
  if (pub !== undefined && typeof pub !== "boolean")
    reject(ctx, "schema", where, "publishable must be true or false");
  if (get(getObj(o, "metadata"), "publishable") === false) return false;
  return pub as boolean | undefined;
}

/** Consents from several levels (a log, its sample): any `false` wins, else any `true`. */
export function combineConsent(...levels: (boolean | undefined)[]): boolean | undefined {
  if (levels.includes(false)) return false;
  return levels.includes(true) ? true : undefined;
}

export function commonFields(o: Obj, ctx: ReaderContext): Common {
  const out: Common = {};
  out.provider = getStr(o, "provider");
  out.serving = getStr(o, "serving");
  const task = get(o, "task");
  if (typeof task === "string") out.task = { name: clean(task) };
  else if (isObj(task)) {
    out.task = dropUndefined({
      id: getStr(task, "id"),
      name: getStr(task, "name"),
      dataset: getStr(task, "dataset"),
    });
  }
  out.license = getStr(o, "license");
  const tags = getArr(o, "tags");
  if (tags) out.tags = tags.filter((t): t is string => typeof t === "string").map(clean);
  out.createdAt = toIsoDate(get(o, "createdAt") ?? get(o, "created_at"));
  out.publishable = consentOf(ctx, o);
  const md = getObj(o, "metadata");
  if (md) out.metadata = cloneData(md) as Obj;
  return out;
}

export function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Builds the model section; `provider` is the lab that made the model. */
export function model(id: string | undefined, provider?: string): Model {
  return dropUndefined({ id: id && id.length ? id : "unknown", provider: provider ?? guessProvider(id) });
}

/** Inference settings with only the fields that are set; undefined when none is. */
export function inference(i: Partial<Inference>): Inference | undefined {
  const out = dropUndefined({ ...i });
  return Object.keys(out).length ? out : undefined;
}

/**
 * Content blocks that are media, not text (images, audio, video, binary files, screenshots): a
 * reader drops them and counts them in `metadata.dropped_blocks`. No text is lost with them.
 */
export const MEDIA_BLOCKS: ReadonlySet<string> = new Set([
  "image",
  "image_url",
  "input_image",
  "output_image",
  "audio",
  "input_audio",
  "output_audio",
  "video",
  "file",
  "input_file",
  "computer_screenshot",
  "container_upload",
  "code_execution_output",
  "bash_code_execution_output",
]);

/**
 * Keys whose string values are not text a reader must keep: the block's type, ids, signatures,
 * encrypted blobs, cache and media settings.
 */
function opaqueKey(k: string): boolean {
  return (
    k === "type" ||
    k === "id" ||
    k.endsWith("_id") ||
    k === "signature" ||
    k.startsWith("encrypted") ||
    k === "cache_control" ||
    k === "media_type" ||
    k === "mime_type" ||
    k === "status" ||
    k === "detail" ||
    k === "format"
  );
}

/** True when `v` holds a non-empty string outside the opaque keys (text that dropping would lose). */
export function carriesText(v: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (typeof v === "string") return v.trim() !== "";
  if (Array.isArray(v)) return v.some((x) => carriesText(x, depth + 1));
  if (isObj(v))
    for (const [k, x] of Object.entries(v)) if (!opaqueKey(k) && carriesText(x, depth + 1)) return true;
  return false;
}

/** A block type fit to name in a message (a short identifier), else a neutral word. */
function typeName(type: string): string {
  return /^[A-Za-z0-9_.:-]{1,64}$/.test(type) ? `"${type}"` : "(unnamed)";
}

/**
 * Where a reader puts the blocks it cannot read: media are dropped and counted; a block of an
 * unknown type that holds text rejects the whole transcript (`schema`, naming the field and the
 * block type, never the content), so no transcript is published with text silently missing.
 */
export interface BlockSink {
  ctx: ReaderContext;
  dropped: Dropped;
}

/** Disposes of one block no reader maps: counted when it holds no text, else a rejection. */
export function unreadBlock(sink: BlockSink, block: unknown, type: string, field: string): void {
  if (MEDIA_BLOCKS.has(type) || !carriesText(block)) {
    sink.dropped.add(type);
    return;
  }
  reject(
    sink.ctx,
    "schema",
    field,
    `content block of type ${typeName(type)} holds text this reader does not read; the transcript is rejected rather than published without it`,
  );
}

/** The text of a code-execution or shell result: stdout then stderr, each when not empty. */
function outputText(b: Obj): string[] {
  const out: string[] = [];
  for (const k of ["stdout", "stderr", "output", "logs"]) {
    const t = getStr(b, k);
    if (t) out.push(t);
  }
  return out;
}

/**
 * The text of one structured block of a tool output or document (providers' documented shapes):
 * `text` (or the Assistants `text.value`), `search_result` (title, source, content), `document`
 * (title, context, a text or content source), web search / fetch results (title, url, page),
 * code-execution and shell results (`stdout`, `stderr`), text-editor results (`content`, `lines`),
 * `*_error` blocks (`error_code`, `error_message`), tool-search references. Media are dropped and
 * counted; a block of another shape is `unreadBlock`'s: counted if it holds no text, else rejected.
 */
export function blockText(b: unknown, sink: BlockSink | undefined, field: string, depth = 0): string[] {
  if (typeof b === "string") return [clean(b)];
  if (!isObj(b) || depth > 32) return [];
  const type = getStr(b, "type") ?? "";
  const out: string[] = [];
  const push = (t: string | undefined) => {
    if (t) out.push(t);
  };
  const text = get(b, "text");
  if (typeof text === "string") {
    // An empty text block is kept, as before (a blank line between its neighbours).
    push(getStr(b, "filename"));
    out.push(clean(text));
    return out;
  }
  if (isObj(text) && typeof get(text, "value") === "string") return [getStr(text, "value")!];
  if (MEDIA_BLOCKS.has(type)) {
    if (sink) sink.dropped.add(type);
    return [];
  }
  const nested = (v: unknown, f: string) => {
    if (v === undefined || v === null) return;
    for (const [i, x] of (Array.isArray(v) ? v : [v]).entries())
      out.push(...blockText(x, sink, Array.isArray(v) ? `${f}.${i}` : f, depth + 1));
  };
  if (type === "refusal") push(getStr(b, "refusal"));
  else if (type === "search_result") {
    push(getStr(b, "title"));
    push(getStr(b, "source"));
    nested(get(b, "content"), `${field}.content`);
  } else if (type === "document") {
    push(getStr(b, "title"));
    push(getStr(b, "context"));
    const src = getObj(b, "source");
    const st = getStr(src, "type");
    if (st === "text") push(getStr(src, "data"));
    else if (st === "content") nested(get(src, "content"), `${field}.source.content`);
    else if (sink) sink.dropped.add(`document${st ? `:${st}` : ""}`.slice(0, 64));
  } else if (type === "web_search_result") {
    push(getStr(b, "title"));
    push(getStr(b, "url"));
  } else if (type === "web_fetch_result") {
    push(getStr(b, "url"));
    nested(get(b, "content"), `${field}.content`);
  } else if (type === "text_editor_code_execution_view_result") push(getStr(b, "content"));
  else if (type === "text_editor_code_execution_str_replace_result") {
    const lines = getArr(b, "lines");
    if (lines)
      push(
        lines
          .filter((l): l is string => typeof l === "string")
          .map(clean)
          .join("\n"),
      );
  } else if (type === "text_editor_code_execution_create_result") {
    // Says only whether a file was created or updated: no text.
  } else if (type === "tool_reference") push(getStr(b, "tool_name"));
  else if (type === "tool_search_tool_search_result") {
    for (const r of getArr(b, "tool_references") ?? []) push(getStr(r, "tool_name"));
  } else if (type.endsWith("_error")) {
    push(getStr(b, "error_code"));
    push(getStr(b, "error_message"));
  } else if (
    type === "logs" ||
    type.endsWith("code_execution_result") ||
    (type === "" && (get(b, "stdout") !== undefined || get(b, "stderr") !== undefined))
  ) {
    out.push(...outputText(b));
    if (sink) {
      if (get(b, "encrypted_stdout") !== undefined) sink.dropped.add("encrypted_stdout");
      // Files a run produced are referenced by id only.
      for (const f of getArr(b, "content") ?? []) sink.dropped.add(getStr(f, "type") ?? "file");
    }
  } else if (type === "") {
    // A typeless object (a tool's structured output): kept whole, as its JSON.
    push(clean(JSON.stringify(cloneData(b)) ?? ""));
  } else if (sink) unreadBlock(sink, b, type, field);
  else if (carriesText(b)) push(clean(JSON.stringify(cloneData(b))));
  return out;
}

/** Whether a block is an error result (`*_error` type, as server tools report failures). */
export function isErrorBlock(b: unknown): boolean {
  const t = getStr(b, "type");
  return t !== undefined && t.endsWith("_error");
}

/**
 * Joins the text of a tool output: a string, an array of blocks, or one structured block (see
 * `blockText`). With a `sink`, unknown blocks holding text reject the transcript; without one
 * (no reader context), they are kept as their JSON, never dropped silently.
 */
export function flattenText(v: unknown, sink?: BlockSink, field = "content"): string {
  if (typeof v === "string") return clean(v);
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (let i = 0; i < v.length; i++) {
      const b: unknown = v[i];
      // The common case at once: a string, or a block with a `text` string and no file name.
      const t =
        typeof b === "string" ? b : isObj(b) && get(b, "filename") === undefined ? get(b, "text") : undefined;
      if (typeof t === "string") out.push(clean(t));
      else out.push(...blockText(b, sink, `${field}.${i}`));
    }
    return out.join("\n");
  }
  if (isObj(v)) return blockText(v, sink, field).join("\n");
  return clean(JSON.stringify(v) ?? "");
}

/**
 * The text of a `thinking` block: a string (Anthropic), or a list of text chunks (Mistral's
 * Magistral, `{type: "thinking", thinking: [{type: "text", text}]}`).
 */
export function thinkingText(b: unknown, sink: BlockSink, field: string): string {
  const t = get(b, "thinking");
  return Array.isArray(t) ? flattenText(t, sink, `${field}.thinking`) : (getStr(b, "thinking") ?? "");
}

/** A message's content blocks: an array as is, a lone block object as a list of one, else none. */
export function blocksOf(content: unknown): unknown[] {
  return Array.isArray(content) ? content : isObj(content) ? [content] : [];
}

/**
 * A chat-like message carrying `parts` and no `content` is cotshare's native form read without
 * its `schema` field (a record the native detection could not take whole, e.g. one part of a type
 * the schema has not): rejected, naming the field, rather than read with its parts dropped.
 */
export function rejectStrayParts(ctx: ReaderContext, m: unknown, field: string): void {
  if (get(m, "content") === undefined && (getArr(m, "parts")?.length ?? 0) > 0)
    reject(
      ctx,
      "schema",
      `${field}.parts`,
      'message has "parts" but no "content": a cotshare native record needs schema "cotshare/transcript@1"',
    );
}

/** Tool-call arguments as a JSON string: kept when already a string, serialised otherwise. */
export function argsString(v: unknown): string {
  if (typeof v === "string") return clean(v);
  if (v === undefined) return "{}";
  return JSON.stringify(cloneData(v)) ?? "{}";
}

/** Counts content blocks a reader does not carry over (images, audio…), per type, for metadata. */
export class Dropped {
  private counts: Record<string, number> = {};
  add(type: string): void {
    const k = clean(type).slice(0, 64) || "unknown";
    this.counts[k] = (Object.hasOwn(this.counts, k) ? this.counts[k]! : 0) + 1;
  }
  metadata(): Obj | undefined {
    return Object.keys(this.counts).length ? { dropped_blocks: { ...this.counts } } : undefined;
  }
}

export type { Message, Part, PartInput, MessageInput };
