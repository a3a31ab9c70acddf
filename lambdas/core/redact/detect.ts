/**
 * Runs every detector over one string and merges their spans: overlapping spans become one, of
 * the most specific category (secrets first, person names last); allow-listed terms are dropped.
 */
import { ADDRESS } from "./address";
import { PERSON } from "./person";
import { CUED_DETECTORS } from "./cued";
import { CARD, CLUSTER_PATH, EMAIL, HOME_PATH, IBAN, IP, PHONE, SSN } from "./pii";
import { isDocumentedExample } from "../examples";
import { allowRanges, asciiOnly, denySpans, EMPTY_POLICY, internalHostSpans, type Policy } from "./policy";
import { SCRIPT_PII } from "./script-pii";
import { SECRETLINT } from "./secretlint";
import { SECRET_DETECTORS } from "./secrets";
import { UNIX_USER } from "./unix-users";
import { CLI_SECRETS } from "./cli-secrets";
import { SEED_PHRASE } from "./seed-phrase";
import { STORED_SECRETS } from "./stored-secrets";
import { TABLE_COLUMN } from "./table-columns";
import { KEYED_FIELD } from "./keyed-fields";
import { CATEGORY, mayHoldSecret, type DetectContext, type Detector, type Span } from "./types";
import {
  controlView,
  hasControls,
  hasPercentEscape,
  percentView,
  toOriginal,
  visibleWords,
  type View,
} from "./views";

const POLICY_DETECTORS: Detector[] = [
  { name: "deny-term", category: CATEGORY.term, detect: () => [] },
  { name: "internal-domain", category: CATEGORY.host, detect: () => [] },
];

/** In merge order of precedence: a span of an earlier category wins an overlap. */
export const ALL_DETECTORS: Detector[] = [
  SECRETLINT,
  ...SECRET_DETECTORS,
  CLI_SECRETS,
  STORED_SECRETS, // password hashes and registry logins as files store them (stored-secrets.ts)
  SEED_PHRASE, // wallet recovery phrases: twelve or more BIP-39 words in a row (seed-phrase.ts)
  ...POLICY_DETECTORS,
  EMAIL,
  CARD,
  IBAN,
  SSN,
  IP,
  PHONE,
  HOME_PATH,
  CLUSTER_PATH,
  UNIX_USER, // user names in prompts, commands, tables, commits, keys and metadata fields (unix-users.ts)
  ADDRESS,
  PERSON,
  // Names and addresses in Chinese, Japanese and Korean (PERSON and ADDRESS spans).
  SCRIPT_PII,
  // Profile links, dates of birth, cued identifiers, home coordinates, post codes (cued.ts).
  ...CUED_DETECTORS,
  KEYED_FIELD, // personal values under a key that names them, in records printed as text (keyed-fields.ts)
  TABLE_COLUMN, // the cells of a table's personal columns, by their header (table-columns.ts)
];

export const CATEGORY_ORDER: readonly string[] = [
  CATEGORY.secret,
  CATEGORY.term,
  CATEGORY.host,
  CATEGORY.email,
  CATEGORY.card,
  CATEGORY.iban,
  CATEGORY.ssn,
  CATEGORY.id,
  CATEGORY.dob,
  CATEGORY.ip,
  CATEGORY.phone,
  CATEGORY.user,
  CATEGORY.address,
  CATEGORY.person,
];
const RANK = new Map(CATEGORY_ORDER.map((c, i) => [c, i]));

/** Merge overlapping spans (sorted, non-overlapping out). */
export function merge(spans: Span[]): Span[] {
  if (spans.length === 0) return [];
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const cur = out[out.length - 1];
    if (cur && s.start < cur.end) {
      const curRank = RANK.get(cur.category) ?? 99;
      const sRank = RANK.get(s.category) ?? 99;
      if (sRank < curRank || (sRank === curRank && s.end - s.start > cur.end - cur.start)) {
        cur.category = s.category;
        cur.detector = s.detector;
      }
      cur.end = Math.max(cur.end, s.end);
    } else {
      out.push({ ...s });
    }
  }
  return out;
}

const ARITHMETIC = /^(?=.*[+*=×÷^])[\d\s.,+\-*/=×÷^()%$x]+$/;

const NONE: ReadonlySet<string> = new Set();

export interface DetectOptions {
  policy?: Policy;
  disable?: string[];
  /**
   * The string is an identifier (a tool call's id and the result's reference to it): random by
   * design, so only the detectors of exact formats run on it (IDENTIFIER_SKIPPED are off).
   */
  identifier?: boolean;
}

/**
 * Detectors that judge by shape or context and would take an ordinary random id
 * (`call_8fJ2kLm9Qx…`, `toolu_01A…`) for a secret or a name: not run on identifiers. Provider
 * key and token formats, JWTs, e-mails, phones, cards, IBANs, deny terms and internal hosts are.
 */
export const IDENTIFIER_SKIPPED: ReadonlySet<string> = new Set([
  "entropy-token",
  "keyword-secret",
  "person",
  "address",
  "script-pii",
  // Cue- and context-led rules (cued.ts): an id has no cue words, link or address around it.
  "profile-url",
  "dob",
  "cued-id",
  "coordinates",
  "postcode",
]);

/**
 * Short strings (model ids, tags, tool names, JSON keys) recur across the strings and transcripts
 * of a lab, and each costs every detector's fixed overhead: their spans are remembered per policy
 * object (whose compiled form is cached the same way), unless detectors are switched off.
 * Detection is a pure function of the two, so a remembered answer is the answer.
 */
const SHORT = 64;
const SHORT_CACHE_MAX = 4096;
const shortCache = new WeakMap<Policy, Map<string, Span[]>>();
const shortIdCache = new WeakMap<Policy, Map<string, Span[]>>();

export function detectSpans(text: string, opts: DetectOptions = {}): Span[] {
  if (!text) return [];
  if (text.length > SHORT || opts.disable?.length) return detectUncached(text, opts);
  const policy = opts.policy ?? EMPTY_POLICY;
  const caches = opts.identifier === true ? shortIdCache : shortCache;
  let cache = caches.get(policy);
  if (!cache) caches.set(policy, (cache = new Map()));
  let spans = cache.get(text);
  if (!spans) {
    spans = detectUncached(text, opts);
    if (cache.size >= SHORT_CACHE_MAX) cache.clear();
    cache.set(text, spans);
  }
  // (Copies: the callers own what they get. Most short strings hold nothing: no copy to make.)
  return spans.length === 0 ? [] : spans.map((s) => ({ ...s }));
}

/**
 * `spans` without the secrets that are arithmetic or documented examples; filtered only when a
 * secret was found (most texts hold none), and apart from `detectUncached` so that no closure
 * captures its text.
 */
function withoutFalseSecrets(spans: Span[], text: string): Span[] {
  for (const s of spans) {
    if (s.category !== CATEGORY.secret) continue;
    return spans.filter((x) => {
      if (x.category !== CATEGORY.secret) return true;
      const v = text.slice(x.start, x.end);
      return !ARITHMETIC.test(v) && !isDocumentedExample(v);
    });
  }
  return spans;
}

function detectUncached(text: string, opts: DetectOptions): Span[] {
  const policy = opts.policy ?? EMPTY_POLICY;
  const off =
    opts.identifier === true
      ? opts.disable?.length
        ? new Set([...IDENTIFIER_SKIPPED, ...opts.disable])
        : IDENTIFIER_SKIPPED
      : opts.disable?.length
        ? new Set(opts.disable)
        : NONE;
  const ctx: DetectContext = { internalDomains: policy.internalDomains };
  const spans: Span[] = [];
  // Most texts fail the secret gate: the detectors that start with it are then not called at all.
  const secretish = mayHoldSecret(text);
  for (const d of ALL_DETECTORS) {
    if ((d.secretGated === true && !secretish) || (off !== NONE && off.has(d.name))) continue;
    for (const s of d.detect(text, ctx)) spans.push(s);
  }
  if (!off.has("deny-term")) spans.push(...denySpans(policy, text));
  if (!off.has("internal-domain")) spans.push(...internalHostSpans(policy, text));
  // Values hidden by percent-encoding or by invisible characters, found in a decoded or cleaned
  // reading of the text (built only for the texts that hold an escape or such a character).
  if (hasPercentEscape(text)) inView(percentView(text), PERCENT_VIEW, true, policy, ctx, off, spans);
  // Terminal output: what a terminal shows, without its colour codes and control characters.
  if (hasControls(text)) inView(controlView(text), VISIBLE_VIEW, true, policy, ctx, off, spans);
  if (!asciiOnly(text))
    for (const w of visibleWords(text)) inView(w, VISIBLE_VIEW, false, policy, ctx, off, spans);
  // Arithmetic ("340+40+320=700") is never a credential, whatever rule matched it; nor is a
  // vendor's documentation example (AWS's example key id, exactly).
  let kept = withoutFalseSecrets(spans, text);
  if (policy.allowTerms.length && kept.length) {
    const allowed = allowRanges(policy, text);
    // (From the spans kept: filtering all of them again brought arithmetic back as a secret.)
    if (allowed.length) kept = kept.filter((s) => !allowed.some(([a, b]) => a <= s.start && s.end <= b));
  }
  return merge(opts.identifier === true ? withoutGluedNumbers(kept, text) : kept);
}

/**
 * Detectors run on the percent-decoded reading: terms and hosts (by the policy), e-mails, and user
 * names in paths (`?path=%2Fhome%2Fjroe%2F`, `%2Fscratch%2Fjroe%2F`).
 */
const PERCENT_VIEW: Detector[] = [EMAIL, HOME_PATH, CLUSTER_PATH];
/**
 * Detectors run on the reading without invisible characters: the exact formats of secrets,
 * e-mails, cards, IBANs, SSNs, phones and internal hosts (deny terms fold those characters away
 * already); not the rules
 * that judge by shape or context (entropy, keyword, names, addresses), which would take words
 * joined across a no-break space for something else.
 */
const VISIBLE_VIEW: Detector[] = [
  SECRETLINT,
  ...SECRET_DETECTORS.filter((d) => d.name !== "entropy-token" && d.name !== "keyword-secret"),
  EMAIL,
  CARD,
  IBAN,
  SSN,
  PHONE,
];

const NO_DETECTORS: Detector[] = [];

function mayHoldValue(word: string): boolean {
  if (word.includes("@")) return true;
  let digits = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits >= 7;
}

/** Spans found in a view of the text, in the text's offsets, pushed onto `out`. */
function inView(
  v: View,
  detectors: Detector[],
  terms: boolean,
  policy: Policy,
  ctx: DetectContext,
  off: ReadonlySet<string>,
  out: Span[],
): void {
  const found: Span[] = [];
  const secretish = mayHoldSecret(v.text);
  // A word of the reading without invisible characters is read only if it can hold one of the
  // values looked for: a secret (the secret gate), an e-mail (`@`) or a number (7 digits). Most are
  // numbers or formulas with a narrow no-break space ("10 000", "x = 12").
  if (!terms && !secretish && !mayHoldValue(v.text)) detectors = NO_DETECTORS;
  for (const d of detectors) {
    if ((d.secretGated === true && !secretish) || off.has(d.name)) continue;
    for (const s of d.detect(v.text, ctx)) found.push(s);
  }
  if (terms && !off.has("deny-term")) found.push(...denySpans(policy, v.text));
  if (!off.has("internal-domain")) found.push(...internalHostSpans(policy, v.text));
  for (const s of found) {
    const [start, end] = toOriginal(v, s.start, s.end);
    out.push({ ...s, start, end });
  }
}

const NUMBER_CATEGORIES: ReadonlySet<string> = new Set([
  CATEGORY.card,
  CATEGORY.phone,
  CATEGORY.ssn,
  CATEGORY.iban,
  CATEGORY.ip,
]);

const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * In an identifier, a number found by a personal-data shape (card, phone, SSN, IBAN, IP) glued to
 * letters or digits is a piece of a random id, not a number of its own: the Luhn test alone takes
 * 13 digits out of a hex id one time in ten; nor are the digit groups of a UUID.
 */
function withoutGluedNumbers(spans: Span[], text: string): Span[] {
  if (!spans.length) return spans;
  return spans.filter((x) => !gluedNumber(x, text));
}

function gluedNumber(s: Span, text: string): boolean {
  if (!NUMBER_CATEGORIES.has(s.category)) return false;
  UUID_RE.lastIndex = 0;
  for (let m = UUID_RE.exec(text); m !== null; m = UUID_RE.exec(text))
    if (m.index <= s.start && s.end <= m.index + m[0].length) return true; // digit groups of a UUID
  return (
    (s.start > 0 && isAlnum(text.charCodeAt(s.start - 1))) ||
    (s.end < text.length && isAlnum(text.charCodeAt(s.end)))
  );
}
