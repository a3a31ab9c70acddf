/**
 * Keyword-context rules: a value right after a word that announces a credential (`password=`,
 * `"api_key": "…"`, `token: …`, `Authorization: Bearer …`, `postgres://user:pass@host`, a PEM
 * private-key block), or a few words on in prose (`I set the password to …`, `the password of
 * the staging database is …`). Placeholders are fine there; a credential-looking value is a leak.
 */
import { isDocumentedExample } from "../examples";
import { compact } from "./columns";
import type { ReasonCode } from "./reasons";

export interface KeywordHit {
  code: Extract<
    ReasonCode,
    "keyword_secret" | "keyword_context" | "bearer_token" | "url_credentials" | "private_key"
  >;
  keyword: string;
  start: number;
}

const KEYWORD =
  "pass(?:word|wd|phrase)?|pwd|ps{1,2}w(?:or)?d|pasw(?:or)?d|secret|(?:api|access|auth|private|secret|client|session|refresh|bearer)[_ -]?(?:key|token|secret)|apikey|token|credentials?";
/** `password=…`, `"password": "…"`, `password => …`, `PASSWORD: …` (strong: an assignment). */
const STRONG = new RegExp(
  `(?<![A-Za-z])(${KEYWORD})(?![A-Za-z])["']?\\s*(?:=>|:=|=|:)\\s*["'\`]?([^\\s"'\`,;)}\\]]+)`,
  "gi",
);
/** `the password is …` (weak: prose). */
const WEAK = new RegExp(
  `(?<![A-Za-z])(${KEYWORD})(?![A-Za-z])\\s+(?:is|was|of)\\s+["'\`]?([^\\s"'\`,;)}\\]]+)`,
  "gi",
);
/**
 * Credential words that prose names a value with (bare `secret`, `token` and `credentials` are
 * left out here: "the secret to this problem is x=3", "the token for a newline is \\n").
 */
const PROSE_KEYWORD =
  "pass(?:word|wd|phrase)|pwd|(?:api|access|auth|private|secret|client|session|refresh|bearer)[_ -]?(?:key|token|secret)|apikey";
/** Words that link a credential to its value in prose (`is`, `was` and `of` are WEAK's). */
const PROSE_LINKS = ["to", "has", "had", "will", "should", "are", "were", "becomes", "became", "remains"];
const LINK = `is|was|${PROSE_LINKS.join("|")}`;
/** What a few words may say between the credential and its linking word: `for admin`, `of the staging database`. */
const PROSE_PREPOSITIONS = ["for", "of", "on", "in", "at", "to", "with", "from"];
/**
 * `the root password is now hunter2`, `I set the password to Qx7rT2mw9`, `the password for
 * admin: hunter2`, `the password of the staging database is Qx7rT2mw`: the credential word, at
 * most one prepositional phrase of up to four words, a linking word or `:`/`=`, up to three
 * words such as `now`, `changed to`, `been set to`, then the value (judged by `proseValue`).
 */
const PROSE = new RegExp(
  `(?<![A-Za-z])(${PROSE_KEYWORD})(?![A-Za-z])["']?` +
    `(?:\\s+(?:${PROSE_PREPOSITIONS.join("|")})(?:\\s+(?!(?:${LINK}|not|never|no|be|been)(?![\\w.@-]))[\\w.@-]+){1,4})?` +
    `(?:\\s*[:=]\\s*|\\s+(?:${LINK})(?:\\s+(?:now|still|just|currently|simply|also|actually|always|set|changed|reset|updated|to|be|been)){0,3}\\s+)` +
    `["'\`]?([^\\s"'\`,;)}\\]]+)`,
  "gi",
);
/**
 * Password labels of other languages (the review's own list, apart from the redaction's): Spanish,
 * Portuguese, Dutch, Polish, Russian and Ukrainian, Bulgarian, Serbo-Croatian, Slovenian, Turkish,
 * Italian, Czech and Slovak, Swedish, Danish and Norwegian, Finnish, Hungarian, German, Estonian,
 * Vietnamese, Greek, Hebrew, Arabic, Persian, Indonesian, Hindi, Chinese, Japanese, Korean, Thai.
 * Only as a label: right before `:`, `：` or `=` ("la clave del problema" is no credential).
 */
const FOREIGN_LABEL =
  "contrase(?:ña|na)|clave|senha|wachtwoord|has[łl]o|пароль|парола|лозинка|lozinka|geslo|[şs]ifre|parola(?: d['’]ordine)?|heslo|l[öo]senord|adgangskode|passord|salasana|jelsz[óo]|kennwort|parool|m[ậa]t kh[ẩa]u|κωδικός(?: πρόσβασης)?|ΚΩΔΙΚΌΣ|סיסמ[הא]|كلمة (?:المرور|السر)|رمز عبور|kata sandi|पासवर्ड|密[码碼]|口令|パスワード|비밀번호|암호|รหัสผ่าน";
/** A foreign label, its separator and the value (the letters before it must not glue a longer word). */
const FOREIGN = new RegExp(
  String.raw`(?<![A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF])(${FOREIGN_LABEL})["']?[ \t]*(?:=|:(?!:)|\uFF1A)[ \t]*["'\x60]?([^\s"'\x60,;)}\]]+)`,
  "gi",
);
/**
 * The units outside ASCII of FOREIGN's labels, in both cases (1 each): the screen (`deny.ts`)
 * steps its ASCII literals only, so a text holding one of these passes it for `findKeywordHits`
 * (`пароль:`, `密码：`, `hasło:`, `contraseña:` hold no ASCII literal of a label).
 */
export const FOREIGN_UNITS = new Uint8Array(0x10000);
for (const ch of FOREIGN_LABEL)
  for (const u of [ch, ch.toLowerCase(), ch.toUpperCase()])
    for (let k = 0; k < u.length; k++) if (u.charCodeAt(k) >= 128) FOREIGN_UNITS[u.charCodeAt(k)] = 1;
/** A cheap test before FOREIGN: a separator a label can stand before. */
const FOREIGN_SEPARATOR = /[:=\uFF1A]/;
const BEARER = /(?<![A-Za-z])(Bearer|bearer|BEARER|Basic|basic)\s+([A-Za-z0-9._~+/=-]{8,})/g;
const URL_CREDS = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:/?#@]+):([^\s/?#@]+)@/gi;
const PEM = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----/g;
/**
 * Every alternative of KEYWORD contains one of these (without the `u` flag, `i` folds ASCII
 * letters to ASCII letters only, so this is a true superset test).
 */
const KEYWORD_HINT = /pass|pwd|psw|pssw|pasw|secret|key|token|credential/i;
const BEARER_HINT = /bearer|basic/i;
const ANY_HINT = /pass|pwd|psw|pssw|pasw|secret|key|token|credential|bearer|basic/i;

/**
 * What the review's one pass over each text (`deny.ts`) screens for: a text holding none of it
 * has no hit. Every hit needs one of these, read with ASCII letters in any case and any ASCII
 * white space as one space (`KEYWORD_GATE` says the same as a pattern):
 * - STRONG: a keyword, an optional quote, optional spaces, then `=` or `:` (`=>` and `:=`
 *   start with them); WEAK: a keyword, spaces, `is`/`was`/`of`, a space. Every alternative of
 *   KEYWORD ends with one of `KEYWORD_ENDS` (`password` in `word`, `passwd` and `pwd` in `wd`).
 * - BEARER: `bearer` or `basic`, then a space; URL_CREDS: `://`; PEM: `KEY-` (of `PRIVATE KEY-----`).
 * White space outside ASCII (`\s` holds some) is not stepped on: where the text so far could
 * go on to a hit through such a unit (`HINT_PENDING`), the unit itself counts as a hit.
 */
const KEYWORD_ENDS = ["pass", "word", "wd", "phrase", "secret", "key", "token", "credential", "credentials"];
/**
 * The ends of FOREIGN's labels that are ASCII letters (their separator follows): the screen passes a
 * text holding one of them before `=` or `:`. Labels that hold a letter outside ASCII
 * (`пароль:`, `密码：`, `hasło:`) cannot be screened by ASCII literals: the screen passes a text
 * holding any unit of theirs (FOREIGN_UNITS), and `findKeywordHits` decides.
 */
const FOREIGN_ENDS = [
  "contrasena",
  "clave",
  "senha",
  "wachtwoord",
  "haslo",
  "lozinka",
  "geslo",
  "ifre",
  "parola",
  "ordine",
  "heslo",
  "senord",
  "adgangskode",
  "passord",
  "salasana",
  "jelszo",
  "kennwort",
  "parool",
  "khau",
  "sandi",
  // (Not a foreign label: a wallet's "mnemonic", whose phrase `scanRecoveryPhrase` reads.)
  "mnemonic",
];
/** How PROSE_KEYWORD's alternatives end, and the words PROSE (not WEAK) may go on with. */
const PROSE_ENDS = ["word", "wd", "phrase", "secret", "key", "token"];
const PROSE_NEXT = [...PROSE_LINKS, ...PROSE_PREPOSITIONS.filter((x) => x !== "of" && x !== "to")];
const SCREEN_LITERALS = [
  ...KEYWORD_ENDS.flatMap((e) => [`${e}=`, `${e}:`, `${e} =`, `${e} :`]),
  ...KEYWORD_ENDS.flatMap((e) => ["is", "was", "of"].map((x) => `${e} ${x} `)),
  ...PROSE_ENDS.flatMap((e) => PROSE_NEXT.map((x) => `${e} ${x} `)),
  ...FOREIGN_ENDS.flatMap((e) => [`${e}=`, `${e}:`, `${e} =`, `${e} :`]),
  "bearer ",
  "basic ",
  "://",
  "key-",
];
/** The screen as a pattern (for tests): on ASCII text the automaton passes exactly what it matches. */
export const KEYWORD_GATE = new RegExp(
  `(?:pass|word|wd|phrase|secret|key|token|credentials?)["']*(?:\\s*[=:]|\\s+(?:is|was|of)\\s)` +
    `|(?:${PROSE_ENDS.join("|")})["']*\\s+(?:${PROSE_NEXT.join("|")})\\s|(?:${FOREIGN_ENDS.join("|")})["']*\\s*[=:]` +
    `|(?:bearer|basic)\\s|:\\/\\/|key-`,
  "i",
);
/** Ends of the text so far after which white space may lead on to a hit. */
const PENDING = new Set<string>(["bearer", "basic"]);
for (const e of KEYWORD_ENDS) {
  PENDING.add(e);
  PENDING.add(e + " ");
  for (const x of ["is", "was", "of"]) PENDING.add(`${e} ${x}`);
}
for (const e of PROSE_ENDS) for (const x of PROSE_NEXT) PENDING.add(`${e} ${x}`);
for (const e of FOREIGN_ENDS) {
  PENDING.add(e);
  PENDING.add(e + " ");
}
const KEYWORD_END = new Set([...KEYWORD_ENDS, ...FOREIGN_ENDS]);
/** Ends after which more spaces keep the state (`\s*`, `\s+` before `=`, `:` or `is`). */
const SPACE_LOOP = new Set([...KEYWORD_ENDS, ...FOREIGN_ENDS].map((e) => e + " "));

/** ASCII white space (what `\s` matches below 128), read as a space. */
const ASCII_SPACE = new Set([9, 10, 11, 12, 13, 32]);

/**
 * A DFA over ASCII (Aho–Corasick) for those literals: `HINT_STEP[(v >> 2) + HINT_CLASS[c]]` is
 * the value `v` after the character `c`, where `v >> 2` is the state's row offset and `v & 1`
 * says the text so far holds a literal. `(v >> 1) & 1` is 1 where a unit outside ASCII must count
 * as a hit (see above); such a unit takes the state back to the root (value 0).
 */
export const { step: HINT_STEP, classes: HINT_CLASS } = hintStep(SCREEN_LITERALS);

function hintStep(words: readonly string[]): { step: Uint16Array; classes: Uint8Array } {
  // Classes of units: each character a literal holds (`unit[c]`), upper-case letters as their
  // lower-case ones, ASCII white space as a space, the two quotes as one class, every other unit
  // one more class (none of them goes on with a literal: they all step alike, to the root).
  const unit = new Uint8Array(128);
  let w = 1;
  for (const word of words)
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (c >= 128 || (c >= 65 && c <= 90) || c === 34 || c === 39 || (ASCII_SPACE.has(c) && c !== 32))
        throw new Error("keyword screen: literals are lower-case ASCII, without quotes");
      if (unit[c] === 0) unit[c] = w++;
    }
  const QUOTE = w++;
  unit[34] = unit[39] = QUOTE;
  for (const c of ASCII_SPACE) unit[c] = unit[32]!;
  for (let c = 65; c <= 90; c++) unit[c] = unit[c + 32]!;
  const SPACE = unit[32]!;
  const go: Map<number, number>[] = [new Map()];
  const ends: boolean[] = [false];
  const label: string[] = [""];
  for (const word of words) {
    let s = 0;
    for (let i = 0; i < word.length; i++) {
      const c = unit[word.charCodeAt(i)]!;
      let t = go[s]!.get(c);
      if (t === undefined) {
        t = go.length;
        go.push(new Map());
        ends.push(false);
        label.push(word.slice(0, i + 1));
        go[s]!.set(c, t);
      }
      s = t;
    }
    ends[s] = true;
  }
  const delta = new Int32Array(go.length * w);
  const accept = new Uint8Array(go.length);
  const fail = new Int32Array(go.length);
  const queue: number[] = [];
  for (let c = 0; c < w; c++) {
    const t = go[0]!.get(c);
    if (t !== undefined) {
      delta[c] = t;
      queue.push(t);
    }
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    accept[s] = ends[s] || accept[fail[s]!] === 1 ? 1 : 0;
    for (let c = 0; c < w; c++) {
      const t = go[s]!.get(c);
      if (t !== undefined) {
        fail[t] = delta[fail[s]! * w + c]!;
        delta[s * w + c] = t;
        queue.push(t);
      } else delta[s * w + c] = delta[fail[s]! * w + c]!;
    }
  }
  // A state's label is the longest end of the text so far that begins a literal: the text ends
  // with one of a set of strings exactly when some end of the label is in it.
  const endsIn = (l: string, set: ReadonlySet<string>) => {
    for (let i = 0; i < l.length; i++) if (set.has(l.slice(i))) return true;
    return false;
  };
  const pending = new Uint8Array(go.length);
  for (let s = 0; s < go.length; s++) {
    pending[s] = endsIn(label[s]!, PENDING) ? 1 : 0;
    // More spaces after a keyword (and its quote) keep it waiting for `=`, `:` or `is`: no
    // literal holds two spaces in a row, so the plain step would lose it.
    if (label[s]!.endsWith(" ") && endsIn(label[s]!, SPACE_LOOP)) delta[s * w + SPACE] = s;
    // A quote right after a keyword (`"api_key": …`) keeps the keyword's state (no literal
    // holds a quote: the plain step would lose it). This passes more than STRONG asks (any
    // number of quotes), never less.
    if (endsIn(label[s]!, KEYWORD_END)) delta[s * w + QUOTE] = s;
  }
  // The table compacted (`columns.ts`): states that step alike and say alike (accept, pending)
  // merged, classes every state steps on alike merged; it answers the same at every unit. A
  // value's pending bit is its state's (bit 1), its accept bit the literal's (bit 0).
  const table = new Int32Array(go.length * w);
  for (let k = 0; k < table.length; k++) {
    const t = delta[k]!;
    table[k] = ((t * w) << 2) | (pending[t]! << 1) | accept[t]!;
  }
  const { step, classes } = compact(table, w, 2);
  if (step.some((v) => v > 0xffff)) throw new Error("keyword screen: too many states");
  const byUnit = new Uint8Array(128);
  for (let c = 0; c < 128; c++) byUnit[c] = classes[unit[c]!]!;
  return { step: Uint16Array.from(step), classes: byUnit };
}

/** Values that say nothing: empty-ish, masked, templated or read from the environment. */
const BENIGN =
  /^(?:null|none|nil|undefined|true|false|string|str|required|optional|redacted|hidden|masked|secret|password|token|example|changeme|your[-_a-z]*|x+|\*+|\.+|-+|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%[A-Za-z_]+%|(?:process\.env|os\.environ|env|getenv|secrets|vars)\b.*)$/i;

function credentialLooking(v: string): boolean {
  if (/^[0-9]+$/.test(v)) return false; // a count or a port more often than a PIN: a human decides
  return /[0-9]/.test(v) || /[^A-Za-z0-9]/.test(v) || (/[a-z]/.test(v) && /[A-Z]/.test(v));
}

function cleanValue(v: string): string {
  return v.replace(/^["'`]+|["'`.]+$/g, "");
}

/** A number with a unit, a percentage, a version or a power of ten: `128k`, `3.5GB`, `v1.2.3`, `1e-5`. */
const NUMBERISH = /^[+-]?v?\d[\d.,]*(?:[a-z]{1,3}|%)?$|^\d+(?:\.\d+)?e[+-]?\d+$/i;
/** A link or a path: where a credential is kept, not the credential. */
const LOCATION = /^(?:[a-z][a-z0-9+.-]*:\/\/|[~.]{0,2}\/)/i;

/**
 * A value PROSE reports: what `credentialLooking` asks, and more, since prose says a lot after
 * "password … is": a digit or a sign other than `.`, `_`, `-` and `'` (words, hyphenated or
 * dotted names, numbers with units and paths are not passwords one can tell from prose).
 */
function proseValue(v: string): boolean {
  return credentialLooking(v) && /[0-9]|[^A-Za-z0-9._'-]/.test(v) && !NUMBERISH.test(v) && !LOCATION.test(v);
}

function scanProse(text: string, out: KeywordHit[]): void {
  PROSE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PROSE.exec(text)) !== null) {
    const v = cleanValue(m[2] ?? "");
    if (v.length < 4 || v.includes("\u27E6") || BENIGN.test(v) || isDocumentedExample(v)) continue;
    // A keyword STRONG or WEAK reported already (same start) is not reported twice.
    if (out.some((h) => h.start === m!.index)) continue;
    if (proseValue(v)) out.push({ code: "keyword_secret", keyword: m[1]!.toLowerCase(), start: m.index });
  }
}

function scan(text: string, re: RegExp, strong: boolean, out: KeywordHit[]): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const v = cleanValue(m[2] ?? "");
    if (v.length < 4 || v.includes("\u27E6") || BENIGN.test(v) || isDocumentedExample(v)) continue;
    if (credentialLooking(v))
      out.push({ code: "keyword_secret", keyword: m[1]!.toLowerCase(), start: m.index });
    else if (strong) out.push({ code: "keyword_context", keyword: m[1]!.toLowerCase(), start: m.index });
  }
}

/**
 * A wallet's recovery phrase after its label (`seed phrase: abandon ability …`, `"mnemonic":
 * "…"`, `my recovery phrase is …`): twelve or more words of three to eight small letters, as the
 * phrases are written (the review's own reading: it does not hold the redaction's word list).
 */
const RECOVERY_PHRASE =
  /(?<![A-Za-z])((?:seed|recovery|backup|secret|wallet)[ _-]?phrase|mnemonic(?:[ _-]?phrase)?)["']?[ \t]*(?:[:=]|(?:is|was)[ \t])[ \t]*["']?((?:[a-z]{3,8}[ ,\n]+){11,}[a-z]{3,8})(?![A-Za-z])/gi;

function scanRecoveryPhrase(text: string, out: KeywordHit[]): void {
  RECOVERY_PHRASE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RECOVERY_PHRASE.exec(text)) !== null)
    out.push({ code: "keyword_secret", keyword: m[1]!.toLowerCase(), start: m.index });
}

/**
 * A value after a foreign label that looks like a credential: a digit, an ASCII sign, or both
 * cases of ASCII letters (letters of other scripts are words: "отсутствует" is no password).
 */
function scanForeign(text: string, out: KeywordHit[]): void {
  FOREIGN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FOREIGN.exec(text)) !== null) {
    const v = cleanValue(m[2] ?? "");
    if (v.length < 4 || v.includes("\u27E6") || BENIGN.test(v) || /^[0-9]+$/.test(v)) continue;
    if (/[0-9!-/:-@[-`{-~]/.test(v) || (/[a-z]/.test(v) && /[A-Z]/.test(v)))
      out.push({ code: "keyword_secret", keyword: m[1]!.toLowerCase(), start: m.index });
  }
}

/** Keyword-context hits in `text` (placeholders must already be replaced by spaces or kept: both work). */
export function findKeywordHits(text: string): KeywordHit[] {
  const out: KeywordHit[] = [];
  // Cheap literal scans first: most text holds none of the words these patterns start from, and
  // the patterns themselves (look-behinds at every position) cost far more than a plain search.
  // One scan for all the hints (the PEM header holds "key"); the URL rule needs "://".
  if (FOREIGN_SEPARATOR.test(text)) scanForeign(text, out);
  if (
    text.includes("hrase") ||
    text.includes("nemonic") ||
    text.includes("HRASE") ||
    text.includes("NEMONIC")
  )
    scanRecoveryPhrase(text, out);
  const hinted = ANY_HINT.test(text);
  const url = text.includes("://");
  if (!hinted && !url) return out;
  if (hinted && KEYWORD_HINT.test(text)) {
    scan(text, STRONG, true, out);
    scan(text, WEAK, false, out);
    scanProse(text, out);
  }
  BEARER.lastIndex = 0;
  let m: RegExpExecArray | null;
  const bearer = hinted && BEARER_HINT.test(text);
  while (bearer && (m = BEARER.exec(text)) !== null) {
    const v = m[2]!;
    if (!v.includes("\u27E6") && !BENIGN.test(v) && credentialLooking(v))
      out.push({ code: "bearer_token", keyword: m[1]!.toLowerCase(), start: m.index });
  }
  URL_CREDS.lastIndex = 0;
  while (url && (m = URL_CREDS.exec(text)) !== null) {
    const pass = m[2]!;
    if (!pass.includes("\u27E6") && !BENIGN.test(pass))
      out.push({ code: "url_credentials", keyword: "url", start: m.index });
  }
  PEM.lastIndex = 0;
  const pem = hinted && text.includes("PRIVATE KEY-----");
  while (pem && (m = PEM.exec(text)) !== null) {
    // The header alone is harmless; a key body after it is not.
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 200);
    if (/^\s*[A-Za-z0-9+/=]{40,}/.test(after))
      out.push({ code: "private_key", keyword: "pem", start: m.index });
  }
  return out;
}
