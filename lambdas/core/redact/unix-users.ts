/**
 * Unix and code-host user names outside home paths (red-team pass rt8, #5 and #7), category USER,
 * detector `unix-user`. `home-path` and `cluster-path` (pii.ts) take the name in a user's folder;
 * a terminal names the same person in many other places, each with its own cue:
 *
 * - a shell prompt: `jroe@gpu-node-17:~/src$`, `[jroe@login01 evals]$`;
 * - a remote login or copy: `ssh jroe@host`, `scp notes.md jroe@10.1.2.3:`, `rsync … jroe@host:`;
 * - a command's user option: `squeue -u jroe`, `sacct --user=jroe`, `ps -u jroe`, `sudo -u jroe`,
 *   `pkill -u`, `crontab -u`, `qstat -u`;
 * - `uid=1001(jroe) gid=…` (what `id` prints); what `whoami` prints on the next line (after a
 *   prompt: `$ whoami`); `USER=jroe`,
 *   `SLURM_JOB_USER=…` (what `env` prints);
 * - the owner column of `ls -l` (`-rw-r--r-- 1 jroe staff …`), and the column a table's header
 *   names `USER`, `UID` or `USERNAME` (`squeue`, `ps aux`, `ps -ef`, `top`);
 * - a commit's author or trailer given as a handle: `Author: dkowalczyk <…>`, `Signed-off-by: jroe <…>`;
 * - a handle under a quoted key that names a person (JSON, Python): `{"assignee": "mkowalski"}`,
 *   `'reviewers': ['hxu']`, `"login": …`, `"created_by": …`;
 * - @mentions after `cc`, `reviewer(s)`, `assignee(s)`, `owner`, `ping`, `thanks`: `cc: @hxu @priya.r`
 *   (a bare `@name` is left: decorators and npm scopes, `@types/node`, are everywhere in code);
 * - `users/<name>/` at the start of a path without its leading slash, in a short string such as a
 *   dataset field (`users/mkowalski/data.jsonl`).
 *
 * Only the name is replaced; the host, the command and the column stay readable. Names every
 * machine has (`root`, `ubuntu`, `ec2-user`, `git`, `runner`, `tmp`…) are not persons: the lists of
 * the home-path and cluster-path detectors decide (asked through those detectors), with a few
 * service accounts and JSON words added here. A name found here is echoed wherever else it stands
 * in the transcript (see `redactTranscript`).
 *
 * Published metadata fields (#7) are read by `redactTranscript` with a label before them
 * (`model: …`, `task: …`, `tag: …`, `dataset: …`, see `FIELD_LABEL`), and only in that reading:
 * a key that names a person inside the value (`owner:mkowalski`, `owner=hxu`, `user-jroe`), the
 * suffix an OpenAI fine-tune's creator chose (`ft:<base>:<org>:<suffix>:<id>`, whole), and a segment
 * that is a person's handle by the name lexicon: an initial and a family name of 5 letters or more
 * (`mkowalski`, `dkowalczyk`), or a given and a family name (`maria_garcia`, `jon-durbin`).
 *
 * Cost: each rule runs only on texts that hold its fixed string (`@`, `-u`, `uid=`, `whoami`, a
 * header word in capitals, a file mode, `Author:`, `":`…): an ordinary sentence pays about a
 * dozen native searches and no regex.
 */
import { nameLexicon } from "./person";
import { CLUSTER_PATH, HOME_PATH } from "./pii";
import { CATEGORY, type DetectContext, type Detector, type Span } from "./types";

const NAME = String.raw`[a-z_][a-z0-9_.-]{0,31}`;

/** Accounts, words and JSON values that name no person (added to home-path's and cluster-path's lists). */
const NOT_A_PERSON = new Set(
  (
    "git root ubuntu ec2-user centos debian fedora admin administrator daemon nobody nogroup www-data " +
    "postgres mysql redis nginx apache jenkins gitlab-runner runner docker vagrant node slurm munge " +
    "systemd sshd sync syslog bin sys mail news uucp proxy backup list irc gnats messagebus " +
    "user users username me self you none null nil true false unknown anonymous anon n/a na system " +
    "assistant default everyone all any someone team staff guest test tester bot ci deploy service " +
    "github-actions dependabot renovate copilot openai anthropic huggingface"
  ).split(" "),
);

const CTX: DetectContext = { internalDomains: [] };

/** Whether `name` may be a person's account: not a generic account or shared folder, not a placeholder. */
export function personalAccount(name: string): boolean {
  const v = name.replace(/[.-]+$/, "");
  if (v.length < 2 || !/[a-z]/i.test(v) || /^\d/.test(v)) return false;
  const lower = v.toLowerCase();
  if (NOT_A_PERSON.has(lower)) return false;
  // The home-path and cluster-path detectors keep their generic accounts and shared folders.
  return (
    HOME_PATH.detect(`/home/${lower}/`, CTX).length > 0 &&
    CLUSTER_PATH.detect(`/scratch/${lower}/`, CTX).length > 0
  );
}

function push(out: Span[], start: number, value: string): void {
  const v = value.replace(/[.-]+$/, "");
  if (personalAccount(v))
    out.push({ start, end: start + v.length, category: CATEGORY.user, detector: "unix-user" });
}

/** Group 1 of each match of `re` (global, with indices) that is a personal account. */
function group1(re: RegExp, text: string, out: Span[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const g = m.indices?.[1];
    if (g !== undefined && m[1] !== undefined) push(out, g[0], m[1]);
    if (m[0].length === 0) re.lastIndex++;
  }
}

// ------------------------------------------------------------------------------- prompts, logins

/** `user@host:path$`, `user@host:~#`, `[user@host dir]$`, `user@host dir %` (zsh). */
const PROMPT_RE = new RegExp(
  String.raw`(?<![\w.@+%/-])(${NAME})@[A-Za-z0-9][\w.-]*(?::[~/][^\s$#]*[$#]|[ \t]+[~\w./-]+[ \t]+%)(?=[ \t]|$)|\[(${NAME})@[A-Za-z0-9][\w.-]*(?:[ \t]+[^\]\n]*)?\][$#]`,
  "dgm",
);

/** `ssh/scp/rsync/sftp/mosh … user@host`, also `ssh://user@host`. */
const REMOTE_RE = new RegExp(
  String.raw`(?<![\w-])(?:ssh|scp|sftp|rsync|mosh|ssh-copy-id|sshfs)\b[^\n|;&]*?(?<![\w.@+%/-])(${NAME})@(?=[A-Za-z0-9\[])|ssh:\/\/(${NAME})@`,
  "dgm",
);

function prompts(text: string, out: Span[]): void {
  PROMPT_RE.lastIndex = 0;
  for (let m = PROMPT_RE.exec(text); m !== null; m = PROMPT_RE.exec(text)) {
    const k = m[1] !== undefined ? 1 : 2;
    const g = m.indices![k]!;
    push(out, g[0], m[k]!);
  }
}

function remote(text: string, out: Span[]): void {
  REMOTE_RE.lastIndex = 0;
  for (let m = REMOTE_RE.exec(text); m !== null; m = REMOTE_RE.exec(text)) {
    const k = m[1] !== undefined ? 1 : 2;
    const g = m.indices![k]!;
    push(out, g[0], m[k]!);
  }
}

// ------------------------------------------------------------------------------- command options

/** A command that takes a user, then its flags, then `-u`/`--user`/`-U`/`--uid`/`-User` and the name. */
const USER_OPTION_RE = new RegExp(
  String.raw`(?<![\w-])(?:squeue|sacct|scancel|sprio|sshare|sstat|sinfo|qstat|qselect|qdel|bjobs|ps|pgrep|pkill|top|htop|crontab|sudo|killall|loginctl|lslogins|quota|runuser|chage|passwd|usermod|userdel|du|find)\b[^\n|;&]*?[ \t](?:-u[ \t]*|-iu[ \t]*|--user(?:=|[ \t]+)|-U[ \t]+|--uid(?:=|[ \t]+)|-user[ \t]+)(${NAME})(?![\w@])`,
  "dgm",
);

// ------------------------------------------------------------------------------- printed names

/** What `id` prints: `uid=1001(jroe) gid=…`. */
const UID_RE = new RegExp(String.raw`(?<![\w])e?uid=\d+\((${NAME})\)`, "dg");
/** What `whoami` (or `logname`, `echo $USER` after it) prints on the next line. */
const WHOAMI_RE = new RegExp(
  String.raw`(?:whoami|logname|echo[ \t]+"?\$\{?(?:USER|LOGNAME)\}?"?)[ \t]*\r?\n[ \t]*(${NAME})[ \t]*(?=\r?\n|$)`,
  "dg",
);
/** `USER=jroe`, `SLURM_JOB_USER=…`, `SUDO_USER=…`, as `env` prints them or a script sets them. */
const ENV_RE = new RegExp(
  String.raw`(?<![\w$])(?:USER|SLURM_JOB_USER|SUDO_USER)=["']?(${NAME})(?![\w@])`,
  "dg",
);
/** `ls -l`: mode, links, then the owner. */
const LS_RE = new RegExp(
  String.raw`^[ \t]*[-dlcbps][rwxsStT-]{9}[.+@]?[ \t]+\d+[ \t]+(${NAME})[ \t]+\S+[ \t]+\d`,
  "dgm",
);
/** A commit's author or trailer written as a single handle: `Author: dkowalczyk <…>`. */
const AUTHOR_RE =
  /^[ \t]*(?:Author|Commit|Committer|Co-authored-by|Signed-off-by|Reviewed-by|Acked-by|Tested-by|Reported-by|Suggested-by):[ \t]+([A-Za-z0-9_][\w.-]{1,38})[ \t]*(?=<|$)/dgm;

// ------------------------------------------------------------------------------- tables

/** A header word that names the column of user names. */
const USER_COLUMNS = new Set(["USER", "UID", "USERNAME"]);
const HEADER_WORD = /^[A-Z%][A-Za-z0-9%_()+.:-]*$/;
const ROW_NAME = /^[a-z_][a-z0-9_.-]{0,31}\+?$/;

/** The column a header line names for users (its index among the words), or -1. */
function userColumn(words: readonly string[]): number {
  if (words.length < 3 || words.length > 20) return -1;
  let col = -1;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!HEADER_WORD.test(w)) return -1;
    if (col < 0 && USER_COLUMNS.has(w)) col = i;
  }
  return col;
}

const WORD_RE = /\S+/g;

function wordsOf(line: string): { w: string; at: number }[] {
  const out: { w: string; at: number }[] = [];
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(line); m !== null; m = WORD_RE.exec(line)) out.push({ w: m[0], at: m.index });
  return out;
}

function tables(text: string, out: Span[]): void {
  const lines = text.split("\n");
  let offset = 0;
  let col = -1;
  let width = 0;
  let rows = 0;
  for (const line of lines) {
    if (col >= 0) {
      const ws = wordsOf(line);
      if (ws.length >= Math.min(width, col + 2) && rows < 1000) {
        rows++;
        const cell = ws[col]!;
        // `ps` marks a name too long for its column with `+`.
        if (ROW_NAME.test(cell.w)) push(out, offset + cell.at, cell.w.replace(/\+$/, ""));
        offset += line.length + 1;
        continue;
      }
      col = -1;
    }
    if (HEADER_LINE.test(line)) {
      const ws = wordsOf(line);
      col = userColumn(ws.map((x) => x.w));
      width = ws.length;
      rows = 0;
    }
    offset += line.length + 1;
  }
}

/** A line that may be a header naming a user column (checked word by word by `userColumn`). */
const HEADER_LINE = /(?:^|[ \t])(?:USER|UID|USERNAME)(?:[ \t]|$)/;

// ------------------------------------------------------------------------------- keys, mentions

/**
 * Keys whose value is a person's account, quoted as JSON or Python write them (`"user": "jroe"`,
 * `'reviewers': ['hxu']`; bare YAML keys are not read: "user:" is a dialogue label too). A value
 * is a handle in small letters that ends the value or the line (`"user": "hello world"` is none).
 */
const PERSON_KEYS_RARE =
  "assignees?|reviewers?|requested_reviewers|user[ _]?name|userName|created_by|createdBy|updated_by|updatedBy|submitted_by|submitter|reporter|requester|maintainer|committer|assigned_to|assignedTo|uploader|launched_by|run_by|ran_by|requested_by|approved_by|approver";
const PERSON_KEYS = `${PERSON_KEYS_RARE}|owner|author|login|user|uname`;
const KEYED_RE = new RegExp(
  String.raw`["'](?:${PERSON_KEYS})["'][ \t]*:[ \t]*(?:\[[ \t]*)?["']?@?(${NAME})(?=["',}\]]|[ \t]*(?:\r?\n|$))`,
  "dgm",
);
/** A JSON key whose string value is read as `"<key>": <value>` by `redactTranscript`. */
export const PERSON_KEY = new RegExp(`^(?:${PERSON_KEYS})$`);

/** `cc: @hxu @priya.r`, `reviewers: @a, @b`, `ping @x`, `thanks @x`. */
const MENTION_CUE_RE =
  /(?<![\w@])(?:cc|CC|Cc|\/cc|reviewers?|Reviewers?|assignees?|Assignees?|owner|Owner|ping|Ping|pinging|thanks|Thanks|h\/t|reviewed by|assigned to)[ \t]*:?[ \t]*((?:@[A-Za-z0-9][\w.-]*[ \t]*,?[ \t]*(?:and[ \t]+)?)+)/dg;
const HANDLE_RE = /@([A-Za-z0-9][\w.-]*)/g;

function mentions(text: string, out: Span[]): void {
  MENTION_CUE_RE.lastIndex = 0;
  for (let m = MENTION_CUE_RE.exec(text); m !== null; m = MENTION_CUE_RE.exec(text)) {
    const at = m.indices![1]![0];
    HANDLE_RE.lastIndex = 0;
    for (let h = HANDLE_RE.exec(m[1]!); h !== null; h = HANDLE_RE.exec(m[1]!))
      push(out, at + h.index + 1, h[1]!);
  }
}

/** `users/<name>/` at the start of a path written without its leading slash. */
const USERS_FOLDER_RE = /(?<![\w/.~-])users\/([a-z][a-z0-9._-]{0,30}[a-z0-9_-])(?=\/)/dg;

// ------------------------------------------------------------------------------- fields

/** The labels `redactTranscript` puts before a published metadata field (`model: <id>`). */
export const FIELD_LABEL = { model: "model", task: "task", dataset: "dataset", tag: "tag" } as const;
const FIELD_RE = /^(?:model|task|dataset|tag): (\S{2,300})$/;

/** A key inside a field's value that names a person, then its value: `owner:mkowalski`, `user-jroe`. */
const FIELD_KEY_RE =
  /(?:^|[/:_,;|-])(?:owner|user|author|by|creator|created[-_]by|assignee|researcher|launched[-_]by|run[-_]by)[:=-]([A-Za-z0-9_][\w.]*(?:-[A-Za-z0-9_][\w.]*)*)/dg;
/** An OpenAI fine-tune: `ft:<base>:<org>:<suffix>[:<id>]`; the suffix is its creator's words. */
const FINE_TUNE_RE = /^ft:[^:]+:[^:]*:([^:]+)(?::[^:]*)?$/d;

/** The person detector's name lexicon (one copy, built once): lower-case name → ambiguous. */
function names(): Map<string, boolean> {
  return nameLexicon();
}

/**
 * Words of model, task and tag names that the lexicon also holds as names ("Test", "Max", "Base"):
 * never half of a person's handle there (`harris_test`, `llama-base`).
 */
const ID_WORDS = new Set(
  (
    "test tests train eval evals bench code math chat base large small max min mini long short fast slow " +
    "hard easy run runs final best new old dev prod beta alpha gamma delta sigma omega nova star instruct " +
    "sft dpo ppo rl ai ml lm io"
  ).split(" "),
);

/** A family name of the lexicon that is no English word, of 5 letters or more (after an initial). */
function clearLongName(w: string): boolean {
  return w.length >= 5 && names().get(w) === false;
}

/**
 * The segments of a field's value that are a person's handle by the lexicon (names-data.ts and
 * names-extra.ts): one word that is an initial and a clear family name (`mkowalski`), or two words
 * that are both names, one of them clear (`maria_garcia`, `jiwoo-park`), each of 3 letters or more,
 * or a family name of two after a clear given name of five or more (`haoran_xu`).
 */
const LETTERS = /[a-z]+/gi;

/** Whether a digit stands at `i` of `v` (none before its start or past its end, which are not read). */
function isDigitAt(v: string, i: number): boolean {
  if (i < 0 || i >= v.length) return false;
  const c = v.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function isSeparator(c: number): boolean {
  return c === 45 || c === 46 || c === 95; // - . _
}

function handleSegments(value: string, at: number, out: Span[]): void {
  // Words of letters not glued to digits (`r1`, `8b` are versions and sizes), with their offsets.
  const words: string[] = [];
  const starts: number[] = [];
  LETTERS.lastIndex = 0;
  for (let m = LETTERS.exec(value); m !== null; m = LETTERS.exec(value)) {
    const s = m.index;
    const e = s + m[0].length;
    if (isDigitAt(value, s - 1) || isDigitAt(value, e)) continue;
    words.push(m[0].toLowerCase());
    starts.push(s);
  }
  for (let i = 0; i < words.length; i++) {
    const a = words[i]!;
    const as = starts[i]!;
    if (a.length >= 6 && clearLongName(a.slice(1)) && !names().has(a)) {
      out.push({ start: at + as, end: at + as + a.length, category: CATEGORY.user, detector: "unix-user" });
      continue;
    }
    // (The last word has none after it: `words` and `starts` are not read past their end.)
    if (i + 1 === words.length) continue;
    const b = words[i + 1]!;
    const bs = starts[i + 1]!;
    if (bs !== as + a.length + 1 || !isSeparator(value.charCodeAt(bs - 1))) continue;
    if (ID_WORDS.has(a) || ID_WORDS.has(b)) continue;
    const na = a.length >= 3 ? names().get(a) : undefined;
    if (na === undefined) continue;
    // A family name of two letters (`xu`, `li`) after a clear given name of five or more.
    const nb = b.length >= 3 || (na === false && a.length >= 5) ? names().get(b) : undefined;
    if (nb !== undefined && (na === false || nb === false)) {
      out.push({ start: at + as, end: at + bs + b.length, category: CATEGORY.user, detector: "unix-user" });
      i++;
    }
  }
}

function fieldSpans(text: string, out: Span[]): void {
  const f = FIELD_RE.exec(text);
  if (f === null) return;
  const at = text.length - f[1]!.length;
  const value = f[1]!;
  FIELD_KEY_RE.lastIndex = 0;
  for (let m = FIELD_KEY_RE.exec(value); m !== null; m = FIELD_KEY_RE.exec(value)) {
    const g = m.indices![1]!;
    if (personalAccount(m[1]!))
      out.push({ start: at + g[0], end: at + g[1], category: CATEGORY.user, detector: "unix-user" });
  }
  if (text.startsWith("model: ft:")) {
    const ft = FINE_TUNE_RE.exec(value);
    const g = ft?.indices?.[1];
    if (g !== undefined) {
      out.push({ start: at + g[0], end: at + g[1], category: CATEGORY.user, detector: "unix-user" });
      return;
    }
  }
  handleSegments(value, at, out);
}

/**
 * A label that names a person, then handles after `:` or `=`, unquoted: YAML, `key=value`, a line
 * of a ticket (`Assigned to: dmitri.ivanov`, `reviewers: maria_garcia, hxu`). Only a handle the
 * lexicon is sure of is taken (`handleSegments`): `hxu` alone could be anything. Found from each
 * `:` and `=` of the text (a few in prose) by the label that ends right before it; searching the
 * labels' words first cost 10 % of `detect()` (16 native searches per text).
 */
const LABEL_END_RE =
  /(?:^|[\s,;(])(?:assignee|assigned to|reviewers?|approvers?|owners?|maintainers?|requested by|created by|opened by|cc)[ \t]*$/i;
const HANDLES_AT = /[ \t]*([A-Za-z][\w.-]*(?:[ \t]*,[ \t]*@?[A-Za-z][\w.-]*){0,9})/dy;

function labelledAt(text: string, sep: number, out: Span[]): void {
  // (The longest label, "requested by", and a blank before it and after it: 14 characters.)
  if (sep < 2 || !LABEL_END_RE.test(text.slice(Math.max(0, sep - 15), sep))) return;
  HANDLES_AT.lastIndex = sep + 1;
  const m = HANDLES_AT.exec(text);
  if (m !== null) handleSegments(m[1]!, m.indices![1]![0], out);
}

function labelled(text: string, out: Span[]): void {
  for (let i = text.indexOf(":"); i >= 0; i = text.indexOf(":", i + 1)) labelledAt(text, i, out);
  for (let i = text.indexOf("="); i >= 0; i = text.indexOf("=", i + 1)) labelledAt(text, i, out);
}

// ------------------------------------------------------------------------------- the detector

/**
 * Whether `text` may hold an `ls -l` listing: a line (or the text) that starts with the mode of a
 * file or a folder its owner can read and write (`-rw`, `drw`), or with `total` (`ls -l`'s first line).
 */
function mayHoldMode(text: string): boolean {
  return (
    text.includes("\n-rw") ||
    text.includes("\ndrw") ||
    text.startsWith("-rw") ||
    text.startsWith("drw") ||
    text.startsWith("total ")
  );
}

/** The published-field reading `redactTranscript` builds (`model: <id>`): first letter, then the label. */
function fieldReading(text: string): boolean {
  if (text.length > 320 || text.length === 0) return false;
  const c = text.charCodeAt(0);
  return (c === 109 || c === 116 || c === 100) && FIELD_RE.test(text);
}

/**
 * Each rule behind native searches for the fixed strings it needs, the rarest first (a capital,
 * `@`, `-`, `=`, a line break before a mode): prose pays a few searches and no regex.
 */
export function unixUserSpans(text: string): Span[] {
  const out: Span[] = [];
  if (fieldReading(text)) fieldSpans(text, out);
  if (text.includes("@")) {
    if (text.includes("$") || text.includes("#") || text.includes("%")) prompts(text, out);
    if (
      text.includes("ssh") ||
      text.includes("scp") ||
      text.includes("rsync") ||
      text.includes("sftp") ||
      text.includes("mosh")
    )
      remote(text, out);
    mentions(text, out);
  }
  if (text.includes("-u")) group1(USER_OPTION_RE, text, out);
  // Capitals are rare in reasoning: one search rules out the header and variable rules.
  if (text.includes("U")) {
    if (text.includes("\n") && (text.includes("USER") || text.includes("UID"))) tables(text, out);
    if (text.includes("USER=")) group1(ENV_RE, text, out);
  }
  if (text.includes(") gid=")) group1(UID_RE, text, out);
  // `whoami` after a prompt, or at the start of a tool's output that echoes its command.
  if (text.includes("$ whoami") || text.includes("# whoami") || text.startsWith("whoami"))
    group1(WHOAMI_RE, text, out);
  if (mayHoldMode(text)) group1(LS_RE, text, out);
  if (text.includes("Author:") || text.includes("-by:")) group1(AUTHOR_RE, text, out);
  labelled(text, out);
  // A key in quotes (`"assignee":`), as JSON writes it.
  if (text.includes('":')) group1(KEYED_RE, text, out);
  // (In a field's value or a short string: a longer path has the slash before `users/`.)
  if (text.length <= 320 && text.includes("users/")) group1(USERS_FOLDER_RE, text, out);
  return out;
}

export const UNIX_USER: Detector = { name: "unix-user", category: CATEGORY.user, detect: unixUserSpans };
