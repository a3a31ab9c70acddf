/**
 * `npx cotshare <command>`: one file per command under `cli/commands/`. Exit codes follow
 * CONTRACT.md: 0 all accepted, 2 some inputs rejected, 1 usage or internal error.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { registerCompare } from "./commands/compare";
import { registerNormalize } from "./commands/normalize";
import { registerProcess } from "./commands/process";
import { registerScore } from "./commands/score";
import { registerStart } from "./commands/start";
import { registerPublish } from "./commands/publish";
import { registerSubmit } from "./commands/submit";
import { registerVerify } from "./commands/verify";
import { UsageError, type ExitCode } from "./exit";

/** The package's version, from package.json (read once, when asked). */
export function cliVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version?: unknown;
    };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}

export async function main(argv: string[]): Promise<ExitCode> {
  let code: ExitCode = 0;
  const setCode = (c: ExitCode) => {
    code = c;
  };
  const program = new Command("cotshare")
    .description("Share chain-of-thought transcripts safely: redact, review, score legibility and publish.")
    .version(cliVersion(), "-V, --version", "print the version and exit")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  for (const register of [
    registerNormalize,
    registerProcess,
    registerScore,
    registerStart,
    registerPublish,
    registerSubmit,
    registerVerify,
    registerCompare,
  ]) {
    register(program, setCode);
  }
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; usage mistakes exit 1.
      return e.exitCode === 0 ? 0 : 1;
    }
    const msg = e instanceof Error ? e.message : String(e);
    // A usage error says which command it is about, as the commands' own messages do.
    const command = program.commands.find((c) => c.name() === argv[0]);
    const who = e instanceof UsageError && command ? `cotshare ${command.name()}` : "cotshare";
    process.stderr.write(`${who}: ${msg}\n`);
    return 1;
  }
  return code;
}
