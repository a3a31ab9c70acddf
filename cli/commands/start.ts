import type { Command } from "commander";
import type { SetExitCode } from "../exit";

// Not built yet: says so plainly instead of pretending to work.
export function registerStart(program: Command, setCode: SetExitCode): void {
  program
    .command("start")
    .description("(not available yet in this version)")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      process.stderr.write("cotshare start: not available yet in this version of cotshare\n");
      setCode(1);
    });
}
