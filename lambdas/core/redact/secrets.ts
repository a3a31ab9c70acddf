/**
 * Secret detectors written here, for what secretlint's recommended preset does not cover (or
 * covers only in config files): provider key formats, tokens, private keys, credentials in URLs and
 * connection strings, Authorization headers, and `key = value` secrets judged by keyword + entropy.
 * Each rule redacts the secret value, not its label, so the reasoning around it stays readable.
 */
import { CATEGORY, entropy, spansOf, type Detector, type Span } from "./types";

const S = CATEGORY.secret;

/** Values that look like a secret's slot but hold none: placeholders, variables, booleans. */
const NOT_A_VALUE =
  /^(?:null|none|nil|true|false|undefined|empty|string|password|passwd|secret|token|changeme|example|xxx+|\*+|\.+|-+|<[^>]*>|\{[^}]*\}|\$\{?[\w.]+\}?|%\w+%|\[[^\]]*\])$/i;

function regexRule(name: string, re: RegExp, group = 0, accept?: (v: string) => boolean): Detector {
  return { name, category: S, detect: (text) => spansOf(re, text, S, name, accept, group) };
}

/** Provider key formats with a fixed prefix: precise, so no entropy test is needed. */
const PREFIXED_KEYS: [string, RegExp][] = [
  // AWS access key ids (all documented prefixes).
  ["aws-key-id", /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z2-7]{16}\b/g],
  // Google API keys and OAuth tokens / client secrets.
  ["gcp-key", /\b(?:AIza[0-9A-Za-z_-]{35}|ya29\.[0-9A-Za-z_-]{20,}|GOCSPX-[0-9A-Za-z_-]{28})/g],
  // Azure AD client secrets (`xxx8Q~...`).
  ["azure-secret", /\b[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/g],
  // OpenAI (sk-, sk-proj-, sk-svcacct-…) and Anthropic (sk-ant-…) keys.
  ["llm-key", /\bsk-(?:ant-[a-z]+\d*-|proj-|svcacct-|admin-|or-v1-)?[A-Za-z0-9_-]{20,}/g],
  // Hugging Face, Groq, Tavily, Replicate, Together and similar prefixed API keys.
  [
    "llm-key",
    /\b(?:hf_[A-Za-z0-9]{30,}|api_org_[A-Za-z0-9]{30,}|gsk_[A-Za-z0-9]{40,}|tvly-[A-Za-z0-9_-]{20,}|r8_[A-Za-z0-9]{30,}|xai-[A-Za-z0-9]{40,}|pplx-[A-Za-z0-9]{40,})/g,
  ],
  // GitHub tokens (classic and fine-grained).
  ["vcs-token", /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})/g],
  // GitLab tokens (personal, deploy, runner, trigger, feed, OAuth…).
  ["vcs-token", /\bgl(?:pat|dt|rt|ptt|ft|imt|agent|oas|soat|cbt|ffct|rtr|wt|sa)-[A-Za-z0-9_-]{20,}/g],
  // Slack tokens and webhooks.
  [
    "chat-token",
    /\bxox[abposrce]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g,
  ],
  // Stripe keys (secret, restricted, publishable) and webhook secrets.
  ["payment-key", /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}|\bwhsec_[A-Za-z0-9]{24,}/g],
  // npm, PyPI, Docker Hub, Shopify, SendGrid, Twilio, PostHog, DigitalOcean, Atlassian, etc.
  [
    "service-token",
    /\b(?:npm_[A-Za-z0-9]{36}|pypi-[A-Za-z0-9_-]{50,}|dckr_pat_[A-Za-z0-9_-]{20,}|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}|SK[0-9a-fA-F]{32}|ph[cxs]_[A-Za-z0-9]{30,}|do[opr]_v1_[a-f0-9]{64}|ATATT3[A-Za-z0-9_=-]{50,}|figd_[A-Za-z0-9_-]{30,}|glsa_[A-Za-z0-9_]{32,}|NRAK-[A-Z0-9]{27}|eu01x[a-f0-9]{30,}NRAL|pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{30,}|sbp_[a-f0-9]{40}|key-[a-f0-9]{32}|AKCp[A-Za-z0-9]{60,}|cmVmdGtu[A-Za-z0-9]{50,}|PMAK-[a-f0-9]{24}-[a-f0-9]{34}|squ?p?_?EAAA[A-Za-z0-9_-]{60}|sq0csp-[A-Za-z0-9_-]{43}|sqp_[a-f0-9]{40}|LLM\|[0-9]+\|[A-Za-z0-9_-]{20,}|ops_[A-Za-z0-9]{40,}|ABSK[A-Za-z0-9+/=]{60,})/g,
  ],
  // JSON Web Tokens.
  ["jwt", /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g],
];

/** PEM / OpenSSH private keys, including truncated ones (no END line): to the end of the base64. */
const PRIVATE_KEY =
  /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END \1PRIVATE KEY(?: BLOCK)?-----|(?:(?:\\[rn]|[\s"'`#:.,+\d-])*[A-Za-z0-9+/=]{16,})+)/g;

/** `scheme://user:password@host` — the password only. */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"<>]{0,64}:([^\s@/'"<>]{3,128})@[\w.[\]-]/dgi;

/** `Password=...;` in ADO/JDBC connection strings, `IDENTIFIED BY x`, `WITH PASSWORD 'x'`. */
const CONN_PASSWORD =
  /(?:\b(?:password|pwd)\s*=\s*([^;'"\s]{3,}))|(?:\bIDENTIFIED\s+BY\s+['"]?([^\s'";)]{3,}))|(?:\bWITH\s+PASSWORD\s+['"]([^'"]{3,})['"])/dgi;

/** `Authorization: Bearer x`, `Bearer x`, `Basic x`, `Token x`, NTLM/Negotiate. */
const AUTH_HEADER =
  /\b(?:authorization|proxy-authorization)["']?\s*[:=]\s*["']?(?:(?:bearer|basic|token|digest|ntlm|negotiate|apikey)\s+)?([A-Za-z0-9._~+/=:-]{8,})|\b(?:Bearer|Basic)\s+([A-Za-z0-9._~+/-]{12,}=*)/dgi;

/** Keywords that make the value after them a secret. */
const SECRET_KEYWORD =
  /(?:pass(?:word|wd|phrase|code)?|pw|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?key|credentials?|salt|nonce|key|otp|seed|signature|sig)/
    .source;

/**
 * `keyword = value`, `keyword: value`, `"keyword": "value"`, `--keyword value`, `keyword value`
 * (for the password-like keywords). The keyword may be embedded in a longer identifier
 * (`db_password`, `AwsSecretKey`).
 */
const KEY_VALUE = new RegExp(
  String.raw`([A-Za-z0-9_.-]{0,30}?${SECRET_KEYWORD}[A-Za-z0-9_-]{0,20})["'\]]?\s*(?:[:=]{1,2}|=>|!=|==|\s)\s*[=:]?\s*(?:[rbuf]?["'\x60]|[A-Za-z]+\s*\(\s*["']|String\s*=\s*["'])?([^\s"'\x60,;)(<>{}\[\]\\]{4,200})`,
  "dgi",
);

const PASSWORDISH = /pass|pw|pwd|secret|credential|auth/i;

/** A value an attacker could use: judged by shape and entropy, not by the keyword alone. */
function plausibleSecret(keyword: string, value: string): boolean {
  if (NOT_A_VALUE.test(value)) return false;
  if (/^[a-z]+(?:[._-][a-z]+)*$/.test(value) && value.length < 24 && !PASSWORDISH.test(keyword)) return false;
  // A call, a path, an attribute access or a type annotation is code, not a value.
  if (/^(?:self|this|os|env|process|config|settings|request|args|params)\b/.test(value)) return false;
  if (/^https?:/i.test(value)) return false;
  if (/^\d{1,6}$/.test(value)) return false;
  const passwordish = PASSWORDISH.test(keyword);
  if (passwordish) {
    // Passwords are short and human-made: at least a letter and a digit or symbol, or long.
    if (value.length < 4) return false;
    if (/^[a-z]+$/.test(value) && value.length < 10) return /[a-z]{2,}\d/.test(value);
    if (/^[A-Za-z]+$/.test(value)) return value.length >= 8 && /[a-z][A-Z]/.test(value);
    return /[A-Za-z]/.test(value) || value.length >= 8;
  }
  // Tokens, keys, salts: long and random-looking.
  if (value.length < 12) return false;
  if (!/\d/.test(value) && !/[+/=]/.test(value) && value.length < 20) return false;
  return entropy(value) >= 3.0;
}

function keyValueSecrets(text: string): Span[] {
  const out: Span[] = [];
  KEY_VALUE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEY_VALUE.exec(text)) !== null) {
    const keyword = m[1] ?? "";
    const value = m[2] ?? "";
    const at = m.indices?.[2];
    if (!at || !plausibleSecret(keyword, value)) {
      // Let the scan continue right after the keyword so a later keyword is still seen.
      KEY_VALUE.lastIndex = (m.indices?.[1]?.[1] ?? m.index) + 1;
      continue;
    }
    // A trailing `.`, `!`… ends a sentence unless it sits inside a longer run.
    let end = at[1];
    while (end > at[0] + 4 && /[.:]/.test(text[end - 1] ?? "")) end--;
    out.push({ start: at[0], end, category: S, detector: "keyword-secret" });
  }
  return out;
}

/**
 * Long random-looking tokens with no keyword: mixed case and digits, high entropy. Hex strings
 * (hashes, commit ids) and UUIDs are not flagged — they are not credentials on their own.
 */
const TOKEN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9][A-Za-z0-9_+/-]{23,}={0,2}(?![A-Za-z0-9+/_-])/g;

function highEntropyTokens(text: string): Span[] {
  return spansOf(TOKEN, text, S, "entropy-token", (v) => {
    if (/^[0-9a-fA-F-]+$/.test(v)) return false; // hashes, UUIDs
    if (v.includes("/") && /^[\w.-]+(?:\/[\w.-]+)+$/.test(v) && !/\d{3}/.test(v)) return false; // paths
    if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/\d/.test(v)) return false;
    // camelCase / snake_case identifiers: long runs of letters between separators.
    if (/^[A-Za-z]+(?:[_-][A-Za-z0-9]+)+$/.test(v) && (v.match(/\d/g)?.length ?? 0) < 4) return false;
    const digits = v.match(/\d/g)?.length ?? 0;
    if (digits < 3) return false;
    return entropy(v) >= 4.0;
  });
}

export const SECRET_DETECTORS: Detector[] = [
  ...PREFIXED_KEYS.map(([name, re]) => regexRule(name, re)),
  regexRule("private-key", PRIVATE_KEY),
  regexRule("url-password", URL_PASSWORD, 1, (v) => !NOT_A_VALUE.test(v)),
  {
    name: "conn-password",
    category: S,
    detect: (text) =>
      [1, 2, 3].flatMap((g) =>
        spansOf(CONN_PASSWORD, text, S, "conn-password", (v) => !NOT_A_VALUE.test(v), g),
      ),
  },
  {
    name: "auth-header",
    category: S,
    detect: (text) =>
      [1, 2].flatMap((g) =>
        spansOf(
          AUTH_HEADER,
          text,
          S,
          "auth-header",
          (v) => !NOT_A_VALUE.test(v) && /\d|[A-Z].*[a-z]/.test(v),
          g,
        ),
      ),
  },
  { name: "keyword-secret", category: S, detect: keyValueSecrets },
  { name: "entropy-token", category: S, detect: highEntropyTokens },
];
