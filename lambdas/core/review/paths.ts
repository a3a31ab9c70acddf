/**
 * A person's user name in a path, checked apart from the redaction (which replaces it with
 * `⟦USER_n⟧`): the folder after `/home/`, `/Users/`, `C:\Users\`, a cluster's `/scratch/`,
 * `/work/`, `/homes/`, `/home2/`, `/u/`, a `users` folder anywhere, or `~name/`. Folders every
 * machine has (`/home/ubuntu`, `/work/src`, `/scratch/tmp`) are not names. A placeholder there
 * starts with `⟦`, which no name does. Reported as `residual_user_path` (NEEDS_HUMAN): a
 * folder's name may be a project's, a person decides.
 */
const USER_FOLDER =
  /(?:\/(?:home|Users|scratch\d?|work|homes|home\d|u|users)\/|[A-Za-z]:\\{1,2}Users\\{1,2}|(?<![\w~/.-])~)([A-Za-z][\w.-]{1,31})(?=[/\\]|$|\s|["'`),;:\]])/gm;

const COMMON_FOLDERS = new Set(
  (
    "user users username runner ubuntu ec2-user default public shared share all tmp temp data " +
    "datasets dataset projects project common group groups software apps app opt local bin lib " +
    "src code repo repos main work scratch cache logs models checkpoints ckpts outputs output runs " +
    "jobs home root admin guest nobody workspace build dist test tests vagrant node docker jenkins " +
    "postgres www www-data git"
  ).split(" "),
);

/** A shell command that takes a path, with its flags, right before a `~name`. */
const SHELL_BEFORE =
  /(?:^|[\s;|&(`$])(?:cd|ls|cp|mv|cat|rsync|scp|chown|chmod|du|find|tree|less|tar)\s+(?:-[\w-]+\s+)*$/;

/**
 * What the pattern needs (one of them, in any case): the folder words with the separator it puts
 * before them (`/home`, `\Users\`: not the word "home" of a sentence), or a tilde. The review's
 * screen pass (`commands.ts`, `deny.ts`) looks for them with its other literals.
 */
export const USER_FOLDER_LITERALS = ["/home", "/users/", "\\users\\", "/scratch", "/work/", "/u/", "~"];

/**
 * Cheap: a path's slash or a tilde, and one of the folder words with the separator the pattern
 * puts before it, before the pattern runs. `mayHold` false: the text holds none of
 * `USER_FOLDER_LITERALS` in any case.
 */
export function hasUserFolder(text: string, mayHold = true): boolean {
  if (!mayHold) return false;
  if (!text.includes("/") && !text.includes("\\") && !text.includes("~")) return false;
  if (
    !text.includes("/home") &&
    !text.includes("/Users/") &&
    !text.includes("\\Users\\") &&
    !text.includes("/users/") &&
    !text.includes("/scratch") &&
    !text.includes("/work/") &&
    !text.includes("/u/") &&
    !text.includes("~")
  )
    return false;
  USER_FOLDER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = USER_FOLDER.exec(text)) !== null) {
    const name = m[1]!;
    // `~name` counts before a slash, at a line's end, or after a command that takes a path
    // (`cd ~name && ls`); "~half the time" is prose.
    const next = text.charAt(m.index + m[0].length);
    if (
      m[0].startsWith("~") &&
      next !== "/" &&
      next !== "\\" &&
      next !== "\n" &&
      next !== "\r" &&
      next !== "" &&
      !SHELL_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))
    )
      continue;
    if (!COMMON_FOLDERS.has(name.toLowerCase())) return true;
  }
  return false;
}
