/**
 * Credentials the keyword check cannot see because no keyword stands beside the value, looked for
 * with this file's own readings (the review never calls the redaction's detectors):
 *
 * - `command_credential` (BLOCK): a password or token given to a command by a short flag or by
 *   position — the command line is split into shell words and each known command's credential
 *   flag is read (`mysql -pX`, `sshpass -p X`, `docker login -p X`, `redis-cli -a X`,
 *   `ldapsearch -w X`, `zip -P X`, `7z -pX`, `smbclient -U user%X`, `htpasswd -b f user X`,
 *   `vault login X`, `wandb login X`, `wpa_passphrase ssid X`, `openssl -k X`, `echo X | sudo -S`)
 *   — or printed alone on the line after a command that fetches a secret (`echo $DB_PASSWORD`,
 *   `printenv API_KEY`, `cat …/db_password`, `vault kv get -field=…`, `kubectl get secret … |
 *   base64 -d`, `op read …`);
 * - `positional_credential` (BLOCK): a password passed without its name — the second argument of
 *   an auth tuple or a login call, a later one of a connect call, the content of a `<password>`
 *   element or of the `<value>` after a `<name>` holding "password", the `value` attribute after a
 *   `key` naming a password, the last field of a `.pgpass` line, or an app password (four groups
 *   of four letters) after a password cue.
 *
 * Every reading starts from a fixed string the text must hold, so ordinary texts cost a few
 * native searches.
 */

import { BIRTH_LITERALS, PROFILE_LITERALS } from "./cued";
import { EMAIL_LITERALS, SPLIT_KEY_LITERALS } from "./formats";
import { CONTROL_LITERALS, ESCAPE_LITERALS } from "./readings";
import { USER_FOLDER_LITERALS } from "./paths";
import { USER_NAME_LITERALS } from "./users";

export interface CommandHit {
  code: "command_credential" | "positional_credential";
  what: string;
}

/** A credential-looking value with no keyword beside it (judged here, apart from the redaction). */
export function credentialLike(v: string): boolean {
  if (v.length < 6 || v.length > 200) return false;
  if (/\s|\u27E6|\u27E7/.test(v)) return false;
  // a reference to a value, not a value: a variable, a substitution, a template, a path, a flag
  if (/^[$%<{[(\-/~@*]|^\.\.|\{\{|\$\{/.test(v)) return false;
  if (!/[A-Za-z]/.test(v)) return false;
  if (/(.)\1{4}|x{4}|example|changeme|placeholder|your|redacted|dummy|secret$|^pass(?:word)?\d*$/i.test(v))
    return false;
  if (/^[0-9a-f]{20,}$/i.test(v)) return /\d/.test(v) && /[a-f]/i.test(v);
  let kinds = 0;
  if (/[a-z]/.test(v)) kinds++;
  if (/[A-Z]/.test(v)) kinds++;
  if (/[0-9]/.test(v)) kinds++;
  if (/[^A-Za-z0-9_.-]/.test(v)) kinds++;
  if (kinds >= 3) return true;
  // letters and digits interleaved (`a8b3c9…`), not a name with a number at its end
  let turns = 0;
  for (let i = 1; i < v.length; i++) {
    const a = /\d/.test(v[i - 1]!);
    const b = /\d/.test(v[i]!);
    if (a !== b && /[A-Za-z\d]/.test(v[i - 1]!) && /[A-Za-z\d]/.test(v[i]!)) turns++;
  }
  return turns >= 3;
}

/** The shell words of one command line: [word, quoted?]; `|`, `;`, `&&`, `||` are words of their own. */
function shellWords(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "|" || c === ";" || c === "&") {
      let j = i + 1;
      while (j < line.length && line[j] === c) j++;
      out.push(line.slice(i, j));
      i = j;
      continue;
    }
    let w = "";
    while (i < line.length && !" \t|;&".includes(line[i]!)) {
      const d = line[i]!;
      if (d === '"' || d === "'") {
        const close = line.indexOf(d, i + 1);
        if (close < 0) {
          w += line.slice(i + 1);
          i = line.length;
        } else {
          w += line.slice(i + 1, close);
          i = close + 1;
        }
      } else if (d === "\\" && (line[i + 1] === '"' || line[i + 1] === "'")) {
        // a JSON-escaped quote inside tool-call arguments
        const q = line[i + 1]!;
        const close = line.indexOf("\\" + q, i + 2);
        if (close < 0) {
          w += line.slice(i + 2);
          i = line.length;
        } else {
          w += line.slice(i + 2, close);
          i = close + 2;
        }
      } else {
        w += d;
        i++;
      }
    }
    out.push(w);
  }
  return out;
}

const SEPARATOR = /^(?:\|+|;+|&+)$/;

/** How a command takes its credential: a flag and whether the value is glued to it. */
interface CommandForm {
  names: RegExp;
  flag?: string;
  /** the value is glued to the flag (`-pX`); otherwise it may be glued or the next word */
  glued?: boolean;
  /** only when this word follows the command (`docker login`) */
  sub?: string;
}

const FORMS: CommandForm[] = [
  { names: /^(?:mysql\w*|mariadb[\w-]*)$/, flag: "-p", glued: true },
  { names: /^sshpass$/, flag: "-p" },
  { names: /^(?:docker|podman|nerdctl|buildah|skopeo|helm|oras|az|oc|cf|crane)$/, flag: "-p", sub: "login" },
  { names: /^redis-cli$/, flag: "-a" },
  { names: /^ldap[a-z]+$/, flag: "-w" },
  { names: /^(?:zip|unzip|zipcloak)$/, flag: "-P" },
  { names: /^7z[ar]?$/, flag: "-p", glued: true },
  { names: /^(?:sqlcmd|bcp|osql|isql|ipmitool|mosquitto_\w+)$/, flag: "-P" },
  { names: /^mongo\w*$/, flag: "-p" },
  { names: /^openssl$/, flag: "-k" },
];
/** The commands that take a credential after a keyword, not a flag. */
const KEYWORD_COMMANDS = ["wpa_passphrase", "nmcli"];
const COMMAND_GATE = [
  "mysql",
  "mariadb",
  "sshpass",
  "login",
  "redis-cli",
  "ldap",
  "zip",
  "7z",
  "sqlcmd",
  "bcp",
  "osql",
  "isql",
  "ipmitool",
  "mosquitto",
  "mongo",
  "openssl",
  "-U",
  "htpasswd",
  "vault",
  "wandb",
  "wpa_passphrase",
  "nmcli",
  "sqlplus",
  "sudo",
  "pass:",
];

function basename(w: string): string {
  const k = w.lastIndexOf("/");
  return k < 0 ? w : w.slice(k + 1);
}

/** The credential values given on one command line (its shell words). */
function lineCredentials(words: string[], out: string[]): void {
  for (let i = 0; i < words.length; i++) {
    const cmd = basename(words[i]!);
    // the command's own words, to the next separator
    let end = i + 1;
    while (end < words.length && !SEPARATOR.test(words[end]!)) end++;
    const args = words.slice(i + 1, end);
    for (const f of FORMS) {
      if (!f.names.test(cmd) || (f.sub !== undefined && !args.includes(f.sub))) continue;
      for (let k = 0; k < args.length; k++) {
        const a = args[k]!;
        if (a === f.flag && !f.glued) out.push(args[k + 1] ?? "");
        else if (a.startsWith(f.flag!) && a.length > f.flag!.length && !a.startsWith("--"))
          out.push(a.slice(2));
      }
    }
    for (let k = 0; k < args.length; k++) {
      const a = args[k]!;
      // openssl -pass pass:X (and -passin/-passout), in any tool that takes the form
      if (/^-pass(?:in|out)?$/.test(a) && args[k + 1]?.startsWith("pass:")) out.push(args[k + 1]!.slice(5));
      // smbclient and kin: -U user%X
      if (a === "-U" && args[k + 1]?.includes("%"))
        out.push(args[k + 1]!.slice(args[k + 1]!.indexOf("%") + 1));
      else if (a.startsWith("-U") && a.includes("%")) out.push(a.slice(a.indexOf("%") + 1));
    }
    const plain = args.filter((a) => !a.startsWith("-"));
    if (cmd === "htpasswd" && args.some((a) => /^-[A-Za-z]*b/.test(a)))
      out.push(plain[args.some((a) => /^-[A-Za-z]*n/.test(a)) ? 1 : 2] ?? "");
    if ((cmd === "vault" || cmd === "wandb") && plain[0] === "login" && plain[1] && !plain[1].includes("="))
      out.push(plain[1]);
    if (cmd === "wpa_passphrase" && plain[1]) out.push(plain[1]);
    // nmcli … wifi connect SSID password X; nmcli … wifi-sec.psk X
    if (cmd === "nmcli") {
      const k = args.findIndex((a) => a === "password" || a === "wifi-sec.psk" || a === "802-1x.password");
      if (k >= 0 && args[k + 1]) out.push(args[k + 1]!);
    }
    if (cmd === "sqlplus" && plain[0]?.includes("/")) out.push(plain[0].split("/")[1]!.split("@")[0]!);
    // echo X | sudo -S
    if ((cmd === "echo" || cmd === "printf") && words[end] === "|" && words[end + 1] === "sudo") {
      const s = words.slice(end + 2).findIndex((w) => SEPARATOR.test(w));
      const sudoArgs = words.slice(end + 2, s < 0 ? undefined : end + 2 + s);
      if (sudoArgs.some((w) => /^-[A-Za-z]*S/.test(w))) {
        const vals = args.filter((a) => !/^-[neE]+$/.test(a) && !a.includes("%s"));
        if (vals.length === 1) out.push(vals[0]!);
      }
    }
  }
}

/**
 * A line of tool-call arguments read as the command it carries: the JSON around a string value
 * (`{"cmd":"` … `"}`) dropped and its escaped quotes unescaped.
 */
function commandLine(l: string): string {
  if (!l.includes('":')) return l;
  return l
    .replace(/[{[,]\s*"[\w.-]+"\s*:\s*"/g, " ")
    .replace(/(?<!\\)"\s*[}\],]/g, " ")
    .replace(/\\(["'])/g, "$1");
}

/** The lines of `text` (real line breaks, and written-out `\n` inside JSON strings). */
function linesOf(text: string): string[] {
  return text.split(/\r?\n|\\n/);
}

/** A line that fetches and prints a secret whose name holds a credential word. */
const FETCHES =
  /\b(?:echo|printf)\b.*\$\{?\w*(?:pass|pwd|pw|secret|token|key|cred|auth)|\bprintenv\s+\w*(?:pass|pwd|pw|secret|token|key|cred|auth)|\b(?:cat|head|tail|type|less|more|Get-Content)\s[^|<>;&]*(?:pass|pwd|pw|secret|token|key|cred|auth)[\w.-]*\s*$|\bvault\s+(?:kv\s+get|read)\b.*-field|\bvault\s+print\s+token|\b(?:kubectl|oc)\b.*\bsecrets?\b.*(?:base64\s+(?:-d|-D|--decode)|jsonpath)|\bop\s+(?:read|item\s+get)\b|\bgcloud\s+secrets\s+versions\s+access|\baz\s+keyvault\s+secret\s+show|\baws\s+(?:secretsmanager\s+get-secret-value|ssm\s+get-parameters?)|\b(?:heroku\s+auth:token|gh\s+auth\s+token|doppler\s+secrets\s+get|bw\s+get\s+password|lpass\s+show|secret-tool\s+lookup|pass\s+show)\b|\b(?:getenv|environ)\b.*(?:pass|pwd|pw|secret|token|key|cred|auth)/i;
const FETCH_WORDS = [
  "echo",
  "printf",
  "printenv",
  "cat ",
  "head ",
  "tail ",
  "type ",
  "less ",
  "more ",
  "Get-Content",
  "vault ",
  "kubectl ",
  "oc ",
  "op ",
  "gcloud ",
  "az ",
  "aws ",
  "heroku ",
  "gh ",
  "doppler ",
  "bw ",
  "lpass ",
  "secret-tool ",
  "pass show",
  "getenv",
  "environ",
];
/** `$SECRET_NAME`, `$PASSWORD_FILE`, `cat token_count.txt`: a property of the credential. */
const NAMES_PROPERTY =
  /(?:pass\w*|pwd|pw|secret|token|key|cred\w*|auth)[_-]?(?:name|file|path|id|url|count|len|length|type|dir|ttl|version)s?\b|\.(?:py|js|ts|go|rs|java|md|json|ya?ml|toml|ini|conf|cfg|sh|txt|csv|pub)\b/i;

const QUOTED = /^(['"])(.*)\1$/;

function fetchedValues(text: string, out: string[]): void {
  for (const [a, e] of linesWith(text, FETCH_WORDS)) {
    const l = text.slice(a, e);
    if (l.length > 400 || !FETCHES.test(l) || NAMES_PROPERTY.test(l)) continue;
    const next = nextLine(text, e).replace(QUOTED, "$2");
    if (next && !/[\s=:]/.test(next)) out.push(next);
  }
}

/**
 * Could `fetchedValues` find a credential-looking value? Every value it takes is a line after a
 * break (`nextLine` starts one after a `\n`, a `\r\n` or a written-out `\n`), trimmed and
 * unquoted, with no blank, `=` or `:`: when no line of the text is such a value and
 * `credentialLike`, none it finds is. Most texts with a credential word have none (prose lines
 * hold blanks), and are spared the search for two dozen command names.
 */
function anyPrintedValue(text: string): boolean {
  const breaks = lineBreaks(text);
  for (let k = 0; k < breaks.length; k += 2) {
    const a = breaks[k + 1]!;
    // The line ends at the first break placed from its start on (`lineEnd`).
    let end = text.length;
    for (let j = k + 2; j < breaks.length; j += 2)
      if (breaks[j]! >= a) {
        end = breaks[j]!;
        break;
      }
    // (`credentialLike` needs six characters at least; trimming and unquoting only take some away.)
    if (end - a < 6) continue;
    const v = text.slice(a, end).trim().replace(QUOTED, "$2");
    if (v && !/[\s=:]/.test(v) && credentialLike(v)) return true;
  }
  return false;
}

/** Calls that take a password by position; group 1 names the kind of call. */
const CALLS =
  /(\bauth|\bbasic_auth|\bhttp_auth|Auth|\.login|\.authenticate|\.connect|getConnection|Credentials?|NetworkCredential)\s*(?:[=:]\s*[([]|\()([^()[\]\n]{0,300})[)\]]/g;
const CALL_GATE = [
  "auth=",
  "auth =",
  "auth:",
  "Auth(",
  "Auth (",
  "login(",
  "authenticate(",
  "connect(",
  "Connection(",
  "Credential",
];

/** The quoted arguments of an argument list, by position (undefined for the unquoted ones). */
function quotedArgs(list: string): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (const part of list.split(",")) {
    const m = /^\s*\\?(["'])(.*)\\?\1\s*$/.exec(part);
    out.push(m ? m[2]!.replace(/\\$/, "") : undefined);
    if (/=/.test(part) && !m) break; // keyword arguments are the keyword check's
  }
  return out;
}

const APP_SHAPE = /^[a-z]{4}( ?)[a-z]{4}\1[a-z]{4}\1[a-z]{4}$/;

function positionalValues(text: string, screen: number, out: string[]): void {
  // Every gate but "Credential" holds "auth", "login" or "connect" in some case: a command
  // literal of the screen (without one, only "Credential" can be there).
  if (screen & SCREEN_COMMAND ? CALL_GATE.some((g) => text.includes(g)) : text.includes("Credential")) {
    CALLS.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CALLS.exec(text)) !== null) {
      const kind = m[1]!;
      const args = quotedArgs(m[2]!);
      const connect = /connect|Connection/i.test(kind);
      args.forEach((v, n) => {
        if (v === undefined) return;
        if (connect ? n >= 2 : n === 1) out.push(!connect && APP_SHAPE.test(v) ? "app-password" : v);
      });
    }
  }
  if (screen & SCREEN_KEYWORD && text.includes("</")) {
    const element =
      /<([\w:.-]*(?:pass(?:word|wd|phrase)?|secret|token|api[_-]?key|apikey|credentials?|pwd)[\w.-]*)\b[^<>]*>\s*([^<>\s]+)\s*<\/\1>/gi;
    let m: RegExpExecArray | null;
    while ((m = element.exec(text)) !== null) out.push(m[2]!);
    const pair =
      /<(?:name|key)>[^<>]*(?:pass|secret|token|api[_-]?key|credential)[^<>]*<\/(?:name|key)>\s*<value>\s*([^<>\s]+)\s*<\/value>/gi;
    while ((m = pair.exec(text)) !== null) out.push(m[1]!);
  }
  if (screen & SCREEN_KEYWORD && /value\s*=/i.test(text)) {
    const attr =
      /\b(?:key|name)\s*=\s*\\?["'][^"'\n]*(?:pass|pwd|secret|token|api[_-]?key|credential)[^"'\n]*\\?["']\s+value\s*=\s*\\?["']([^"'\\\n]+)/gi;
    let m: RegExpExecArray | null;
    while ((m = attr.exec(text)) !== null) out.push(m[1]!);
  }
  if (text.includes(":5432:") || text.includes(":*:") || text.includes("pgpass")) {
    for (const l of linesOf(text)) {
      const f = l.trim().split(":");
      if (f.length === 5 && /^(?:\*|[\w.-]*[A-Za-z.][\w.-]*)$/.test(f[0]!) && /^(?:\d{1,5}|\*)$/.test(f[1]!))
        out.push(f[4]!);
    }
  }
  if (screen & SCREEN_KEYWORD)
    for (const word of ["pass", "Pass", "PASS"])
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 4)) {
        const from = Math.max(0, at - 24);
        const m = APP_AFTER.exec(text.slice(from, at + 120));
        if (m && APP_SHAPE.test(m[1]!)) out.push("app-password");
      }
}

/** An app password after "app password" or quoted after a password word. */
const APP_AFTER =
  /(?:app[ -]?(?:specific[ -])?pass\w*(?:\s+(?:is|was))?\W{1,6}|pass\w*\W{0,4}["'])([a-z]{4}( ?)[a-z]{4}\2[a-z]{4}\2[a-z]{4})(?![A-Za-z])/i;

/** Where the line ends that goes on from `s` (a real line break or a written-out `\n`). */
function lineEnd(text: string, s: number): number {
  const e = text.indexOf("\n", s);
  const j = text.indexOf("\\n", s);
  if (e < 0) return j < 0 ? text.length : j;
  return j >= 0 && j < e ? j : e;
}

/**
 * The [start, end) of the lines of `text` holding one of `gates`, each once, in order. A line
 * starts after the last real line break at or before a gate's place (`lastIndexOf("\n", at) + 1`)
 * or after the last written-out `\n` starting there (`lastIndexOf("\\n", at) + 2`), whichever is
 * later. The breaks are listed once (`lineBreaks`) and looked up by halving: searching back from
 * every place of a gate read the text before it again each time (a gate such as "more " recurs in
 * prose, and a text without a break was read back to its start for each).
 */
function linesWith(text: string, gates: readonly string[]): [number, number][] {
  let breaks: number[] | undefined;
  const starts = new Set<number>();
  for (const g of gates)
    for (let at = text.indexOf(g); at >= 0; at = text.indexOf(g, at + g.length))
      starts.add(lineStartAt((breaks ??= lineBreaks(text)), at));
  return [...starts].sort((x, y) => x - y).map((s) => [s, lineEnd(text, s)]);
}

/**
 * Where each break of `text` is and where the line after it starts, in order of place, as pairs
 * [place, start]: a real line break at p (start p + 1), a written-out `\n` at q (start q + 2).
 * The starts grow with the places (p < q gives p + 1 < q + 2, q < p gives q + 2 <= p + 1), so
 * the start after the last break placed at or before `at` is the latest of them all.
 */
function lineBreaks(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf("\n"), j = text.indexOf("\\n"); i >= 0 || j >= 0;) {
    if (j < 0 || (i >= 0 && i < j)) {
      out.push(i, i + 1);
      i = text.indexOf("\n", i + 1);
    } else {
      out.push(j, j + 2);
      j = text.indexOf("\\n", j + 1);
    }
  }
  return out;
}

/** The start of the line holding place `at` (see `lineBreaks`): 0 before every break. */
function lineStartAt(breaks: readonly number[], at: number): number {
  let lo = 0;
  let hi = breaks.length / 2;
  // The number of breaks placed at or before `at`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[2 * mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : breaks[2 * lo - 1]!;
}

/** The line after the one ending at `e` that is not blank, trimmed. */
function nextLine(text: string, e: number): string {
  let s = e;
  for (;;) {
    if (text.startsWith("\r\n", s)) s += 2;
    else if (text[s] === "\n") s += 1;
    else if (text.startsWith("\\n", s)) s += 2;
    else break;
    const t = text.slice(s, lineEnd(text, s)).trim();
    if (t !== "") return t;
    s = lineEnd(text, s);
  }
  return "";
}

/**
 * The literals the readings above start from, in two groups: COMMAND (a short flag after a blank
 * or a quote, a login or connect call or command, `auth`, `sqlplus`, a `.pgpass` port field) and
 * KEYWORD (a credential word: printed secrets, markup, attributes, app passwords, keyword-only
 * commands). Matched case-insensitively by one automaton over the text (`screenCommands`).
 */
const COMMAND_LITERALS = [
  ...[" ", "\t", '"', "'", "="].flatMap((b) => [..."pawkusbn"].map((f) => `${b}-${f}`)),
  "login",
  "connect",
  "auth",
  "sqlplus",
  "rabbitmqctl",
  ":5432:",
  ":*:",
];
const KEYWORD_LITERALS = ["pass", "pwd", "pw", "secret", "token", "key", "cred"];
export const SCREEN_COMMAND = 1;
export const SCREEN_KEYWORD = 2;

/**
 * An Aho–Corasick automaton over lower-cased ASCII, over classes of characters: each character a
 * literal holds is a class of its own (an upper-case letter is its lower-case letter's), every
 * other character one more class (none of them can go on with a literal: they all step alike).
 * `classes[unit]` is the class of an ASCII unit, `next[state * width + class]` the next state's
 * row offset (state * width), `out[state]` the groups of the literals ending there.
 */
function automaton(groups: readonly (readonly string[])[]): {
  next: Uint32Array;
  out: Uint16Array;
  classes: Uint8Array;
  width: number;
} {
  const classes = new Uint8Array(128);
  let width = 1;
  for (const words of groups)
    for (const w of words)
      for (const ch of w.toLowerCase()) {
        const c = ch.charCodeAt(0);
        if (c >= 128) throw new Error("screen literals: ASCII only");
        if (classes[c] === 0) classes[c] = width++;
      }
  for (let c = 65; c <= 90; c++) classes[c] = classes[c + 32]!;
  const go: Map<number, number>[] = [new Map()];
  const out: number[] = [0];
  groups.forEach((words, g) => {
    for (const w of words) {
      let st = 0;
      for (const ch of w.toLowerCase()) {
        const k = classes[ch.charCodeAt(0)]!;
        let to = go[st]!.get(k);
        if (to === undefined) {
          to = go.length;
          go.push(new Map());
          out.push(0);
          go[st]!.set(k, to);
        }
        st = to;
      }
      out[st]! |= 1 << g;
    }
  });
  const fail = new Array<number>(go.length).fill(0);
  const next = new Uint32Array(go.length * width);
  const order: number[] = [0];
  for (let q = 0; q < order.length; q++) {
    const st = order[q]!;
    for (let k = 0; k < width; k++) {
      const to = go[st]!.get(k);
      const viaFail = st === 0 ? 0 : next[fail[st]! * width + k]! / width;
      if (to === undefined) next[st * width + k] = viaFail * width;
      else {
        next[st * width + k] = to * width;
        fail[to] = viaFail;
        out[to]! |= out[viaFail]!;
        order.push(to);
      }
    }
  }
  return { next, out: Uint16Array.from(out), classes, width };
}

/**
 * Two more groups for the review's other readings, looked for in the same pass: SCREEN_USERS,
 * what the account names' readings need (`users.ts`), and SCREEN_FOLDERS, what the user folders'
 * pattern needs (`paths.ts`).
 */
export const SCREEN_USERS = 4;
export const SCREEN_FOLDERS = 8;
/**
 * And SCREEN_EMAIL (`formats.ts`: an address as written), SCREEN_PROFILE and SCREEN_BIRTH
 * (`cued.ts`: a profile link's host, a date of birth's cue).
 */
export const SCREEN_EMAIL = 16;
export const SCREEN_PROFILE = 32;
export const SCREEN_BIRTH = 64;
/**
 * And SCREEN_CONTROLS, SCREEN_ESCAPES (`readings.ts`: what a terminal swallows, what `decoded`
 * decodes) and SCREEN_SPLIT_KEY (`formats.ts`: a key's prefix or mode written in pieces).
 */
export const SCREEN_CONTROLS = 128;
export const SCREEN_ESCAPES = 256;
export const SCREEN_SPLIT_KEY = 512;
/** All the groups (`COMMAND_STEP`'s values hold them in their low bits). */
export const SCREEN_GROUPS = 1023;
const GROUP_BITS = 10;
const SCREEN = automaton([
  COMMAND_LITERALS,
  KEYWORD_LITERALS,
  USER_NAME_LITERALS,
  USER_FOLDER_LITERALS,
  EMAIL_LITERALS,
  PROFILE_LITERALS,
  BIRTH_LITERALS,
  CONTROL_LITERALS,
  ESCAPE_LITERALS,
  SPLIT_KEY_LITERALS,
]);

/**
 * The same automaton with each step's groups in its value: `COMMAND_STEP[(v >> 10) +
 * COMMAND_CLASS[unit]]` is the value `v` after `unit`, where `v >> 10` is the state's row offset
 * (state * width: 292 states of 44 classes, ~50 KB instead of ~150 KB over 128 columns) and
 * `v & SCREEN_GROUPS` the groups of the literals ending there; OR-ing every value gives which
 * groups the text holds (`& 3`: `screenCommands`' answer). One load per unit and no branch: the
 * review's screen pass (`deny.ts`) carries it along with its other screens, so the text is read
 * once for all of them.
 */
export const COMMAND_STEP = new Int32Array(SCREEN.next.length);
for (let k = 0; k < COMMAND_STEP.length; k++) {
  const to = SCREEN.next[k]!;
  COMMAND_STEP[k] = (to << GROUP_BITS) | SCREEN.out[to / SCREEN.width]!;
}
export const COMMAND_CLASS = SCREEN.classes;

/** Which groups of literals `text` holds (SCREEN_COMMAND, SCREEN_KEYWORD), in one pass. */
export function screenCommands(text: string): number {
  const step = COMMAND_STEP;
  const cls = COMMAND_CLASS;
  let v = 0;
  let found = 0;
  for (let i = 0; i < text.length; i++) {
    // (a unit outside ASCII steps as its low 7 bits: that can only add a match, never lose one,
    // as every literal is ASCII; a gate may say yes too often, never no)
    v = step[(v >> GROUP_BITS) + cls[text.charCodeAt(i) & 127]!]!;
    found |= v;
  }
  return found & 3;
}

/**
 * `screen`: what `screenCommands(text)` answers, when the caller has it already (the review's
 * screen pass computes it with its others, `deny.ts`).
 */
export function findCommandCredentials(text: string, screen = screenCommands(text)): CommandHit[] {
  if (screen === 0) return [];
  const hits: CommandHit[] = [];
  const given: string[] = [];
  // (wpa_passphrase, nmcli … password: a keyword, no flag)
  for (const [a, e] of linesWith(text, screen & SCREEN_COMMAND ? COMMAND_GATE : KEYWORD_COMMANDS))
    lineCredentials(shellWords(commandLine(text.slice(a, e))), given);
  if (given.some(credentialLike))
    hits.push({ code: "command_credential", what: "a credential-looking value given to a command" });
  const printed: string[] = [];
  if (screen & SCREEN_KEYWORD && (text.includes("\n") || text.includes("\\n")) && anyPrintedValue(text))
    fetchedValues(text, printed);
  if (printed.some(credentialLike))
    hits.push({
      code: "command_credential",
      what: "a credential-looking value printed by the command that fetches it",
    });
  const positional: string[] = [];
  positionalValues(text, screen, positional);
  if (positional.some((v) => v === "app-password" || credentialLike(v)))
    hits.push({
      code: "positional_credential",
      what: "a credential-looking value passed without its keyword",
    });
  return hits;
}
