/** Shared shapes of the redaction engine: a detector finds spans in one string. */
import { isSpace } from "../chars";

export { isSpace };

/** A stretch of one string to redact: `[start, end)` UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
  category: string;
  detector: string;
}

/** Everything a detector may consult besides the text itself. */
export interface DetectContext {
  /** Lower-cased internal domains of the lab (from its policy). */
  internalDomains: readonly string[];
}

/** One detector: a pure function from a string to spans. Its `name` can be switched off. */
export interface Detector {
  readonly name: string;
  readonly category: string;
  detect(text: string, ctx: DetectContext): Span[];
  /**
   * Set when the detector finds nothing in a text that fails `mayHoldSecret` (its first test):
   * `detect` then asks the gate once for all such detectors instead of calling each.
   */
  readonly secretGated?: boolean;
}

/** The categories a placeholder can carry (upper-cased in the placeholder itself). */
export const CATEGORY = {
  secret: "SECRET",
  email: "EMAIL",
  phone: "PHONE",
  card: "CARD",
  iban: "IBAN",
  ssn: "SSN",
  id: "ID",
  dob: "DOB",
  ip: "IP",
  address: "ADDRESS",
  user: "USER",
  person: "PERSON",
  term: "TERM",
  host: "HOST",
} as const;

/** Helper used by every regex detector: collect the spans of group `g` (0 = whole match). */
export function spansOf(
  re: RegExp,
  text: string,
  category: string,
  detector: string,
  accept?: (value: string, m: RegExpExecArray) => boolean,
  g = 0,
): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const value = m[g];
    if (value === undefined || value.length === 0) continue;
    if (accept && !accept(value, m)) continue;
    const start = g === 0 ? m.index : (m.indices?.[g]?.[0] ?? m.index + m[0].indexOf(value));
    out.push({ start, end: start + value.length, category, detector });
  }
  return out;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Cheap gate for secret rules: a secret is a run of at least 16 token characters holding a digit,
 * or sits in a URL or a PEM block. Ordinary prose and arithmetic rarely pass it.
 */
let memoText = "";
let memoResult = false;

export function mayHoldSecret(text: string): boolean {
  if (text === memoText) return memoResult;
  memoText = text;
  memoResult = computeMayHoldSecret(text);
  return memoResult;
}

/** Character classes of the secret gate: 1 digit, 2 ASCII letter, 4 joiner (`_`, `-`), 8 other token character. */
const TOKEN_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) TOKEN_CLASS[c] = 1;
for (let c = 65; c <= 90; c++) TOKEN_CLASS[c] = 2;
for (let c = 97; c <= 122; c++) TOKEN_CLASS[c] = 2;
TOKEN_CLASS[95] = 4;
TOKEN_CLASS[45] = 4;
for (const c of "+/=.~") TOKEN_CLASS[c.charCodeAt(0)] = 8;

function tokenClass(c: number): number {
  return c < 128 ? TOKEN_CLASS[c]! : 0;
}

const AWS_KEY_ID = /(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z0-9]{16}/;

function computeMayHoldSecret(text: string): boolean {
  if (text.includes("://") || text.includes("PRIVATE KEY")) return true;
  // A hand-written scan (a regex with a {16,} quantifier retries at every word start) that
  // skips ahead: a run of 16 token characters holds every 16th position, so only those are
  // probed, and a run is walked in full only around a probe that lands in one.
  const n = text.length;
  let i = 15;
  while (i < n) {
    if (tokenClass(text.charCodeAt(i)) === 0) {
      i += 16;
      continue;
    }
    let s = i;
    while (s > 0 && tokenClass(text.charCodeAt(s - 1)) !== 0) s--;
    let e = i + 1;
    while (e < n && tokenClass(text.charCodeAt(e)) !== 0) e++;
    if (e - s >= 16) {
      let seen = 0;
      for (let j = s; j < e; j++) {
        seen |= tokenClass(text.charCodeAt(j));
        const run = j - s + 1;
        if (run >= 16 && (seen & 2) !== 0 && ((seen & 1) !== 0 || ((seen & 4) !== 0 && run >= 20)))
          return true;
      }
      // An AWS key id is 20 capitals and digits from a 32-character alphabet: one in 28 has no digit.
      if (e - s >= 20 && AWS_KEY_ID.test(text.slice(s, e))) return true;
    }
    i = e + 16;
  }
  return false;
}

/**
 * Runs `f` on windows of `text` around the given anchor offsets (merged when they overlap) and
 * maps the spans back: expensive patterns then only run where a cheap anchor was seen.
 */
export function inWindows(
  text: string,
  anchors: number[],
  before: number,
  after: number,
  f: (w: string) => Span[],
): Span[] {
  if (!anchors.length) return [];
  const wins: [number, number][] = [];
  for (const a of anchors) {
    const s = Math.max(0, a - before);
    const e = Math.min(text.length, a + after);
    const last = wins[wins.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else wins.push([s, e]);
  }
  const out: Span[] = [];
  for (const [s, e] of wins) {
    // Widen to line boundaries-or-spaces so a window never starts inside a word.
    let ws = s;
    while (ws > 0 && ws > s - 40 && !isSpace(text.charCodeAt(ws - 1))) ws--;
    let we = e;
    while (we < text.length && we < e + 40 && !isSpace(text.charCodeAt(we))) we++;
    for (const sp of f(text.slice(ws, we))) out.push({ ...sp, start: sp.start + ws, end: sp.end + ws });
  }
  return out;
}
