/**
 * `cotshare submit <paths...> --lab <labId>`: upload transcripts into the intake bucket as a lab
 * would (SDK, path-style, region us-east-1, any key). Folders are walked recursively with the same
 * rule as every other command (`skippedInFolder` in ../inputs: hidden files, `node_modules`, the
 * files `process` writes and non-transcript names are skipped); each file keeps its path relative
 * to the folder given, and a file named on the command line is uploaded under its base name. Two
 * inputs that would land on the same key are refused before anything is uploaded.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, relative, sep } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import type { Command } from "commander";
import { UsageError, notListening, type SetExitCode } from "../exit";
import { noInputs, walkDir } from "../inputs";
import { BUCKETS, LAB_ID_PATTERN, intakeKey } from "../../lambdas/core/names";
import { s3Client } from "../../lambdas/adapters/s3";

export const DEFAULT_ENDPOINT = "http://127.0.0.1:4569";

/** [file, name under incoming/<lab>/] for every file the paths name; refuses two files with one name. */
export async function filesToSubmit(paths: string[]): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => undefined);
    if (!st) throw new UsageError(`${p}: no such file or folder`);
    if (st.isDirectory()) {
      for await (const f of walkDir(p)) out.push([f, relative(p, f).split(sep).join("/")]);
    } else if (st.isFile()) out.push([p, basename(p)]);
    else throw new UsageError(`${p}: not a file or folder`);
  }
  if (out.length === 0) throw noInputs(paths);
  const seen = new Map<string, string>();
  for (const [file, name] of out) {
    const first = seen.get(name);
    if (first !== undefined)
      throw new UsageError(
        `${first} and ${file} would both be uploaded as ${name} (the second would replace the first): ` +
          `submit the folder that holds them (paths below it are kept), or rename one`,
      );
    seen.set(name, file);
  }
  return out;
}

/** `--endpoint`: a URL, or `host:port` (taken as http://host:port). */
export function endpointUrl(value: string): string {
  const text = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL | undefined;
  try {
    url = new URL(withScheme);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname)
    throw new UsageError(
      `--endpoint expects an S3 endpoint URL such as ${DEFAULT_ENDPOINT} (or host:port), got: ${value}`,
    );
  return url.pathname === "/" ? url.origin : url.origin + url.pathname;
}

/** Whether an SDK error means nothing answered at the endpoint (no `cotshare start` running). */
function unreachable(e: unknown): boolean {
  const err = e as { code?: unknown; errno?: unknown; message?: unknown; cause?: unknown } | undefined;
  if (!err) return false;
  const codes = ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ECONNRESET", "EAI_AGAIN"];
  if (typeof err.code === "string" && codes.includes(err.code)) return true;
  if (typeof err.message === "string" && codes.some((c) => (err.message as string).includes(c))) return true;
  return err.cause !== undefined && err.cause !== e ? unreachable(err.cause) : false;
}

export function registerSubmit(program: Command, setCode: SetExitCode): void {
  program
    .command("submit")
    .description("Upload transcripts into the intake bucket as a lab would (local endpoint by default).")
    .argument("<paths...>", "files or folders (folders: the files process/score read, paths kept)")
    .requiredOption("--lab <labId>", "the lab the transcripts come from")
    .option("--endpoint <url>", "S3 endpoint (a URL, or host:port)", DEFAULT_ENDPOINT)
    .option("--bucket <name>", "intake bucket", BUCKETS.intake)
    .action(async (paths: string[], o: { lab: string; endpoint: string; bucket: string }) => {
      if (!LAB_ID_PATTERN.test(o.lab)) throw new UsageError(`--lab must match ${LAB_ID_PATTERN.source}`);
      const endpoint = endpointUrl(o.endpoint);
      const files = await filesToSubmit(paths);
      const client = s3Client({ endpoint });
      let failed = 0;
      try {
        for (const [file, name] of files) {
          const key = intakeKey(o.lab, name);
          try {
            const out = await client.send(
              new PutObjectCommand({ Bucket: o.bucket, Key: key, Body: await readFile(file) }),
            );
            process.stdout.write(`uploaded s3://${o.bucket}/${key} ${out.ETag ?? ""}\n`);
          } catch (e) {
            if (unreachable(e)) {
              // Every other file would fail the same way: one message, and stop.
              process.stderr.write(
                `cotshare submit: ${notListening(endpoint, "pass the S3 endpoint it printed with --endpoint")}\n`,
              );
              setCode(1);
              return;
            }
            failed++;
            process.stderr.write(`cotshare submit: ${file}: ${(e as Error).name}: ${(e as Error).message}\n`);
          }
        }
      } finally {
        client.destroy();
      }
      setCode(failed ? 1 : 0);
    });
}
