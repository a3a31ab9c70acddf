/**
 * Format checks for identifiers (the transcript's id, tool-call and tool-result ids). Ids are
 * random by design, so the keyword-less entropy scan stays off for them (`index.ts`); what a
 * credential or an address looks like *by its format* still tells a leak from an id:
 * - a credential in a format a provider issues (a fixed prefix and a body of the right length);
 * - an e-mail address (local part, `@`, a dotted domain ending in a letters-only top level).
 * Written for the review (not the first pass's detectors), and kept to formats no ordinary id
 * takes (`call_…`, `toolu_…`, `fc_…`, UUIDs never match).
 */
import { isDocumentedExample } from "../examples";
import { shannon } from "./secrets";

export interface FormatHit {
  code: "residual_secret" | "residual_email";
  /** What was found, in plain words (never the value). */
  what: string;
}

/** Nothing alphanumeric right before the prefix (an `_` or `-` is fine: `call_ghp_…`). */
const B = "(?<![A-Za-z0-9])";
/** Provider formats: prefix and body. The body alone is judged for variety below. */
const FORMATS: { name: string; re: RegExp }[] = [
  { name: "GitHub token", re: new RegExp(`${B}gh[pousr]_([A-Za-z0-9]{36,})`, "g") },
  { name: "GitHub token", re: new RegExp(`${B}github_pat_([A-Za-z0-9_]{40,})`, "g") },
  { name: "GitLab token", re: new RegExp(`${B}gl(?:pat|dt|ptt|rt|cbt)-([A-Za-z0-9_-]{20,})`, "g") },
  { name: "Slack token", re: new RegExp(`${B}xox[abposre]-([A-Za-z0-9-]{10,})`, "g") },
  {
    name: "AWS key id",
    re: new RegExp(
      `${B}(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)([A-Z0-9]{16})(?![A-Za-z0-9])`,
      "g",
    ),
  },
  { name: "Google API key", re: new RegExp(`${B}AIza([A-Za-z0-9_-]{35})`, "g") },
  { name: "Google OAuth token", re: new RegExp(`${B}ya29\\.([A-Za-z0-9_-]{20,})`, "g") },
  { name: "Stripe key", re: new RegExp(`${B}[rs]k_(?:live|test)_([A-Za-z0-9]{16,})`, "g") },
  // OpenAI, Anthropic and the many `sk-…` keys: a body of 20+ with digits and letters.
  { name: "API key", re: new RegExp(`${B}sk-(?:[a-z]+-){0,2}([A-Za-z0-9_-]{20,})`, "g") },
  { name: "Hugging Face token", re: new RegExp(`${B}hf_([A-Za-z0-9]{30,})`, "g") },
  { name: "npm token", re: new RegExp(`${B}npm_([A-Za-z0-9]{36,})`, "g") },
  { name: "PyPI token", re: new RegExp(`${B}pypi-([A-Za-z0-9_-]{50,})`, "g") },
  { name: "Groq key", re: new RegExp(`${B}gsk_([A-Za-z0-9]{40,})`, "g") },
  { name: "xAI key", re: new RegExp(`${B}xai-([A-Za-z0-9]{40,})`, "g") },
  {
    name: "JSON web token",
    re: new RegExp(`${B}eyJ[A-Za-z0-9_-]{8,}\\.(eyJ[A-Za-z0-9_-]{8,})\\.[A-Za-z0-9_-]{8,}`, "g"),
  },
];
/** Every prefix above holds one of these (a text without any is skipped after one pass). */
const FORMAT_HINT =
  /gh[pousr]_|github_|gl[a-z]{1,3}-|xox|AKIA|ASIA|A[BCGINPRS][A-Z]A|AIza|ya29|k_(?:live|test)_|sk-|hf_|npm_|pypi-|gsk_|xai-|eyJ/;

/** An e-mail address: letters of any script (`jürgen@bücher.de`), a dotted domain, a top level of letters. */
const EMAIL_SOURCE =
  "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*[\\p{L}\\p{N}]@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)*\\.\\p{L}{2,24}(?![\\p{L}\\p{N}-])";

const EMAILS = new RegExp(EMAIL_SOURCE, "gu");
/**
 * Domains reserved for documentation and tests (RFC 2606, RFC 6761): `someone@example.com` names
 * no one's mailbox.
 */
const RESERVED_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/i;

/**
 * Does `text` hold an e-mail address (at a domain not reserved for documentation)? A full-width
 * or small `＠` is read as `@` (NFKC).
 */
export function hasEmailAddress(text: string, mayHold = true): boolean {
  if ((text.includes("\uFF20") || text.includes("\uFE6B")) && emailIn(text.normalize("NFKC"))) return true;
  return mayHold && (emailIn(text) || spelledIn(text) || looseIn(text));
}

/**
 * What an address in the text as written needs (one of them, in any case): an `@` (`emailIn`,
 * `looseIn`) or a bracket before a spelled "at" (`spelledIn`). The review's screen pass
 * (`commands.ts`, `deny.ts`) looks for them with its other literals; `hasEmailAddress(text, false)`
 * says the text holds none (the full-width `＠` is looked for all the same).
 */
export const EMAIL_LITERALS = ["@", "(at", "[at", "{at", "( at", "[ at", "{ at"];

/**
 * `name [at] host [dot] org`, `name(at)host.org`, `name{at}host{dot}org`: `at` and `dot` bracketed,
 * as people write them to dodge harvesters.
 */
const SPELLED =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+ ?[[({] ?at ?[\])}] ?[\p{L}\p{N}-]+(?:(?: ?[[({] ?dot ?[\])}] ?|\.)[\p{L}\p{N}-]+)*(?: ?[[({] ?dot ?[\])}] ?|\.)\p{L}{2,24}(?![\p{L}\p{N}-])/giu;

/**
 * Whether `text` may hold a bracketed "at" (`at]`, `at )`, `at}`, any case): each closing bracket
 * found by a native search, and the character (or the one before a blank) before it read — a
 * search for "t]" and the like stops at every "t" of the prose.
 */
function spelledAtHint(text: string): boolean {
  for (let k = 0; k < 3; k++) {
    const close = k === 0 ? ")" : k === 1 ? "]" : "}";
    for (let i = text.indexOf(close); i !== -1; i = text.indexOf(close, i + 1)) {
      // (Nothing is read before the text: a bracket at its start, or after one blank there, holds no "at".)
      if (i === 0) continue;
      let j = i - 1;
      if (text.charCodeAt(j) === 32) j--;
      const c = j < 0 ? -1 : text.charCodeAt(j);
      if (c === 116 || c === 84) return true;
    }
  }
  return false;
}

function spelledIn(text: string): boolean {
  // A few native searches before any regex: most texts hold no bracketed "at".
  if (!spelledAtHint(text)) return false;
  if (!/[[({] ?at ?[\])}]/i.test(text)) return false;
  SPELLED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPELLED.exec(text)) !== null) {
    const domain = m[0].replace(/^.*?[[({] ?at ?[\])}] ?/i, "").replace(/ ?[[({] ?dot ?[\])}] ?/gi, ".");
    if (!RESERVED_DOMAIN.test(domain)) return true;
  }
  return false;
}

/**
 * Top-level domains of mail people write to: the generic ones and the country codes most used.
 * An `@` with blanks around it is also code (`A @ W.T`, `x @ self.weight`, `@ property`): only
 * a domain ending in one of these makes it an address.
 */
const MAIL_TLDS = new Set(
  (
    "com org net edu gov mil int info biz io ai co app dev me tech email mail cloud online site xyz " +
    "uk us ca au nz ie de at ch fr be nl lu es pt it pl cz sk hu ro bg gr se no dk fi is ee lv lt " +
    "ru ua tr il in cn hk tw jp kr sg my th vn id ph br ar cl mx za ng ke eu"
  ).split(" "),
);

const isBlank = (c: number) => c === 32 || c === 9;
const isLocalChar = (c: number) =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 46 ||
  c === 95 ||
  c === 45 ||
  c === 43 ||
  c === 37;
const isLabelChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;

/**
 * An address written with blanks after its `@` (`jane @ corp.com`, `jane@ corp.com`) or broken
 * onto the next line after it (a line break, real or written out as `\n`, then any indent): read
 * by hand from each `@` outwards — a local part right before (blanks allowed), a domain of dotted
 * labels after, a top level from `MAIL_TLDS`, and no call, index or attribute after it.
 */
function looseIn(text: string): boolean {
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    // The local part: blanks, then its characters, before the `@`.
    let b = at;
    while (b > 0 && isBlank(text.charCodeAt(b - 1))) b--;
    let ls = b;
    while (ls > 0 && isLocalChar(text.charCodeAt(ls - 1))) ls--;
    // The domain: blanks, or a line break (real or written out) between indents, after it.
    let d = at + 1;
    while (d < text.length && isBlank(text.charCodeAt(d))) d++;
    const c = d < text.length ? text.charCodeAt(d) : -1;
    if (c === 13 || c === 10 || (c === 92 && (text[d + 1] === "n" || text[d + 1] === "r"))) {
      if (text.startsWith("\r\n", d)) d += 2;
      else if (text.startsWith("\\r\\n", d)) d += 4;
      else d += c === 92 ? 2 : 1;
      while (d < text.length && isBlank(text.charCodeAt(d))) d++;
    }
    // Only the loose forms here (the plain `local@domain` is `emailIn`'s), and not a blank before
    // the `@` alone: "addresses @gmail.com" names a domain.
    if (d === at + 1) continue;
    if (b - ls < 1 || !isLabelChar(text.charCodeAt(b - 1)) || text.charCodeAt(ls) === 46) continue;
    let e = d;
    while (e < text.length && (isLabelChar(text.charCodeAt(e)) || text.charCodeAt(e) === 46)) e++;
    // Not followed by a call, an index, an underscore name, an attribute (`k.transpose(`) or a
    // URL's path (`me @ github.com/…`).
    const after = e < text.length ? text.charCodeAt(e) : -1;
    if (after === 40 || after === 91 || after === 95 || after === 47) continue;
    let domain = text.slice(d, e);
    // A full stop that ends the sentence is not the domain's.
    while (domain.endsWith(".")) domain = domain.slice(0, -1);
    const labels = domain.split(".");
    if (labels.length < 2 || labels.some((l) => l.length === 0 || l.startsWith("-") || l.endsWith("-")))
      continue;
    if (!MAIL_TLDS.has(labels[labels.length - 1]!.toLowerCase())) continue;
    if (!RESERVED_DOMAIN.test(domain.toLowerCase())) return true;
  }
  return false;
}

function emailIn(text: string): boolean {
  if (!text.includes("@")) return false;
  EMAILS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EMAILS.exec(text)) !== null) {
    // `q@k.transpose(…)`: a matrix product and a method call in code, not an address.
    const end = m.index + m[0].length;
    if (end < text.length && text.charCodeAt(end) === 40) continue;
    const domain = m[0].slice(m[0].lastIndexOf("@") + 1);
    if (!RESERVED_DOMAIN.test(domain)) return true;
  }
  return false;
}

/**
 * Keys written in pieces: an AWS access key id (`AKIA`/`ASIA` and 16 capitals or digits) in
 * groups of four with blanks or dashes between them, or wrapped onto a new line (real or written
 * out as `\n`) after a group; a Stripe secret key with one blank inside its body. Read from the
 * prefix on, each piece by hand.
 */
/** What `findSplitKey` needs (one of them, in any case), for the review's screen pass (`commands.ts`). */
export const SPLIT_KEY_LITERALS = ["akia", "asia", "_live_", "_test_"];

export function findSplitKey(text: string, mayHold = true): string | undefined {
  if (!mayHold) return undefined;
  // Native searches for what is rare in prose ("IA", "_live_", "_test_"), then a look at the
  // characters before: a search for "sk_…" stops at every "s" of the text.
  for (let i = text.indexOf("IA", 2); i !== -1; i = text.indexOf("IA", i + 2)) {
    const k = text.charCodeAt(i - 1);
    if (text.charCodeAt(i - 2) === 65 && (k === 75 || k === 83) && awsSplitAt(text, i - 2))
      return "AWS key id";
  }
  for (const mode of ["_live_", "_test_"])
    for (let i = text.indexOf(mode, 2); i !== -1; i = text.indexOf(mode, i + 1)) {
      const s = text.charCodeAt(i - 2);
      if ((s === 115 || s === 114) && text.charCodeAt(i - 1) === 107 && stripeSplitAt(text, i + 6))
        return "Stripe key";
    }
  return undefined;
}

const isKeyChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
const isAlnum = (c: number) => isKeyChar(c) || (c >= 97 && c <= 122);

/** After a group: a blank or a dash, or a line break between indents (else nothing). */
function pieceBreak(text: string, i: number): number {
  const n = text.length;
  if (i >= n) return i;
  const c = text.charCodeAt(i);
  if (c === 32 || c === 45) return i + 1;
  let j = i;
  while (j < n && isBlank(text.charCodeAt(j))) j++;
  if (text.startsWith("\r\n", j)) j += 2;
  else if (j < n && text.charCodeAt(j) === 10) j += 1;
  else if (text.startsWith("\\r\\n", j)) j += 4;
  else if (text.startsWith("\\n", j)) j += 2;
  else return i;
  while (j < n && isBlank(text.charCodeAt(j))) j++;
  return j;
}

function awsSplitAt(text: string, at: number): boolean {
  if (at > 0 && isAlnum(text.charCodeAt(at - 1))) return false;
  const n = text.length;
  let i = at + 4;
  let broken = false;
  let digit = false;
  for (let g = 0; g < 4; g++) {
    const j = pieceBreak(text, i);
    broken ||= j !== i;
    if (j + 4 > n) return false;
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(j + k);
      if (!isKeyChar(c)) return false;
      digit ||= c <= 57;
    }
    i = j + 4;
  }
  // The unbroken form is the format scan's; a body without a digit is a line of capitals.
  return broken && digit && (i >= n || !isAlnum(text.charCodeAt(i)));
}

function stripeSplitAt(text: string, body: number): boolean {
  if (body > 8 && isAlnum(text.charCodeAt(body - 9))) return false;
  const n = text.length;
  let i = body;
  while (i < n && isAlnum(text.charCodeAt(i))) i++;
  const first = i - body;
  if (first >= 24 || i >= n || text.charCodeAt(i) !== 32) return false;
  let j = i + 1;
  while (j < n && isAlnum(text.charCodeAt(j))) j++;
  if (j === i + 1 || first + (j - i - 1) < 24) return false;
  const joined = text.slice(body, i) + text.slice(i + 1, j);
  return /\d/.test(joined) && /[A-Za-z]/.test(joined) && varied(joined);
}

/** A body with real variety (not `xxxx…`, `0000…`: placeholders someone typed). */
function varied(body: string): boolean {
  return shannon(body) >= 2.5 && new Set(body).size >= 6;
}

/** Credentials in a provider's format and e-mail addresses in `text` (one of each at most). */
export function findFormatHits(text: string, email = true): FormatHit[] {
  const out: FormatHit[] = [];
  if (FORMAT_HINT.test(text)) {
    search: for (const f of FORMATS) {
      f.re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = f.re.exec(text)) !== null) {
        const body = m[1]!;
        if (!varied(body) || isDocumentedExample(m[0])) continue;
        // The `sk-…` family: a key mixes letters and digits (a slug of words does not).
        if (f.name === "API key" && !(/[0-9]/.test(body) && /[A-Za-z]/.test(body))) continue;
        out.push({ code: "residual_secret", what: `a credential in a known format (${f.name})` });
        break search;
      }
    }
  }
  if (out.length === 0) {
    const split = findSplitKey(text);
    if (split !== undefined)
      out.push({ code: "residual_secret", what: `a credential in a known format, in pieces (${split})` });
  }
  if (email && hasEmailAddress(text)) out.push({ code: "residual_email", what: "an e-mail address" });
  return out;
}
