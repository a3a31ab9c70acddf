/**
 * The lab's policy: deny terms (always redacted, whatever the case, spacing, punctuation or
 * Unicode look-alikes), allow terms (never redacted) and internal domains (host names under them
 * are redacted). Terms are matched on folded text (see fold.ts) with Aho–Corasick, so a policy of
 * thousands of terms costs one pass.
 */
import * as z from "zod";
import AhoCorasick from "modern-ahocorasick/fast";
import { fold, foldTerm } from "./fold";
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
}
const AC_FROM = 64;

interface Compiled {
  deny?: Matcher;
  allow?: Matcher;
  domains: string[];
}

const cache = new WeakMap<Policy, Compiled>();

function matcher(terms: string[]): Matcher | undefined {
  const folded = [...new Set(terms.map(foldTerm).filter((t) => t.length > 0))];
  if (!folded.length) return undefined;
  return folded.length >= AC_FROM ? { terms: folded, ac: new AhoCorasick(folded) } : { terms: folded };
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

export function compile(p: Policy): Compiled {
  let c = cache.get(p);
  if (!c) {
    c = {
      deny: matcher(p.denyTerms),
      allow: matcher(p.allowTerms),
      domains: p.internalDomains
        .map((d) =>
          d
            .trim()
            .toLowerCase()
            .replace(/^\*?\./, ""),
        )
        .filter(Boolean),
    };
    cache.set(p, c);
  }
  return c;
}

const WORDISH = /[\p{L}\p{N}]/u;

/** Occurrences of the terms of `ac` in `text`, as original offsets, at word boundaries. */
// deny and allow matching fold the same string one after the other: fold it once.
let lastFolded: { text: string; f: ReturnType<typeof fold> } | undefined;
function foldOnce(text: string): ReturnType<typeof fold> {
  if (lastFolded?.text !== text) lastFolded = { text, f: fold(text) };
  return lastFolded.f;
}

function occurrences(matcher: Matcher, text: string): [number, number][] {
  const f = foldOnce(text);
  if (!f.text) return [];
  const out: [number, number][] = [];
  for (const m of find(matcher, f.text)) {
    const start = f.starts[m.start]!;
    const end = f.ends[m.end - 1]!;
    // Word boundaries in the original: "Falcon" must not fire inside "Falconry".
    if (m.start > 0 && f.starts[m.start - 1] === start) continue; // mid code point
    const before = text.slice(Math.max(0, start - 2), start);
    const after = text.slice(end, end + 2);
    const b = [...before].pop();
    const a = [...after][0];
    if (
      (b !== undefined && WORDISH.test(b) && foldTerm(b) !== "") ||
      (a !== undefined && WORDISH.test(a) && foldTerm(a) !== "")
    ) {
      continue;
    }
    out.push([start, end]);
  }
  return out;
}

export function denySpans(p: Policy, text: string): Span[] {
  const c = compile(p);
  if (!c.deny) return [];
  return occurrences(c.deny, text).map(([start, end]) => ({
    start,
    end,
    category: CATEGORY.term,
    detector: "deny-term",
  }));
}

export function allowRanges(p: Policy, text: string): [number, number][] {
  const c = compile(p);
  return c.allow ? occurrences(c.allow, text) : [];
}

const HOST_RE = /(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?![\w-])/gi;

export function internalHostSpans(p: Policy, text: string): Span[] {
  const { domains } = compile(p);
  if (!domains.length) return [];
  const lower = text.toLowerCase();
  if (!domains.some((d) => lower.includes(d))) return [];
  const out: Span[] = [];
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
