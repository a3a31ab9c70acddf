/**
 * The lab's policy: deny terms (always redacted, whatever the case, spacing, punctuation or
 * Unicode look-alikes), allow terms (never redacted) and internal domains (host names under them
 * are redacted). Terms are matched on folded text (see fold.ts) with Aho–Corasick, so a policy of
 * thousands of terms costs one pass.
 */
import * as z from "zod";
import AhoCorasick from "modern-ahocorasick/fast";
import { fold, FOLDS_WITHOUT_ASCII, foldTerm, foldText } from "./fold";
import { CATEGORY, type Span } from "./types";

export const Policy = z.object({
  denyTerms: z.array(z.string().max(256)).max(10_000).default([]),
  allowTerms: z.array(z.string().max(256)).max(10_000).default([]),
  internalDomains: z.array(z.string().max(253)).max(1_000).default([]),
});
export type Policy = { denyTerms: string[]; allowTerms: string[]; internalDomains: string[] };

export const EMPTY_POLICY: Policy = { denyTerms: [], allowTerms: [], internalDomains: [] };

/**
 * Folded terms and how to find them. A typical policy holds a handful of terms, for which one
 * native `indexOf` scan per term is ~20× faster than the Aho–Corasick automaton in JavaScript;
 * from `AC_FROM` terms on, the automaton's single pass wins.
 */
interface Matcher {
  terms: string[];
  ac?: AhoCorasick;
  /**
   * For ASCII text and the indexOf path: matches wherever a term can occur. ASCII text folds to its
   * letters and digits, lower-cased, so a folded term occurs exactly where its characters appear
   * in order, in either case, with only other ASCII characters between them. `null`: no term
   * folds to ASCII, so none can occur in ASCII text.
   */
  asciiGate?: RegExp | null;
  /**
   * Every term folds to ASCII: then text of ASCII and FOLDS_WITHOUT_ASCII characters can take the
   * gate too, as those characters fold to nothing the gate's terms are made of, so they can only
   * separate a term's characters (which the gate allows) or interrupt them.
   */
  allAscii?: boolean;
}
const AC_FROM = 64;

interface Compiled {
  deny?: Matcher;
  /** Where a deny term may be in base64 or hex (see `encodedGate`); `null`: no term is long enough. */
  encoded: RegExp | null;
  allow?: Matcher;
  domains: string[];
  /**
   * Where an internal host can be: HOST_RE matches ASCII only, so a host under a domain holds the
   * (ASCII) domain, in some case; a domain with other characters can never match. `null`: none can.
   */
  domainGate: RegExp | null;
}

const cache = new WeakMap<Policy, Compiled>();

function matcher(terms: string[]): Matcher | undefined {
  const folded = [...new Set(terms.map(foldTerm).filter((t) => t.length > 0))];
  if (!folded.length) return undefined;
  if (folded.length >= AC_FROM) return { terms: folded, ac: new AhoCorasick(folded) };
  const ascii = folded.filter((t) => /^[a-z0-9]+$/.test(t));
  return {
    terms: folded,
    asciiGate: ascii.length ? new RegExp(ascii.map(gateTerm).join("|"), "i") : null,
    allAscii: ascii.length === folded.length,
  };
}

/** Letters from commonest to rarest in English prose (digits count as common: reasoning is full of them). */
const LETTER_RANK = "etaoinsrhldcumfpgwybvkxjqz";

/**
 * The gate's pattern for one folded ASCII term: its characters in order, with any run of other
 * characters than ASCII letters and digits between them. Written from the term's rarest letter
 * ("j" of "nightjar"): the regex looks for that letter first and checks the characters before it
 * with a look-behind, so it skips through the text to the few places where the rare letter stands
 * instead of trying the term at every "n" (the same texts match; a test compares it to the plain
 * pattern, `[...term].join(sep)`).
 */
export function gateTerm(term: string): string {
  const SEP = "[^A-Za-z0-9]*";
  let k = 0;
  for (let i = 1; i < term.length; i++)
    if (LETTER_RANK.indexOf(term[i]!) > LETTER_RANK.indexOf(term[k]!)) k = i;
  const before = [...term.slice(0, k + 1)].join(SEP);
  const after = [...term.slice(k + 1)].map((c) => SEP + c).join("");
  return k === 0 ? term[0]! + after : `${term[k]!}(?<=${before})${after}`;
}

/** Every (possibly overlapping) occurrence of a term in folded text, `end` exclusive. */
function* find(m: Matcher, text: string): Iterable<{ start: number; end: number }> {
  if (m.ac) {
    yield* m.ac.search(text, { strategy: "all" });
    return;
  }
  for (const term of m.terms) {
    for (let i = text.indexOf(term); i !== -1; i = text.indexOf(term, i + 1)) {
      yield { start: i, end: i + term.length };
    }
  }
}

/**
 * Words that only say what kind of thing a deny term names ("Project Bluefinch", "Operation
 * Nightjar", "the Kestrel model"): the term's other words are its codename, which a lab's people
 * write on its own ("ask the Bluefinch team", `bluefinch-eval`), so it is a deny term too.
 */
const GENERIC_LEAD = new Set([
  "project",
  "operation",
  "codename",
  "code-name",
  "program",
  "programme",
  "initiative",
]);
const GENERIC_TRAIL = new Set(["project", "model", "program", "programme", "initiative", "team"]);
/** A codename shorter than this (folded) is no term of its own ("Project X"). */
const CODENAME_MIN = 4;

/**
 * The deny terms with the codename of each term that has a generic word before or after it
 * ("Project Bluefinch" → also "Bluefinch"; "Code name Nightjar" → "Nightjar").
 */
export function withCodenames(terms: readonly string[]): string[] {
  const out = [...terms];
  for (const term of terms) {
    const words = term.trim().split(/\s+/);
    let from = 0;
    let to = words.length;
    const lower = words.map((w) => w.toLowerCase());
    if (lower[0] === "code" && lower[1] === "name") from = 2;
    else if (GENERIC_LEAD.has(lower[0]!)) from = 1;
    if (to - from > 1 && GENERIC_TRAIL.has(lower[to - 1]!)) to--;
    if (from === 0 && to === words.length) continue;
    const rest = lower.slice(from, to);
    // "Project Team" names no codename.
    if (rest.every((w) => GENERIC_LEAD.has(w) || GENERIC_TRAIL.has(w))) continue;
    const codename = words.slice(from, to).join(" ");
    if (foldTerm(codename).length >= CODENAME_MIN) out.push(codename);
  }
  return out;
}

export function compile(p: Policy): Compiled {
  let c = cache.get(p);
  if (!c) {
    const domains = p.internalDomains
      .map((d) =>
        d
          .trim()
          .toLowerCase()
          .replace(/^\*?\./, ""),
      )
      .filter(Boolean);
    const terms = withCodenames(p.denyTerms);
    c = {
      // The terms' rot13 and reversed forms are terms too: found as the terms are.
      deny: matcher([...terms, ...rotatedAndReversed(terms)]),
      encoded: encodedGate(terms),
      allow: matcher(p.allowTerms),
      domains,
      domainGate: domainGate(domains),
    };
    cache.set(p, c);
  }
  return c;
}

/**
 * Deny terms encoded in a model's reasoning, tool calls and results (puzzles, CTF-style tasks):
 * in rot13, reversed, base64 (also base64url) or hex. rot13 and reversed forms are matched as
 * terms (the word is redacted); base64 and hex are found by literal patterns made once per policy
 * (nothing is decoded), and the whole run of base64 or hex characters holding one is redacted.
 *
 * A term needs 5 bytes (UTF-8) for base64 and hex, and 5 letters or digits for rot13 and
 * reversed: every base64 pattern then has at least 6 characters (36 bits) and a hex one 10 digits,
 * which random base64 or hex matches by chance once in billions of places; a reversed or rotated
 * word of 4 letters is an English word too often ("star", "evil").
 */
const ENCODED_MIN = 5;

function rot13(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 97 && c <= 122) out += String.fromCharCode(((c - 84) % 26) + 97);
    else if (c >= 65 && c <= 90) out += String.fromCharCode(((c - 52) % 26) + 65);
    else out += ch;
  }
  return out;
}

/** The rot13 and reversed forms of the terms with a letter that are not the term itself (palindromes). */
export function rotatedAndReversed(terms: readonly string[]): string[] {
  const out: string[] = [];
  for (const term of terms) {
    const own = foldTerm(term);
    // (A number reversed is another number, no code name written backwards.)
    if ([...own].length < ENCODED_MIN || !/\p{L}/u.test(own)) continue;
    for (const form of [rot13(term), [...term].reverse().join("")])
      if (foldTerm(form) !== own) out.push(form);
  }
  return out;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * The base64 characters that encode `bytes` whatever surrounds them, placed `lead` (0–2) bytes
 * into a 3-byte group: the characters made of the term's bits only. Every base64 text holding the
 * term holds one of the three.
 */
export function base64Core(bytes: Uint8Array, lead: number): string {
  const all = new Uint8Array(lead + bytes.length + 2);
  all.set(bytes, lead);
  let enc = "";
  for (let i = 0; i + 3 <= all.length; i += 3) {
    const v = (all[i]! << 16) | (all[i + 1]! << 8) | all[i + 2]!;
    enc += BASE64[v >> 18]! + BASE64[(v >> 12) & 63]! + BASE64[(v >> 6) & 63]! + BASE64[v & 63]!;
  }
  return enc.slice(Math.ceil((lead * 8) / 6), Math.floor(((lead + bytes.length) * 8) / 6));
}

/**
 * Characters of base64 and hex text from the rarest in reasoning to the commonest (counted on the
 * benchmark corpus; one not listed is rarer still): a pattern is looked for from its rarest
 * character, which the regular expression engine skips to (as `gateTerm` does).
 */
const B64_RANK = "_QUXYGROEDVCN9qjFPJBzAL/-8KW7HIM+xS6T54v312kg0bwpyfumcdlhnriosate";

function rareFirst(literal: string): string {
  const esc = (t: string) => t.replace(/[+/-]/g, "\\$&");
  let k = 0;
  for (let i = 1; i < literal.length; i++)
    if (B64_RANK.indexOf(literal[i]!) < B64_RANK.indexOf(literal[k]!)) k = i;
  return k === 0
    ? esc(literal)
    : `${esc(literal[k]!)}(?<=${esc(literal.slice(0, k + 1))})${esc(literal.slice(k + 1))}`;
}

/**
 * One pattern for every term of at least ENCODED_MIN bytes, written as is, in lower case, upper
 * case and capitalised: its three base64 cores (both alphabets) and its hex (either digit case).
 */
function encodedGate(terms: readonly string[]): RegExp | null {
  const literals = new Set<string>();
  const utf8 = new TextEncoder();
  for (const term of terms) {
    const t = term.trim();
    const lower = t.toLowerCase();
    const capital = lower.replace(
      /(^|[^\p{L}\p{N}])(\p{L})/gu,
      (_, a: string, b: string) => a + b.toUpperCase(),
    );
    for (const form of new Set([t, lower, t.toUpperCase(), capital])) {
      const bytes = utf8.encode(form);
      if (bytes.length < ENCODED_MIN) continue;
      for (let lead = 0; lead < 3; lead++) {
        const core = base64Core(bytes, lead);
        literals.add(core);
        literals.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
      }
      let hex = "";
      for (const b of bytes) hex += b.toString(16).padStart(2, "0");
      literals.add(hex);
      literals.add(hex.toUpperCase());
    }
  }
  return literals.size ? new RegExp([...literals].map(rareFirst).join("|"), "g") : null;
}

/** Base64 (both alphabets) and hex characters, `=` aside. */
function isB64Unit(c: number): boolean {
  return isAsciiAlnum(c) || c === 43 || c === 47 || c === 45 || c === 95;
}

/** The whole runs of base64 or hex characters (with their `=` padding) holding a deny term's encoding. */
function encodedSpans(gate: RegExp, text: string): [number, number][] {
  const out: [number, number][] = [];
  gate.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = gate.exec(text)) !== null) {
    // (The match's index is its rarest character's: the run holds the rest around it.)
    let a = m.index;
    while (a > 0 && isB64Unit(text.charCodeAt(a - 1))) a--;
    let b = m.index + m[0].length;
    while (b < text.length && isB64Unit(text.charCodeAt(b))) b++;
    for (let pad = 0; pad < 2 && text.charCodeAt(b) === 61; pad++) b++;
    out.push([a, b]);
    gate.lastIndex = b;
  }
  return out;
}

const WORDISH = /[\p{L}\p{N}]/u;
const DIGIT = /\p{N}/u;

/**
 * deny and allow matching look at the same string one after the other: whether it is ASCII, its
 * folded text and its folded offsets are worked out once, each only when needed.
 */
interface TextState {
  text: string;
  /** ASCII, nearly ASCII (FOLDS_WITHOUT_ASCII too), or anything else */
  kind: TextKind;
  folded?: string;
  offsets?: ReturnType<typeof fold>;
}
const enum TextKind {
  ascii,
  nearlyAscii,
  other,
}
let last: TextState | undefined;
const NON_ASCII = /[^\t-~]/; // anything outside tab…tilde: ASCII controls only cost the slow path
const NOT_NEARLY_ASCII = new RegExp(`[^\\t-~${FOLDS_WITHOUT_ASCII}]`);
const NON_ASCII_RUN = /[^\t-~]+/g;

/**
 * Whether no code unit of `text` matches NOT_NEARLY_ASCII: asked of its runs of non-ASCII code
 * units only (a scan for them is a simple class, ~6× cheaper than the long class over the text).
 */
export function nearlyAscii(text: string): boolean {
  NON_ASCII_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NON_ASCII_RUN.exec(text)) !== null) if (NOT_NEARLY_ASCII.test(m[0])) return false;
  return true;
}

function textState(text: string): TextState {
  if (last?.text !== text) {
    const kind = !NON_ASCII.test(text)
      ? TextKind.ascii
      : nearlyAscii(text)
        ? TextKind.nearlyAscii
        : TextKind.other;
    last = { text, kind };
  }
  return last;
}

/**
 * Whether `text` is ASCII only, from the state deny-term matching keeps of the last text it read
 * (detection asks after matching the text's terms: then without a second scan).
 */
export function asciiOnly(text: string): boolean {
  // Without a policy nothing has read the text yet: one scan for a non-ASCII unit is all this
  // needs (the full state would also classify non-ASCII texts, which this never asks).
  if (last?.text === text) return last.kind === TextKind.ascii;
  return !NON_ASCII.test(text);
}

/** Whether a code unit of folded text is a digit (folding keeps letters and digits only). */
function isDigitUnit(c: number): boolean {
  return c < 0x80 ? c >= 48 && c <= 57 : DIGIT.test(String.fromCharCode(c));
}

/**
 * Whether the character beside a term's occurrence (the one before `at` when `before`, else the
 * one at `at`) glues it into a longer word: a letter or digit (one that folds to something) *of
 * the same class* as the term's folded character on that side, `edge`. A neighbour of the other
 * class leaves a boundary: a code name and its version are written together ("Bluefinch2026",
 * "Kestrel-7b", "2Bluefinch"), while "Bluefinches" and "Kestrel-72" are other words.
 *
 * Scripts written without spaces between words (Chinese, Japanese, Thai…, and Korean with its
 * particles glued on) have no such boundary to look for: a letter glues nothing when it is of one
 * of them ("我们的Nightjar模型", "블루핀치의"), nor when the term's own letter on that side,
 * `spaceless`, is ("夜鹰API"). Digits beside a term keep the rule above in every script.
 */
function glued(text: string, at: number, before: boolean, edge: number, spaceless = false): boolean {
  // (edge -1: any letter or digit glues, the strict boundary of allow terms)
  if (before ? at === 0 : at >= text.length) return false;
  const c = text.charCodeAt(before ? at - 1 : at);
  if (c < 0x80) {
    // ASCII: letters and digits fold to themselves, the rest to nothing.
    const digit = c >= 48 && c <= 57;
    if (!digit && !((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
    if (!digit && spaceless) return false;
    // The letter of an escape written out (`\n`, `\t` of JSON or a log line quoted as text) is
    // no part of the word after it: "status ok\nNightjar resumed".
    if (before && edge >= 0 && at >= 2 && text.charCodeAt(at - 2) === 92 && ESCAPE_LETTER.has(c))
      return false;
    return edge < 0 || digit === isDigitUnit(edge);
  }
  const pair = before
    ? c >= 0xdc00 && c <= 0xdfff && at >= 2 && isHighSurrogate(text.charCodeAt(at - 2))
    : isHighSurrogate(c) && at + 1 < text.length;
  const ch = before ? text.slice(pair ? at - 2 : at - 1, at) : text.slice(at, pair ? at + 2 : at + 1);
  if (!WORDISH.test(ch)) return false;
  const folded = foldTerm(ch);
  if (folded === "") return false;
  const digit = isDigitUnit(folded.charCodeAt(before ? folded.length - 1 : 0));
  if (!digit && (spaceless || isSpaceless(ch))) return false;
  return edge < 0 || digit === isDigitUnit(edge);
}

/**
 * Letters of the scripts written without spaces between words, by Script_Extensions (so that
 * the Katakana-Hiragana length mark ー and the iteration marks count): Han, Kana, Hangul,
 * Bopomofo, Thai, Lao, Khmer, Myanmar, Tibetan, Yi and the Tai, Balinese and Javanese scripts.
 */
const SPACELESS =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Tibetan}\p{scx=Yi}\p{scx=Tai_Le}\p{scx=New_Tai_Lue}\p{scx=Tai_Tham}\p{scx=Tai_Viet}\p{scx=Balinese}\p{scx=Javanese}]/u;

/**
 * Whether a character (one code point, as a string) is of a script written without spaces.
 * Below U+0E00 (Thai) none is: the spacing modifier letters that Bopomofo shares (ʼ, ˊ) are Latin
 * text's too.
 */
function isSpaceless(ch: string): boolean {
  return ch.charCodeAt(0) >= 0x0e00 && SPACELESS.test(ch);
}

/** Whether the code point of folded text that ends (`last`) or starts at `i` is a spaceless letter. */
function spacelessAt(folded: string, i: number, last: boolean): boolean {
  const c = folded.charCodeAt(i);
  if (c < 0x0e00) return false;
  if (last && c >= 0xdc00 && c <= 0xdfff && i > 0 && isHighSurrogate(folded.charCodeAt(i - 1)))
    return isSpaceless(folded.slice(i - 1, i + 1));
  return isSpaceless(folded.slice(i, isHighSurrogate(c) ? i + 2 : i + 1));
}

/** n, t, r, f, b, v: the letters of `\n`-style escapes. */
const ESCAPE_LETTER: ReadonlySet<number> = new Set([110, 116, 114, 102, 98, 118]);

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Whether `text[start, end)` lies in a word of 16 or more hex digits only (a hash, a full commit
 * id). Shorter ones stay matched: "Deadbeef2026" is a code name with its version as much as a hex
 * number, and a short commit id is rarely cut by a term; over-redaction is the safe side.
 */
function inHexRun(text: string, start: number, end: number): boolean {
  let a = start;
  while (a > 0 && isAsciiAlnum(text.charCodeAt(a - 1))) a--;
  let b = end;
  while (b < text.length && isAsciiAlnum(text.charCodeAt(b))) b++;
  if (b - a < 16) return false;
  for (let i = a; i < b; i++) if (!isHex(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Whether a short version suffix, `v` and digits (`2`, `2.1`), follows at `at` and ends the word:
 * "nightjarv2" is the code name's second version; other letters glued on ("nightjarxl",
 * "nightjarmodel") make another word (the review flags those for a person to judge).
 */
function versionAfter(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c !== 118 && c !== 86) return false;
  let i = at + 1;
  const digitAt = (k: number) => {
    const d = text.charCodeAt(k);
    return d >= 48 && d <= 57;
  };
  if (!digitAt(i)) return false;
  while (digitAt(i)) i++;
  if (text.charCodeAt(i) === 46 && digitAt(i + 1)) for (i++; digitAt(i);) i++;
  return i >= text.length || !glued(text, i, false, -1);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * Occurrences of the terms of `matcher` in `text`, as original offsets, at word boundaries. With
 * `strict`, any letter or digit beside an occurrence glues it (allow terms: an allow term lifts a
 * redaction only where it stands as a word of its own — "Kestrel-7" allowed must not lift the
 * deny term "Kestrel" in "Kestrel-7b"; over-redaction is the safe side); without, only one of the
 * same class as the term's character on that side (deny terms, see `glued`).
 */
function occurrences(matcher: Matcher, text: string, strict: boolean): [number, number][] {
  const st = textState(text);
  const gate = matcher.asciiGate;
  if (gate !== undefined) {
    if (st.kind === TextKind.ascii && (gate === null || !gate.test(text))) return [];
    if (st.kind === TextKind.nearlyAscii && matcher.allAscii && !gate!.test(text)) return [];
  }
  st.folded ??= foldText(text);
  if (!st.folded) return [];
  const found = [...find(matcher, st.folded)];
  if (!found.length) return [];
  const f = (st.offsets ??= fold(text));
  const out: [number, number][] = [];
  for (const m of found) {
    const start = f.starts[m.start]!;
    const end = f.ends[m.end - 1]!;
    // Word boundaries in the original: "Falcon" must not fire inside "Falconry", nor "Orion-7"
    // inside "Orion-72"; a neighbour of the other class still leaves a boundary (below).
    if (m.start > 0 && f.starts[m.start - 1] === start) continue; // mid code point
    const openStart = spacelessAt(st.folded, m.start, false);
    const openEnd = spacelessAt(st.folded, m.end - 1, true);
    // A Hangul syllable folds to its jamo: a term ending inside one ("블루핀치" in "블루핀칙")
    // is no occurrence, as one starting inside one is not (above).
    if (openEnd && m.end < f.starts.length && f.starts[m.end]! < end) continue;
    if (glued(text, start, true, strict ? -1 : st.folded.charCodeAt(m.start), openStart)) continue;
    if (
      glued(text, end, false, strict ? -1 : st.folded.charCodeAt(m.end - 1), openEnd) &&
      (strict || !versionAfter(text, end))
    )
      continue;
    // A term of a–f letters glued to digits inside a hash ("cafe" in a commit id) is no version.
    if (
      !strict &&
      (glued(text, start, true, -1) || glued(text, end, false, -1)) &&
      inHexRun(text, start, end)
    )
      continue;
    out.push([start, end]);
  }
  return out;
}

export function denySpans(p: Policy, text: string): Span[] {
  const c = compile(p);
  if (!c.deny) return [];
  const found = occurrences(c.deny, text, false);
  if (c.encoded) {
    const encoded = encodedSpans(c.encoded, text);
    if (encoded.length) found.push(...encoded);
  }
  if (found.length < 2) return found.map(([start, end]) => termSpan(start, end));
  // A codename inside the whole term's match ("Nightjar" of "Project Nightjar") is no span of its
  // own: by start, the longer first; a match ending within one before it is left out.
  const out: Span[] = [];
  let reach = -1;
  for (const [start, end] of [...found].sort((a, b) => a[0] - b[0] || b[1] - a[1])) {
    if (end <= reach) continue;
    out.push(termSpan(start, end));
    reach = end;
  }
  return out;
}

function termSpan(start: number, end: number): Span {
  return { start, end, category: CATEGORY.term, detector: "deny-term" };
}

export function allowRanges(p: Policy, text: string): [number, number][] {
  const c = compile(p);
  return c.allow ? occurrences(c.allow, text, true) : [];
}

const HOST_RE = /(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?![\w-])/gi;

function domainGate(domains: string[]): RegExp | null {
  const ascii = domains.filter((d) => /^[\x20-\x7e]+$/.test(d));
  if (!ascii.length) return null;
  return new RegExp(ascii.map((d) => d.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")).join("|"), "i");
}

/** A domain written as an LDAP name's domain components: `DC=corp,DC=example,DC=com`. */
const LDAP_DC_RE = /(?<![\w-])dc=[a-z0-9-]+(?:\s*,\s*dc=[a-z0-9-]+)+/gi;

export function internalHostSpans(p: Policy, text: string): Span[] {
  const { domains, domainGate } = compile(p);
  if (!domains.length) return [];
  const ldap = text.includes("=") && /dc=/i.test(text);
  if (!domainGate?.test(text)) return ldap ? ldapHostSpans(domains, text) : [];
  const out: Span[] = ldap ? ldapHostSpans(domains, text) : [];
  HOST_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HOST_RE.exec(text)) !== null) {
    const host = m[0].toLowerCase();
    if (domains.some((d) => host === d || host.endsWith("." + d))) {
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        category: CATEGORY.host,
        detector: "internal-domain",
      });
    }
  }
  return out;
}

/** Internal domains written as LDAP domain components (`DC=corp,DC=example,DC=com`), whole. */
function ldapHostSpans(domains: readonly string[], text: string): Span[] {
  const out: Span[] = [];
  LDAP_DC_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LDAP_DC_RE.exec(text)) !== null) {
    const host = m[0]
      .split(",")
      .map((c) => c.trim().slice(3).toLowerCase())
      .join(".");
    if (domains.some((d) => host === d || host.endsWith("." + d)))
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        category: CATEGORY.host,
        detector: "internal-domain",
      });
  }
  return out;
}
