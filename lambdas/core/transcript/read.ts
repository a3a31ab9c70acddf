/**
 * The intake reader: bytes of one file (or object) in, canonical transcripts and typed rejections
 * out. It never throws for bad input: every problem becomes a `Rejection` with a stable code and
 * a message naming the source, line, zip entry or field — never the content.
 *
 * Order of checks: size (before decoding) → zip directory (before inflating) → strict UTF-8 →
 * JSON depth (before parsing) → format → message count (before mapping) → schema.
 */
import { compressedDetail, compressedFormat } from "./compressed";
import { RejectionError, toRejection, type Rejection, type RejectionCode } from "../errors";
import { detectRecord, type FormatName } from "./detect";
import { readAnthropic } from "./formats/anthropic";
import {
  checkMessageCount,
  getArr,
  getObj,
  isObj,
  parsedStringsClean,
  type Draft,
  type Obj,
  type ReaderContext,
} from "./formats/common";
import { logMeta, looksInspectLog, readInspectSample } from "./formats/inspect";
import { readNative } from "./formats/native";
import { readOpenAIChat } from "./formats/openai-chat";
import { readOpenAIResponses } from "./formats/openai-responses";
import { buildDraft, buildNative, nativeAsIs, type Built } from "./formats/plain";
import { contentId, safeId } from "./ids";
import { DEFAULT_LIMITS, resolveLimits, type Limits } from "./limits";
import { decodeUtf8, parseJson, utf8Length, type JsonResult } from "./safe-json";
import { SCHEMA_ID, Transcript } from "./schema";
import { extractEntry, isZip, listZip, ZipError } from "./zip";

export type { FormatName } from "./detect";
export type { Limits } from "./limits";
export { DEFAULT_LIMITS };

export interface ReadItem {
  transcript: Transcript;
  format: FormatName;
  /** 1-based line number, for JSONL input. */
  line?: number;
  /** Zip entry name, for `.eval` archives. */
  entry?: string;
}

export interface ReadResult {
  /** The detected format when every transcript of the file has the same one. */
  format?: FormatName;
  items: ReadItem[];
  rejections: Rejection[];
}

const READERS: Record<FormatName, (o: Obj, ctx: ReaderContext) => Draft[]> = {
  native: readNative,
  "openai-chat": readOpenAIChat,
  "think-jsonl": readOpenAIChat,
  "openai-responses": (o, ctx) => readOpenAIResponses(o, ctx),
  anthropic: readAnthropic,
  inspect: (o, ctx) => [readInspectSample(o, undefined, ctx)],
};

/** Stops a file once it has yielded `maxTranscriptsPerFile` transcripts. */
class Full extends Error {}

function rejection(
  ctx: ReaderContext,
  code: RejectionCode,
  field: string | undefined,
  detail: string,
): Rejection {
  return toRejection(
    new RejectionError(code, {
      source: ctx.source,
      line: ctx.line,
      field,
      detail: ctx.entry !== undefined ? `entry ${ctx.entry}: ${detail}` : detail,
    }),
  );
}

/**
 * Receives a file's transcripts while it is read, `every` at a time, so a caller can process each
 * batch while its transcripts are fresh in the CPU caches (see `processBytes`). The result still
 * lists every item; those not handed over yet (fewer than `every` at the end) are the caller's.
 */
export interface ReadSink {
  every: number;
  take(items: ReadItem[]): void;
}

/** Collects items and rejections for one file. */
class Collector {
  readonly items: ReadItem[] = [];
  readonly rejections: Rejection[] = [];
  /** Items before this index were handed to the sink. */
  private handed = 0;
  constructor(
    readonly limits: Limits,
    private readonly sink?: ReadSink,
  ) {}

  private push(it: ReadItem): void {
    this.items.push(it);
    const sink = this.sink;
    if (sink && this.items.length - this.handed >= sink.every) {
      const batch = this.items.slice(this.handed);
      this.handed = this.items.length;
      sink.take(batch);
    }
  }

  reject(ctx: ReaderContext, code: RejectionCode, field: string | undefined, detail: string): void {
    this.rejections.push(rejection(ctx, code, field, detail));
  }

  /**
   * Runs `fn` (one record's reading), turning a thrown rejection (or any surprise) into a recorded
   * rejection; `at` (e.g. `samples.3`, `[2]`) prefixes the field a reader names.
   */
  guard(ctx: ReaderContext, fn: () => void, at?: string): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof Full) throw e;
      if (e instanceof RejectionError)
        this.rejections.push(
          toRejection(
            at === undefined
              ? e
              : new RejectionError(e.code, {
                  source: e.source,
                  line: e.line,
                  field: prefix(at, e.field ?? ""),
                  detail: e.detail,
                }),
          ),
        );
      else if (e instanceof ZipError) this.reject(ctx, e.code, undefined, e.message);
      // A shape no reader expected: reported as a schema problem, without the error's text
      // (which could quote content).
      else this.reject(ctx, "schema", undefined, "record has an unexpected structure");
    }
  }

  /** Stops the file (after recording why) when it already holds the most transcripts allowed. */
  private room(ctx: ReaderContext): void {
    if (this.items.length >= this.limits.maxTranscriptsPerFile) {
      this.reject(
        ctx,
        "too_many_transcripts",
        undefined,
        `more than the limit of ${this.limits.maxTranscriptsPerFile} transcripts in one file`,
      );
      throw new Full();
    }
  }

  add(draft: Draft, format: FormatName, ctx: ReaderContext, field?: string): void {
    this.room(ctx);
    const item = finalize(draft, format, ctx, field);
    if ("code" in item) this.rejections.push(item);
    else this.push(item);
  }

  /** A transcript the fast path already built and checked (see formats/plain.ts). */
  addBuilt(built: Built, format: FormatName, ctx: ReaderContext): void {
    this.room(ctx);
    this.push(item(built.transcript, built.pending, format, ctx));
  }

  result(): ReadResult {
    const items = this.items;
    let format: FormatName | undefined = items.length > 0 ? items[0]!.format : undefined;
    for (let i = 1; i < items.length && format !== undefined; i++)
      if (items[i]!.format !== format) format = undefined;
    return format ? { format, items, rejections: this.rejections } : { items, rejections: this.rejections };
  }
}

/** Validates a draft against the schema and gives it its id. */
function finalize(draft: Draft, format: FormatName, ctx: ReaderContext, at?: string): ReadItem | Rejection {
  if (draft.messages.length > ctx.limits.maxMessages) {
    return rejection(
      ctx,
      "too_many_messages",
      prefix(at, "messages"),
      `${draft.messages.length} messages, more than the limit of ${ctx.limits.maxMessages}`,
    );
  }
  const ownId = draft.id;
  const id = ownId !== undefined ? safeId(ownId) : "pending";
  // The common case without zod: a plainly valid draft, built as zod would (see formats/plain.ts).
  const fast = buildDraft(draft as Obj, id);
  if (fast !== undefined) return item(fast, ownId === undefined, format, ctx);
  const { id: _ownId, ...rest } = draft;
  if (rest.metadata === undefined) delete rest.metadata;
  const candidate = { schema: SCHEMA_ID, id, ...rest };
  const parsed = Transcript.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issue.path.map(String).join(".") : "";
    // zod's issue codes and expectations name the rule broken, never the offending value.
    const why = issue
      ? `${issue.code}${"expected" in issue && typeof issue.expected === "string" ? ` (expected ${issue.expected})` : ""}`
      : "invalid";
    return rejection(
      ctx,
      "schema",
      prefix(at, path) || undefined,
      `does not fit the canonical schema: ${why}`,
    );
  }
  return item(parsed.data, ownId === undefined, format, ctx);
}

/** The item of a valid transcript; a `pending` id becomes the hash of the rest of its content. */
function item(transcript: Transcript, pending: boolean, format: FormatName, ctx: ReaderContext): ReadItem {
  if (pending) {
    const { id: _pending, ...body } = transcript;
    transcript.id = contentId(body);
  }
  const it: ReadItem = { transcript, format };
  if (ctx.line !== undefined) it.line = ctx.line;
  if (ctx.entry !== undefined) it.entry = ctx.entry;
  return it;
}

function prefix(at: string | undefined, field: string): string {
  return at ? (field ? `${at}.${field}` : at) : field;
}

/** The JSON text a value was parsed from, and whether `clean` would leave its strings as they are (known once asked). */
interface Parsed {
  text: string;
  /** The text came from strict UTF-8 decoding, so it holds no lone surrogate. */
  decoded: boolean;
  stringsClean?: boolean;
}

function stringsClean(src: Parsed | undefined): boolean {
  if (src === undefined) return false;
  return (src.stringsClean ??= parsedStringsClean(src.text, src.decoded));
}

/** One parsed record (object, or a bare array of Responses items). */
function readRecord(v: unknown, ctx: ReaderContext, out: Collector, at?: string, src?: Parsed): void {
  out.guard(
    ctx,
    () => {
      const format = detectRecord(v);
      if (!format) {
        out.reject(
          ctx,
          "unknown_format",
          at,
          isObj(v) || Array.isArray(v) ? "no known transcript format matches" : "not a JSON object",
        );
        return;
      }
      if (format === "native" && !Array.isArray(v)) {
        // As readNative does first; then the fast path, which leaves anything unusual to readNative.
        checkMessageCount(ctx, getArr(v, "messages")?.length ?? 0, "messages");
        const clean = stringsClean(src);
        // A record already in its built form is the transcript itself (no copy); else the build.
        if (nativeAsIs(v as Obj, clean))
          return out.addBuilt({ transcript: v as Transcript, pending: false }, format, ctx);
        const built = buildNative(v as Obj, clean);
        if (built !== undefined) return out.addBuilt(built, format, ctx);
      }
      const drafts = Array.isArray(v) ? readOpenAIResponses(v, ctx) : READERS[format](v as Obj, ctx);
      for (const d of drafts) out.add(d, format, ctx, at);
    },
    at,
  );
}

/** A whole parsed JSON value: an Inspect log (one transcript per sample), an array of records, or one record. */
function readValue(v: unknown, ctx: ReaderContext, out: Collector, src?: Parsed): void {
  if (Array.isArray(v) && detectRecord(v) === undefined) {
    if (v.length === 0) {
      out.reject(ctx, "empty", undefined, "empty array");
      return;
    }
    v.forEach((x, i) => readRecord(x, ctx, out, `[${i}]`, src));
    return;
  }
  if (isObj(v) && looksInspectLog(v)) {
    const samples = getArr(v, "samples") ?? [];
    if (samples.length === 0) out.reject(ctx, "empty", "samples", "eval log holds no samples");
    const spec = getObj(v, "eval");
    const meta = logMeta(v);
    samples.forEach((s, i) =>
      out.guard(
        ctx,
        () => {
          if (!isObj(s)) return out.reject(ctx, "schema", `samples.${i}`, "sample is not an object");
          out.add(readInspectSample(s, spec, ctx, meta, v), "inspect", ctx, `samples.${i}`);
        },
        `samples.${i}`,
      ),
    );
    return;
  }
  readRecord(v, ctx, out, undefined, src);
}

/** `text.trim() === ""`, answered at once for text that opens as a JSON object or array does. */
function blank(text: string): boolean {
  if (text.length === 0) return true; // (its first character is not read: there is none)
  const c = text.charCodeAt(0);
  return c !== 0x7b /* { */ && c !== 0x5b /* [ */ && text.trim() === "";
}

function readLineInto(text: string, ctx: ReaderContext, out: Collector, decoded: boolean): void {
  const L = ctx.limits;
  // UTF-8 takes at least one byte per UTF-16 unit and at most three: count only when it matters.
  if (
    text.length > L.maxLineBytes ||
    (text.length * 3 > L.maxLineBytes && utf8Length(text) > L.maxLineBytes)
  ) {
    out.reject(ctx, "too_large", undefined, `line longer than the limit of ${L.maxLineBytes} bytes`);
    return;
  }
  if (blank(text)) return;
  const parsed = parseJson(text, L.maxDepth);
  if (!parsed.ok) {
    out.reject(ctx, parsed.code, undefined, parsed.detail);
    return;
  }
  readValue(parsed.value, ctx, out, { text, decoded });
}

/** One JSONL line, so a streaming reader can process a huge file line by line. */
export function readJsonlLine(
  source: string,
  line: number,
  text: string,
  limits?: Partial<Limits>,
): { items: ReadItem[]; rejections: Rejection[] } {
  const out = new Collector(resolveLimits(limits));
  const ctx: ReaderContext = { source, line, limits: out.limits };
  try {
    readLineInto(text, ctx, out, false);
  } catch (e) {
    if (!(e instanceof Full)) out.reject(ctx, "schema", undefined, "record has an unexpected structure");
  }
  return { items: out.items, rejections: out.rejections };
}

/**
 * JSON Lines, line by line. `text` is the whole file already decoded, when it is valid UTF-8: each
 * line is then a slice of it (a newline byte is always a newline character — UTF-8 never puts 0x0a
 * inside a character — so bytes and text split alike), which costs far less than decoding every
 * line on its own; otherwise each line is decoded alone, so a bad line fails alone.
 */
function readJsonlBytes(bytes: Uint8Array, base: ReaderContext, out: Collector, text?: string): void {
  let start = 0;
  let line = 0;
  let from = 0; // (the line's start in `text`)
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    let to = 0;
    if (text !== undefined) {
      to = text.indexOf("\n", from);
      if (to < 0) to = text.length;
    }
    line++;
    const ctx = { ...base, line };
    let stop = end;
    if (stop > start && bytes[stop - 1] === 0x0d) stop--;
    if (stop - start > out.limits.maxLineBytes) {
      out.reject(
        ctx,
        "too_large",
        undefined,
        `line longer than the limit of ${out.limits.maxLineBytes} bytes`,
      );
    } else if (stop > start) {
      const lineText =
        text === undefined
          ? decodeUtf8(bytes.subarray(start, stop))
          : // (The file's own BOM, before line 1, was dropped with the file's decoding.)
            lineOf(
              text,
              from,
              to,
              start === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf,
            );
      if (lineText === undefined) out.reject(ctx, "invalid_utf8", undefined, "line is not valid UTF-8");
      else readLineInto(lineText, ctx, out, true);
    }
    start = end + 1;
    from = to + 1;
  }
}

/** Line `from`–`to` of decoded text as decoding its bytes alone gives it: without a CR at its end or a BOM at its start. */
function lineOf(text: string, from: number, to: number, bomDropped: boolean): string {
  if (to > from && text.charCodeAt(to - 1) === 0x0d) to--;
  if (!bomDropped && to > from && text.charCodeAt(from) === 0xfeff) from++;
  return text.slice(from, to);
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  let from = 0;
  for (;;) {
    const i = bytes.indexOf(0x0a, from);
    if (i < 0) return n + (from < bytes.length ? 1 : 0);
    if (i > from) n++;
    from = i + 1;
  }
}

/** The first non-blank line parses as a JSON object or array: the file is JSON Lines. */
function firstLineIsJson(text: string, limits: Limits): boolean {
  const first = text.split("\n").find((l) => l.trim() !== "");
  if (first === undefined || first.length > limits.maxLineBytes) return false;
  const p = parseJson(first, limits.maxDepth);
  return p.ok ? typeof p.value === "object" && p.value !== null : p.code === "too_deep";
}

function readEvalZip(bytes: Uint8Array, ctx: ReaderContext, out: Collector): void {
  const L = ctx.limits;
  const entries = listZip(bytes, L);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const parseEntry = (name: string): { ok: true; value: unknown } | { ok: false } => {
    const ectx = { ...ctx, entry: name };
    const raw = extractEntry(bytes, byName.get(name)!, L);
    const text = decodeUtf8(raw);
    if (text === undefined) {
      out.reject(ectx, "invalid_utf8", undefined, "not valid UTF-8");
      return { ok: false };
    }
    const p = parseJson(text, L.maxDepth);
    if (!p.ok) {
      out.reject(ectx, p.code, undefined, p.detail);
      return { ok: false };
    }
    return p;
  };
  const headerName = byName.has("header.json")
    ? "header.json"
    : byName.has("_journal/start.json")
      ? "_journal/start.json"
      : undefined;
  const samples = entries.filter((e) => /^samples\/[^/]+\.json$/.test(e.name));
  if (!headerName && samples.length === 0) {
    out.reject(
      ctx,
      "unknown_format",
      undefined,
      "zip archive is not an Inspect eval log (no header.json, no samples/)",
    );
    return;
  }
  let spec: Obj | undefined;
  let meta: Obj | undefined;
  let header: Obj | undefined;
  if (headerName) {
    const h = parseEntry(headerName);
    if (h.ok && isObj(h.value)) {
      header = h.value;
      spec = getObj(h.value, "eval");
      meta = logMeta(h.value);
    }
  }
  if (samples.length === 0) {
    out.reject(ctx, "empty", undefined, "eval log holds no samples");
    return;
  }
  for (const e of samples) {
    const ectx = { ...ctx, entry: e.name };
    out.guard(ectx, () => {
      const p = parseEntry(e.name);
      if (!p.ok) return;
      if (!isObj(p.value)) return out.reject(ectx, "schema", undefined, "sample is not an object");
      out.add(readInspectSample(p.value, spec, ectx, meta, header), "inspect", ectx);
    });
  }
}

const JSONL_NAME = /\.(jsonl|ndjson)$/i;

/**
 * The common case at once: the file's parsed value is one native record already in its built
 * form (`nativeAsIs`), with no more messages than allowed — what `readValue` would make of it
 * (not an array, not an Inspect log, detected native; the record itself as the transcript), or
 * undefined.
 */
function plainNative(v: unknown, text: string, L: Limits): Transcript | undefined {
  if (!isObj(v) || !Object.hasOwn(v, "schema") || !Object.hasOwn(v, "messages")) return undefined;
  const ms = v.messages;
  if (!Array.isArray(ms) || ms.length > L.maxMessages || L.maxTranscriptsPerFile < 1) return undefined;
  return nativeAsIs(v, parsedStringsClean(text, true)) ? (v as Transcript) : undefined;
}

/**
 * Reads every transcript in one file. `source` names the file in rejections (and decides
 * nothing else except that a `.jsonl`/`.ndjson` name is read as JSON Lines straight away).
 * A `sink` receives the transcripts in batches while the file is read (see ReadSink).
 */
export function readTranscripts(
  source: string,
  bytes: Uint8Array,
  limits?: Partial<Limits>,
  sink?: ReadSink,
): ReadResult {
  const L = limits ? resolveLimits(limits) : DEFAULT_LIMITS;
  // One JSON file holding one plainly valid native record (the usual intake object): its result
  // at once; otherwise the general path below, given the text and the parse already done.
  let text: string | undefined;
  let parsed: JsonResult | undefined;
  const jsonlName = JSONL_NAME.test(source);
  const plain = bytes.length <= L.maxBytes && !isZip(bytes) && !jsonlName;
  if (plain) {
    text = decodeUtf8(bytes);
    if (text !== undefined && !blank(text)) {
      parsed = parseJson(text, L.maxDepth);
      if (parsed.ok) {
        const t = plainNative(parsed.value, text, L);
        if (t !== undefined)
          return { format: "native", items: [{ transcript: t, format: "native" }], rejections: [] };
      }
    }
  }
  const out = new Collector(L, sink);
  const ctx: ReaderContext = { source, limits: out.limits };
  try {
    if (bytes.length > out.limits.maxBytes) {
      out.reject(
        ctx,
        "too_large",
        undefined,
        `${bytes.length} bytes, more than the limit of ${out.limits.maxBytes}`,
      );
    } else if (isZip(bytes)) {
      out.guard(ctx, () => readEvalZip(bytes, ctx, out));
    } else if (compressedFormat(bytes)) {
      out.reject(ctx, "unknown_format", undefined, compressedDetail(compressedFormat(bytes)!));
    } else {
      if (!plain) text = decodeUtf8(bytes);
      if (text === undefined) {
        // A JSON Lines file with one bad line still yields its good lines.
        if (jsonlName || countLines(bytes) > 1) readJsonlBytes(bytes, ctx, out);
        else out.reject(ctx, "invalid_utf8", undefined, "not valid UTF-8");
      } else if (blank(text)) {
        out.reject(ctx, "empty", undefined, "no content");
      } else if (jsonlName) {
        readJsonlBytes(bytes, ctx, out, text);
      } else {
        parsed ??= parseJson(text, out.limits.maxDepth);
        if (parsed.ok) readValue(parsed.value, ctx, out, { text, decoded: true });
        else if (countLines(bytes) > 1 && firstLineIsJson(text, out.limits))
          readJsonlBytes(bytes, ctx, out, text);
        else out.reject(ctx, parsed.code, undefined, parsed.detail);
      }
    }
  } catch (e) {
    if (!(e instanceof Full)) out.reject(ctx, "schema", undefined, "file has an unexpected structure");
  }
  return out.result();
}
