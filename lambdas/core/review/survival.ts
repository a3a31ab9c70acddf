/**
 * Survival check: no value the first pass redacted may appear anywhere in the output, in any of
 * the usual disguises — other case, separators and whitespace removed, URL-encoded, JSON-escaped
 * or base64-encoded. Values are raw secrets held in memory only; nothing here returns them.
 */
import type { PublishedString } from "./strings";
import { stripPlaceholders } from "./strings";
import type { ReviewThresholds } from "./thresholds";

export type SurvivalForm = "plain" | "compact" | "url" | "json" | "base64";

export interface SurvivalHit {
  path: string;
  form: SurvivalForm;
}

const ALNUM = /[\p{L}\p{N}]/u;
const NON_ALNUM = /[^\p{L}\p{N}]+/gu;

function compact(s: string): string {
  return s.toLowerCase().replace(NON_ALNUM, "");
}

function percentDecode(s: string): string {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
}

function jsonUnescape(s: string): string {
  return s.replace(
    /\\u([0-9a-fA-F]{4})|\\(["\\/bfnrt])/g,
    (_m, hex: string | undefined, c: string | undefined) => {
      if (hex) return String.fromCharCode(Number.parseInt(hex, 16));
      return ({ b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" } as Record<string, string>)[c!] ?? c!;
    },
  );
}

/** Finds `needle` in `hay` where it is not glued to letters/digits on an alphanumeric edge. */
function boundedIndex(hay: string, needle: string): boolean {
  let i = hay.indexOf(needle);
  if (i < 0) return false;
  const leftEdge = ALNUM.test(needle[0]!);
  const rightEdge = ALNUM.test(needle[needle.length - 1]!);
  for (;;) {
    if (i < 0) return false;
    const before = i > 0 ? hay[i - 1]! : "";
    const after = hay[i + needle.length] ?? "";
    if ((!leftEdge || !before || !ALNUM.test(before)) && (!rightEdge || !after || !ALNUM.test(after)))
      return true;
    i = hay.indexOf(needle, i + 1);
  }
}

/**
 * Base64 fragments that any base64 encoding of a text containing `v` must contain, whatever the
 * byte offset of `v` in that text: for each of the 3 alignments, the characters that depend on
 * `v`'s bytes alone. Standard and URL-safe alphabets.
 */
const B64_CODES = Uint8Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", (c) =>
  c.charCodeAt(0),
);

/** Base64 of `shift` zero bytes then `bytes`, without padding. */
function base64Shifted(bytes: Uint8Array, shift: number): string {
  const n = shift + bytes.length;
  const padded = new Uint8Array(n + 2);
  padded.set(bytes, shift);
  const codes: number[] = [];
  for (let i = 0; i < n; i += 3) {
    const b = (padded[i]! << 16) | (padded[i + 1]! << 8) | padded[i + 2]!;
    codes.push(B64_CODES[b >> 18]!, B64_CODES[(b >> 12) & 63]!);
    if (i + 1 < n) codes.push(B64_CODES[(b >> 6) & 63]!);
    if (i + 2 < n) codes.push(B64_CODES[b & 63]!);
  }
  let out = "";
  // In slices: a long value would pass too many arguments at once.
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}

export function base64Needles(v: string): string[] {
  // UTF-8 as `TextEncoder` writes it (lone surrogates as U+FFFD); a short value's bytes come from
  // Node's buffer pool instead of a fresh ArrayBuffer each (~5 µs a value otherwise).
  const bytes = Buffer.from(v, "utf8");
  const out = new Set<string>();
  for (let shift = 0; shift < 3; shift++) {
    // `stop` ends before any `=` padding.
    const enc = base64Shifted(bytes, shift);
    const skip = shift === 0 ? 0 : shift === 1 ? 2 : 3;
    const stop = Math.floor((8 * (shift + bytes.length)) / 6);
    const frag = enc.slice(skip, stop);
    if (frag.length >= 8) {
      out.add(frag);
      if (frag.includes("+") || frag.includes("/")) out.add(frag.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  return [...out];
}

interface Needle {
  lower: string;
  caseSensitive?: string;
  compact?: string;
  /** Search `compact` in the lower-cased text rather than in the compacted one, from here. */
  anchor?: number;
  base64: string[];
}

const ASCII_ALNUM = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_ALNUM[c] = ALNUM.test(String.fromCharCode(c)) ? 1 : 0;
/** Is this code point one `compact` keeps (a letter or a digit)? */
function kept(cp: number): boolean {
  return cp < 128 ? ASCII_ALNUM[cp] === 1 : ALNUM.test(String.fromCodePoint(cp));
}

/** Lower-case letters from the most to the least frequent in English text. */
const BY_FREQUENCY = "etaoinshrdlcumwfgypbvkjxqz";

/** Where to start looking for `c`: its rarest character (a code unit outside surrogates). */
function anchorOf(c: string): number {
  if (/[\uD800-\uDFFF]/.test(c)) return 0;
  let best = 0;
  let bestRank = -1;
  for (let i = 0; i < c.length; i++) {
    const f = BY_FREQUENCY.indexOf(c[i]!);
    const rank = f >= 0 ? f : /[0-9]/.test(c[i]!) ? 20 : 30;
    if (rank > bestRank) {
      best = i;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * `compact(text).includes(c)` for a lower-cased `text`, without compacting it: around each
 * occurrence of c's rarest character, c's characters in order on both sides with only
 * characters `compact` removes between them. (c holds only kept characters, so each step is
 * forced.) Searching costs far less than the copy when a transcript has a few values, and needs
 * no per-value regex.
 */
export function spreadIncludes(lower: string, c: string, anchor = anchorOf(c)): boolean {
  const head = c[anchor]!;
  for (let at = lower.indexOf(head); at >= 0; at = lower.indexOf(head, at + 1)) {
    // Forward from the anchor (code point by code point: the text may hold astral characters).
    let j = at;
    let k = anchor;
    while (k < c.length && j < lower.length) {
      const cp = lower.codePointAt(j)!;
      const w = cp > 0xffff ? 2 : 1;
      if (cp === c.codePointAt(k)) k += w;
      else if (kept(cp)) break;
      j += w;
    }
    if (k < c.length) continue;
    // Backward (only with an anchor past 0, so c has no surrogates here).
    j = at - 1;
    k = anchor - 1;
    while (k >= 0 && j >= 0) {
      const u = lower.charCodeAt(j);
      const pair = u >= 0xdc00 && u <= 0xdfff && j > 0 && (lower.charCodeAt(j - 1) & 0xfc00) === 0xd800;
      if (!pair && u === c.charCodeAt(k)) k--;
      else if (kept(pair ? lower.codePointAt(j - 1)! : u)) break;
      j -= pair ? 2 : 1;
    }
    if (k < 0) return true;
  }
  return false;
}

/** Up to this many compact needles, each is searched on its own instead of compacting every text. */
const MAX_SPREAD = 6;

const SHORT_WORD = /^\p{L}{1,5}$/u;

function needleOf(raw: string, th: ReviewThresholds): Needle | undefined {
  const v = nfkc(raw).trim();
  if (v.length < th.survivalMinLength) return undefined;
  const c = compact(v);
  return {
    lower: v.toLowerCase(),
    // A short single word (a first name) is matched in its own case: "May" is not "may".
    caseSensitive: SHORT_WORD.test(v) ? v : undefined,
    // (An empty compact form never matches.)
    compact: c.length >= th.survivalCompactMinLength && c.length > 0 ? c : undefined,
    base64: v.length >= 6 ? base64Needles(raw) : [],
  };
}

/** Does the text (lower-cased `lower`, compacted `comp` when built) hold the needle compacted? */
function compactMatch(lower: string, comp: string, n: Needle): boolean {
  if (n.compact === undefined) return false;
  return n.anchor !== undefined ? spreadIncludes(lower, n.compact, n.anchor) : comp.includes(n.compact);
}

interface Prepared {
  form: SurvivalForm;
  text: string;
  lower: string;
  compact: string;
}

function prepare(form: SurvivalForm, text: string, withCompact: boolean): Prepared {
  return { form, text, lower: text.toLowerCase(), compact: withCompact ? compact(text) : "" };
}

function plainMatch(hay: string, hayLower: string, n: Needle): boolean {
  return n.caseSensitive ? boundedIndex(hay, n.caseSensitive) : boundedIndex(hayLower, n.lower);
}

/**
 * Per UTF-16 unit: 0 not known yet, 1 inert under NFKC, 2 not. A unit is inert when it is its
 * own NFKC form and can take part in no composition or reordering with its neighbours: not a
 * surrogate, not a mark (every unit with a non-zero combining class, and every other one that
 * composes with the character before it, is a mark), not a Hangul conjoining jamo (a vowel or
 * trailing consonant joins the syllable before it). A text of ASCII and inert units is its own
 * NFKC form. Filled as units are met (one `normalize` per distinct unit, not per text).
 */
const INERT = new Uint8Array(65536);
const MARK = /^\p{M}$/u;
function inertUnit(c: number): number {
  const surrogate = c >= 0xd800 && c <= 0xdfff;
  const jamo = (c >= 0x1100 && c <= 0x11ff) || (c >= 0xa960 && c <= 0xa97f) || (c >= 0xd7b0 && c <= 0xd7ff);
  if (surrogate || jamo) return 2;
  const ch = String.fromCharCode(c);
  return ch.normalize("NFKC") === ch && !MARK.test(ch) ? 1 : 2;
}

/**
 * NFKC. ASCII text and text whose other units are all inert (`INERT`: "≈", "–", "’", "×" and
 * most letters of the usual scripts) are their own NFKC form: only the rest goes through
 * `normalize`.
 */
const NON_ASCII = /[^\0-\x7f]/;
export function nfkc(s: string): string {
  // (The first unit outside ASCII found natively: most texts are ASCII.)
  for (let i = s.search(NON_ASCII); i >= 0 && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) continue;
    let f = INERT[c]!;
    if (f === 0) f = INERT[c] = inertUnit(c);
    if (f === 2) return s.normalize("NFKC");
  }
  return s;
}

/**
 * One hit per (string, value) at most, reporting the first form that matched. `stripped`, when
 * given, holds `stripPlaceholders` of each string's text (the caller's, so it is not done twice).
 */
export function findSurvivors(
  strings: readonly PublishedString[],
  values: readonly string[],
  th: ReviewThresholds,
  stripped?: readonly string[],
): SurvivalHit[] {
  const needles: Needle[] = [];
  let compactCount = 0;
  for (const v of new Set(values)) {
    const n = needleOf(v, th);
    if (!n) continue;
    needles.push(n);
    if (n.compact !== undefined) compactCount++;
  }
  if (needles.length === 0) return [];
  const hits: SurvivalHit[] = [];
  const spread = compactCount <= MAX_SPREAD;
  if (spread) for (const n of needles) if (n.compact) n.anchor = anchorOf(n.compact);
  const anyCompact = compactCount > 0 && !spread;
  const none: Prepared[] = [];
  for (let si = 0; si < strings.length; si++) {
    const s = strings[si]!;
    const base = nfkc(stripped ? stripped[si]! : stripPlaceholders(s.text));
    const lower = base.toLowerCase();
    const comp = anyCompact ? compact(base) : "";
    // Decoded forms, only for texts that hold an escape.
    let prepared = none;
    if (base.includes("%") && /%[0-9A-Fa-f]{2}/.test(base)) {
      prepared = [
        prepare("url", percentDecode(base), anyCompact),
        prepare("url", percentDecode(base.replace(/\+/g, " ")), anyCompact),
      ];
    }
    if (base.includes("\\")) prepared = [...prepared, prepare("json", jsonUnescape(base), anyCompact)];
    for (const n of needles) {
      let form: SurvivalForm | undefined;
      if (plainMatch(base, lower, n)) form = "plain";
      else if (compactMatch(lower, comp, n)) form = "compact";
      else {
        for (const x of prepared) {
          if (plainMatch(x.text, x.lower, n) || compactMatch(x.lower, x.compact, n)) {
            form = x.form;
            break;
          }
        }
      }
      if (!form) {
        for (const b of n.base64) {
          if (s.text.includes(b)) {
            form = "base64";
            break;
          }
        }
      }
      if (form) hits.push({ path: s.path, form });
    }
  }
  return hits;
}
