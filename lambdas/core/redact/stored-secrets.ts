/**
 * Credentials as configuration files and password databases store them, which neither a provider
 * format nor a keyword rule sees (a tool's output of `cat ~/.docker/config.json`, `/etc/shadow`, an
 * `.htpasswd`, a user table):
 * - `password-hash`: password hashes in the crypt formats (`$2y$10$…` bcrypt, `$argon2id$…`,
 *   `$6$…` sha512-crypt, `$apr1$…`, `$y$…` yescrypt, `$pbkdf2-sha256$…`), Django's
 *   (`pbkdf2_sha256$260000$…`) and LDAP's (`{SSHA}…`). A hash with its salt is what an attacker
 *   cracks offline: it is redacted whole, from its scheme to its end (a shadow line keeps its user
 *   name and dates).
 * - `registry-auth`: the `auth` of a Docker/Podman `config.json` and the `_auth` of an `.npmrc`:
 *   base64 of `user:password`, taken when it decodes to exactly that.
 * Each rule is behind a native `indexOf` of a character or word its matches all hold.
 */
import { CATEGORY, type Detector, type Span } from "./types";

/**
 * A crypt-format hash starts with `$scheme$` (tried, sticky, at each `$`), then holds its
 * parameters, salt and hash, separated by `$` (argon2's parameters hold `,` and `=`).
 */
const SCHEME =
  /\$(?:2[abxy]|1|apr1|5|6|7|y|gy|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha(?:1|256|512))?|bcrypt(?:-sha256)?)\$/y;
const HASH_REST = /[A-Za-z0-9./+=,$-]{8,}/y;
/** Django's stored passwords, `algorithm$iterations$salt$hash`: the algorithm's name before the first `$`. */
const DJANGO_ALGORITHM = /(?:^|[^A-Za-z0-9_$])(?:pbkdf2_sha(?:1|256)|argon2|bcrypt_sha256|bcrypt|scrypt)$/;
/** LDAP's `userPassword` schemes. */
const LDAP_HASH =
  /\{(?:SSHA(?:256|384|512)?|SHA(?:256|384|512)?|SMD5|MD5|CRYPT|PBKDF2(?:-SHA(?:1|256|512))?)\}[A-Za-z0-9+/=.$]{12,}/gi;

/**
 * Whether the hash's own part (the last `$`-separated field) is one: 16 or more base64 or crypt
 * characters with a letter and a digit or both cases (LaTeX's `$5$/$6$=0.8333333333333333` has a
 * field of digits; `$1$,$2$,$3$` none).
 */
const HASH_FIELD = /^[A-Za-z0-9./+]{16,}={0,2}$/;

function hashShaped(value: string): boolean {
  const last = value.slice(value.lastIndexOf("$") + 1);
  return (
    HASH_FIELD.test(last) &&
    /[A-Za-z]/.test(last) &&
    (/\d/.test(last) || (/[a-z]/.test(last) && /[A-Z]/.test(last)))
  );
}

/** `end` without the full stops and commas before it (a sentence's, not the hash's). */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 44)) end--;
  return end;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Whether a scheme may start after the `$` at `i` (most `$` are money: `$12`, `$5.50`): its first
 * character starts one, and a digit is followed by `$` (or bcrypt's `2a$`…).
 */
function mayStartScheme(text: string, i: number): boolean {
  const c = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
  if (c >= 49 && c <= 55) {
    const d = i + 2 < text.length ? text.charCodeAt(i + 2) : 0;
    return d === 36 || (c === 50 && (d === 97 || d === 98 || d === 120 || d === 121));
  }
  // a(pr1, rgon2), y, g(y), s(crypt), p(bkdf2), b(crypt)
  return c === 97 || c === 121 || c === 103 || c === 115 || c === 112 || c === 98;
}

/** Whether a Django algorithm's name may end with `c` (`…sha256`, `…sha1`, `argon2`, `…crypt`). */
function mayEndAlgorithm(c: number): boolean {
  return c === 54 || c === 49 || c === 50 || c === 116;
}

/** The crypt and Django hashes, read from each `$` (money and LaTeX have many; no regex scans the text). */
function dollarHashes(text: string, out: Span[]): void {
  let covered = 0;
  for (let i = text.indexOf("$"); i !== -1; i = text.indexOf("$", i + 1)) {
    if (i < covered) continue;
    let start = -1;
    SCHEME.lastIndex = i;
    // (A scheme glued to a word or another `$` is none: `a$1$…`, `$$1$`; Django's `argon2$argon2id$…`.)
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    if (!isWordChar(before) && before !== 36 && mayStartScheme(text, i) && SCHEME.test(text)) start = i;
    else if (
      i >= 5 &&
      mayEndAlgorithm(text.charCodeAt(i - 1)) &&
      DJANGO_ALGORITHM.test(text.slice(Math.max(0, i - 15), i))
    ) {
      start = i;
      while (start > 0 && (isWordChar(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 95))
        start--;
    }
    if (start < 0) continue;
    HASH_REST.lastIndex = i + 1;
    if (!HASH_REST.test(text)) continue;
    covered = HASH_REST.lastIndex;
    const end = trimEnd(text, start, covered);
    if (hashShaped(text.slice(start, end)))
      out.push({ start, end, category: CATEGORY.secret, detector: "password-hash" });
  }
}

function ldapHashes(text: string, out: Span[]): void {
  LDAP_HASH.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LDAP_HASH.exec(text)) !== null) {
    const end = trimEnd(text, m.index, m.index + m[0].length);
    out.push({ start: m.index, end, category: CATEGORY.secret, detector: "password-hash" });
  }
}

/** After `auth` (`"auth": "…"` in config.json, `_auth=…` in .npmrc, `auth: …` in YAML): the value, base64. */
const REGISTRY_AUTH = /["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/y;

/** Whether base64 `value` decodes to `user:password`: printable ASCII, a colon, something on each side. */
function userPassword(value: string): boolean {
  if (value.length % 4 === 1) return false;
  let decoded: string;
  try {
    decoded = atob(value);
  } catch {
    return false;
  }
  const colon = decoded.indexOf(":");
  if (colon < 1 || colon === decoded.length - 1) return false;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if (c < 33 || c > 126) return false;
  }
  return true;
}

/** The registry logins, read from each `auth` that starts a word (`_auth` too). */
function registryLogins(text: string, out: Span[]): void {
  for (let i = text.indexOf("auth"); i !== -1; i = text.indexOf("auth", i + 4)) {
    if (i > 0 && isWordChar(text.charCodeAt(i - 1))) continue;
    REGISTRY_AUTH.lastIndex = i + 4;
    const m = REGISTRY_AUTH.exec(text);
    if (m === null || !userPassword(m[1]!)) continue;
    const end = REGISTRY_AUTH.lastIndex;
    out.push({ start: end - m[1]!.length, end, category: CATEGORY.secret, detector: "registry-auth" });
  }
}

function storedSecrets(text: string): Span[] {
  const out: Span[] = [];
  if (text.indexOf("$") !== -1) dollarHashes(text, out);
  if (text.indexOf("{") !== -1 && text.indexOf("}") !== -1) ldapHashes(text, out);
  if (text.indexOf("auth") !== -1) registryLogins(text, out);
  return out;
}

/** One name (for `disable`) for both rules; spans say `password-hash` or `registry-auth`. */
export const STORED_SECRETS: Detector = {
  name: "stored-secret",
  category: CATEGORY.secret,
  detect: storedSecrets,
};
