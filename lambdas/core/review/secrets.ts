/**
 * Secret-shaped tokens, found by shape rather than by provider patterns (the first pass's job):
 * a long run of token characters whose letters and digits alternate like random data and whose
 * entropy is high. Not secret-shaped, on purpose:
 * - placeholders (stripped before the scan; their brackets are not token characters anyway);
 * - UUIDs (8-4-4-4-12 hex) — identifiers, not credentials;
 * - pure hex of a common hash length (32 md5, 40 sha1/git, 56 sha224, 64 sha256, 96 sha384,
 *   128 sha512) — content hashes; a hex credential next to a keyword is still caught by the
 *   keyword rules;
 * - runs without letters (numbers, phone-like digits: the first pass's PII detectors own those);
 * - words, camelCase/snake_case identifiers and file paths: their letter/digit "pieces" are long,
 *   where random data changes class every two characters or so.
 */
import { blankDocumentedExamples } from "../examples";
import type { ReviewThresholds } from "./thresholds";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^(?:[0-9a-f]+|[0-9A-F]+)$/;
const HASH_LENGTHS = new Set([32, 40, 56, 64, 96, 128]);
/** A path component that reads like a word: `src`, `lib`, `node_modules`, `my-file`. */
const WORDLIKE = /^[A-Za-z][a-z]{2,}(?:[._-][a-z]+)*$/;
const PIECE = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g;

/** Per ASCII code: its count so far, and the codes in the order they first occur. */
const COUNTS = new Int32Array(128);
const FIRST = new Uint8Array(128);

/**
 * Shannon entropy in bits per character. ASCII text (every token run) is counted in a table and
 * summed in first-occurrence order, as the map below iterates: the same sum, bit for bit.
 */
export function shannon(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) {
      for (let j = 0; j < k; j++) COUNTS[FIRST[j]!] = 0;
      return shannonOf(s);
    }
    if (COUNTS[c]!++ === 0) FIRST[k++] = c;
  }
  let h = 0;
  for (let j = 0; j < k; j++) {
    const c = FIRST[j]!;
    const p = COUNTS[c]! / s.length;
    COUNTS[c] = 0;
    h -= p * Math.log2(p);
  }
  return h;
}

function shannonOf(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Mean length of the letter/digit pieces: `myFunctionName2` → my, Function, Name, 2 → 3.25. */
export function meanPiece(s: string): number {
  const pieces = s.match(PIECE);
  if (!pieces || pieces.length === 0) return Infinity;
  let n = 0;
  for (const p of pieces) n += p.length;
  return n / pieces.length;
}

/** Share of pieces that are one character long. */
export function singlePieceShare(s: string): number {
  const pieces = s.match(PIECE);
  if (!pieces || pieces.length === 0) return 0;
  return pieces.filter((p) => p.length === 1).length / pieces.length;
}

export interface TokenVerdict {
  length: number;
  entropy: number;
}

function shaped(t: string, minLength: number, th: ReviewThresholds): TokenVerdict | undefined {
  if (t.length < minLength) return undefined;
  if (UUID.test(t)) return undefined;
  if (HEX.test(t) && HASH_LENGTHS.has(t.length)) return undefined;
  // Which ASCII classes occur, in one pass.
  let lower = false;
  let upper = false;
  let digit = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = true;
    else if (c >= 65 && c <= 90) upper = true;
    else if (c >= 48 && c <= 57) digit = true;
  }
  const hasLetter = lower || upper;
  const mixedCase = lower && upper;
  if (!hasLetter || !(digit || mixedCase)) return undefined;
  const h = shannon(t);
  if (h < th.secretMinEntropy) return undefined;
  // Upper case and digits only (AKIA… in base32): long letter runs are normal there, and
  // identifiers in capitals carry separators (judged per segment above): entropy alone decides.
  if (lower) {
    // The pieces once, for both measures (`meanPiece` and `singlePieceShare`).
    const pieces = t.match(PIECE);
    if (!pieces || pieces.length === 0) return undefined; // mean piece Infinity
    let n = 0;
    let single = 0;
    for (const p of pieces) {
      n += p.length;
      if (p.length === 1) single++;
    }
    if (n / pieces.length > th.secretMaxMeanPiece) return undefined;
    // Random data leaves many one-character pieces; `utf8ToBase64AndBack` leaves few.
    if (single / pieces.length < 0.15) return undefined;
  }
  return { length: t.length, entropy: h };
}

/** Is this one run of token characters secret-shaped? (Exported for tests and benchmarks.) */
export function secretShaped(token: string, th: ReviewThresholds): TokenVerdict | undefined {
  const t = token.replace(/^[-_/+=]+|[-_/+=]+$/g, "");
  if (t.length < Math.min(th.secretMinLength, th.secretMinSegmentLength)) return undefined;
  // A path: judge each component on its own (a key can still hide in one).
  if (t.includes("/")) {
    const parts = t.split("/");
    if (parts.some((p) => WORDLIKE.test(p))) {
      for (const p of parts) {
        const v = secretShaped(p, th);
        if (v) return v;
      }
      return undefined;
    }
  }
  // An AWS key id in dashed groups of four (`AKIA-ABCD-…`): its groups are word-like capitals,
  // each too short to judge, so the whole is read as the key it spells (a digit in its body: a
  // line of dashed capital words is none).
  if (t.length === 24 && AWS_DASHED.test(t))
    return { length: t.length, entropy: shannon(t.replace(/-/g, "")) };
  // `xoxb-123456789012-…-AbC…`, `sk-proj-…`, `gpt-4o-mini-2024-07-18`: when a separated token
  // has a word-like or numeric segment it is structured — judge its segments, each on its own.
  if (/[-_]/.test(t)) {
    const segs = t.split(/[-_]+/).filter((s) => s.length > 0);
    const prefixed = prefixedHex(t, segs);
    if (prefixed !== undefined) return prefixed === "hash" ? undefined : prefixed;
    if (segs.some((s) => /^[A-Za-z]{2,}$|^[0-9]+$/.test(s))) {
      for (const seg of segs) {
        const v = shaped(seg, th.secretMinSegmentLength, th);
        if (v) return v;
      }
      return undefined;
    }
  }
  return shaped(t, th.secretMinLength, th);
}

/**
 * Labels that, before a long hex body, name a hash or an identifier rather than a credential
 * (`sha256-…`, `commit_…`, `trace_…`, `file_….png`). (Before, `sha256-…` and `md5_…` were read
 * as one random token and blocked.)
 */
const HASH_LABEL =
  /^(?:sha\d*|md5|blake\d*|xxh\d*|crc\d*|hash|sum|checksum|digest|commit|rev|ref|git|etag|id|uid|uuid|build|run|job|trace|span|req|request|msg|event|file|img|image|cache|tmp|temp|blob|obj|object|chunk|part|tx|block)$/i;

/**
 * A short label, at most one short piece, then a long hex body (`squ_…`, `sntryu_…`, `cosmo_…`,
 * `sbp_v0_…`): a provider's token, which a bare hash of the same length (left alone above) is not.
 * "hash" when the label names a hash or an identifier and the body has a hash's length
 * (`sha256-…`, `md5_…`, `commit_…`): left alone like the bare hash. Otherwise undefined: judged
 * as any other token.
 */
function prefixedHex(t: string, segs: string[]): TokenVerdict | "hash" | undefined {
  if (segs.length < 2 || segs.length > 3) return undefined;
  const body = segs[segs.length - 1]!;
  if (body.length < 32 || !HEX.test(body)) return undefined;
  const label = segs[0]!;
  if (!/^[A-Za-z][A-Za-z0-9]{1,9}$/.test(label)) return undefined;
  if (HASH_LABEL.test(label)) return segs.length === 2 && HASH_LENGTHS.has(body.length) ? "hash" : undefined;
  if (segs.length === 3 && segs[1]!.length > 3) return undefined;
  const h = shannon(body);
  return h >= 3 ? { length: t.length, entropy: h } : undefined;
}

const AWS_DASHED = /^A(?:KI|SI)A(?=(?:-[A-Z0-9]{4})*-[A-Z0-9]{0,3}\d)(?:-[A-Z0-9]{4}){4}$/;

export interface SecretHit extends TokenVerdict {
  start: number;
  end: number;
}

/** Token characters (`RUN`), by code unit (all of them: one load, no range test). */
const IS_RUN = new Uint8Array(65536);
for (let c = 0; c < 128; c++) IS_RUN[c] = /[A-Za-z0-9+/=_-]/.test(String.fromCharCode(c)) ? 1 : 0;
/**
 * The same for ASCII as a mask (-1 for a token character, else 0), for a run length kept
 * without a branch: `run = (run + 1) & RUN_MASK[c]` for an ASCII `c` (every token character is
 * ASCII; any other unit ends a run).
 */
export const RUN_MASK = new Int32Array(128);
for (let c = 0; c < 128; c++) RUN_MASK[c] = -IS_RUN[c]!;

/** The run length `longRuns(text, min)` asks for (a run at least this long is reported). */
export const runMinOf = (min: number) => Math.max(1, Math.ceil(min));
const runChar = (text: string, i: number) => IS_RUN[text.charCodeAt(i)] === 1;

/**
 * The whole runs of token characters at least `min` long, in order (shorter runs are never
 * secret-shaped). A run that long covers every `min`-th position, so only those are probed
 * and most prose is skipped without being read.
 */
export function longRuns(text: string, min: number): { start: number; end: number }[] {
  const n = runMinOf(min);
  const out: { start: number; end: number }[] = [];
  // Invariant: text[i - 1] is not a token character (or i is 0).
  let i = 0;
  while (i + n <= text.length) {
    const j = i + n - 1;
    if (!runChar(text, j)) {
      i = j + 1;
      continue;
    }
    let start = j;
    while (start > i && runChar(text, start - 1)) start--;
    let end = j + 1;
    while (end < text.length && runChar(text, end)) end++;
    if (end - start >= n) out.push({ start, end });
    i = end + 1;
  }
  return out;
}

/**
 * Runs found not secret-shaped under the thresholds in `PLAIN_FOR`: the same few (a scorer's
 * name, model ids, tags) come back in every body. Only short runs and only negative answers are
 * kept (a token judged secret-shaped is never held), at most `MAX_PLAIN` at a time.
 */
const PLAIN = new Set<string>();
const PLAIN_FOR = [NaN, NaN, NaN, NaN];
const MAX_PLAIN = 2048;
const MAX_PLAIN_LENGTH = 64;

/** `secretShaped`, answered from `PLAIN` when the run is known not to be. */
function shapedRun(token: string, th: ReviewThresholds): TokenVerdict | undefined {
  if (token.length > MAX_PLAIN_LENGTH) return secretShaped(token, th);
  if (
    PLAIN_FOR[0] !== th.secretMinLength ||
    PLAIN_FOR[1] !== th.secretMinSegmentLength ||
    PLAIN_FOR[2] !== th.secretMinEntropy ||
    PLAIN_FOR[3] !== th.secretMaxMeanPiece
  ) {
    PLAIN.clear();
    PLAIN_FOR[0] = th.secretMinLength;
    PLAIN_FOR[1] = th.secretMinSegmentLength;
    PLAIN_FOR[2] = th.secretMinEntropy;
    PLAIN_FOR[3] = th.secretMaxMeanPiece;
  }
  if (PLAIN.has(token)) return undefined;
  const v = secretShaped(token, th);
  if (!v) {
    if (PLAIN.size >= MAX_PLAIN) PLAIN.clear();
    PLAIN.add(token);
  }
  return v;
}

/** Every secret-shaped token in `text` (placeholders must already be stripped). */
export function findSecretShaped(text: string, th: ReviewThresholds): SecretHit[] {
  const out: SecretHit[] = [];
  // A vendor's documentation example (exactly, standing alone) is public text, not a leak.
  text = blankDocumentedExamples(text);
  for (const r of longRuns(text, th.secretMinSegmentLength)) {
    const v = shapedRun(text.slice(r.start, r.end), th);
    if (v) out.push({ ...v, start: r.start, end: r.end });
  }
  return out;
}
