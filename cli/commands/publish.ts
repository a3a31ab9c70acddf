/**
 * `cotshare publish`: ask a running `cotshare start` to curate and publish a set now
 * (`POST /admin/publish` with the token from `<data>/review-token`).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { UsageError, notListening, type SetExitCode } from "../exit";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The publish answer (`PublishResult`, see lambdas/service/publish.ts) for a person. Fields it does
 * not know are left to `--json`; an answer of another shape is printed as it came.
 */
export function publishSummary(body: string, httpPort: number): string {
  let r: unknown;
  try {
    r = JSON.parse(body);
  } catch {
    return body.endsWith("\n") ? body : body + "\n";
  }
  if (!r || typeof r !== "object" || typeof (r as { published?: unknown }).published !== "boolean")
    return body.endsWith("\n") ? body : body + "\n";
  const o = r as {
    published: boolean;
    setId?: string;
    previous?: string | null;
    count?: number;
    candidates?: number;
    excluded?: Record<string, number>;
    revised?: string[];
    finished?: string;
  };
  const lines: string[] = [];
  const candidates = typeof o.candidates === "number" ? plural(o.candidates, "candidate") : "";
  if (o.published && o.setId) {
    lines.push(
      `Published set ${o.setId}: ${plural(o.count ?? 0, "transcript")}${candidates ? ` (of ${candidates})` : ""}.`,
    );
    lines.push(`  previous set  ${o.previous ?? "none (the first set)"}`);
    lines.push(`  view it       http://127.0.0.1:${httpPort}/   (API: /api/sets/${o.setId})`);
  } else {
    lines.push(
      `Nothing new to publish${candidates ? ` (${candidates})` : ""}: ${
        (o.count ?? 0) === 0 ? "no transcript is ready" : "the selection equals the newest set"
      }${o.previous ? ` (newest set ${o.previous})` : ""}.`,
    );
  }
  // An earlier run cut short after recording its set: this run finished it first.
  if (typeof o.finished === "string")
    lines.push(`  finished      set ${o.finished}, which an earlier run left unfinished`);
  // Takedowns done in this run (a re-screen hit, a superseded record, an unfinished takedown):
  // the sets rewritten in place, so that "nothing new" does not hide them.
  const revised = Array.isArray(o.revised) ? o.revised.filter((x) => typeof x === "string") : [];
  if (revised.length > 0)
    lines.push(`  taken down in ${plural(revised.length, "set")} rewritten in place: ${revised.join(", ")}`);
  const excluded = Object.entries(o.excluded ?? {}).filter(([, n]) => typeof n === "number" && n > 0);
  if (excluded.length > 0)
    lines.push(
      `  left out      ${excluded
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([k, n]) => `${k} ${n}`)
        .join(", ")}`,
    );
  return lines.join("\n") + "\n";
}

export function registerPublish(program: Command, setCode: SetExitCode): void {
  program
    .command("publish")
    .description("Ask a running `cotshare start` to curate and publish a set now.")
    .option("--http-port <n>", "the running start's HTTP port", "8080")
    .option("--data <dir>", "its data folder (for the token)", ".cotshare")
    .option("--token <token>", "the review token (default: read from <data>/review-token)")
    .option("--json", "print the answer as JSON (published, setId, previous, count, candidates, excluded)")
    .action(async (o: { httpPort: string; data: string; token?: string; json?: boolean }) => {
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
          `cotshare publish: ${notListening(`127.0.0.1:${port}`, "pass its HTTP port with --http-port")}\n`,
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
      process.stdout.write(o.json ? (body.endsWith("\n") ? body : body + "\n") : publishSummary(body, port));
      setCode(0);
    });
}
