/**
 * The redaction operator: replaces spans by typed, numbered placeholders (`⟦EMAIL_1⟧`), the same
 * value getting the same placeholder everywhere in one transcript, and records each finding with
 * its place in the redacted output and a keyed hash of the value (never the value).
 */
import { createHmac } from "node:crypto";
import { placeholder, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN } from "../placeholder";
import { detectSpans, merge, type DetectOptions } from "./detect";
import type { Span } from "./types";

/**
 * A value redacted somewhere in the transcript, to be redacted wherever else it stands as a word
 * (a name that had context in the prompt and none in the reasoning, a password quoted again).
 */
export interface Echo {
  value: string;
  category: string;
}

/** Shortest value echoed (the review's survival check starts at the same length). */
export const ECHO_MIN_LENGTH = 3;

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * A letter of a script that writes words without spaces (Han, kana) or glues particles to them
 * (Hangul): an echoed value ending in one is found glued to other letters ("王小明" in
 * "所以王小明想写信", "김민준" in "김민준이"), and one of two such letters is echoed (a
 * two-character name says as much as a six-letter one).
 */
const UNSPACED_LETTER = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/** Whether a redacted value is echoed: three characters, or two of a script without spaces. */
export function echoable(value: string): boolean {
  const v = value.trim();
  return v.length >= ECHO_MIN_LENGTH || (v.length === 2 && UNSPACED_LETTER.test(v));
}

/**
 * Occurrences of the echoed values in `text`, whatever their case, not glued to other
 * letters/digits on an edge that is a letter or digit of a script with spaces.
 */
export function echoSpans(text: string, echoes: readonly Echo[]): Span[] {
  const lower = text.toLowerCase();
  // Lower-casing that changes the length (rare scripts) would shift offsets: match case as given.
  const hay = lower.length === text.length ? lower : text;
  const spans: Span[] = [];
  for (const e of echoes) {
    const needle = hay === lower ? e.value.toLowerCase() : e.value;
    if (needle.length !== e.value.length) continue;
    const first = needle[0]!;
    const last = needle[needle.length - 1]!;
    const edgeL = WORD_CHAR.test(first) && !UNSPACED_LETTER.test(first);
    const edgeR = WORD_CHAR.test(last) && !UNSPACED_LETTER.test(last);
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
      const end = i + needle.length;
      if (edgeL && i > 0 && WORD_CHAR.test(hay[i - 1]!)) continue;
      if (edgeR && end < hay.length && WORD_CHAR.test(hay[end]!)) continue;
      spans.push({ start: i, end, category: e.category, detector: "echo" });
    }
  }
  return spans;
}

export interface Finding {
  category: string;
  detector: string;
  /** e.g. "messages[2].parts[0].text", "messages[3].parts[1].arguments.query", "model.id", "metadata.foo" */
  path: string;
  /** offsets in the REDACTED string at `path` */
  start: number;
  end: number;
  placeholder: string;
  /** HMAC-SHA256 hex of the value with the lab's key — never the value */
  valueHash: string;
}

const OPEN_RE = new RegExp(PLACEHOLDER_OPEN, "g");
const CLOSE_RE = new RegExp(PLACEHOLDER_CLOSE, "g");

/**
 * Placeholder brackets already in the input become ASCII brackets (same length, so offsets do
 * not move): nothing in the output can then be mistaken for a placeholder.
 */
export function neutralise(text: string): string {
  if (!text.includes(PLACEHOLDER_OPEN) && !text.includes(PLACEHOLDER_CLOSE)) return text;
  return text.replace(OPEN_RE, "[").replace(CLOSE_RE, "]");
}

/**
 * Spans already detected in the strings of one transcript, by string. Looked up by the string's
 * length first and then compared: a `Map` keyed by the string itself would hash every long text
 * of the transcript (a pass over each, ~1.5 ns per character) for a lookup that nearly always
 * misses in the first pass; strings of equal length are rare and differ early.
 */
export class DetectedSpans {
  readonly #byLength = new Map<number, [string, Span[]][]>();

  get(text: string): Span[] | undefined {
    const list = this.#byLength.get(text.length);
    if (list !== undefined) for (const [t, spans] of list) if (t === text) return spans;
    return undefined;
  }

  set(text: string, spans: Span[]): void {
    const list = this.#byLength.get(text.length);
    if (list === undefined) this.#byLength.set(text.length, [[text, spans]]);
    else list.push([text, spans]);
  }
}

/** Per-transcript state: placeholder numbering, findings, values. */
export class Redactor {
  readonly findings: Finding[] = [];
  readonly values = new Map<string, string>(); // key -> raw value
  private readonly byValue = new Map<string, string>(); // key -> placeholder
  private readonly perCategory = new Map<string, number>();
  private readonly key: Uint8Array | string;
  /**
   * The options for other strings and for identifiers (exact formats only, see
   * IDENTIFIER_SKIPPED), of one shape: detection reads them for every string, and objects of two
   * shapes there cost ~6 % of `redactTranscript` (measured).
   */
  private readonly textOpts: DetectOptions;
  private readonly idOpts: DetectOptions;

  constructor(
    hmacKey: string | Uint8Array,
    opts: DetectOptions,
    private readonly echoes: readonly Echo[] = [],
    /**
     * Spans already detected in a string with the same options (detection is a pure function of
     * the two): a transcript's second, echoing pass reuses the first pass's, and pays only for
     * the echoes.
     */
    private readonly detected?: DetectedSpans,
  ) {
    this.key = hmacKey;
    this.textOpts = { policy: opts.policy, disable: opts.disable, identifier: false };
    this.idOpts = { policy: opts.policy, disable: opts.disable, identifier: true };
  }

  /** The values redacted so far, with their categories (for a second, echoing pass). */
  redactedValues(): Echo[] {
    return [...this.values].map(([key, value]) => ({ value, category: key.slice(0, key.indexOf("\u0000")) }));
  }

  private placeholderFor(category: string, value: string): { ph: string; key: string } {
    const key = `${category}\u0000${value.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim()}`;
    let ph = this.byValue.get(key);
    if (!ph) {
      const n = (this.perCategory.get(category) ?? 0) + 1;
      this.perCategory.set(category, n);
      ph = placeholder(category, n);
      this.byValue.set(key, ph);
    }
    return { ph, key };
  }

  private readonly hashes = new Map<string, string>(); // value -> its HMAC, computed once

  hash(value: string): string {
    let h = this.hashes.get(value);
    if (h === undefined) {
      h = createHmac("sha256", this.key).update(value, "utf8").digest("hex");
      this.hashes.set(value, h);
    }
    return h;
  }

  /**
   * Redacts one published string found at `path`. An `identifier` (a tool call's id, a result's
   * reference to it) is searched for exact formats only; the same value gets the same placeholder
   * wherever it stands, so a call and its result stay linked.
   */
  redact(input: string, path: string, identifier = false): string {
    if (!input) return input;
    const text = neutralise(input);
    return this.splice(text, this.spansOf(text, identifier), path);
  }

  /**
   * Redacts `input` as found in it and in another reading of it of the same length (an author
   * name `Jane_Roe` read as "Jane Roe"): spans found in either replace the same characters of
   * `input`, so what was not found stays as written.
   */
  redactReading(input: string, reading: string, path: string): string {
    if (!input) return input;
    if (reading.length !== input.length) throw new Error("a reading must keep the length");
    const text = neutralise(input);
    const found = this.spansOf(neutralise(reading), false);
    const own = this.spansOf(text, false);
    return this.splice(text, found.length ? merge([...found, ...own]) : own, path);
  }

  /**
   * Redacts a JSON string value with the name it stands under as its context: the detectors read
   * `<label>: <input>` (`{"dob": "1984-03-12"}` as "dob: 1984-03-12", where the birth cue is), and
   * the spans that reach into the value replace its characters, clipped to it, along with what the
   * value holds on its own.
   */
  redactLabelled(input: string, label: string, path: string): string {
    if (!input) return input;
    const text = neutralise(input);
    const prefix = neutralise(label) + ": ";
    const own = this.spansOf(text, false);
    const at = prefix.length;
    const found: Span[] = [];
    for (const s of this.spansOf(prefix + text, false))
      if (s.end > at) found.push({ ...s, start: Math.max(s.start, at) - at, end: s.end - at });
    return this.splice(text, found.length ? merge([...found, ...own]) : own, path);
  }

  /** The categories the detectors (and echoes) find in `text`, nothing recorded. */
  categoriesIn(text: string): string[] {
    return this.spansOf(neutralise(text), false).map((s) => s.category);
  }

  /** The spans of one string to redact: detected (or remembered), and the echoes. */
  private spansOf(text: string, identifier: boolean): Span[] {
    let spans: Span[] | undefined;
    if (identifier) spans = detectSpans(text, this.idOpts);
    else {
      spans = this.detected?.get(text);
      if (spans === undefined) {
        spans = detectSpans(text, this.textOpts);
        this.detected?.set(text, spans);
      }
    }
    if (this.echoes.length) {
      const extra = echoSpans(text, this.echoes);
      if (extra.length) spans = merge([...spans, ...extra]);
    }
    return spans;
  }

  /** `text` with each span replaced by its placeholder, each recorded as a finding. */
  private splice(text: string, spans: readonly Span[], path: string): string {
    if (!spans.length) return text;
    let out = "";
    let last = 0;
    for (const s of spans) {
      const value = text.slice(s.start, s.end);
      const { ph, key } = this.placeholderFor(s.category, value);
      out += text.slice(last, s.start);
      const start = out.length;
      out += ph;
      this.values.set(key, value);
      this.findings.push({
        category: s.category,
        detector: s.detector,
        path,
        start,
        end: out.length,
        placeholder: ph,
        valueHash: this.hash(value),
      });
      last = s.end;
    }
    return out + text.slice(last);
  }

  /**
   * Replaces a whole value found by its context rather than by detection (a JSON number that is a
   * card, phone or SSN) with its category's placeholder, recorded like any other finding.
   */
  redactWhole(value: string, category: string, detector: string, path: string): string {
    const { ph, key } = this.placeholderFor(category, value);
    this.values.set(key, value);
    this.findings.push({
      category,
      detector,
      path,
      start: 0,
      end: ph.length,
      placeholder: ph,
      valueHash: this.hash(value),
    });
    return ph;
  }

  /** Number of distinct placeholders handed out. */
  get placeholders(): number {
    return this.byValue.size;
  }
}
