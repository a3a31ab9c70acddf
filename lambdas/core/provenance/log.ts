/**
 * The publication log, `log.jsonl` at the public bucket's root: append-only, one canonical-JSON
 * entry per line. Every entry names the sha256 of the previous line (`prev`) and is signed by
 * the key current when it was written, so an entry cannot be changed, removed or reordered
 * without breaking the chain, and the chain cannot be rebuilt without the signing key.
 *
 * Entries: `key` (a signing key comes into use; the first line of every log, and every rotation),
 * `publish` (a new set version) and `revise` (a takedown rewrote an existing set). Withdrawals are
 * recorded as `{id, category}`: never the reason's text, never any content.
 */
import * as z from "zod";
import { canonicalJson, sha256Hex } from "../publish/doc";
import { SET_ID } from "../publish/manifest";
import { concatBytes, utf8 } from "./encoding";
import { KEY_ID, identify, type Signer, type SignerIdentity } from "./signature";

export const LOG_DOMAIN = "cotshare/log-entry@1\n";

/** Why a transcript was withdrawn, as far as the public log says. */
export const WITHDRAW_CATEGORIES = ["lab_request", "consent", "leak", "legal", "quality", "other"] as const;
export type WithdrawCategory = (typeof WITHDRAW_CATEGORIES)[number];

/**
 * The category of a free-text withdrawal reason: an explicit leading `<category>:` (e.g.
 * `leak: an API key survived redaction`), otherwise `other`. Never guessed from the text.
 */
export function reasonCategory(reason: string | undefined): WithdrawCategory {
  const m = /^\s*([a-z_]+)\s*:/i.exec(reason ?? "");
  const c = m?.[1]?.toLowerCase();
  return (WITHDRAW_CATEGORIES as readonly string[]).includes(c ?? "") ? (c as WithdrawCategory) : "other";
}

const SHA256 = /^[0-9a-f]{64}$/;
const Withdrawal = z
  .object({ id: z.string().min(1).max(128), category: z.enum(WITHDRAW_CATEGORIES) })
  .strict();
export type Withdrawal = z.infer<typeof Withdrawal>;

const common = {
  v: z.literal(1),
  seq: z.number().int().min(0),
  at: z.string().min(1).max(64),
  prev: z.string().regex(SHA256).nullable(),
  keyId: z.string().regex(KEY_ID),
  sig: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
};
export const KeyEntry = z
  .object({ ...common, type: z.literal("key"), previousKeyId: z.string().regex(KEY_ID).nullable() })
  .strict();
export const PublishEntry = z
  .object({
    ...common,
    type: z.literal("publish"),
    setId: z.string().regex(SET_ID),
    manifest: z.string().regex(SHA256),
    createdAt: z.string().min(1).max(64),
    previous: z.string().regex(SET_ID).nullable(),
    withdrawn: z.array(Withdrawal),
  })
  .strict();
export const ReviseEntry = z
  .object({
    ...common,
    type: z.literal("revise"),
    setId: z.string().regex(SET_ID),
    manifest: z.string().regex(SHA256),
    withdrawn: z.array(Withdrawal),
  })
  .strict();
export const LogEntry = z.discriminatedUnion("type", [KeyEntry, PublishEntry, ReviseEntry]);
export type KeyEntry = z.infer<typeof KeyEntry>;
export type PublishEntry = z.infer<typeof PublishEntry>;
export type ReviseEntry = z.infer<typeof ReviseEntry>;
export type LogEntry = z.infer<typeof LogEntry>;

type Unsigned<T> = T extends unknown ? Omit<T, "sig"> : never;
type Body<T> = Omit<T, "v" | "seq" | "at" | "prev" | "keyId" | "sig" | "type">;
/** What the publisher asks to record. */
export type LogDraft =
  | ({ type: "publish"; at: string } & Body<PublishEntry>)
  | ({ type: "revise"; at: string } & Body<ReviseEntry>);

/** The bytes an entry's signature covers: the domain prefix and the canonical entry without `sig`. */
export function entryMessage(entry: Unsigned<LogEntry> | LogEntry): Uint8Array {
  const { sig: _sig, ...rest } = entry as LogEntry;
  return concatBytes(utf8(LOG_DOMAIN), utf8(canonicalJson(rest)));
}

/** sha256 of one line of the log (its exact text, without the newline): the next entry's `prev`. */
export function lineHash(line: string): string {
  return sha256Hex(line);
}

export interface LogLine {
  /** 1-based line number. */
  line: number;
  text: string;
  entry?: LogEntry;
  /** Why the line is not a valid entry. */
  error?: string;
}

/** Splits and parses `log.jsonl`. An empty file is an empty log. */
export function parseLog(bytes: Uint8Array | string): LogLine[] {
  const text = typeof bytes === "string" ? bytes : new TextDecoder().decode(bytes);
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((t, i) => {
    let raw: unknown;
    try {
      raw = JSON.parse(t);
    } catch {
      return { line: i + 1, text: t, error: "not JSON" };
    }
    const parsed = LogEntry.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        line: i + 1,
        text: t,
        error: `not a log entry (${issue?.path.join(".") || "entry"}: ${issue?.message ?? "invalid"})`,
      };
    }
    return { line: i + 1, text: t, entry: parsed.data };
  });
}

/** The key currently in use according to the log: the newest `key` entry's. */
export function currentLogKey(lines: readonly LogLine[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const e = lines[i]!.entry;
    if (e?.type === "key") return e.keyId;
  }
  return undefined;
}

async function signEntry(
  signer: Signer,
  unsigned: Unsigned<LogEntry>,
): Promise<{ entry: LogEntry; text: string }> {
  const raw = await signer.sign(entryMessage(unsigned));
  if (raw.length !== 64)
    throw new Error(`signer: expected a 64-byte r||s signature, got ${raw.length} bytes`);
  const entry = { ...unsigned, sig: Buffer.from(raw).toString("base64url") } as LogEntry;
  return { entry, text: canonicalJson(entry) };
}

export interface Appended {
  /** The whole new log. Unchanged when the draft was already the newest record of its set. */
  bytes: Uint8Array;
  /** Entries added (a `key` entry first when the signer's key is new to the log). */
  added: LogEntry[];
}

/**
 * Appends `draft` to the log, signed by `signer`; first a `key` entry when the signer's key is not
 * the log's current key (the first entry of a new log, or a rotation). Idempotent: a draft whose
 * set's newest entry already records the same manifest sha256 adds nothing (a retried publish).
 * Refuses to extend a log whose lines do not parse: it would hide the damage.
 */
export async function appendToLog(
  log: Uint8Array | undefined,
  draft: LogDraft,
  signer: Signer,
  id?: SignerIdentity,
): Promise<Appended> {
  const lines = parseLog(log ?? new Uint8Array());
  const bad = lines.find((l) => l.error);
  if (bad) throw new Error(`log.jsonl line ${bad.line}: ${bad.error}; refusing to append`);
  const lastForSet = [...lines]
    .reverse()
    .find((l) => l.entry && l.entry.type !== "key" && l.entry.setId === draft.setId)?.entry as
    PublishEntry | ReviseEntry | undefined;
  const texts = lines.map((l) => l.text);
  if (lastForSet?.manifest === draft.manifest) return { bytes: utf8(joinLines(texts)), added: [] };

  const me = id ?? (await identify(signer));
  const added: LogEntry[] = [];
  const next = (): { seq: number; prev: string | null } => ({
    seq: texts.length,
    prev: texts.length ? lineHash(texts.at(-1)!) : null,
  });
  const current = currentLogKey(lines);
  if (current !== me.keyId) {
    const k = await signEntry(signer, {
      v: 1,
      ...next(),
      at: draft.at,
      keyId: me.keyId,
      type: "key",
      previousKeyId: current ?? null,
    });
    texts.push(k.text);
    added.push(k.entry);
  }
  const e = await signEntry(signer, { v: 1, ...next(), keyId: me.keyId, ...draft } as Unsigned<LogEntry>);
  texts.push(e.text);
  added.push(e.entry);
  return { bytes: utf8(joinLines(texts)), added };
}

function joinLines(texts: string[]): string {
  return texts.map((t) => t + "\n").join("");
}
