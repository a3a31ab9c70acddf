/**
 * Secret detectors written here, for what secretlint's recommended preset does not cover (or
 * covers only in config files): provider key formats, tokens, private keys, credentials in URLs and
 * connection strings, Authorization headers, and `key = value` secrets judged by keyword + entropy.
 * Each rule redacts the secret value, not its label, so the reasoning around it stays readable.
 */
import {
  CATEGORY,
  entropy,
  inWindows,
  isSpace,
  mayHoldSecret,
  spansOf,
  type Detector,
  type Span,
} from "./types";

const S = CATEGORY.secret;

/** Values that look like a secret's slot but hold none: placeholders, variables, booleans. */
const NOT_A_VALUE =
  /^(?:null|none|nil|true|false|undefined|empty|string|password|passwd|secret|token|changeme|example|xxx+|\*+|\.+|-+|<[^>]*>|\{[^}]*\}|\$\{?[\w.]+\}?|%\w+%|\[[^\]]*\])$/i;

function regexRule(name: string, re: RegExp, group = 0, accept?: (v: string) => boolean): Detector {
  return {
    name,
    category: S,
    detect: (text) => (mayHoldSecret(text) ? spansOf(re, text, S, name, accept, group) : []),
    secretGated: true,
  };
}

/**
 * Values that only fill a secret's slot in documentation and tests: runs of one character,
 * alphabet or digit sequences, template braces, "YOUR_…"/"REPLACE_…". (Vendors' documented
 * example keys are a different matter: kept only as exact values, see `core/examples.ts`.)
 */
const DUMMY =
  /(.)\1{7,}|abcdefgh|bcdefghi|aBcDeFgH|AbCdEfGh|aAbBcCdD|ABCDEF123|12345678|\{\{|\}\}|<[a-z_ -]+>|\byour[_-]|replace[_-]?with|^(?:pass|password|mypassword|passwd|pwd|secret|user|username|admin|root)$|x{4,}|\*{3,}|\.{3,}/i;

export function isDummy(value: string): boolean {
  return DUMMY.test(value);
}

/**
 * Base64 that decodes to readable text ("dummy text data") is encoded prose, not key material.
 * Used by the rules that judge by shape alone (keyword and entropy), not by the exact formats.
 */
export function isEncodedText(value: string): boolean {
  if (!/^[A-Za-z0-9+/]{16,}={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  let decoded: string;
  try {
    decoded = atob(value);
  } catch {
    return false;
  }
  let printable = 0;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 10) printable++;
  }
  return printable / decoded.length > 0.95 && /[a-z]{3,}/.test(decoded);
}

/** Provider key formats with a fixed prefix: precise, so no entropy test is needed. */
const PREFIXED_KEYS: [string, RegExp][] = [
  // AWS access key ids (all documented prefixes).
  ["aws-key-id", /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z0-9]{16}\b/g],
  // Google API keys and OAuth tokens / client secrets.
  ["gcp-key", /\b(?:AIza[0-9A-Za-z_-]{35}|ya29\.[0-9A-Za-z_-]{20,}|GOCSPX-[0-9A-Za-z_-]{28})/g],
  // Azure AD client secrets (`xxx8Q~...`).
  ["azure-secret", /\b[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/g],
  // OpenAI (sk-, sk-proj-, sk-svcacct-…) and Anthropic (sk-ant-…) keys.
  [
    "llm-key",
    /\bsk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{80,}|\bsk-(?!ant-)(?:proj-|svcacct-|admin-|or-v1-)?[A-Za-z0-9_-]{20,}/g,
  ],
  // Hugging Face, Groq, Tavily, Replicate, Together and similar prefixed API keys.
  [
    "llm-key",
    /\b(?:hf_[A-Za-z0-9]{34}\b|api_org_[A-Za-z0-9]{30,}|gsk_[A-Za-z0-9]{52}\b|tvly-[A-Za-z0-9_-]{20,}|r8_[A-Za-z0-9]{30,}|xai-[A-Za-z0-9]{40,}|pplx-[A-Za-z0-9]{40,})/g,
  ],
  // GitHub tokens (classic and fine-grained).
  ["vcs-token", /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})/g],
  // GitLab tokens (personal, deploy, runner, trigger, feed, OAuth…).
  [
    "vcs-token",
    /\bgl(?:pat|dt|rt|ptt|ft|imt|agent|oas|soat|cbt|ffct|rtr|wt|sa)-[A-Za-z0-9_.-]{20,}|\bGR1348941[A-Za-z0-9_-]{20,}|_gitlab_session=[0-9a-f]{32}/g,
  ],
  // Slack tokens and webhooks.
  [
    "chat-token",
    /\bxox[abposrce]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g,
  ],
  // Other incoming webhooks, whose address is their only credential: Discord, Microsoft Teams
  // (office.com), Google Chat (its key and token), Zapier, IFTTT.
  [
    "chat-token",
    /https:\/\/(?:(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{60,}|[a-z0-9-]+\.webhook\.office\.com\/webhookb2\/[A-Za-z0-9@/_-]{40,}|outlook\.office\.com\/webhook\/[A-Za-z0-9@/_-]{40,}|chat\.googleapis\.com\/v1\/spaces\/[A-Za-z0-9_-]+\/messages\?key=[A-Za-z0-9_-]{20,}&token=[A-Za-z0-9_%=-]{20,}|hooks\.zapier\.com\/hooks\/catch\/\d+\/[A-Za-z0-9]{4,}|maker\.ifttt\.com\/trigger\/[A-Za-z0-9_-]+\/(?:json\/)?with\/key\/[A-Za-z0-9_-]{16,})/g,
  ],
  // Stripe secret and restricted keys (24 or more characters after the prefix, as Stripe issues
  // them) and webhook secrets. Publishable keys (pk_) are meant to be public and are left alone.
  ["payment-key", /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,}|\bwhsec_[A-Za-z0-9]{24,}/g],
  // Cloudflare, Tailscale, Grafana Cloud tokens (a Tailscale key glued to a name or digit, as
  // in `MY_tskey-…`, still counts: only a letter before the prefix makes it another word).
  [
    "service-token",
    /\bcf(?:at|ut|k)_[A-Za-z0-9]{48}\b|(?<![A-Za-z])tskey-[a-z]+-[A-Za-z0-9]+-[A-Za-z0-9]+|\bglc_[A-Za-z0-9+/]{32,}={0,2}/g,
  ],
  // Age, Alibaba, Bedrock, Dynatrace, Facebook app, Terraform Cloud, Mailgun, Discord, Braintree,
  // NTLM (base64 "NTLMSSP"), Grafana API keys (base64 '{"k":').
  [
    "service-token",
    /\bAGE-SECRET-KEY-1[A-Z0-9]{58}|\bLTAI[A-Za-z0-9]{12,20}\b|\bbedrock-api-key-[A-Za-z0-9+/=]{20,}|\bdt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}|\b\d{15,16}\|[A-Za-z0-9_-]{27}\b|\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{60,}|\b[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}\b|\b[MN][A-Za-z\d]{23,27}\.[\w-]{6}\.[\w-]{27,}|access_token\$(?:production|sandbox)\$[a-z0-9]+\$[a-f0-9]{32}|\bTlRMTVNTUA[A-Za-z0-9+/]{20,}={0,2}|\beyJrIjoi[A-Za-z0-9+/]{30,}={0,2}/g,
  ],
  // npm auth tokens in .npmrc lines.
  ["service-token", /(?<=_authToken=)[^\s"'$][^\s"']{15,}/g],
  // npm, PyPI, Docker Hub, Shopify, SendGrid, Twilio, PostHog, DigitalOcean, Atlassian, etc.
  [
    "service-token",
    /\b(?:npm_[A-Za-z0-9]{36}|pypi-[A-Za-z0-9_-]{50,}|dckr_pat_[A-Za-z0-9_-]{20,}|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}|SK[0-9a-fA-F]{32}|ph[cxs]_[A-Za-z0-9]{30,}|do[opr]_v1_[a-f0-9]{64}|ATATT3[A-Za-z0-9_=-]{50,}|figd_[A-Za-z0-9_-]{30,}|glsa_[A-Za-z0-9_]{32,}|NRAK-[A-Z0-9]{27}|eu01x[a-f0-9]{30,}NRAL|pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{30,}|sbp_[a-f0-9]{40}|key-[a-f0-9]{32}|AKCp[A-Za-z0-9]{60,}|cmVmdGtu[A-Za-z0-9]{50,}|PMAK-[a-f0-9]{24}-[a-f0-9]{34}|squ?p?_?EAAA[A-Za-z0-9_-]{60}|sq0csp-[A-Za-z0-9_-]{43}|sqp_[a-f0-9]{40}|LLM\|[0-9]+\|[A-Za-z0-9_-]{20,}|ABSK[A-Za-z0-9+/=]{60,})/g,
  ],
  // Sentry, SonarQube, Supabase (v0), RubyGems, Heroku, New Relic (browser, JS, insights and
  // licence keys), Postman access tokens, Square access tokens, Akamai client tokens, WunderGraph
  // Cosmo keys, NATS seeds, Twilio account ids, NuGet API keys, Azure DevOps tokens (their
  // "JQQJ99" signature and "AZDO"), Telegram bot tokens.
  [
    "service-token",
    /\b(?:sntryu_[a-f0-9]{64}\b|sntrys_eyJ[A-Za-z0-9+/=_-]{50,}|sq[ua]_[a-f0-9]{40}\b|sbp_v0_[a-f0-9]{40}\b|rubygems_[a-f0-9]{48}\b|HRKU-[A-Za-z0-9_-]{30,}|NR(?:BR|JS)-[a-f0-9]{19}\b|NRII-[A-Za-z0-9_-]{24,40}|[a-f0-9]{36}NRAL\b|PMAT-[A-Z0-9]{26}\b|sq0atp-[A-Za-z0-9_-]{22}\b|akab-[a-z0-9]{16}-[a-z0-9]{16}\b|cosmo_[a-f0-9]{32}\b|S[UAONCXP][A-Z2-7]{56}\b|AC[a-f0-9]{32}\b|[A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9]{18}AZDO[A-Za-z0-9]{4}|oy2[a-z0-9]{43}\b|\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-]))/g,
  ],
  // Bodies of OpenSSH keys (base64 of "openssh-key-v1") and of DER keys ("MII…"), seen alone.
  ["private-key", /\bb3BlbnNzaC1rZXktdjE[A-Za-z0-9+/=]{10,}|\bMII[A-Za-z0-9+/]{60,}={0,2}/g],
  // The private members of a JSON Web Key (`"d"`, RSA's primes and exponents): base64url of 40
  // or more characters, which may start with "-" or "_" where the entropy rule's tokens may not.
  ["private-key", /(?<="(?:d|p|q|dp|dq|qi)"[ \t]*:[ \t]*")[A-Za-z0-9_-]{40,}(?=")/g],
  // JSON Web Tokens.
  ["jwt", /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g],
];

/** PEM / OpenSSH private keys, including truncated ones (no END line): to the end of the base64. */
const PRIVATE_KEY =
  /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END \1PRIVATE KEY(?: BLOCK)?-----|(?:(?:\\[rn]|[\s"'`#:.,+\d-])*[A-Za-z0-9+/=]{16,})+)?|-----END ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/g;

/** `scheme://user:password@host` — the password only. */
const URL_PASSWORD = /\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:/@'"<>]{0,64}):([^\s@/'"<>]{3,128})@[\w.[\]-]/dgi;

/**
 * A URL password equal to its user name (`postgres://postgres:postgres@localhost`) is a local
 * default credential of a database image, not a secret of anyone's: secretlint skips it too.
 */
export function identicalCredentials(url: string): boolean {
  const m = /:\/\/([^\s:/@'"<>]+):([^\s@/'"<>]+)@/.exec(url);
  return m !== null && m[1] === m[2];
}

/**
 * `Password=...;` in ADO/JDBC connection strings, `IDENTIFIED BY x` (also MySQL's `IDENTIFIED WITH
 * plugin BY x` and `… AS 'hash'`), `WITH PASSWORD 'x'`.
 */
const CONN_PASSWORD =
  /(?:\b(?:password|pwd)\s*=\s*([^;'"\s]{3,}))|(?:\bIDENTIFIED\s+(?:WITH\s+['"]?\w+['"]?\s+(?:BY|AS)|BY)\s+['"]?([^\s'";)]{3,}))|(?:\bWITH\s+PASSWORD\s+['"]([^'"]{3,})['"])/dgi;

/** `Authorization: Bearer x`, `Bearer x`, `Basic x`, `Token x`, NTLM/Negotiate. */
const AUTH_HEADER =
  /\b(?:authorization|proxy-authorization)["']?\s*[:=]\s*["']?(?:(?:bearer|basic|token|digest|ntlm|negotiate|apikey)\s+)?([A-Za-z0-9._~+/=:-]{8,})|\b(?:Bearer|Basic)\s+([A-Za-z0-9._~+/-]{12,}=*)/dgi;

/** `curl -u user:password`, `--oauth2-bearer token`. */
const CLI_CREDENTIAL =
  /(?:\s-u|--user)\s+["']?[^\s:"']+:([^\s"']{3,})|--oauth2-bearer\s+["']?([^\s"']{8,})/dg;

/** Keywords that make the value after them a secret. */
const SECRET_KEYWORD =
  /(?:pass(?:word|wd|phrase|code)?|pa?s{1,2}w(?:o?r)?d|psw(?:o?r)?d|pw|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?key|credentials?|salt|nonce|key|otp|seed|signature|sig)/
    .source;

/**
 * `keyword = value`, `keyword: value`, `"keyword": "value"`, `--keyword value`, `keyword value`
 * (for the password-like keywords), `keyword is value` (also in German, French, Spanish,
 * Portuguese and Polish: "das Passwort ist …", "le mot de passe est …"). The keyword may be embedded in a longer identifier
 * (`db_password`, `AwsSecretKey`). Also a keyword passed as an argument before its quoted value
 * (`define('DB_PASSWORD', '…')`, `curl_easy_setopt(c, CURLOPT_PASSWORD, "…")`), a value in
 * HTML-escaped quotes (`token=&quot;…&quot;`) and one after a URL-encoded "=" (`token%3D…`).
 */
const KEY_VALUE = new RegExp(
  String.raw`([A-Za-z0-9_.-]{0,30}?${SECRET_KEYWORD}[A-Za-z0-9_-]{0,20})["'\]]?[ \t]*(?:[:=]{1,2}|=>|!=|==|:=|%3[Dd]|,(?=[ \t]*["'])|[ \t]+(?:is|was|are|ist|lautet|war|est|es|era|é|foi|jest)[ \t]|[ \t])[ \t]*[=:]?[ \t]*(?:[rbuf]?(?:'''|"""|["'\x60])|&(?:quot|#34|#39|apos);|[A-Za-z]+\s*\(\s*["']|String\s*=\s*["'])?([^\s"'\x60,;)(<>{}\[\]\\]{4,200})`,
  "dgi",
);

/** Where a value read by KEY_VALUE ends early: an HTML-escaped quote, or an encoded "&" after "%3D". */
const ESCAPED_END = /&(?:quot|#34|#39|apos)\b|%26/;

const PASSWORDISH = /pass|pw|pwd|psw|pasw|pssw|secret|credential|auth/i;

/** A value an attacker could use: judged by shape and entropy, not by the keyword alone. */
export function plausibleSecret(keyword: string, value: string): boolean {
  if (NOT_A_VALUE.test(value) || isDummy(value) || isEncodedText(value)) return false;
  if (/public|pub_?key/i.test(keyword)) return false; // public keys are meant to be shared
  if (/^[a-z]+(?:[._-][a-z]+)*$/.test(value) && value.length < 24 && !PASSWORDISH.test(keyword)) return false;
  // A call, a path, an attribute access or a type annotation is code, not a value.
  if (/^(?:self|this|os|env|process|config|settings|request|args|params)\b/.test(value)) return false;
  // A URL is not a secret as a whole: the password in it is url-password's (and a password equal
  // to the user name is a default credential, see identicalCredentials).
  if (/^https?:|^[a-z][a-z0-9+.-]{1,20}:\/\//i.test(value)) return false;
  if (/^\d{1,6}$/.test(value)) return false;
  // A command's next flag ("$env:PASSWORD -AsPlainText", "--password --stdin"): letters and dashes.
  if (/^--?[A-Za-z][A-Za-z-]*$/.test(value)) return false;
  const passwordish = PASSWORDISH.test(keyword);
  if (passwordish) {
    // Passwords are short and human-made: at least a letter and a digit or symbol, or long.
    if (value.length < 4) return false;
    // (Letters of any script: "oublié", "café" are words, not a letter and a symbol.)
    if (/^\p{Ll}+$/u.test(value) && value.length < 10) return /[a-z]{2,}\d/.test(value);
    if (/^\p{L}+$/u.test(value)) return value.length >= 8 && /\p{Ll}\p{Lu}/u.test(value);
    return /[A-Za-z]/.test(value) || value.length >= 8;
  }
  // Tokens, keys, salts: long and random-looking.
  if (value.length < 12) return false;
  if (!/\d/.test(value) && !/[+/=]/.test(value) && value.length < 20) return false;
  return entropy(value) >= 3.0;
}

const KEYWORD_ANCHOR = /pass|pasw|psw|pssw|pw|pwd|secret|token|key|cred|salt|nonce|otp|seed|sig|auth/gi;

/**
 * One case-insensitive scan of a text for the cues of several rules: the anchors of
 * `keyword-secret` (exactly KEYWORD_ANCHOR's matches); whether the text holds a cue of
 * `conn-password` (password|pwd|identified) or of `auth-header` (authoriz|bearer|basic); and
 * whether a title or "name" starts a word (mr|mrs|ms|miss|dr|prof|name: the gate of person.ts's
 * lower-case names after a title). The scan steps one character past a word that is no keyword,
 * and none of them starts as a keyword does at the same place, so the keyword matches are those of
 * KEYWORD_ANCHOR alone. "password", "pwd" and "authoriz" are seen as their keyword ("pass", "pw",
 * "auth") and what follows it; only "otp" can hide one of them ("otpassword"): then the cue is
 * looked for apart. A title that starts a word cannot start inside a keyword (a letter precedes
 * it there).
 */
/**
 * The cue words of address.ts, where an address may start (case-sensitive): found in the same
 * scan, case-insensitively, and each place checked with this pattern itself. None starts as a
 * keyword, a title or another cue word does at the same place; one that starts inside a keyword
 * is looked for there apart.
 */
export const ADDRESS_WORDS = String.raw`[Aa]ddress|ADDRESS|lives at|located at|office is at|corner of|arrived at|meet you at|off at|sent to|is on|send (?:it|a new one|them) to|PSC|[AFD]PO |Suite|Apt|P\.?O\.? Box`;
const ADDRESS_WORDS_AT = new RegExp(ADDRESS_WORDS, "uy");

/**
 * The cues of cli-secrets.ts's rules that need no credential keyword (`cmd`): a short flag after
 * a blank or a quote (`-p`, `-a`, `-w`, `-k`, `-U`, `-S`, `-b`, `-n`), a login or connect call or
 * command, `sqlplus`, `rabbitmqctl`, a `.pgpass` port field. None starts as a keyword, a title
 * or an address cue does at the same place.
 */
const COMMAND_CUES = String.raw`login|connect|sqlplus|rabbitmqctl|:5432:|:\*:|(?<![^\s"'=])-[pawkusbn]`;

/** The alternation the cue scan looks for, in order (case-insensitive). */
export const CUE_SCAN_SOURCE = `${KEYWORD_ANCHOR.source}|identified|bearer|basic|mrs|mr|miss|ms|dr|prof|name|-u |--user|--oauth2-bearer|${ADDRESS_WORDS}|${COMMAND_CUES}`;
/**
 * CUE_SCAN_SOURCE with its alternatives grouped by their first letter: the same matches (at any
 * place the alternatives that can match share their first letter, and keep their order within the
 * group; "pwd" is dropped, as "pw" always matched first), but the regex tries a dozen groups at
 * each place instead of fifty alternatives — 7.8 → 4.6 ms/MB on the CoT texts. A test compares the
 * two on random texts.
 */
const CUE_SCAN =
  /p(?:ass|asw|sw|ssw|w|rof|sc|\.?o\.? box)|s(?:ecret|alt|eed|ig|ent to|end (?:it|a new one|them) to|uite|qlplus)|token|key|c(?:red|orner of|onnect)|n(?:once|ame)|o(?:tp|ffice is at|ff at)|a(?:uth|ddress|rrived at|po |pt)|i(?:dentified|s on)|b(?:earer|asic)|m(?:rs|r|iss|s|eet you at)|d(?:r|po )|fpo |l(?:ives at|ocated at|ogin)|-(?:u |-user|-oauth2-bearer|(?<![^\s"'=]-)[pawkusbn])|rabbitmqctl|:(?:5432|\*):/gi;
export const CUE_SCAN_GROUPED = CUE_SCAN.source;
const CONN_CUE = /password|pwd|identified/i;
const KEYWORDS = new Set(KEYWORD_ANCHOR.source.split("|"));
const TITLES = new Set(["mrs", "mr", "miss", "ms", "dr", "prof", "name"]);
const COMMAND_WORDS = new Set(["login", "connect", "sqlplus", "rabbitmqctl", ":5432:", ":*:"]);

/** Words that introduce personal data, greet or sign, or name a person's role or organisation. */
export const PERSONAL_WORDS_SOURCE = String.raw`\b(?:e-?mail|phone|telephone|tel|mobile|cell(?:phone)?|fax|contact|address|addressed|street|apt|suite|zip|postcode|postal|iban|ssn|social security|passport|licen[cs]e|driver|born|birth|dob|nationality|citizen|resident|lives in|lives at|moved to|dear|regards|sincerely|signed|surname|username|user ?name|password|login|account (?:number|no)|card number|customer|client|patient|employee|applicant|tenant|member|ceo|cto|cfo|founder|manager|engineer|director|officer|lawyer|attorney|company|corp|inc|llc|ltd|university|hospital|bank|profile|linkedin|twitter|facebook|instagram|github)\b`;
/**
 * PERSONAL_WORDS_SOURCE (case-insensitive) with its words grouped by their first letter: it is
 * only asked whether it matches anywhere, which no reordering of the words changes, and the
 * grouped form tries a score of groups at each place instead of seventy words (3.6 → 2.7 ms/MB on
 * the CoT texts). A test checks that both match the same texts. (Kept as the reference of the
 * cue scan's reading, `personalWord`.)
 */
const PERSONAL_WORDS =
  /\b(?:a(?:ddress|ddressed|pt|pplicant|ttorney|ccount (?:number|no))|b(?:orn|irth|ank)|c(?:ell(?:phone)?|ontact|itizen|ustomer|lient|eo|to|fo|ompany|orp|ard number)|d(?:ob|ear|river|irector)|e(?:-?mail|mployee|ngineer)|f(?:ax|ounder|acebook)|github|hospital|i(?:ban|nc|nstagram)|l(?:icen[cs]e|ives (?:in|at)|ogin|awyer|lc|td|inkedin)|m(?:obile|oved to|ember|anager)|nationality|officer|p(?:hone|ostcode|ostal|assport|assword|atient|rofile)|r(?:esident|egards)|s(?:treet|uite|sn|ocial security|incerely|igned|urname)|t(?:elephone|el|enant|witter)|u(?:sername|ser ?name|niversity)|zip)\b/i;
export const PERSONAL_WORDS_GROUPED = PERSONAL_WORDS.source;
/**
 * PERSONAL_WORDS at one place that starts a word (the `\b` before it is checked by the caller):
 * the cue scan asks it only where the first three characters start one of its words.
 */
const PERSONAL_WORD_AT = new RegExp(PERSONAL_WORDS.source.slice(2), "iy");

interface Cues {
  anchors: number[];
  conn: boolean;
  auth: boolean;
  title: boolean;
  /** whether the text holds a cue of cli-credential: -u |--user|--oauth2-bearer|--password|--token */
  cli: boolean;
  /** the places of address.ts's cue words: exactly the matches of a global ADDRESS_WORDS scan */
  address: number[];
  /** whether the text holds a cue of cli-secrets.ts's rules that need no keyword (COMMAND_CUES) */
  cmd: boolean;
  /** whether PERSONAL_WORDS matches somewhere in the text (person.ts's personal-data context) */
  personal: boolean;
  /** whether the text may hold a phrase's label (PHRASE_CUE: "phrase", "mnemonic", any case) */
  phrase: boolean;
  /** whether the text may hold a card code's, PIN's or one-time code's cue (CARD_CODE_CUE, any case) */
  card: boolean;
}

let cuesText: string | undefined;
let cuesMemo: Cues = {
  anchors: [],
  conn: false,
  auth: false,
  title: false,
  cli: false,
  address: [],
  cmd: false,
  personal: false,
  phrase: false,
  card: false,
};

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Whether a title or "name" starts a word of `text` and is followed by "." or a space (a
 * superset of /\b(?:mr|mrs|ms|miss|dr|prof|name)[.\s]/i, so of person.ts's LOWER_CUE_RE
 * matches, from the shared cue scan).
 */
export function titleCue(text: string): boolean {
  return cuesOf(text).title;
}

/**
 * Whether PERSONAL_WORDS (person.ts's words of personal-data context) matches somewhere in `text`,
 * from the shared cue scan.
 */
export function personalWord(text: string): boolean {
  return cuesOf(text).personal;
}

/** Where address.ts's cue words stand in `text` (the matches of /ADDRESS_WORDS/gu, from the shared cue scan). */
export function addressCues(text: string): number[] {
  return cuesOf(text).address;
}

/**
 * One step of the emulated global ADDRESS_WORDS scan of `cuesOf`: the address cue word at `at`, if
 * one starts there and no earlier match covers it, is noted in `address`; returns where the next
 * match may start. (A module function, not a closure made per text.)
 */
function addressAt(text: string, at: number, from: number, address: number[]): number {
  if (at < from) return from;
  ADDRESS_WORDS_AT.lastIndex = at;
  if (!ADDRESS_WORDS_AT.test(text)) return from;
  address.push(at);
  return ADDRESS_WORDS_AT.lastIndex;
}

/**
 * The cue scan written out (CUE_SCAN's matches, the same at every place, a quarter cheaper):
 * most places of a text cannot start a cue, and two tables of the first three characters of
 * every alternative say so; the few others (one in a hundred in reasoning) are matched by hand,
 * in CUE_SCAN's order. Only ASCII characters match (without the `u` flag, no other character
 * folds to an ASCII one). The tables are read with `(c | 32) & 127`, which folds capitals and
 * maps a few other characters onto cue characters too (a carriage return onto "-"): harmless, as
 * `cueAt` decides.
 */
/**
 * Whether a cue (bit 1) or a personal word (bit 2) can start with these two characters (folded),
 * by `first << 7 | second`.
 */
const CUE_PAIR = new Uint8Array(1 << 14);
/** The bit of a cue's third character (folded): a–z, space, ".", ":", "4"; any other, bit 31. */
function thirdBit(c: number): number {
  const f = (c | 32) & 127;
  if (f >= 97 && f <= 122) return 1 << (f - 97);
  return f === 32 ? 1 << 26 : f === 46 ? 1 << 27 : f === 58 ? 1 << 28 : f === 52 ? 1 << 29 : 1 << 31;
}
/** The bit of a space as a cue's third character. */
const SPACE_BIT = thirdBit(32);
/** By the first two characters (as CUE_PAIR), the bits of the third characters that can follow. */
const CUE_THIRD = new Int32Array(1 << 14);
// The alternatives' first three characters (two for the two-character ones, which anything may
// follow; "_" is a space).
for (const p of (
  "pas psw pss pw pro psc p.o po_ po. sec sal see sig sen sui sql tok key cre cor con non nam otp off aut add arr " +
  "apo apt ide is_ bea bas mr mis ms mee dr dpo fpo liv loc log rab :54 :*: -u_ --u --o -p -a -w -k -u -s -b -n"
).split(" ")) {
  const at = (p.charCodeAt(0) << 7) | p.charCodeAt(1);
  CUE_PAIR[at] = 1;
  CUE_THIRD[at]! |= p.length === 2 ? -1 : thirdBit(p[2] === "_" ? 32 : p.charCodeAt(2));
}
/** By the first two characters, the bits of the third characters that can follow in a personal word. */
const PERSONAL_THIRD = new Int32Array(1 << 14);
// The first three characters of PERSONAL_WORDS's words (all start with a letter and have three
// or more characters; a test checks the scan against the regex).
for (const p of (
  "e-m ema pho tel mob cel fax con add str apt sui zip pos iba ssn soc pas lic dri bor bir dob nat cit " +
  "res liv mov dea reg sin sig sur use log acc car cus cli pat emp app ten mem ceo cto cfo fou man eng " +
  "dir off law att com cor inc llc ltd uni hos ban pro lin twi fac ins git"
).split(" ")) {
  const at = (p.charCodeAt(0) << 7) | p.charCodeAt(1);
  CUE_PAIR[at]! |= 2;
  PERSONAL_THIRD[at]! |= thirdBit(p.charCodeAt(2));
}

/** Whether the scan of the current text has seen a personal word (see `personalAt`). */
let personalSeen = false;

/**
 * The flag words: cues of rules behind their own gate rather than the cue scan's matches
 * (PHRASE_CUE's and CARD_CODE_CUE's words), noted wherever the scan passes them — any case, at
 * any place (a superset of those patterns' matches: "spin" notes "pin"). By the first two
 * characters (as CUE_PAIR, bit 4), the bits of their third characters.
 */
const FLAG_THIRD = new Int32Array(1 << 14);
for (const p of "phr mne cvv cvc cid csc pin cod otp".split(" ")) {
  const at = (p.charCodeAt(0) << 7) | p.charCodeAt(1);
  CUE_PAIR[at]! |= 4;
  FLAG_THIRD[at]! |= thirdBit(p.charCodeAt(2));
}
let phraseSeen = false;
let cardSeen = false;

/** Notes the flag word that may start at `p` (its first three characters matched FLAG_THIRD). */
function flagAt(text: string, p: number): void {
  // (The table matched the first three characters of one of them, in any case: "phr", "mne",
  // "cod" say which word to check; "cvv", "cvc" are whole; "cid", "csc", "pin" and "otp" count in
  // capitals only, as in CARD_CODE_CUE — "decided", "spinning", "footprint" hold them.)
  const c = foldAt(text, p);
  const d = foldAt(text, p + 1);
  if (c === 112 && d === 104) phraseSeen ||= foldedAt(text, p, "phrase");
  else if (c === 109) phraseSeen ||= foldedAt(text, p, "mnemonic");
  else if (c === 99 && d === 118) cardSeen = true;
  else if (c === 99 && d === 111) cardSeen ||= foldedAt(text, p, "code") && text.startsWith("ode", p + 1);
  else cardSeen ||= capitalsAt(text, p, 3);
}

/** Whether the `n` code units at `p` are ASCII capitals. */
function capitalsAt(text: string, p: number, n: number): boolean {
  if (p + n > text.length) return false;
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(p + k);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/**
 * Notes a personal word (PERSONAL_WORDS) that starts at `p`: only where a word starts (the
 * regex's `\b`: no ASCII letter, digit or "_" before, as without the `u` flag).
 */
function personalAt(text: string, p: number): void {
  if (p > 0 && isWordChar(text.charCodeAt(p - 1))) return;
  PERSONAL_WORD_AT.lastIndex = p;
  personalSeen = PERSONAL_WORD_AT.test(text);
}

/** The code unit at `i`, ASCII capitals folded to small letters. */
function foldAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Whether `w` (small letters and other ASCII) stands at `i` of `text`, whatever the case. */
function foldedAt(text: string, i: number, w: string): boolean {
  if (i + w.length > text.length) return false;
  for (let k = 0; k < w.length; k++) if (foldAt(text, i + k) !== w.charCodeAt(k)) return false;
  return true;
}

/** The length of CUE_SCAN's match at `i` (its first alternative that matches there), or 0. */
function cueAt(text: string, i: number): number {
  const j = i + 1;
  switch (foldAt(text, i)) {
    case 112: {
      // p(?:ass|asw|sw|ssw|w|rof|sc|\.?o\.? box) ("pasw", "psw", "pssw": a password spelt short)
      if (foldedAt(text, j, "ass")) return 4;
      if (foldedAt(text, j, "asw")) return 4;
      if (foldedAt(text, j, "sw")) return 3;
      if (foldedAt(text, j, "ssw")) return 4;
      const c = foldAt(text, j);
      if (c === 119) return 2;
      if (foldedAt(text, j, "rof")) return 4;
      if (foldedAt(text, j, "sc")) return 3;
      let k = c === 46 ? j + 1 : j;
      // (Not read past the end, where "p." or "po" may stop: that read deoptimised the scan.)
      if (k >= text.length || foldAt(text, k) !== 111) return 0;
      k++;
      if (k < text.length && text.charCodeAt(k) === 46) k++;
      return foldedAt(text, k, " box") ? k + 4 - i : 0;
    }
    case 115: {
      // s(?:ecret|alt|eed|ig|ent to|end (?:it|a new one|them) to|uite|qlplus)
      if (foldedAt(text, j, "ecret")) return 6;
      if (foldedAt(text, j, "alt")) return 4;
      if (foldedAt(text, j, "eed")) return 4;
      if (foldedAt(text, j, "ig")) return 3;
      if (foldedAt(text, j, "ent to")) return 7;
      if (foldedAt(text, j, "end ")) {
        const k = j + 4;
        const w = foldedAt(text, k, "it")
          ? 2
          : foldedAt(text, k, "a new one")
            ? 9
            : foldedAt(text, k, "them")
              ? 4
              : 0;
        if (w > 0 && foldedAt(text, k + w, " to")) return k + w + 3 - i;
      }
      if (foldedAt(text, j, "uite")) return 5;
      return foldedAt(text, j, "qlplus") ? 7 : 0;
    }
    case 116:
      return foldedAt(text, j, "oken") ? 5 : 0;
    case 107:
      return foldedAt(text, j, "ey") ? 3 : 0;
    case 99:
      if (foldedAt(text, j, "red")) return 4;
      if (foldedAt(text, j, "orner of")) return 9;
      return foldedAt(text, j, "onnect") ? 7 : 0;
    case 110:
      if (foldedAt(text, j, "once")) return 5;
      return foldedAt(text, j, "ame") ? 4 : 0;
    case 111:
      if (foldedAt(text, j, "tp")) return 3;
      if (foldedAt(text, j, "ffice is at")) return 12;
      return foldedAt(text, j, "ff at") ? 6 : 0;
    case 97:
      if (foldedAt(text, j, "uth")) return 4;
      if (foldedAt(text, j, "ddress")) return 7;
      if (foldedAt(text, j, "rrived at")) return 10;
      if (foldedAt(text, j, "po ")) return 4;
      return foldedAt(text, j, "pt") ? 3 : 0;
    case 105:
      if (foldedAt(text, j, "dentified")) return 10;
      return foldedAt(text, j, "s on") ? 5 : 0;
    case 98:
      if (foldedAt(text, j, "earer")) return 6;
      return foldedAt(text, j, "asic") ? 5 : 0;
    case 109: {
      if (foldedAt(text, j, "rs")) return 3;
      const c = foldAt(text, j);
      if (c === 114) return 2;
      if (foldedAt(text, j, "iss")) return 4;
      if (c === 115) return 2;
      return foldedAt(text, j, "eet you at") ? 11 : 0;
    }
    case 100:
      if (foldAt(text, j) === 114) return 2;
      return foldedAt(text, j, "po ") ? 4 : 0;
    case 102:
      return foldedAt(text, j, "po ") ? 4 : 0;
    case 108:
      if (foldedAt(text, j, "ives at")) return 8;
      if (foldedAt(text, j, "ocated at")) return 10;
      return foldedAt(text, j, "ogin") ? 5 : 0;
    case 45: {
      // -(?:u |-user|-oauth2-bearer|(?<![^\s"'=]-)[pawkusbn])
      if (foldedAt(text, j, "u ")) return 3;
      if (foldedAt(text, j, "-user")) return 6;
      if (foldedAt(text, j, "-oauth2-bearer")) return 15;
      if (i > 0) {
        const b = text.charCodeAt(i - 1);
        if (!isSpace(b) && b !== 34 && b !== 39 && b !== 61) return 0;
      }
      const c = foldAt(text, j);
      return c === 112 ||
        c === 97 ||
        c === 119 ||
        c === 107 ||
        c === 117 ||
        c === 115 ||
        c === 98 ||
        c === 110
        ? 2
        : 0;
    }
    case 114:
      return foldedAt(text, j, "abbitmqctl") ? 11 : 0;
    case 58:
      if (foldedAt(text, j, "5432:")) return 6;
      return foldedAt(text, j, "*:") ? 3 : 0;
  }
  return 0;
}

/** Where the length of the last cue found by `nextCue` is left. */
let cueLength = 0;

/** The length of the cue `nextCue` found last (exported for tests). */
export function lastCueLength(): number {
  return cueLength;
}

/** The place of CUE_SCAN's first match at or after `from` (its length in `cueLength`), or -1. */
export function nextCue(text: string, from: number): number {
  const n = text.length;
  if (from >= n - 1) return -1;
  let a = (text.charCodeAt(from) | 32) & 127;
  for (let i = from + 1; i < n; i++) {
    const b = (text.charCodeAt(i) | 32) & 127;
    const at = (a << 7) | b;
    a = b;
    const pair = CUE_PAIR[at]!;
    if (pair === 0) continue;
    // (At the last place the third character reads as a space: `cueAt` decides. Not read past
    // the end: a read there deoptimised the loop to a slower form for every later text.)
    const third = i + 1 < n ? thirdBit(text.charCodeAt(i + 1)) : SPACE_BIT;
    // A personal word is looked for until one is seen (every place but those inside a keyword,
    // which `cuesOf` skips: letters, after which no word starts).
    if ((pair & 2) !== 0 && !personalSeen && (PERSONAL_THIRD[at]! & third) !== 0) personalAt(text, i - 1);
    if ((pair & 4) !== 0 && (FLAG_THIRD[at]! & third) !== 0) flagAt(text, i - 1);
    if ((pair & 1) === 0 || (CUE_THIRD[at]! & third) === 0) continue;
    const len = cueAt(text, i - 1);
    if (len > 0) return found(i - 1, len);
  }
  return -1;
}

function found(at: number, len: number): number {
  cueLength = len;
  return at;
}

function cuesOf(text: string): Cues {
  if (text === cuesText) return cuesMemo;
  const anchors: number[] = [];
  let conn = false;
  let auth = false;
  let otp = false;
  let title = false;
  let cli = false;
  let cmd = false;
  const address: number[] = [];
  // Emulates a global ADDRESS_WORDS scan: a match hides the places inside it.
  let addressFrom = 0;
  personalSeen = false;
  phraseSeen = false;
  cardSeen = false;
  for (let at = nextCue(text, 0); at !== -1;) {
    const len = cueLength;
    const kw = text.slice(at, at + len).toLowerCase();
    if (!KEYWORDS.has(kw)) {
      // Not a keyword ("identified", "bearer", "basic", a title, an address cue): a keyword
      // may start inside it.
      if (kw === "identified") conn = true;
      else if (kw === "bearer" || kw === "basic") auth = true;
      else if (TITLES.has(kw)) {
        // A title that starts a word and ends before "." or a space ("dr. x", "my name is x"),
        // as in any match of person.ts's LOWER_CUE_RE ("drive", "rename" are none).
        // (Not read past the end, where a title may stand: that read deoptimised this scan.)
        const after = at + kw.length < text.length ? text.charCodeAt(at + kw.length) : -1;
        title ||= (at === 0 || !isWordChar(text.charCodeAt(at - 1))) && (after === 46 || isSpace(after));
      } else if (kw.charCodeAt(0) === 45) {
        // (case-sensitive, as the rule's cue)
        cli ||=
          text.startsWith("-u ", at) ||
          text.startsWith("--user", at) ||
          text.startsWith("--oauth2-bearer", at);
        // (`-U user%pw`: "-U " is read as the cue "-u ")
        cmd ||= kw.length === 2 || (kw === "-u " && text.charCodeAt(at + 1) === 85);
      } else if (COMMAND_WORDS.has(kw)) cmd = true;
      else addressFrom = addressAt(text, at, addressFrom, address);
      at = nextCue(text, at + 1);
      continue;
    }
    anchors.push(at);
    for (let i = at + 1; i < at + len; i++) addressFrom = addressAt(text, i, addressFrom, address);
    if (kw === "pw")
      conn ||= (text.charCodeAt(at + 2) | 0x20) === 100; // "pwd"
    else if (kw === "pass") conn ||= text.slice(at + 4, at + 8).toLowerCase() === "word";
    else if (kw === "auth") auth ||= text.slice(at, at + 8).toLowerCase() === "authoriz";
    else if (kw === "otp") otp = true;
    // "--password", "--token": a keyword after "--", which no keyword holds.
    if (kw === "pass" || kw === "token")
      cli ||= text.startsWith(kw === "pass" ? "--password" : "--token", at - 2);
    at = nextCue(text, at + len);
  }
  if (otp && !conn) conn = CONN_CUE.test(text);
  cuesText = text;
  cuesMemo = {
    anchors,
    conn,
    auth,
    title,
    cli,
    address,
    cmd,
    personal: personalSeen,
    phrase: phraseSeen,
    card: cardSeen,
  };
  return cuesMemo;
}

/**
 * Where the credential keywords of `text` stand (the anchors of `keyword-secret`, from the shared
 * cue scan): the rules of `cli-secrets.ts` look around these places only.
 */
export function secretAnchors(text: string): number[] {
  return cuesOf(text).anchors;
}

/** Whether `text` holds a cue of the rules of `cli-secrets.ts` that need no keyword (COMMAND_CUES). */
export function commandCue(text: string): boolean {
  return cuesOf(text).cmd;
}

function keyValueSecrets(text: string): Span[] {
  const out = inWindows(text, cuesOf(text).anchors, 32, 260, keyValueIn);
  // (Each behind its own native searches, not the shared cue scan: see the rules.)
  foreignSecrets(text, out);
  if (phraseCue(text)) phraseLabelSecrets(text, out);
  if (cardCodeCue(text)) cardCodeSecrets(text, out);
  return out;
}

const PASSPORT = /passport/i;

function keyValueIn(text: string): Span[] {
  const out: Span[] = [];
  KEY_VALUE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEY_VALUE.exec(text)) !== null) {
    const keyword = m[1] ?? "";
    const value = m[2] ?? "";
    const at = m.indices?.[2];
    // A passport's number is an identity document's (cued-id's ID), not a credential: "pass" is in
    // the word.
    if (PASSPORT.test(keyword)) {
      KEY_VALUE.lastIndex = (m.indices?.[1]?.[1] ?? m.index) + 1;
      continue;
    }
    // Judged without the full stop or question mark that ends a sentence ("the pass rate?" is no
    // password); "!" stays, passwords end with it ("cackle!").
    if (at && ATTRIBUTE_NAME.test(value) && quotedAt(text, at[1]) !== undefined) {
      // `<add key="DbPassword" value="…"/>`: the word glued to "=" names the next attribute; the
      // secret is that attribute's quoted value (for the attributes that hold one), not the name.
      const q = quotedAt(text, at[1])!;
      if (VALUE_ATTRIBUTE.test(value) && plausibleSecret(keyword, text.slice(q[0], q[1])))
        out.push({ start: q[0], end: q[1], category: S, detector: "keyword-secret" });
      KEY_VALUE.lastIndex = q[1];
      continue;
    }
    // A passphrase quoted after a password word: its words, not the first one alone.
    const qp =
      at && at[0] > 0 && isQuote(text.charCodeAt(at[0] - 1))
        ? quotedPassphrase(text, keyword, at[0])
        : undefined;
    if (qp !== undefined) {
      out.push({ start: qp[0], end: qp[1], category: S, detector: "keyword-secret" });
      KEY_VALUE.lastIndex = qp[1];
      continue;
    }
    let stop = value.length;
    if (value.includes("&") || value.includes("%")) {
      const cut = value.search(ESCAPED_END);
      // (an encoded "&" ends the value only of an encoded "=")
      if (cut >= 0 && (value.charCodeAt(cut) === 38 || text.slice(m.index, at?.[0]).includes("%3")))
        stop = cut;
    }
    const judged = stop > 4 ? value.slice(0, stop).replace(/[.:?]+$/, "") : value.slice(0, stop);
    if (!at || !plausibleSecret(keyword, judged) || nextKey(text, m.index, at)) {
      // Let the scan continue right after the keyword so a later keyword is still seen.
      KEY_VALUE.lastIndex = (m.indices?.[1]?.[1] ?? m.index) + 1;
      continue;
    }
    // A trailing `.`, `!`… ends a sentence unless it sits inside a longer run.
    let end = at[0] + stop;
    while (end > at[0] + 4 && /[.:]/.test(text[end - 1] ?? "")) end--;
    out.push({ start: at[0], end, category: S, detector: "keyword-secret" });
  }
  if (PROSE_GATE.test(text)) phraseSecrets(text, out);
  return out;
}

/**
 * Whether a value read after a comma (`"token", "…"`) is the next key of an object, not the
 * keyword's value: `"token_uri":"…/token","auth_provider_x509_cert_url":"…"`.
 */
function nextKey(text: string, from: number, at: [number, number]): boolean {
  if (at[1] >= text.length || !text.slice(from, at[0]).includes(",")) return false;
  const q = text.charCodeAt(at[1]);
  if (q !== 34 && q !== 39) return false;
  let i = at[1] + 1;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return text.charCodeAt(i) === 58;
}

/** An attribute's name and its "=" (`value=`), read where a value was expected. */
const ATTRIBUTE_NAME = /^[A-Za-z_][\w-]{0,30}=$/;
/** The attributes that hold the value named by the attribute before them (`key="…" value="…"`). */
const VALUE_ATTRIBUTE = /^(?:value|val|content|default|data|secret|password|pass|pwd|token|key)=$/i;

/**
 * The content of the quoted string at `p` (`"…"`, `'…'`, or JSON-escaped `\"…\"`), on one line
 * and at most 200 characters long, as [start, end); undefined if none starts there.
 */
export function quotedAt(text: string, p: number): [number, number] | undefined {
  let i = p;
  // (Not read past the end, where `p` or the quote after a backslash may stand: that read
  // deoptimised the scan.)
  const escaped = i < text.length && text.charCodeAt(i) === 92; // "\"
  if (escaped) i++;
  if (i >= text.length) return undefined;
  const q = text.charCodeAt(i);
  if (q !== 34 && q !== 39) return undefined;
  const start = i + 1;
  for (let j = start; j < text.length && j < start + 200; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) return undefined;
    if (c === q) {
      const end = escaped && text.charCodeAt(j - 1) === 92 ? j - 1 : j;
      return end > start ? [start, end] : undefined;
    }
  }
  return undefined;
}

/** The credential words of ordinary wording, as words of their own ("the root password is now x"). */
const PROSE_KEYWORD =
  /(?<![A-Za-z])(?:pass(?:word|phrase|code)s?|passwd|pwd|secret|token|api[ _-]?key|access[ _-]?key|credentials?)(?![A-Za-z])/gi;
/** A cheap test before PROSE_KEYWORD: every one of its words holds one of these. */
const PROSE_GATE = /pass|pwd|secret|token|key|cred/i;
/** Words after which the next word is the keyword's value ("is", "set … to", "will be"). */
const CONNECTORS = new Set(["is", "was", "are", "were", "to", "be", "been", "becomes", "became", "remains"]);
/** Words between a connector and the value that do not end the phrase ("is now x", "was set to x"). */
const FILLERS = new Set([
  "now",
  "still",
  "just",
  "simply",
  "currently",
  "actually",
  "again",
  "set",
  "changed",
  "reset",
  "updated",
]);
/** A word right after the keyword that names a property of the credential, not the credential. */
const PROPERTY =
  /^(?:ids?|names?|counts?|length|limits?|types?|fields?|hash(?:es)?|policy|size|format|prefix|rotation)[:=]?$/;
/** Words read after the keyword: a few words of context, a connector, fillers, the value. */
const PHRASE_WORDS = 9;
const VALUE_SHAPE = /^[^\s"'\x60,;)(<>{}[\]\\]{4,200}$/;

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/**
 * A credential named in ordinary wording and given a few words later: "I set the password to x",
 * "the root password is now x", "the password for admin: x", "the password of the staging
 * database is x". After a keyword (as a word of its own), up to a few words of context are read
 * on the same line, to the end of a clause; the word after a connector ("is", "was", "to", "will
 * be", a colon or "=" glued to a word) is the value, judged as `keyword-secret` judges one ("the
 * password is not stored", "the token count is 42" hold none). The value only is redacted.
 */
function phraseSecrets(text: string, out: Span[]): void {
  PROSE_KEYWORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PROSE_KEYWORD.exec(text)) !== null) {
    const keyword = m[0];
    let p = m.index + keyword.length;
    let connector = false;
    for (let n = 0; n < PHRASE_WORDS && p < text.length; n++) {
      let q = p;
      // (After a connector the value may stand on the next line: "the password is:\n  x".)
      if (connector) while (q < text.length && isSpace(text.charCodeAt(q))) q++;
      else while (q < text.length && isBlank(text.charCodeAt(q))) q++;
      if (q === p) {
        // Glued to the keyword: only "password:" / "password=" go on (keyword-secret's own form).
        const c = text.charCodeAt(q);
        if (n > 0 || (c !== 58 && c !== 61)) break;
        connector = true;
        p = q + 1;
        continue;
      }
      let e = q;
      while (e < text.length && !isSpace(text.charCodeAt(e))) e++;
      if (e === q) break; // a line break ends the phrase
      const word = text.slice(q, e);
      const lower = word.toLowerCase();
      if (connector) {
        // A quoted passphrase after a password word: "the password is \"open sesame please\"".
        if (isQuote(text.charCodeAt(q)) && PASSWORD_LABEL.test(keyword)) {
          const quoted = quotedAt(text, q);
          if (quoted !== undefined && /\s/.test(text.slice(quoted[0], quoted[1]))) {
            if (passphrase(text.slice(quoted[0], quoted[1]), false)) push(out, quoted[0], quoted[1]);
            break;
          }
        }
        if (FILLERS.has(lower) || CONNECTORS.has(lower)) {
          p = e;
          continue;
        }
        const span = phraseValue(text, q, e, keyword);
        if (span) {
          // (once: "password = x" is keyword-secret's own form, found above)
          if (!out.some((o) => o.start < span.end && span.start < o.end)) out.push(span);
          break;
        }
        connector = false;
      }
      // "Access Key ID: x", "the token count is 42": a property of the credential, not it.
      if (n === 0 && PROPERTY.test(lower)) break;
      if (CONNECTORS.has(lower) || word === ":" || word === "=") connector = true;
      else if (word.length > 1 && /[:=]$/.test(word)) connector = true;
      else if (/[.?;!,]$/.test(word)) break; // the clause ends without a value
      p = e;
    }
  }
}

/** The value standing in `text[q, e)`, without quotes and the punctuation that ends a sentence. */
function phraseValue(text: string, q: number, e: number, keyword: string): Span | undefined {
  let s = q;
  while (s < e && /["'\x60]/.test(text[s]!)) s++;
  let end = e;
  while (end > s && /[.,;:?)"'\x60\]]/.test(text[end - 1]!)) end--;
  const value = text.slice(s, end);
  if (!VALUE_SHAPE.test(value) || !plausibleSecret(keyword, value)) return undefined;
  return { start: s, end, category: S, detector: "keyword-secret" };
}

// ---------- Passwords in other languages, passphrases, card codes and PINs ----------

/**
 * Password words of other languages, lower-case, each alone before `:`, `：` or `=` (`clave` and
 * `parola` are ordinary Spanish and Italian words: only the separator right after them makes them
 * a credential's label). Words of the languages written with spaces; `FOREIGN_SUFFIXES` holds
 * those of the scripts written without.
 */
const FOREIGN_WORDS = new Set([
  "contraseña",
  "contrasena",
  "clave",
  "senha",
  "wachtwoord",
  "hasło",
  "haslo",
  "пароль",
  "парола",
  "лозинка",
  "lozinka",
  "geslo",
  "şifre",
  "sifre",
  "parola",
  "heslo",
  "lösenord",
  "losenord",
  "adgangskode",
  "passord",
  "salasana",
  "jelszó",
  "jelszo",
  "kennwort",
  "parool",
  "κωδικός",
  "κωδικος",
  "סיסמה",
  "סיסמא",
  "पासवर्ड",
]);
/** Two-word labels by their last word: the word that must stand before it (`parola d'ordine`). */
const FOREIGN_PAIRS = new Map<string, readonly string[]>([
  ["ordine", ["parola d'", "parola d’"]],
  ["khẩu", ["mật "]],
  ["khau", ["mat "]],
  ["المرور", ["كلمة "]],
  ["السر", ["كلمة "]],
  ["عبور", ["رمز "]],
  ["sandi", ["kata "]],
  ["πρόσβασης", ["κωδικός "]],
]);
/** Password words of the scripts written without spaces: the end of the run of letters before the separator. */
const FOREIGN_SUFFIXES = /(?:密[码碼]|口令|パスワード|비밀번호|암호|รหัสผ่าน)$/;
/**
 * The last units of every label above, lower-case (ASCII in a table, others in a set): a
 * separator after any other unit is passed at once.
 */
const FOREIGN_LAST_ASCII = new Uint8Array(128);
/** The last two units of the labels that end with two ASCII letters, folded (`(a | 32) << 7 | (b | 32)`). */
const FOREIGN_END_ASCII = new Uint8Array(1 << 14);
const FOREIGN_LAST = new Set<number>();
// ("σ": a capital final sigma read alone lower-cases to it)
for (const w of [...FOREIGN_WORDS, ...FOREIGN_PAIRS.keys(), "码", "碼", "令", "ド", "호", "암호", "น", "σ"]) {
  const c = w.charCodeAt(w.length - 1);
  const b = w.charCodeAt(w.length - 2);
  if (c < 128) FOREIGN_LAST_ASCII[c] = FOREIGN_LAST_ASCII[c - 32] = 1;
  else FOREIGN_LAST.add(c);
  if (c < 128 && b < 128) FOREIGN_END_ASCII[(b << 7) | c] = 1;
}

/** A letter of any script as far as a label is concerned: not ASCII punctuation, blanks or symbols. */
function isLabelUnit(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return (
    c >= 0xc0 &&
    c !== 0xd7 &&
    c !== 0xf7 &&
    !(c >= 0x2000 && c <= 0x2bff) &&
    !(c >= 0x3000 && c <= 0x303f) &&
    !(c >= 0xff00 && c <= 0xff20)
  );
}

/**
 * A password labelled in another language: `contraseña: Lunes_2023!`, `senha = Brasil@2024`,
 * `"wachtwoord": "…"`, `пароль: …`, `密码：…`, `パスワード: …`, `parola d'ordine: …`. Found at each
 * `:`, `=` and full-width `：` (a native search each: a text without one pays nothing), by the word
 * before it; the value is judged as a password (`foreignValue`).
 */
function foreignSecrets(text: string, out: Span[]): void {
  for (let s = text.indexOf(":"); s !== -1; s = text.indexOf(":", s + 1)) foreignAt(text, s, out);
  for (let s = text.indexOf("="); s !== -1; s = text.indexOf("=", s + 1)) foreignAt(text, s, out);
  for (let s = text.indexOf("\uFF1A"); s !== -1; s = text.indexOf("\uFF1A", s + 1)) foreignAt(text, s, out);
}

function foreignAt(text: string, s: number, out: Span[]): void {
  let j = s - 1;
  // (":=" is one separator; "==", "!=", "<=" and ">=" compare)
  if (j >= 0 && text.charCodeAt(j) === 58 && text.charCodeAt(s) === 61) j--;
  while (j >= 0 && isBlank(text.charCodeAt(j)) && j > s - 4) j--;
  if (j < 0) return;
  let c = text.charCodeAt(j);
  if (c === 34 || c === 39) {
    // `"senha": …`
    if (--j < 0) return;
    c = text.charCodeAt(j);
  }
  if (c < 128) {
    // (By the last two units where both are ASCII, else by the last one.)
    const b = j > 0 ? text.charCodeAt(j - 1) : 0;
    if (b < 128 ? FOREIGN_END_ASCII[(((b | 32) & 127) << 7) | (c | 32)] === 0 : FOREIGN_LAST_ASCII[c] === 0)
      return;
  } else if (!FOREIGN_LAST.has(c) && !FOREIGN_LAST.has(String.fromCharCode(c).toLowerCase().charCodeAt(0)))
    return;
  const end = j + 1;
  while (j >= 0 && end - j <= 16 && isLabelUnit(text.charCodeAt(j))) j--;
  if (end - j > 16) return;
  const word = text.slice(j + 1, end).toLowerCase();
  if (!FOREIGN_WORDS.has(word)) {
    const pair = FOREIGN_PAIRS.get(word);
    if (pair !== undefined) {
      const before = text.slice(Math.max(0, j + 1 - 12), j + 1).toLowerCase();
      if (!pair.some((p) => before.endsWith(p))) return;
    } else if (word.charCodeAt(word.length - 1) < 0x2e80 || !FOREIGN_SUFFIXES.test(word)) return;
  }
  foreignValue(text, s, out);
}

/** The password after the separator at `s`: quoted, or the run of characters up to a blank. */
function foreignValue(text: string, s: number, out: Span[]): void {
  let p = s + 1;
  const sep = text.charCodeAt(s);
  // (Not read past the end: see oob13-edges.test.ts.)
  const next = p < text.length ? text.charCodeAt(p) : 0;
  // "==", "=>", "::" are no labels' separators; nor is "=" after "!", "<", ">", "=".
  if (next === 61 || next === 62 || (sep === 58 && next === 58)) return;
  if (sep === 61 && s > 0 && /[!<>=]/.test(text[s - 1]!)) return;
  if (sep === 58 && next === 61) p++; // ":="
  while (p < text.length && isBlank(text.charCodeAt(p)) && p < s + 8) p++;
  const q = quotedAt(text, p);
  if (q !== undefined) {
    const v = text.slice(q[0], q[1]);
    if (/\s/.test(v) ? passphrase(v, false) : foreignPassword(v)) push(out, q[0], q[1]);
    return;
  }
  let e = p;
  while (e < text.length && e < p + 200 && !VALUE_STOP.test(text[e]!)) e++;
  while (e > p && /[.,;:?)\]'"\x60]/.test(text[e - 1]!)) e--;
  if (e > p && foreignPassword(text.slice(p, e))) push(out, p, e);
}

/** Where an unquoted value ends: a blank or what VALUE_SHAPE leaves out. */
const VALUE_STOP = /[\s"'\x60,;)(<>{}[\]\\]/;

function push(out: Span[], start: number, end: number): void {
  if (!out.some((o) => o.start < end && start < o.end))
    out.push({ start, end, category: S, detector: "keyword-secret" });
}

/**
 * A password after a label in another language: what `plausibleSecret` asks of a password and,
 * written in letters outside ASCII ("Медведь2024!"), a digit or a symbol too ("отсутствует",
 * "absent", is a word); and no formula ("2x+3": no run of two letters once digits and operators
 * are taken out).
 */
function foreignPassword(v: string): boolean {
  if (!VALUE_SHAPE.test(v) || !plausibleSecret("password", v)) return false;
  if (/[^ -~]/.test(v) && !/[\d\p{P}\p{S}]/u.test(v)) return false;
  return /\p{L}{2}/u.test(v.replace(/[\d\s.,+\-*/^=<>()×÷%]+/g, " "));
}

/**
 * Words a passphrase does not hold but a prompt, a hint or a rule does: "Enter your password",
 * "Passwords do not match", "leave empty for none", "at least 8 characters".
 */
const NOT_A_PASSPHRASE =
  /pass|pwd|secret|token|phrase|mnemonic|\b(?:enter|your|must|should|invalid|incorrect|wrong|not|no|none|match(?:es)?|required|optional|empty|blank|leave|characters?|at least|contains?|same|see|set|unset|n\/a)\b|[{}$<>%|\\]|\s[+&]\s|[:?]$|^\s|\s$/i;

/**
 * A multi-word passphrase (`"open sesame please"`, `correct horse battery staple`): two words or
 * more (`unquoted`: three), none of them a prompt's or a rule's, not a placeholder; letters in
 * each word.
 */
function passphrase(v: string, unquoted: boolean): boolean {
  if (v.length < 8 || v.length > 200 || NOT_A_PASSPHRASE.test(v) || isDummy(v) || NOT_A_VALUE.test(v))
    return false;
  const words = v.split(/\s+/);
  return words.length >= (unquoted ? 3 : 2) && /\p{L}/u.test(v);
}

/**
 * The passphrase quoted after a password word: `password = 'my dog rex 2019'`,
 * `"password": "open sesame please"` (KEY_VALUE read its first word). `open` is where the value
 * read by KEY_VALUE starts.
 */
function quotedPassphrase(text: string, keyword: string, open: number): [number, number] | undefined {
  if (open < 1 || !PASSWORD_LABEL.test(keyword)) return undefined;
  let p = open - 1;
  if (p > 0 && text.charCodeAt(p - 1) === 92) p--; // `\"…\"`
  const q = quotedAt(text, p);
  if (q === undefined) return undefined;
  const v = text.slice(q[0], q[1]);
  return /\s/.test(v) && passphrase(v, false) ? q : undefined;
}

/** A label that ends with a password word (`db_password`, `PASS`, `passphrase`; not `passenger_name`). */
const PASSWORD_LABEL =
  /(?:pass(?:word|wd|phrase|code)?|passwort|passord|pwd|pw|pa?s{1,2}w(?:o?r)?d|psw(?:o?r)?d)s?$/i;

/**
 * The words for a phrase of words that gives access: a passphrase, a wallet's recovery or seed
 * phrase, a mnemonic. Gated by a native search for "hrase" or "nemonic" (either case).
 */
const PHRASE_LABEL =
  /(?<![A-Za-z])(?:pass[ _-]?phrase|(?:secret[ _-]recovery|recovery|seed|backup|wallet|secret|mnemonic)[ _-]?phrase|(mnemonic))s?(?![A-Za-z])["']?[ \t]*(?:(:|=)|[ \t](?:is|was)[ \t])[ \t]*/dgi;

/**
 * A passphrase, a recovery phrase, a mnemonic: quoted after its label (`My recovery phrase is
 * "legal winner …"`), or not quoted after `:` or `=` up to the end of the line or sentence
 * (`passphrase: correct horse battery staple`; three words or more). After "is" without quotes
 * only a wallet's mnemonic is taken: twelve words or more of small letters.
 */
/** A wallet's mnemonic: twelve words or more of small letters. */
const BIP39_SHAPE = /^[a-z]+(?: [a-z]+){11,}$/;

function phraseLabelSecrets(text: string, out: Span[]): void {
  PHRASE_LABEL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PHRASE_LABEL.exec(text)) !== null) {
    const p = m.index + m[0].length;
    // A mnemonic alone is also a memory aid ("Mnemonic: Please Excuse My Dear Aunt Sally"): only
    // a wallet's is taken, twelve words or more of small letters.
    const bare = m[1] !== undefined;
    const q = quotedAt(text, p);
    if (q !== undefined) {
      const v = text.slice(q[0], q[1]);
      if (bare ? BIP39_SHAPE.test(v) : passphrase(v, false)) push(out, q[0], q[1]);
      continue;
    }
    let e = p;
    while (e < text.length && e < p + 200 && !/[\r\n;]/.test(text[e]!)) {
      if (/[.!?]/.test(text[e]!) && (e + 1 >= text.length || isSpace(text.charCodeAt(e + 1)))) break;
      e++;
    }
    while (e > p && /[\s,"'\x60)]/.test(text[e - 1]!)) e--;
    const v = text.slice(p, e);
    const mnemonic = BIP39_SHAPE.test(v);
    if (mnemonic || (m[2] !== undefined && !bare && passphrase(v, true))) push(out, p, e);
  }
}

/**
 * A card's verification code (CVV, CVC, CVV2, CVC2, CID, CSC: 3 or 4 digits, with or without a
 * colon); a PIN written in capitals, before ":", "=", "is" or "was", or as "PIN code"/"PIN number"
 * (4 to 8 digits: "pin 13", "PIN 2" are a board's pins); a one-time code named so ("verification
 * code is 482913", "One-time code: 771204", "OTP: 123456"; 4 to 8 digits). Short-lived, but a
 * live one opens an account, and nothing else reads "verification code: 482913". Gated by native
 * searches (`cardCodeCue`).
 */
const CARD_CODE =
  /(?<![A-Za-z])(?:CVV2?|CVC2?|CID|CSC|[Cc]vv2?|[Cc]vc2?)\)?["']?[ \t]*(?:[:=#]|is|was|code)?[ \t]*["']?(\d{3,4})(?![\d.,]?\d)|(?<![A-Za-z0-9_])PIN(?:(?:[ \t]+(?:code|number|no\.?))?["']?[ \t]*(?:[:=]|(?:is|was)[ \t])|[ \t]+(?:code|number))[ \t]*["']?(\d{4,8})(?![\d.,]?\d)|(?<![A-Za-z])(?:(?:[Vv]erification|[Oo]ne[ -]time|[Cc]onfirmation|[Ll]ogin|[Ss]ign[ -]in|[Aa]ccess|[Aa]uthentication|[Ss]ecurity|OTP|2FA|MFA)[ \t]+[Cc]ode|OTP)["']?[ \t]*(?:[:=]|(?:is|was)[ \t])[ \t]*["']?(\d{4,8})(?![\d.,]?\d)/dg;

function cardCodeSecrets(text: string, out: Span[]): void {
  CARD_CODE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CARD_CODE.exec(text)) !== null) {
    const at = m.indices![1] ?? m.indices![2] ?? m.indices![3];
    if (at) push(out, at[0], at[1]);
  }
}

/** Whether PHRASE_LABEL may match (its every label holds "phrase" or "mnemonic"). */
export const PHRASE_CUE = /[Pp]hrase|PHRASE|[Mm]nemonic|MNEMONIC/;

/** PHRASE_CUE's test, read off the shared cue scan (a superset: any case); exported for tests. */
export function phraseCue(text: string): boolean {
  return cuesOf(text).phrase;
}

/** Whether CARD_CODE may match: the first letters of every one of its cues. */
export const CARD_CODE_CUE = /[Cc][Vv][VvCc]|PIN|CID|CSC|OTP|[Cc]ode/;

/** CARD_CODE_CUE's test, read off the shared cue scan (a superset: any case); exported for tests. */
export function cardCodeCue(text: string): boolean {
  return cuesOf(text).card;
}

/**
 * Long random-looking tokens with no keyword: mixed case and digits, high entropy. Hex strings
 * (hashes, commit ids) and UUIDs are not flagged — they are not credentials on their own.
 */
const TOKEN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/][A-Za-z0-9_+/-]{23,}={0,2}(?![A-Za-z0-9+/_-])/g;

function highEntropyTokens(text: string): Span[] {
  if (!mayHoldSecret(text)) return [];
  return spansOf(TOKEN, text, S, "entropy-token", (v) => {
    if (/^[0-9a-fA-F-]+$/.test(v)) return false; // hashes, UUIDs
    if (/^pk_(?:live|test)_/.test(v)) return false; // publishable keys are public
    if (!/[a-z]/.test(v) || !/[A-Z]/.test(v)) return false;
    // A 64- or 76-character base64 line is a line of a PEM/PGP/MIME body, even where its slashes
    // would make it a path (and it may start with one).
    if ((v.length === 64 || v.length === 76) && /^[A-Za-z0-9+/]+$/.test(v) && entropy(v) >= 4.5) return true;
    if (v.includes("/") && /^\/?[\w.-]+(?:\/[\w.-]+)+$/.test(v) && !/\d{3}/.test(v)) return false; // paths
    if (v.charCodeAt(0) === 47 || v.charCodeAt(0) === 43) return false; // "/…", "+…": only as a PEM line
    // camelCase / snake_case identifiers: long runs of letters between separators.
    if (/^[A-Za-z]+(?:[_-][A-Za-z0-9]+)+$/.test(v) && (v.match(/\d/g)?.length ?? 0) < 4) return false;
    const digits = v.match(/\d/g)?.length ?? 0;
    if (digits < 3 || v.length < 32 || isDummy(v) || isEncodedText(v) || /dummy|fake|sample|example/i.test(v))
      return false;
    return entropy(v) >= 4.3;
  });
}

/**
 * An AWS access key id written in groups of four (`AKIA ABCD EFGH IJKL`, with spaces or dashes)
 * or wrapped onto a new line after a group (a real line break or a written-out `\n`, as in JSON
 * tool-call arguments). At least one separator (the unbroken form is `aws-key-id`'s); the body
 * holds a digit, so that a line of capitals ("ASIA WIDE TEAM PLAN GOAL") is no key.
 */
const AWS_GROUPED =
  /(?<![A-Za-z0-9])A(?:KI|SI)A(?:(?:[ -]|[ \t]*(?:\r?\n|\\r\\n|\\n)[ \t]*)?[A-Z0-9]{4}){4}(?![A-Za-z0-9])/g;

/**
 * Whether "AKIA" or "ASIA" occurs in `text`: a native search for "IA" (rare in prose, where a
 * search for a word starting with a common letter is not), then a look at the two before it.
 */
function awsPrefix(text: string): boolean {
  for (let i = text.indexOf("IA", 2); i !== -1; i = text.indexOf("IA", i + 2)) {
    const k = text.charCodeAt(i - 1);
    if (text.charCodeAt(i - 2) === 65 && (k === 75 || k === 83)) return true;
  }
  return false;
}

function awsGrouped(v: string): boolean {
  const body = v.slice(4).replace(/[^A-Z0-9]/g, "");
  return body.length === 16 && v.length > 20 && /\d/.test(body) && !/^[A-Z0-9]{20}$/.test(v);
}

/**
 * A Stripe secret or restricted key with one space inside its body (`sk_live_4eC39Hq LyjWd…`):
 * the part before the space is shorter than a key (else the key is whole, and the word after it
 * is none of it), both parts together are as long as one, and mix letters and digits.
 */
const STRIPE_SPACED = /\b(?:sk|rk)_(?:live|test)_([A-Za-z0-9]{0,23}) ([A-Za-z0-9]{1,120})(?![A-Za-z0-9])/dg;

function stripeSpaced(_v: string, m: RegExpExecArray): boolean {
  const body = (m[1] ?? "") + (m[2] ?? "");
  return body.length >= 24 && /\d/.test(body) && /[A-Za-z]/.test(body) && !isDummy(body);
}

export const SECRET_DETECTORS: Detector[] = [
  ...PREFIXED_KEYS.map(([name, re]) => regexRule(name, re)),
  // A key body has at least 64 base64 characters; shorter ones are truncated placeholders.
  // A key body has at least 64 base64 characters; a shorter one is a truncated placeholder. A
  // lone BEGIN or END line is redacted too (the body may follow in another string).
  regexRule("private-key", PRIVATE_KEY, 0, (v) => {
    const body = v.replace(/-----[^-]+-----|\\[rn]/g, "").replace(/[^A-Za-z0-9+/]/g, "");
    if (body.length === 0) return !(v.includes("BEGIN") && v.includes("END")); // a lone marker line
    return body.length >= 64 && !/(.)\1{7,}|\.{3}|\*{3}|xxx/.test(v);
  }),
  {
    name: "cli-credential",
    category: S,
    detect: (text) =>
      cuesOf(text).cli
        ? [1, 2].flatMap((g) =>
            spansOf(CLI_CREDENTIAL, text, S, "cli-credential", (v) => !isDummy(v) && !NOT_A_VALUE.test(v), g),
          )
        : [],
  },
  {
    name: "url-password",
    category: S,
    detect: (text) =>
      text.includes("://")
        ? spansOf(
            URL_PASSWORD,
            text,
            S,
            "url-password",
            (v, m) =>
              v.length >= 4 && !/^(.)\1+$/.test(v) && !NOT_A_VALUE.test(v) && !isDummy(v) && v !== m[1],
            2,
          )
        : [],
  },
  {
    name: "conn-password",
    category: S,
    detect: (text) =>
      !cuesOf(text).conn
        ? []
        : [1, 2, 3].flatMap((g) =>
            spansOf(CONN_PASSWORD, text, S, "conn-password", (v) => !NOT_A_VALUE.test(v), g),
          ),
  },
  {
    name: "auth-header",
    category: S,
    detect: (text) =>
      !cuesOf(text).auth
        ? []
        : [1, 2].flatMap((g) =>
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
  {
    // (Not behind the secret gate: no run of the key's characters is long enough for it.)
    name: "aws-key-id",
    category: S,
    detect: (text) => (awsPrefix(text) ? spansOf(AWS_GROUPED, text, S, "aws-key-id", awsGrouped) : []),
  },
  {
    name: "payment-key",
    category: S,
    detect: (text) =>
      text.includes("_live_") || text.includes("_test_")
        ? spansOf(STRIPE_SPACED, text, S, "payment-key", stripeSpaced)
        : [],
  },
  { name: "keyword-secret", category: S, detect: keyValueSecrets },
  { name: "entropy-token", category: S, detect: highEntropyTokens, secretGated: true },
];
