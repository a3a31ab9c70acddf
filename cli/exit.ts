/** 0: every input accepted; 2: some inputs rejected (the rest still processed); 1: usage or internal error. */
export type ExitCode = 0 | 1 | 2;
export type SetExitCode = (code: ExitCode) => void;

/** A usage error the CLI reports in one line and exits 1 for. */
export class UsageError extends Error {}

/** What `publish` and `submit` say when nothing answers where a running `cotshare start` should be. */
export function notListening(where: string, flagHint: string): string {
  return `nothing is listening on ${where}: is cotshare start running? If it is, ${flagHint}.`;
}
