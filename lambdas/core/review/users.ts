/**
 * A person's account name left in terminal output, commits, JSON or published fields, checked
 * apart from the redaction (which replaces it with `⟦USER_n⟧`, `redact/unix-users.ts`): this file
 * has its own patterns and its own list of accounts that name nobody. Reported as
 * `residual_user_name` (NEEDS_HUMAN): a handle is a pseudonym rather than a name, and a column or a
 * key may hold a service account or an organisation: a person decides, as for a folder's name
 * (`residual_user_path`).
 *
 * Where it looks (the text as published, placeholders included: a placeholder starts with `⟦`,
 * which no account name does):
 * - shell prompts `name@host:~/dir$`, `[name@host dir]$`; `ssh`/`scp`/`rsync`/`sftp` to `name@host`;
 * - a command's user option (`squeue -u name`, `sudo -u`, `ps --user=`…); `uid=1001(name)`; the
 *   line after `whoami`; `USER=name`;
 * - the owner in an `ls -l` line; the cell under a `USER`/`UID`/`USERNAME` header in a table;
 * - `Author: name <…>` and the `…-by:` trailers given as one word;
 * - a quoted key naming a person's account with a one-word value (`"assignee": "name"`);
 * - `@name` after `cc`, `reviewer(s)` or `assignee(s)`;
 * - in a one-word value (a tag, a model or task id, a dataset, wherever it stands): `owner:name`,
 *   `owner=name`, `users/name/` at its start,
 *   and an OpenAI fine-tune's suffix (`ft:<base>:<org>:<suffix>:<id>`) that is not a placeholder.
 * A personal namespace of a model or task id (`jiwoo-park/…`, `jroe/…`) is not looked for: nothing
 * in it tells a person from an organisation (`meta-llama/…`, `allenai/…`).
 */

/** Accounts every machine or service has, and words that name nobody (written for the review). */
const NOBODY = new Set(
  (
    "root admin administrator ubuntu ec2-user centos debian fedora git runner user users username " +
    "guest nobody daemon www-data postgres mysql redis nginx apache jenkins docker vagrant node slurm " +
    "default public shared test tester bot ci deploy service system assistant me self you none null " +
    "true false unknown anonymous anon everyone all team staff tmp temp data home src main work " +
    "scratch project projects dependabot github-actions renovate"
  ).split(" "),
);

function someone(name: string | undefined): boolean {
  if (name === undefined) return false;
  const v = name.replace(/[.-]+$/, "");
  return v.length >= 2 && /^[A-Za-z_]/.test(v) && !NOBODY.has(v.toLowerCase());
}

/** Whether any match of `re` (global) has a person's account in group 1. */
function anyOf(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) if (someone(m[1])) return true;
  return false;
}

const PROMPT = /(?:^|[\s(>])([A-Za-z_][\w.-]*)@[\w.-]+:[~/]\S*[$#](?=\s|$)/gm;
const PROMPT_BRACKET = /\[([A-Za-z_][\w.-]*)@[\w.-]+ [^\]\n]*\][$#]/g;
const REMOTE = /\b(?:ssh|scp|rsync|sftp|mosh)\b[^\n]*?(?:^|[\s"'=:])([A-Za-z_][\w.-]*)@(?=[\w[])/g;
const FLAG =
  /\b(?:squeue|sacct|scancel|qstat|bjobs|ps|pkill|pgrep|top|htop|sudo|crontab|killall|quota)\b[^\n]*?\s(?:-u ?|-iu ?|--user[= ])([A-Za-z_][\w.-]*)/g;
const UID = /\buid=\d+\(([^)\s]+)\)/g;
const WHOAMI = /\b(?:whoami|logname)[ \t]*\r?\n[ \t]*([A-Za-z_][\w.-]*)[ \t]*(?=\r?\n|$)/g;
const ENV = /(?:^|[\s"'])(?:USER|LOGNAME|SLURM_JOB_USER)=["']?([A-Za-z_][\w.-]*)/gm;
const LS_OWNER = /^\s*[-dlbcps][-rwxsStT]{9}\S?\s+\d+\s+([A-Za-z_][\w.-]*)\s/gm;
const AUTHOR =
  /^\s*(?:Author|Commit|Co-authored-by|Signed-off-by|Reviewed-by):[ \t]*([A-Za-z_][\w.-]*)[ \t]*(?:<|$)/gm;
const KEYED =
  /["'](?:assignees?|reviewers?|owner|author|login|user(?:_?name)?|userName|created_?[bB]y|submitter|reporter|requester|maintainer|committer|assigned_?[tT]o)["']\s*:\s*\[?\s*["']@?([a-z_][\w.-]*)["']/g;
const MENTION =
  /\b(?:cc|CC|Cc|reviewers?|assignees?)\b[ \t]*:?[ \t]*(?:@[\w.-]+[ \t,]*)*@([A-Za-z0-9][\w.-]*)/g;
const USERS_FOLDER = /(?:^|[\s"'=:(])users\/([a-z][\w.-]*)\//g;
const FIELD_OWNER = /(?:^|[/:_,-])(?:owner|author|creator|by)[:=]([A-Za-z_][\w.-]*)/g;

/** The column whose header is `USER`, `UID` or `USERNAME` in a table of words in capitals. */
function tableCell(text: string): boolean {
  const lines = text.split("\n");
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    if (!/\b(?:USER|UID|USERNAME)\b/.test(line)) continue;
    const head = line.trim().split(/\s+/);
    if (head.length < 3 || !head.every((w) => /^[A-Z%][A-Z0-9%_()+:.-]*$/.test(w))) continue;
    const col = head.findIndex((w) => w === "USER" || w === "UID" || w === "USERNAME");
    for (let j = i + 1; j < lines.length && j <= i + 200; j++) {
      const cells = lines[j]!.trim().split(/\s+/);
      if (cells.length <= col || cells.length < 2) break;
      const cell = cells[col]!.replace(/\+$/, "");
      if (/^[a-z_][a-z0-9_.-]*$/.test(cell) && someone(cell)) return true;
    }
  }
  return false;
}

/**
 * What every reading below but the one-word value's needs in its text (each gate's literal, in
 * lower case: a screen that folds case may say yes too often, never no). The review's screen
 * pass (`commands.ts`, `deny.ts`) looks for them all at once.
 */
export const USER_NAME_LITERALS = ["@", "-u", "user", "uid", "whoami", "r-x", "--", "author:", "-by:", '":'];

/**
 * What is found in `text`, one message per kind. `mayHold` false: the text holds none of
 * `USER_NAME_LITERALS` in any case (only the one-word value is read).
 */
export function findUserNames(text: string, mayHold = true): string[] {
  const out: string[] = [];
  if (mayHold) literalReadings(text, out);
  // A field's value (a tag, a model or task id) is one word: read for an owner and a fine-tune's suffix.
  if (text.length <= 300 && !/\s/.test(text)) {
    if (text.includes("users/") && anyOf(USERS_FOLDER, text)) out.push("a user name in a users folder");
    if ((text.includes(":") || text.includes("=")) && anyOf(FIELD_OWNER, text))
      out.push("an owner's name in a field");
    if (text.startsWith("ft:")) {
      const suffix = text.split(":")[3];
      if (suffix !== undefined && suffix !== "" && !suffix.includes("⟦")) out.push("a fine-tune's suffix");
    }
  }
  return out;
}

/** The readings gated by `USER_NAME_LITERALS`, in order. */
function literalReadings(text: string, out: string[]): void {
  if (text.includes("@")) {
    if ((text.includes("$") || text.includes("#")) && anyOf(PROMPT, text))
      out.push("a user name in a shell prompt");
    else if (text.includes("]") && anyOf(PROMPT_BRACKET, text)) out.push("a user name in a shell prompt");
    if (/ssh|scp|rsync|sftp|mosh/.test(text) && anyOf(REMOTE, text))
      out.push("a user name before a remote host");
    if (anyOf(MENTION, text)) out.push("an @mention after cc or reviewer");
  }
  if (text.includes("-u") && anyOf(FLAG, text)) out.push("a user name after a command's user option");
  // A capital U is rare in prose: the environment and the tables' header words hold one.
  if (text.includes("U")) {
    if (text.includes("USER=") && anyOf(ENV, text)) out.push("a user name in the environment");
    if ((text.includes("USER") || text.includes("UID")) && text.includes("\n") && tableCell(text))
      out.push("a user name under a table's user column");
  }
  if (text.includes("uid=") && anyOf(UID, text)) out.push("a user name in `id` output");
  if (text.includes("whoami") && anyOf(WHOAMI, text)) out.push("a user name printed by whoami");
  if ((text.includes("r-x") || text.includes("--")) && anyOf(LS_OWNER, text))
    out.push("a file owner in `ls -l` output");
  if ((text.includes("Author:") || text.includes("-by:")) && anyOf(AUTHOR, text))
    out.push("a commit author given as a handle");
  if (text.includes('":') && anyOf(KEYED, text)) out.push("an account name under a person's key");
}
