/**
 * `cotshare compare <paths...> [--json] [--svg <file>]`: legibility per model for local files, so a
 * lab can see the comparison before it submits. Published transcripts (with `legibility`) are
 * taken as they are; transcripts in any intake format are scored (no redaction). Prints the
 * per-model table, or with --json the `cotshare/stats@1` aggregates a published set stores as
 * `stats.json`; --svg writes the plot a set stores as `models.svg`. Rejected inputs go to stderr
 * as `source:line: code: message`. Exit status: 0 every input read, 2 some rejected, 1 usage error.
 */
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import {
  ILLEGIBLE_BELOW,
  computeStats,
  renderModelsSvg,
  statsJson,
  statsText,
} from "../../lambdas/core/compare";
import { compareInput } from "../../lambdas/core/compare/input";
import type { CompareItem } from "../../lambdas/core/compare";
import type { Rejection } from "../../lambdas/core/errors";
import { UsageError, type SetExitCode } from "../exit";
import { INPUT_EXTENSIONS, walkInputs } from "../inputs";

function formatRejection(r: Rejection): string {
  const where = r.line !== undefined ? `${r.source}:${r.line}` : r.source;
  const prefix = r.line !== undefined ? `${r.source}, line ${r.line}` : r.source;
  const msg = r.message.startsWith(prefix)
    ? r.message.slice(prefix.length).replace(/^[:,]\s*/, "")
    : r.message;
  return `${where}: ${r.code}: ${msg}`;
}

export function registerCompare(program: Command, setCode: SetExitCode): void {
  program
    .command("compare")
    .description("Compare legibility per model (and lab, family, release date) across transcript files.")
    .argument("<paths...>", `files or folders (folders are read recursively: ${INPUT_EXTENSIONS.join(", ")})`)
    .option("--json", "print the aggregates as JSON (cotshare/stats@1, as a published set's stats.json)")
    .option("--svg <file>", "write the plot of legibility per model to this SVG file")
    .addHelpText(
      "after",
      `
Published transcripts (the JSON \`process\` writes, with \`legibility\`) keep their scores; other
transcripts are scored as \`score\` does. Per model: count, median, quartiles, range, the share
below ${ILLEGIBLE_BELOW} ("illegible"), and the signals whose median sub-score is weak.
Models are ordered by model.releaseDate where known, then by name. See docs/compare.md.
Exit status: 0 every input read, 2 some rejected (the rest still compared), 1 usage error.`,
    )
    .action(async (paths: string[], opts: { json?: boolean; svg?: string }) => {
      if (opts.svg !== undefined && opts.svg.trim() === "") {
        process.stderr.write("cotshare compare: --svg needs a file name\n");
        setCode(1);
        return;
      }
      const items: CompareItem[] = [];
      // A downloaded set holds each published transcript twice (data.jsonl and transcripts/<id>.json):
      // a published id counts once.
      const publishedIds = new Set<string>();
      let repeated = 0;
      let rejected = 0;
      try {
        for await (const input of walkInputs(paths)) {
          const {
            items: got,
            rejections,
            skipped,
          } = "rejection" in input
            ? { items: [], rejections: [input.rejection], skipped: undefined }
            : compareInput(input.source, input.bytes);
          if (skipped) process.stderr.write(`${input.source}: skipped, ${skipped}\n`);
          for (const g of got) {
            if (!g.scored) {
              if (publishedIds.has(g.item.id)) {
                repeated++;
                continue;
              }
              publishedIds.add(g.item.id);
            }
            items.push(g.item);
          }
          for (const r of rejections) process.stderr.write(formatRejection(r) + "\n");
          rejected += rejections.length;
        }
        if (repeated > 0)
          process.stderr.write(
            `${repeated} published transcript(s) read again from another file (a set's data.jsonl and transcripts/ hold the same ones): counted once\n`,
          );
      } catch (e) {
        if (e instanceof UsageError) {
          process.stderr.write(`cotshare compare: ${e.message}\n`);
          setCode(1);
          return;
        }
        throw e;
      }
      const stats = computeStats(items);
      if (opts.svg !== undefined) {
        try {
          await writeFile(opts.svg, renderModelsSvg(stats));
        } catch (e) {
          process.stderr.write(
            `cotshare compare: cannot write ${opts.svg}: ${(e as NodeJS.ErrnoException).code ?? "error"}\n`,
          );
          setCode(1);
          return;
        }
      }
      process.stdout.write(opts.json ? statsJson(stats) : statsText(stats));
      if (opts.svg !== undefined && !opts.json) process.stdout.write(`Plot written to ${opts.svg}\n`);
      setCode(rejected > 0 ? 2 : 0);
    });
}
