/**
 * `cotshare score <paths...> [--json]`: legibility only, on transcripts as given (no redaction).
 * With --json, one line per transcript (CONTRACT.md):
 *   {source, id, score, signals: {<name>: {value, subscore}}, worst: {message, part, start, end, score}}
 * plus `line` (for a JSONL line), `basis` and `scorer`. Without it, a readable table. Rejected inputs go to stderr as
 * `source:line: code: message`. Exit status: 0 all read, 2 some rejected, 1 usage error.
 */
import type { Command } from "commander";
import type { Rejection } from "../../lambdas/core/errors";
import { scoreTranscript, WEIGHTS } from "../../lambdas/core/legibility/index";
import { readTranscripts } from "../../lambdas/core/transcript/read";
import { UsageError, type SetExitCode } from "../exit";
import { INPUT_EXTENSIONS, walkInputs } from "../inputs";

/** `source:line: code: message`, without repeating the location the message may start with. */
function formatRejection(r: Rejection): string {
  const prefix = r.line !== undefined ? `${r.source}, line ${r.line}` : r.source;
  const msg = r.message.startsWith(prefix)
    ? r.message.slice(prefix.length).replace(/^[:,]\s*/, "")
    : r.message;
  return `${r.line !== undefined ? `${r.source}:${r.line}` : r.source}: ${r.code}: ${msg}`;
}

export function registerScore(program: Command, setCode: SetExitCode): void {
  program
    .command("score")
    .description("Score the legibility of transcripts (0–100, 100 = fully legible), as given: no redaction.")
    .argument("<paths...>", `files or folders (folders are read recursively: ${INPUT_EXTENSIONS.join(", ")})`)
    .option("--json", "one JSON line per transcript")
    .addHelpText(
      "after",
      `
Each transcript's reasoning is cut into ~2,000-character windows; each window gets signals
(language, lexical, function_words, repetition, structure, anchoring; oddness and readability
are diagnostics) and a score; the transcript's score is a low percentile of its windows.
See docs/legibility.md.
Exit status: 0 every input read, 2 some rejected (the rest still scored), 1 usage error.`,
    )
    .action(async (paths: string[], opts: { json?: boolean }) => {
      let rejected = 0;
      const rows: string[][] = [];
      try {
        for await (const input of walkInputs(paths)) {
          const { items, rejections } =
            "rejection" in input
              ? { items: [], rejections: [input.rejection] }
              : readTranscripts(input.source, input.bytes);
          for (const item of items) {
            const l = scoreTranscript(item.transcript);
            const source = input.source;
            const where = item.line !== undefined ? `${source}:${item.line}` : source;
            if (opts.json) {
              const signals = Object.fromEntries(
                Object.entries(l.signals).map(([k, v]) => [k, { value: v.value, subscore: v.subscore }]),
              );
              process.stdout.write(
                JSON.stringify({
                  source,
                  ...(item.line !== undefined ? { line: item.line } : {}),
                  id: item.transcript.id,
                  score: l.score,
                  basis: l.basis,
                  scorer: l.scorer,
                  signals,
                  worst: l.worst ?? null,
                }) + "\n",
              );
            } else {
              // The main finding is a weak signal that counts in the score (diagnostics such as
              // `oddness` and `readability` have weight 0: reported in --json, not headlined).
              const weak = Object.entries(l.signals)
                .filter(([k, v]) => v.subscore < 0.8 && (WEIGHTS[k] ?? 0) > 0)
                .sort((a, b) => a[1].subscore - b[1].subscore)
                .map(([k, v]) => `${k}: ${v.explanation}`);
              rows.push([
                where,
                item.transcript.id,
                l.score.toFixed(1),
                l.basis,
                weak[0] ?? l.notes[0] ?? "",
              ]);
            }
          }
          for (const r of rejections) process.stderr.write(formatRejection(r) + "\n");
          rejected += rejections.length;
        }
      } catch (e) {
        if (e instanceof UsageError) {
          process.stderr.write(`cotshare score: ${e.message}\n`);
          setCode(1);
          return;
        }
        throw e;
      }
      if (!opts.json) {
        const head = ["source", "id", "score", "basis", "main finding"];
        const all = [head, ...rows];
        const widths = head.map((_, i) => Math.min(48, Math.max(...all.map((r) => r[i]!.length))));
        for (const r of all) {
          process.stdout.write(
            r.map((c, i) => (i < r.length - 1 ? c.slice(0, widths[i]).padEnd(widths[i]!) : c)).join("  ") +
              "\n",
          );
        }
      }
      setCode(rejected > 0 ? 2 : 0);
    });
}
