/**
 * `cotshare submit <paths...> --lab <labId>`: upload transcripts into the intake bucket as a lab
 * would (SDK, path-style, region us-east-1, any key). Folders are walked recursively; each file
 * keeps its path relative to the folder given.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import type { Command } from "commander";
import { UsageError, type SetExitCode } from "../exit";
import { BUCKETS, LAB_ID_PATTERN, intakeKey } from "../../lambdas/core/names";
import { s3Client } from "../../lambdas/adapters/s3";

async function* walk(dir: string): AsyncGenerator<string> {
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

/** [file, name under incoming/<lab>/] for every file the paths name. */
export async function filesToSubmit(paths: string[]): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => undefined);
    if (!st) throw new UsageError(`${p}: no such file or folder`);
    if (st.isDirectory()) {
      for await (const f of walk(p)) out.push([f, relative(p, f).split(sep).join("/")]);
    } else out.push([p, basename(p)]);
  }
  return out;
}

export function registerSubmit(program: Command, setCode: SetExitCode): void {
  program
    .command("submit")
    .description("Upload transcripts into the intake bucket as a lab would (local endpoint by default).")
    .argument("<paths...>", "files or folders")
    .requiredOption("--lab <labId>", "the lab the transcripts come from")
    .option("--endpoint <url>", "S3 endpoint", "http://127.0.0.1:4569")
    .option("--bucket <name>", "intake bucket", BUCKETS.intake)
    .action(async (paths: string[], o: { lab: string; endpoint: string; bucket: string }) => {
      if (!LAB_ID_PATTERN.test(o.lab)) throw new UsageError(`--lab must match ${LAB_ID_PATTERN.source}`);
      const files = await filesToSubmit(paths);
      const client = s3Client({ endpoint: o.endpoint });
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
