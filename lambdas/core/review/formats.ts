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
export function hasEmailAddress(text: string): boolean {
  if ((text.includes("\uFF20") || text.includes("\uFE6B")) && emailIn(text.normalize("NFKC"))) return true;
  return emailIn(text) || spelledIn(text);
}

/** `name [at] host [dot] org`, `name(at)host.org`: `at` and `dot` bracketed, as people write them to dodge harvesters. */
const SPELLED =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+ ?[[(] ?at ?[\])] ?[\p{L}\p{N}-]+(?:(?: ?[[(] ?dot ?[\])] ?|\.)[\p{L}\p{N}-]+)*(?: ?[[(] ?dot ?[\])] ?|\.)\p{L}{2,24}(?![\p{L}\p{N}-])/giu;

/** Whether `text` may hold a bracketed "at" (`at]`, `at )`, any case): cheap native searches. */
function spelledAtHint(text: string): boolean {
  for (const h of ["t]", "t)", "T]", "T)", "t ]", "t )", "T ]", "T )"]) if (text.includes(h)) return true;
  return false;
}

function spelledIn(text: string): boolean {
  // A few native searches before any regex: most texts hold no bracketed "at".
  if (!spelledAtHint(text)) return false;
  if (!/[[(] ?at ?[\])]/i.test(text)) return false;
  SPELLED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPELLED.exec(text)) !== null) {
    const domain = m[0].replace(/^.*?[[(] ?at ?[\])] ?/i, "").replace(/ ?[[(] ?dot ?[\])] ?/gi, ".");
    if (!RESERVED_DOMAIN.test(domain)) return true;
  }
  return false;
}

function emailIn(text: string): boolean {
  if (!text.includes("@")) return false;
  EMAILS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EMAILS.exec(text)) !== null) {
    // `q@k.transpose(…)`: a matrix product and a method call in code, not an address.
    if (text.charCodeAt(m.index + m[0].length) === 40) continue;
    const domain = m[0].slice(m[0].lastIndexOf("@") + 1);
    if (!RESERVED_DOMAIN.test(domain)) return true;
  }
  return false;
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
  if (email && hasEmailAddress(text)) out.push({ code: "residual_email", what: "an e-mail address" });
  return out;
}
