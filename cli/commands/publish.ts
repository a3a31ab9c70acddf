/**
 * `cotshare publish`: ask a running `cotshare start` to curate and publish a set now
 * (`POST /admin/publish` with the token from `<data>/review-token`).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { UsageError, type SetExitCode } from "../exit";

export function registerPublish(program: Command, setCode: SetExitCode): void {
  program
    .command("publish")
    .description("Ask a running `cotshare start` to curate and publish a set now.")
    .option("--http-port <n>", "the running start's HTTP port", "8080")
    .option("--data <dir>", "its data folder (for the token)", ".cotshare")
    .option("--token <token>", "the review token (default: read from <data>/review-token)")
    .action(async (o: { httpPort: string; data: string; token?: string }) => {
      const port = Number(o.httpPort);
      if (!Number.isInteger(port) || port <= 0 || port > 65535)
        throw new UsageError(`invalid port: ${o.httpPort}`);
      let token = o.token ?? process.env.COTSHARE_TOKEN;
      if (!token) {
        try {
          token = (await readFile(join(o.data, "review-token"), "utf8")).trim();
        } catch {
          throw new UsageError(
            `no token: ${join(o.data, "review-token")} not found (is start running with --data ${o.data}?)`,
          );
        }
      }
      let res: Response;
      try {
        res = await fetch(`http://127.0.0.1:${port}/admin/publish`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
        });
      } catch {
        process.stderr.write(
          `cotshare publish: nothing is listening on 127.0.0.1:${port} (is cotshare start running?)\n`,
        );
        setCode(1);
        return;
      }
      const body = await res.text();
      if (!res.ok) {
        process.stderr.write(`cotshare publish: HTTP ${res.status} ${body}\n`);
        setCode(1);
        return;
      }
      process.stdout.write(body.endsWith("\n") ? body : body + "\n");
      setCode(0);
    });
}
