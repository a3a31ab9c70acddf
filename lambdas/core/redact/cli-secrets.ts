/**
 * Credentials that have no keyword right beside them, which `keyword-secret` cannot see:
 *
 * - `cli-password`: a password or token given to a command by a short flag or by position
 *   (`mysql -pX`, `sshpass -p X`, `docker login -p X`, `redis-cli -a X`, `ldapsearch -w X`,
 *   `zip -P X`, `7z -pX`, `smbclient -U user%X`, `htpasswd -b file user X`, `vault login X`,
 *   `wandb login X`, `wpa_passphrase ssid X`, `openssl -k X`, `echo X | sudo -S`…);
 * - `fetched-secret`: the value printed on the line after the command that fetches it
 *   (`$ echo $DB_PASSWORD` / `printenv API_KEY` / `cat /run/secrets/x` / `vault kv get -field=` /
 *   `kubectl get secret … | base64 -d` / `op read` …, then the value alone on the next line);
 * - `positional-credential`: a password passed without its name (`auth=("admin", "X")`,
 *   `HTTPBasicAuth('u', 'X')`, `smtp.login(user, "X")`, `connect(host, 22, "root", "X")`),
 *   `<password>X</password>`, `<name>…password</name><value>X</value>`, `.pgpass` lines, and a
 *   Gmail-style app password (`abcd efgh ijkl mnop`) after a login call or a password keyword.
 *
 * Each rule runs only on texts holding a fixed string it needs (a command's name, a keyword
 * anchor of the shared cue scan), so ordinary texts cost a few native searches. Values are judged
 * by `plausibleSecret` (as after a keyword) and, where no keyword names them, by a stricter test
 * of their mix of characters.
 */
import { commandCue, isDummy, plausibleSecret, quotedAt, secretAnchors } from "./secrets";
import { CATEGORY, type Detector, type Span } from "./types";

const S = CATEGORY.secret;

/** Characters that end an unquoted shell word. */
function endsWord(c: number): boolean {
  // space, tab, CR, LF, | ; & ) ` " ' \ < >
  return (
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 124 ||
    c === 59 ||
    c === 38 ||
    c === 41 ||
    c === 96 ||
    c === 34 ||
    c === 39 ||
    c === 92 ||
    c === 60 ||
    c === 62 ||
    Number.isNaN(c)
  );
}

/**
 * The shell word at `p`: a quoted string's content or an unquoted run, as [start, end). `stop`
 * lists more characters that end an unquoted word (`@` in `user/pw@db`).
 */
function wordAt(text: string, p: number, stop = ""): [number, number] | undefined {
  const q = quotedAt(text, p);
  if (q) return q;
  let e = p;
  while (e < text.length && !endsWord(text.charCodeAt(e)) && !stop.includes(text[e]!)) e++;
  return e > p ? [p, e] : undefined;
}

/** Not a value but a reference to one: a variable, a command substitution, a prompt, a file. */
const REFERENCE = /^(?:[$%<@]|-|\*+$|\.{2,}|\/dev\/|file:|env:|stdin$)/i;

function passwordValue(v: string): boolean {
  // (no letter: a port mapping, a number, a time — `-p 8080:80`)
  return !REFERENCE.test(v) && /[A-Za-z]/.test(v) && plausibleSecret("password", v);
}

function tokenValue(v: string): boolean {
  if (REFERENCE.test(v)) return false;
  // Hex keys (W&B, Datadog, Algolia) are flagged only here, where a command names them.
  if (/^[0-9a-f]{20,}$/i.test(v)) return /\d/.test(v) && /[a-f]/i.test(v) && !isDummy(v);
  return plausibleSecret("token", v);
}

/**
 * A value with no keyword beside it: as `plausibleSecret` judges a password, and mixed — three
 * kinds of characters (lower, upper, digit, other than `_.-`) or letters and digits alternating
 * at least three times (`a81b9c…`), so that `"postgres"`, `"db_name2"`, `"prod-01"` are none.
 */
function mixedValue(v: string): boolean {
  if (v.length < 6 || v.length > 128 || !passwordValue(v)) return false;
  if (/^[\w.-]+\.(?:com|org|net|io|local|internal|py|js|ts|json|ya?ml|txt|csv|sql)$/i.test(v)) return false;
  let kinds = 0;
  if (/[a-z]/.test(v)) kinds++;
  if (/[A-Z]/.test(v)) kinds++;
  if (/\d/.test(v)) kinds++;
  if (/[^\w.-]/.test(v)) kinds++;
  if (kinds >= 3) return true;
  return (v.match(/[A-Za-z](?=\d)|\d(?=[A-Za-z])/g)?.length ?? 0) >= 3;
}

/** A Gmail-style app password: four groups of four lower-case letters. */
const APP_PASSWORD = /^[a-z]{4}([ -]?)[a-z]{4}\1[a-z]{4}\1[a-z]{4}$/;

interface FlagRule {
  /** fixed strings, one of which the text must hold for the rule to run */
  gate: string[];
  /** ends where the value starts */
  re: RegExp;
  judge: (v: string) => boolean;
  /** more characters that end an unquoted value */
  stop?: string;
  /** the rule's cue holds a credential keyword, not a command cue (`wpa_passphrase`) */
  keyword?: boolean;
}

/** Options between a command and its flag: on the same command line (no pipe, `;`, `&`). */
const OPTS = String.raw`[^\n|;&]{0,200}?[ \t]`;

const FLAG_RULES: FlagRule[] = [
  // MySQL / MariaDB clients: the password glued to -p (`-p` alone prompts).
  {
    gate: ["mysql", "mariadb"],
    re: new RegExp(String.raw`\b(?:mysql\w*|mariadb[\w-]*)\b${OPTS}-p(?=[^\s-])`, "g"),
    judge: passwordValue,
  },
  // sshpass -p X, -pX
  { gate: ["sshpass"], re: /\bsshpass\b(?:[ \t]+-[^p\s]\S*)*[ \t]+-p[ \t]*/g, judge: passwordValue },
  // docker/podman/helm/az/oc/cf … login -p X
  {
    gate: ["login"],
    re: new RegExp(String.raw`\blogin\b${OPTS}-p[ \t]+`, "g"),
    judge: passwordValue,
  },
  // redis-cli -a X
  {
    gate: ["redis-cli"],
    re: new RegExp(String.raw`\bredis-cli\b${OPTS}-a[ \t]+`, "g"),
    judge: passwordValue,
  },
  // ldapsearch / ldapmodify / … -w X
  { gate: ["ldap"], re: new RegExp(String.raw`\bldap[a-z]+\b${OPTS}-w[ \t]*`, "g"), judge: passwordValue },
  // zip / unzip / zipcloak -P X
  { gate: ["zip"], re: new RegExp(String.raw`\b(?:un)?zip\w*\b${OPTS}-P[ \t]+`, "g"), judge: passwordValue },
  // 7z a -pX
  { gate: ["7z"], re: new RegExp(String.raw`\b7z[ar]?\b${OPTS}-p(?=\S)`, "g"), judge: passwordValue },
  // sqlcmd / bcp / osql / isql / ipmitool / mosquitto_pub -P X
  {
    gate: ["sqlcmd", "bcp", "osql", "isql", "ipmitool", "mosquitto"],
    re: new RegExp(String.raw`\b(?:sqlcmd|bcp|osql|isql|ipmitool|mosquitto_\w+)\b${OPTS}-P[ \t]*`, "g"),
    judge: passwordValue,
  },
  // mongo / mongosh / mongodump … -p X
  { gate: ["mongo"], re: new RegExp(String.raw`\bmongo\w*\b${OPTS}-p[ \t]+`, "g"), judge: passwordValue },
  // smbclient / rpcclient / net … -U user%X
  {
    gate: ["-U", "--user"],
    re: /(?:[ \t]-U[ \t]*|--user(?:name)?[ =])["']?[\w.\\/-]{1,64}%/g,
    judge: passwordValue,
  },
  // openssl … -k X, -pass pass:X, -passin/-passout pass:X
  {
    gate: ["openssl", "pass:"],
    re: /\bopenssl\b[^\n|;&]{0,200}?[ \t]-k[ \t]+|[ \t]-pass(?:in|out)?[ \t]+pass:/g,
    judge: passwordValue,
  },
  // vault login X (a token; `vault login -method=… password=…` is keyword-secret's)
  {
    gate: ["vault"],
    re: /\bvault[ \t]+login(?:[ \t]+-[\w-]+(?:=\S+)?)*[ \t]+(?![\w-]+=)/g,
    judge: tokenValue,
  },
  // wandb login X (a 40-hex API key)
  { gate: ["wandb"], re: /\bwandb[ \t]+login(?:[ \t]+--?[\w-]+(?:=\S+)?)*[ \t]+/g, judge: tokenValue },
  // wpa_passphrase SSID X
  {
    keyword: true,
    gate: ["wpa_passphrase"],
    re: /\bwpa_passphrase[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\\"[^"\n]*\\"|\S+)[ \t]+/g,
    judge: passwordValue,
  },
  // rabbitmqctl add_user / change_password USER X
  {
    gate: ["rabbitmqctl"],
    re: /\brabbitmqctl[ \t]+(?:add_user|change_password)[ \t]+\S+[ \t]+/g,
    judge: passwordValue,
  },
  // sqlplus user/X@db
  { gate: ["sqlplus"], re: /\bsqlplus(?:[ \t]+-\w+)*[ \t]+[\w$#]+\//g, judge: passwordValue, stop: "@" },
  // echo 'user:X' | chpasswd
  {
    keyword: true,
    gate: ["chpasswd"],
    re: /\b(?:echo|printf)[ \t]+(?:-\w+[ \t]+)?\\?["']?[\w.-]+:(?=[^\n|]*\|[ \t]*(?:sudo[ \t]+)?chpasswd)/g,
    judge: passwordValue,
  },
];

/** `echo X | sudo -S …`, `printf '%s\n' X | sudo -S`: the value before the pipe. */
const SUDO_STDIN =
  /\b(?:echo|printf)(?:[ \t]+-[neE]+)?(?:[ \t]+\\?["']%s(?:\\\\?n)?\\?["'])?[ \t]+(\\?["']?)([^\s|;&"'\\]{1,128})\1[ \t]*\|[ \t]*sudo(?:[ \t]+-[A-Za-z]+)*?[ \t]+-[A-Za-z]*S\b/dg;

/** `htpasswd -b[c…] FILE USER X`, `htpasswd -nb USER X`. */
const HTPASSWD = /\bhtpasswd[ \t]+-([A-Za-z]*b[A-Za-z]*)[ \t]+/g;

function flagSecrets(text: string, cmd: boolean, out: Span[]): void {
  for (const r of FLAG_RULES) {
    // (a rule without a flag names a keyword: wpa_passphrase, chpasswd)
    if (!(cmd || r.keyword === true) || !r.gate.some((g) => text.includes(g))) continue;
    r.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = r.re.exec(text)) !== null) {
      const w = wordAt(text, m.index + m[0].length, r.stop);
      if (w && r.judge(text.slice(w[0], w[1])))
        out.push({ start: w[0], end: w[1], category: S, detector: "cli-password" });
      if (m[0].length === 0) r.re.lastIndex++;
    }
  }
  if (cmd && text.includes("sudo")) {
    SUDO_STDIN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SUDO_STDIN.exec(text)) !== null) {
      const at = m.indices?.[2];
      if (at && passwordValue(m[2]!))
        out.push({ start: at[0], end: at[1], category: S, detector: "cli-password" });
    }
  }
  if (cmd && text.includes("htpasswd")) {
    HTPASSWD.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = HTPASSWD.exec(text)) !== null) {
      // The password is the third word (FILE USER X), or the second with -n (USER X).
      let p = m.index + m[0].length;
      let w: [number, number] | undefined;
      for (let n = m[1]!.includes("n") ? 2 : 3; n > 0; n--) {
        while (text[p] === " " || text[p] === "\t") p++;
        w = wordAt(text, p);
        if (!w) break;
        p = w[1] + (text[w[1]] === '"' || text[w[1]] === "'" ? 1 : 0);
      }
      if (w && passwordValue(text.slice(w[0], w[1])))
        out.push({ start: w[0], end: w[1], category: S, detector: "cli-password" });
    }
  }
}

/**
 * A command line that prints a secret: the secret's name (a variable, a field, a file) holds a
 * credential keyword, found by the shared cue scan, and the command prints it alone.
 */
const FETCH_LINE = new RegExp(
  [
    String.raw`\b(?:echo|printf)\b[^|>]*\$\{?\w*(?:pass|pw|secret|token|key|cred|auth)\w*`,
    String.raw`\bprintenv[ \t]+\w*(?:pass|pw|secret|token|key|cred|auth)\w*`,
    String.raw`\b(?:cat|head|tail|type|more|less|Get-Content|gc)[ \t][^|<>;&]*(?:pass|pw|secret|token|key|cred|auth)[\w.-]*[ \t]*$`,
    String.raw`\bvault[ \t]+(?:kv[ \t]+get|read)\b[^\n]*-field[ =]`,
    String.raw`\bvault[ \t]+print[ \t]+token\b`,
    String.raw`\b(?:kubectl|oc)\b[^\n]*\bsecrets?\b[^\n]*(?:base64[ \t]+(?:-d|-D|--decode)|jsonpath)`,
    String.raw`\bop[ \t]+(?:read|item[ \t]+get)\b`,
    String.raw`\bgcloud[ \t]+(?:secrets[ \t]+versions[ \t]+access|auth[ \t]+print-\w+-token)\b`,
    String.raw`\baz[ \t]+keyvault[ \t]+secret[ \t]+show\b`,
    String.raw`\baws[ \t]+(?:secretsmanager[ \t]+get-secret-value|ssm[ \t]+get-parameters?)\b`,
    String.raw`\b(?:heroku[ \t]+auth:token|gh[ \t]+auth[ \t]+token|doppler[ \t]+secrets[ \t]+get|bw[ \t]+get[ \t]+password|lpass[ \t]+show|secret-tool[ \t]+lookup|(?:go)?pass[ \t]+show)\b`,
    String.raw`\bsecurity[ \t]+find-\w+-password\b[^\n]*[ \t]-w\b`,
    String.raw`(?:os\.)?(?:getenv|environ)\b[^\n]*(?:pass|pw|secret|token|key|cred|auth)`,
  ].join("|"),
  "i",
);
/** A variable or field that names a property of a credential (its name, file, length…). */
const PROPERTY_NAME =
  /(?:pass\w*|pw\w*|secret|token|key|cred\w*|auth)[_-]?(?:name|file|path|id|url|count|len|length|type|dir|ttl|expiry|version)s?\b/i;
/** Source files are printed as code, never as one secret. */
const SOURCE_FILE =
  /\.(?:py|js|ts|tsx|go|rs|rb|java|md|html|css|ya?ml|json|toml|cfg|ini|conf|sh|pub|csv|txt)\b/i;
/** The value alone on its line: one word, maybe quoted (a REPL prints `'…'`). */
const LONE_VALUE = /^[ \t]*(["']?)([^\s"']{4,256})\1[ \t]*$/;

function fetchedSecrets(text: string, anchors: number[], out: Span[]): void {
  let doneTo = -1;
  for (const a of anchors) {
    if (a < doneTo) continue;
    const ls = text.lastIndexOf("\n", a) + 1;
    let le = text.indexOf("\n", a);
    if (le < 0) return; // the last line: nothing printed after it
    doneTo = le;
    const line = text.slice(ls, text.charCodeAt(le - 1) === 13 ? le - 1 : le);
    if (line.length > 400 || !FETCH_LINE.test(line) || SOURCE_FILE.test(line)) continue;
    // The next line that is not blank is the output.
    let vs = le + 1;
    while (vs < text.length && (text[vs] === "\n" || text[vs] === "\r")) vs++;
    le = text.indexOf("\n", vs);
    const ve = le < 0 ? text.length : text.charCodeAt(le - 1) === 13 ? le - 1 : le;
    const m = LONE_VALUE.exec(text.slice(vs, ve));
    if (!m) continue;
    const v = m[2]!;
    // (`$SECRET_NAME`, `$PASSWORD_FILE`: a property of the credential is printed, not it)
    if (PROPERTY_NAME.test(line) || /^[/~.]/.test(v)) continue;
    const judged = mixedValue(v) || tokenValue(v);
    // (A line with `=` or `:` is structured output: keyword-secret's, or a .pgpass line's.)
    if (!judged || v.includes("=") || v.includes(":")) continue;
    const start = vs + m[0].indexOf(v);
    out.push({ start, end: start + v.length, category: S, detector: "fetched-secret" });
  }
}

/**
 * Calls that take a password by position: an auth tuple or object (`auth=("u", X)`,
 * `HTTPBasicAuth('u', X)`), a login (`.login(user, X)`), a connection (`.connect(host, 22, "u",
 * X)`, `getConnection(url, "u", X)`). Ends at the opening parenthesis or bracket of the arguments.
 */
const CALL =
  /\b(?:auth|basic_auth|http_auth|proxy_auth)[ \t]*[=:][ \t]*[([]|(?:Auth|UsernamePasswordCredentials|NetworkCredential|PasswordAuthentication|\.login|\.authenticate|\.connect|getConnection)[ \t]*\(/g;
/** The keyword anchors that may start a CALL (`auth=(…)`, `…Auth(`, `…Credentials(`). */
const AUTH_ANCHOR = /^(?:auth|cred)/i;
/** Fixed strings one of which a text needs for CALL to match. */
const CALL_GATE = [
  "auth=",
  "auth =",
  "auth:",
  "Auth(",
  "Auth (",
  "Credential",
  ".login",
  ".authenticate",
  ".connect",
  "getConnection",
];
/** One argument: a quoted string (1) or anything else up to the next comma (a name, a number). */
const ARG =
  /[ \t\r\n]*(?:\\?(["'])((?:(?!\1)[^\n\\])*)\\?\1|([^,()[\]"'\n]{0,80}?))[ \t\r\n]*(?:,|(?=[)\]]))/y;

function callSecrets(text: string, out: Span[]): void {
  CALL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CALL.exec(text)) !== null) {
    const head = m[0];
    const connect = /connect|getConnection/i.test(head);
    let p = m.index + head.length;
    for (let n = 0; n < 6; n++) {
      ARG.lastIndex = p;
      const a = ARG.exec(text);
      if (!a) break;
      if (a[3] !== undefined && /=|:/.test(a[3])) break; // keyword arguments are keyword-secret's
      const v = a[2];
      // login/auth: the second argument; connect: the third or later; Client(id, secret): second.
      const slot = connect ? n >= 2 : n === 1;
      if (v !== undefined && slot) {
        const ok = APP_PASSWORD.test(v) ? !connect : mixedValue(v);
        if (ok) {
          const start = a.index + a[0].indexOf(v);
          out.push({ start, end: start + v.length, category: S, detector: "positional-credential" });
        }
      }
      p = a.index + a[0].length;
      if (text[p - 1] !== ",") break;
    }
  }
}

/** `<password>X</password>`, `<db.password>`, `<storepass>`, `<apiKey>`… */
const ELEMENT =
  /<((?:[\w.-]*:)?[\w.-]*(?:pass(?:word|wd|phrase)?|secret|token|api[_-]?key|apikey|credentials?|pwd)[\w.-]*)(?:[ \t][^<>]*)?>([^<>\n]{1,200})<\/\1>/dgi;
/** `<name>fs.s3a.secret.key</name><value>X</value>` (Hadoop, Tomcat and similar configurations). */
const NAME_VALUE =
  /<(name|key)>[^<>\n]*(?:pass(?:word|wd)?|secret|token|api[_-]?key|credential)[^<>\n]*<\/\1>\s*<value>([^<>\n]{1,200})<\/value>/dgi;
/** A `.pgpass` line: host:port:database:user:password. */
const PGPASS =
  /(?:^|\n|\\n)[ \t]*(?:\*|[\w-]*[A-Za-z.][\w.-]*|\d{1,3}(?:\.\d{1,3}){3}):(?:\d{1,5}|\*):[^:\s]+:[^:\s]+:([^\s\\]{4,128})(?=[ \t]*(?:$|\r?\n|\\n))/g;
/** An app password after a password keyword (four groups of four letters), quoted or after `:`/`=`. */
const APP_GROUPS =
  /(?:[:=][ \t]*(\\?["']?)|(\\?["']))([a-z]{4}( ?)[a-z]{4}\4[a-z]{4}\4[a-z]{4})(?![A-Za-z])(?:\1|\2)/dg;

function markupSecrets(text: string, out: Span[]): void {
  if (text.includes("</")) {
    for (const re of [ELEMENT, NAME_VALUE]) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        const raw = m[2]!;
        const v = raw.trim();
        if (!v || !plausibleSecret(m[1]!, v) || REFERENCE.test(v)) continue;
        const start = m.indices![2]![0] + raw.indexOf(v);
        out.push({ start, end: start + v.length, category: S, detector: "positional-credential" });
      }
    }
  }
}

/**
 * `<add key="DbPassword" value="X"/>` with its quotes JSON-escaped (in tool-call arguments), where
 * keyword-secret does not read past the escaped quote.
 */
const KEY_ATTRIBUTE =
  /\b(?:key|name)[ \t]*=[ \t]*\\"[^"\n]{0,60}?(?:pass|pwd|secret|token|api[_-]?key|credential)[^"\n]{0,60}?\\"[ \t]+value[ \t]*=[ \t]*(?=\\")/gi;

function attributeSecrets(text: string, out: Span[]): void {
  if (!text.includes('value=\\"') && !text.includes('value = \\"')) return;
  KEY_ATTRIBUTE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEY_ATTRIBUTE.exec(text)) !== null) {
    const q = quotedAt(text, m.index + m[0].length);
    if (q && passwordValue(text.slice(q[0], q[1])))
      out.push({ start: q[0], end: q[1], category: S, detector: "positional-credential" });
  }
}

function pgpassSecrets(text: string, out: Span[]): void {
  if (!(text.includes("pgpass") || text.includes(":5432:") || text.includes(":*:"))) return;
  PGPASS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PGPASS.exec(text)) !== null) {
    const v = m[1]!;
    if (!passwordValue(v)) continue;
    const start = m.index + m[0].length - v.length;
    out.push({ start, end: start + v.length, category: S, detector: "positional-credential" });
  }
}

/**
 * PowerShell's `ConvertTo-SecureString "…" -AsPlainText -Force` (or `-String …`): the plain text
 * is a password written into a script. Its flags may come first; a variable (`$pw`) is none.
 */
const SECURE_STRING =
  /\bConvertTo-SecureString(?:[ \t]+-(?:AsPlainText|Force)\b)*[ \t]+(?:-String[ \t]+)?(?:-(?:AsPlainText|Force)[ \t]+)*(\\?["']?)([^\s"'`\\]{4,128})\1/dgi;

function secureStrings(text: string, out: Span[]): void {
  SECURE_STRING.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SECURE_STRING.exec(text)) !== null) {
    const v = m[2]!;
    if (!passwordValue(v)) continue;
    const at = m.indices![2]!;
    out.push({ start: at[0], end: at[1], category: S, detector: "cli-password" });
  }
}

function appPasswords(text: string, anchors: number[], out: Span[]): void {
  let doneTo = -1;
  for (const a of anchors) {
    // After "pass…"/"pw" on the same line, within 100 characters.
    if (a < doneTo || !/^(?:pass|pw)/i.test(text.slice(a, a + 4))) continue;
    let e = text.indexOf("\n", a);
    if (e < 0 || e > a + 100) e = Math.min(text.length, a + 100);
    doneTo = e;
    APP_GROUPS.lastIndex = 0;
    const w = text.slice(a, e);
    let m: RegExpExecArray | null;
    while ((m = APP_GROUPS.exec(w)) !== null) {
      // (quoted, or after ":" / "=": "the password: abcd efgh ijkl mnop", not a sentence's words)
      const at = m.indices![3]!;
      // Unquoted after ":" / "=", only as an app password ("app password: …").
      if (
        m[1] === "" &&
        m[2] === undefined &&
        !/app[ -]?(?:specific[ -])?pass/i.test(text.slice(Math.max(0, a - 20), a + 20))
      )
        continue;
      out.push({ start: a + at[0], end: a + at[1], category: S, detector: "positional-credential" });
    }
  }
}

/**
 * The rules run behind the shared cue scan of secrets.ts (computed for keyword-secret anyway):
 * those that need no keyword only on texts holding a command cue (a short flag after a blank,
 * "login", "connect", a `.pgpass` port…), the others only on texts holding a credential keyword.
 */
function detectCli(text: string): Span[] {
  const cmd = commandCue(text);
  const anchors = secretAnchors(text);
  const secure = text.includes("SecureString");
  if (!cmd && anchors.length === 0 && !secure) return [];
  const out: Span[] = [];
  if (secure) secureStrings(text, out);
  flagSecrets(text, cmd, out);
  if (
    (cmd || anchors.some((a) => AUTH_ANCHOR.test(text.slice(a, a + 4)))) &&
    CALL_GATE.some((g) => text.includes(g))
  )
    callSecrets(text, out);
  pgpassSecrets(text, out);
  if (anchors.length > 0) {
    markupSecrets(text, out);
    attributeSecrets(text, out);
    if (text.includes("\n")) fetchedSecrets(text, anchors, out);
    appPasswords(text, anchors, out);
  }
  return out;
}

export const CLI_SECRETS: Detector = { name: "cli-password", category: S, detect: detectCli };
