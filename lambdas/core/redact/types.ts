/** Shared shapes of the redaction engine: a detector finds spans in one string. */

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
}

/** The categories a placeholder can carry (upper-cased in the placeholder itself). */
export const CATEGORY = {
  secret: "SECRET",
  email: "EMAIL",
  phone: "PHONE",
  card: "CARD",
  iban: "IBAN",
  ssn: "SSN",
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
