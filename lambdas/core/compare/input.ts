/**
 * Transcripts for a comparison from one input file's bytes: published transcripts (they carry
 * `legibility`) are taken as they are; anything else goes through the intake reader (every
 * format it knows) and is scored here. Pure: bytes in, items and typed rejections out. Messages
 * name the file, line and field, never the content.
 */
import * as z from "zod";
import { RejectionError, toRejection, type Rejection } from "../errors";
import { scoreTranscript } from "../legibility/index";
import { DEFAULT_LIMITS } from "../transcript/limits";
import { readTranscripts } from "../transcript/read";
import { decodeUtf8, parseJson } from "../transcript/safe-json";
import { SCHEMA_ID } from "../transcript/schema";
import { Manifest } from "../publish/manifest";
import { STATS_SCHEMA, type CompareItem } from "./stats";

/** What a published transcript must carry to be compared without scoring it again. */
export const ScoredDoc = z
  .object({
    schema: z.literal(SCHEMA_ID),
    id: z.string().min(1).max(256),
    lab: z.string().max(40).optional(),
    model: z
      .object({
        id: z.string().min(1).max(256),
        family: z.string().max(1024).optional(),
        releaseDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
      })
      .loose(),
    legibility: z
      .object({
        score: z.number().min(0).max(100),
        scorer: z.string().max(256).optional(),
        basis: z.string().max(32).optional(),
        signals: z.record(z.string().max(64), z.object({ subscore: z.number() }).loose()).optional(),
      })
      .loose(),
  })
  .loose();

export interface CompareInputItem {
  item: CompareItem;
  /** 1-based line, for JSONL input. */
  line?: number;
  /** Whether the score was computed here (false: taken from a published transcript). */
  scored: boolean;
}

export interface CompareInput {
  items: CompareInputItem[];
  rejections: Rejection[];
  /** Set when the file is a published set's own metadata, not transcripts: what it is. */
  skipped?: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const isPublished = (v: unknown): boolean => isObj(v) && v.schema === SCHEMA_ID && "legibility" in v;

function fromPublished(source: string, value: unknown, line: number | undefined): CompareInput {
  const parsed = ScoredDoc.safeParse(value);
  if (parsed.success) {
    const d = parsed.data;
    const item: CompareItem = {
      id: d.id,
      ...(d.lab !== undefined ? { lab: d.lab } : {}),
      model: d.model,
      legibility: d.legibility,
    };
    return { items: [{ item, ...(line !== undefined ? { line } : {}), scored: false }], rejections: [] };
  }
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join(".") || undefined;
  return {
    items: [],
    rejections: [
      toRejection(
        new RejectionError("schema", {
          source,
          ...(line !== undefined ? { line } : {}),
          ...(field ? { field } : {}),
          detail: `not a published transcript with a legibility score (${issue.code})`,
        }),
      ),
    ],
  };
}

function fromIntake(source: string, bytes: Uint8Array, lineOffset?: number): CompareInput {
  const { items, rejections } = readTranscripts(source, bytes);
  const at = (line: number | undefined) => (lineOffset !== undefined ? lineOffset : line);
  return {
    items: items.map((it) => {
      const line = at(it.line);
      const l = scoreTranscript(it.transcript);
      const item: CompareItem = {
        id: it.transcript.id,
        ...(it.transcript.lab !== undefined ? { lab: it.transcript.lab } : {}),
        model: it.transcript.model,
        legibility: { score: l.score, scorer: l.scorer, basis: l.basis, signals: l.signals },
      };
      return { item, ...(line !== undefined ? { line } : {}), scored: true };
    }),
    rejections: rejections.map((r) => {
      if (lineOffset === undefined) return r;
      // A single JSONL line read on its own: say which line of the file it was.
      const message = r.message.startsWith(source)
        ? `${source}, line ${lineOffset}${r.message.slice(source.length).replace(/^, line \d+/, "")}`
        : r.message;
      return { ...r, line: lineOffset, message };
    }),
  };
}

/**
 * What a published set's own files are, when this value is one of them: a downloaded set folder
 * holds `manifest.json`, `stats.json` and (at the bucket's root) `latest.json` beside its
 * transcripts. None is a transcript; reading them as intake would only reject them.
 */
function setMetadata(v: unknown): string | undefined {
  if (!isObj(v)) return undefined;
  if (v.schema === STATS_SCHEMA) return "a set's statistics (stats.json)";
  if (Manifest.safeParse(v).success) return "a set's manifest (manifest.json)";
  if (
    typeof v.setId === "string" &&
    typeof v.manifest === "string" &&
    typeof v.count === "number" &&
    Object.keys(v).length <= 4
  )
    return "the newest-set pointer (latest.json)";
  return undefined;
}

/** Items to compare from one file (published JSON/JSONL, or any intake format). */
export function compareInput(source: string, bytes: Uint8Array): CompareInput {
  const text = decodeUtf8(bytes);
  if (text === undefined || !text.trimStart().startsWith("{")) return fromIntake(source, bytes);
  const whole = parseJson(text, DEFAULT_LIMITS.maxDepth);
  if (whole.ok) {
    if (isPublished(whole.value)) return fromPublished(source, whole.value, undefined);
    const skipped = setMetadata(whole.value);
    return skipped ? { items: [], rejections: [], skipped } : fromIntake(source, bytes);
  }
  // JSONL: published lines are taken as they are, other lines are read (and scored) one by one.
  const lines = text.split("\n");
  const parsed = lines.map((l) => (l.trim() === "" ? undefined : parseJson(l, DEFAULT_LIMITS.maxDepth)));
  if (!parsed.some((p) => p?.ok && isPublished(p.value))) return fromIntake(source, bytes);
  const out: CompareInput = { items: [], rejections: [] };
  const enc = new TextEncoder();
  parsed.forEach((p, i) => {
    if (p === undefined) return;
    const part =
      p.ok && isPublished(p.value)
        ? fromPublished(source, p.value, i + 1)
        : fromIntake(source, enc.encode(lines[i]!), i + 1);
    out.items.push(...part.items);
    out.rejections.push(...part.rejections);
  });
  return out;
}
