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
 * A crypt-format hash: `$scheme$`, then its parameters, salt and hash (separated by `$`; argon2's
 * parameters hold `,` and `=`). Judged in `hashShaped`.
 */
const CRYPT_HASH =
  /(?<![A-Za-z0-9$])\$(?:2[abxy]|1|apr1|5|6|7|y|gy|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha(?:1|256|512))?|bcrypt(?:-sha256)?)\$[A-Za-z0-9./+=,$-]{8,}/g;
/** Django's stored passwords: `algorithm$iterations$salt$hash`. */
const DJANGO_HASH =
  /(?<![A-Za-z0-9_$])(?:pbkdf2_sha(?:1|256)|argon2|bcrypt_sha256|bcrypt|scrypt)\$[A-Za-z0-9./+=,$-]{8,}/g;
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

function hashSpans(text: string, re: RegExp, out: Span[]): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    // A sentence's full stop or comma after the hash is not part of it.
    const value = m[0].replace(/[.,]+$/, "");
    if (re !== LDAP_HASH && !hashShaped(value)) continue;
    out.push({
      start: m.index,
      end: m.index + value.length,
      category: CATEGORY.secret,
      detector: "password-hash",
    });
  }
}

/** `"auth": "…"` (config.json), `_auth=…` (.npmrc), `auth: …` (YAML): the value, base64. */
const REGISTRY_AUTH =
  /(?<![A-Za-z0-9])(_?auth)["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/g;

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

function storedSecrets(text: string): Span[] {
  const out: Span[] = [];
  if (text.indexOf("$") !== -1) {
    hashSpans(text, CRYPT_HASH, out);
    hashSpans(text, DJANGO_HASH, out);
  }
  if (text.indexOf("}") !== -1) hashSpans(text, LDAP_HASH, out);
  if (text.indexOf("auth") !== -1) {
    REGISTRY_AUTH.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = REGISTRY_AUTH.exec(text)) !== null) {
      const value = m[2]!;
      if (!userPassword(value)) continue;
      const end = m.index + m[0].length;
      out.push({ start: end - value.length, end, category: CATEGORY.secret, detector: "registry-auth" });
    }
  }
  return out;
}

/** One name (for `disable`) for both rules; spans say `password-hash` or `registry-auth`. */
export const STORED_SECRETS: Detector = {
  name: "stored-secret",
  category: CATEGORY.secret,
  detect: storedSecrets,
};
