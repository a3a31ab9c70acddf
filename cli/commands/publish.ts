import type { Command } from "commander";
import type { SetExitCode } from "../exit";

// Not built yet: says so plainly instead of pretending to work.
export function registerPublish(program: Command, setCode: SetExitCode): void {
  program
    .command("publish")
    .description("(not available yet in this version)")
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      process.stderr.write("cotshare publish: not available yet in this version of cotshare\n");
      setCode(1);
    });
}
