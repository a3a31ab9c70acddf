/**
 * `cotshare normalize <paths...> [--json]`: reads transcripts in any accepted format and prints
 * their canonical form. Rejections go to stderr as `source:line: code: message`.
 */
import type { Command } from "commander";
import type { Rejection } from "../../lambdas/core/errors";
import { readTranscripts } from "../../lambdas/core/transcript/read";
import { UsageError, type SetExitCode } from "../exit";
import { INPUT_EXTENSIONS, walkInputs } from "../inputs";

/** `source:line: code: message`, without repeating the location the message starts with. */
export function formatRejection(r: Rejection): string {
  const where = r.line !== undefined ? `${r.source}:${r.line}` : r.source;
  const prefix = r.line !== undefined ? `${r.source}, line ${r.line}` : r.source;
  let msg = r.message;
  if (msg.startsWith(prefix + ": ")) msg = msg.slice(prefix.length + 2);
  else if (msg.startsWith(prefix + ", ")) msg = msg.slice(prefix.length + 2);
  return `${where}: ${r.code}: ${msg}`;
}

/** A closed stdout (`normalize … | head`) ends the command quietly instead of crashing it. */
class Closed extends Error {}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (e) => (e ? reject(new Closed()) : resolve())));
}

export function registerNormalize(program: Command, setCode: SetExitCode): void {
  program
    .command("normalize")
    .description(
      "Read transcripts in any accepted format and print their canonical cotshare/transcript@1 form.",
    )
    .argument("<paths...>", `files or folders (folders are read recursively: ${INPUT_EXTENSIONS.join(", ")})`)
    .option("--json", "one JSON line per transcript instead of pretty JSON")
    .addHelpText(
      "after",
      `
Formats are detected per file (and per JSONL line): cotshare native, OpenAI Chat Completions,
OpenAI Responses, Anthropic Messages, Inspect AI logs (.json and .eval), JSONL with <think>.
See docs/formats.md.

Output: the canonical transcripts on stdout; rejected inputs on stderr as
  source:line: code: message
Exit status: 0 every input accepted, 2 some rejected (the rest still printed), 1 usage error.`,
    )
    .action(async (paths: string[], opts: { json?: boolean }) => {
      let rejected = 0;
      const onError = (e: NodeJS.ErrnoException) => {
        if (e.code !== "EPIPE") throw e;
      };
      process.stdout.on("error", onError);
      try {
        for await (const input of walkInputs(paths)) {
          const { items, rejections } =
            "rejection" in input
              ? { items: [], rejections: [input.rejection] }
              : readTranscripts(input.source, input.bytes);
          for (const item of items) {
            const text = opts.json
              ? JSON.stringify(item.transcript)
              : JSON.stringify(item.transcript, null, 2);
            await write(process.stdout, text + "\n");
          }
          for (const r of rejections) await write(process.stderr, formatRejection(r) + "\n");
          rejected += rejections.length;
        }
      } catch (e) {
        if (e instanceof Closed) return;
        if (e instanceof UsageError) {
          process.stderr.write(`cotshare normalize: ${e.message}\n`);
          setCode(1);
          return;
        }
        throw e;
      } finally {
        process.stdout.off("error", onError);
      }
      setCode(rejected > 0 ? 2 : 0);
    });
}
