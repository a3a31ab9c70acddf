/**
 * `cotshare verify <url-or-folder>`: checks a published set offline — every file against the
 * manifest, the manifest against its signature and public key, and the set's place in the
 * publication log (see docs/provenance.md). Exit 0 only when everything holds; 1 on any failure
 * or usage error.
 *
 * Sources: the public site's base URL (`https://…/`, also `…/sets/<setId>/…` or a viewer link
 * `…/#/sets/<setId>`); a folder laid out as the public bucket (`sets/`, `keys/`, `log.jsonl`,
 * `latest.json`); or a set's own folder (holding `manifest.json`) with `--root <bucket copy>`.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import type { Command } from "commander";
import { UsageError, type SetExitCode } from "../exit";
import { PUBLICATION_LOG_KEY } from "../../lambdas/core/names";
import { MANIFEST_FILE, SET_ID } from "../../lambdas/core/publish/manifest";
import {
  KEY_ID,
  parseLog,
  verifyPublishedSet,
  type ReadFile,
  type Verdict,
} from "../../lambdas/core/provenance";

/** Bucket keys a reader may be asked for: relative, no `.`/`..` segments, no backslashes. */
function safeKey(key: string): boolean {
  return (
    key !== "" &&
    !key.startsWith("/") &&
    !/[\\\0]/.test(key) &&
    key.split("/").every((s) => s !== "." && s !== "..")
  );
}

/** A file read that also refuses to leave `root`. */
async function readUnder(root: string, rel: string): Promise<Uint8Array | undefined> {
  const base = resolve(root);
  const file = resolve(base, rel);
  if (!file.startsWith(base + sep)) return undefined;
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
    throw e;
  }
}

export interface Source {
  read: ReadFile;
  /** The set the source points at, when it names one. */
  setId?: string;
  where: string;
}

/** The HTTP source for a site URL; the set id when the URL names one. */
export function httpSource(url: URL): Source {
  let setId: string | undefined;
  const hash = /^#\/sets\/([0-9a-f]{20})(?:[/?]|$)/.exec(url.hash);
  if (hash) setId = hash[1];
  let path = url.pathname;
  const inSet = /^(.*?\/)sets\/([0-9a-f]{20})(?:\/.*)?$/.exec(path);
  if (inSet) {
    path = inSet[1]!;
    setId ??= inSet[2];
  } else if (!path.endsWith("/")) path = path.replace(/[^/]*$/, "");
  const base = `${url.origin}${path}`;
  const read: ReadFile = async (key) => {
    if (!safeKey(key)) return undefined;
    const target = base + key.split("/").map(encodeURIComponent).join("/");
    let res: Response;
    try {
      res = await fetch(target, { redirect: "follow" });
    } catch {
      throw new UsageError(`${target}: cannot be reached`);
    }
    if (res.status === 404 || res.status === 403) return undefined;
    if (!res.ok) throw new UsageError(`${target}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  return { read, ...(setId ? { setId } : {}), where: base };
}

/** A folder: a copy of the public bucket, or one set's folder with `root` the bucket copy. */
export async function folderSource(dir: string, root?: string): Promise<Source> {
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new UsageError(`${dir}: no such folder (give a folder or an http(s) URL)`);
  const ownManifest = await readUnder(dir, MANIFEST_FILE);
  if (!ownManifest) {
    if (root) throw new UsageError(`--root is for a set's own folder; ${dir} holds no ${MANIFEST_FILE}`);
    return { read: async (key) => (safeKey(key) ? readUnder(dir, key) : undefined), where: resolve(dir) };
  }
  let setId: string | undefined;
  try {
    const id = (JSON.parse(new TextDecoder().decode(ownManifest)) as { setId?: unknown }).setId;
    if (typeof id === "string" && SET_ID.test(id)) setId = id;
  } catch {
    // reported by the verification itself
  }
  setId ??= SET_ID.test(basename(resolve(dir))) ? basename(resolve(dir)) : undefined;
  if (!setId) throw new UsageError(`${join(dir, MANIFEST_FILE)}: names no set id`);
  // A set folder inside a bucket copy (`<root>/sets/<setId>/`) finds its root by itself.
  const parent = dirname(resolve(dir));
  const inferred = basename(parent) === "sets" ? dirname(parent) : undefined;
  const top = root ?? inferred;
  if (!top)
    throw new UsageError(
      `${dir} is a set's folder: give --root <folder> holding keys/ and ${PUBLICATION_LOG_KEY} (a copy of the public bucket)`,
    );
  const prefix = `sets/${setId}/`;
  const read: ReadFile = async (key) => {
    if (!safeKey(key)) return undefined;
    return key.startsWith(prefix) ? readUnder(dir, key.slice(prefix.length)) : readUnder(top, key);
  };
  return { read, setId, where: resolve(dir) };
}

function report(v: Verdict, where: string): string {
  const out = [`set ${v.setId ?? "?"} (${where})`];
  for (const [name, c] of Object.entries(v.checks)) {
    out.push(`  ${c.ok ? "ok  " : "FAIL"}  ${name.padEnd(9)}  ${c.summary}`);
    for (const p of c.problems.slice(1)) out.push(`              ${" ".repeat(9)}${p}`);
  }
  if (v.ok)
    out.push(
      `VERIFIED: set ${v.setId} is intact, signed by key ${v.keyId}, and recorded in the publication log`,
    );
  else {
    const more = v.failures.length > 1 ? ` (and ${v.failures.length - 1} more)` : "";
    out.push(`NOT VERIFIED: ${v.failures[0]}${more}`);
  }
  return out.join("\n") + "\n";
}

export function registerVerify(program: Command, setCode: SetExitCode): void {
  program
    .command("verify")
    .description(
      "Verify a published set: files against the manifest, the manifest's signature, and its place in the publication log.",
    )
    .argument("<url-or-folder>", "the public site's URL, a copy of the public bucket, or a set's folder")
    .option(
      "--set <setId>",
      "the set to verify (default: the one the URL or folder names, else latest.json's)",
    )
    .option("--root <folder>", "with a set's own folder: the bucket copy holding keys/ and log.jsonl")
    .option(
      "--trust <keyId>",
      "a signing key id you trust (repeatable; e.g. from the deployment's README)",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option("--all", "verify every set the publication log names")
    .option("--json", "print the verdict(s) as JSON lines")
    .action(
      async (
        target: string,
        o: { set?: string; root?: string; trust: string[]; all?: boolean; json?: boolean },
      ) => {
        if (o.set !== undefined && !SET_ID.test(o.set)) throw new UsageError(`--set: not a set id: ${o.set}`);
        for (const k of o.trust)
          if (!KEY_ID.test(k)) throw new UsageError(`--trust: not a key id (32 hex digits): ${k}`);
        if (o.all && o.set) throw new UsageError("--all and --set exclude each other");
        let src: Source;
        if (/^https?:\/\//i.test(target)) {
          if (o.root) throw new UsageError("--root is for folders, not URLs");
          let url: URL;
          try {
            url = new URL(target);
          } catch {
            throw new UsageError(`not a URL: ${target}`);
          }
          src = httpSource(url);
        } else src = await folderSource(target, o.root);

        let setIds: (string | undefined)[] = [o.set ?? src.setId];
        if (o.all) {
          const log = await src.read(PUBLICATION_LOG_KEY);
          if (!log) throw new UsageError(`--all: ${PUBLICATION_LOG_KEY} not found at ${src.where}`);
          const named = parseLog(log).flatMap((l) =>
            l.entry && l.entry.type !== "key" ? [l.entry.setId] : [],
          );
          setIds = [...new Set(named)];
          if (!setIds.length) throw new UsageError(`--all: ${PUBLICATION_LOG_KEY} names no set`);
        }
        let allOk = true;
        for (const setId of setIds) {
          const v = await verifyPublishedSet(src.read, {
            ...(setId ? { setId } : {}),
            ...(o.trust.length ? { trust: o.trust } : {}),
          });
          allOk &&= v.ok;
          process.stdout.write(o.json ? JSON.stringify(v) + "\n" : report(v, src.where));
        }
        setCode(allOk ? 0 : 1);
      },
    );
}
