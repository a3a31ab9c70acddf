import type { Command } from "commander";
import type { SetExitCode } from "../exit";

// Not built yet: says so plainly instead of pretending to work.
export function registerScore(program: Command, setCode: SetExitCode): void {
  program
    .command("score")
    .description("(not available yet in this version)")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      process.stderr.write("cotshare score: not available yet in this version of cotshare\n");
      setCode(1);
    });
}
