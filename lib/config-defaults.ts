/**
 * Defaults of the deployment configuration. Pure data: every value a deployer may leave out of
 * `cotshare.config.json` is decided here, with the reason next to it.
 */
export const CONFIG_DEFAULTS = {
  /** Raw intake objects (and their old versions) are deleted after this many days. */
  retentionDays: 7,
  /** Publish a new set every Monday at 06:00 UTC (EventBridge cron, six fields). */
  schedule: "cron(0 6 ? * MON *)",
  /** A published set is small on purpose: a few hundred transcripts at most. */
  setSize: 100,
  /** CloudWatch Logs retention for every function's log group. */
  logRetentionDays: 30,
  /** Access logs (S3 server access logs, CloudFront) are kept this long. */
  accessLogRetentionDays: 90,
  /** Upper bound of concurrent ingest invocations driven by the queue (SQS maxConcurrency). */
  ingestMaxConcurrency: 5,
  /**
   * One publication or takedown at a time: the publish function gets a reserved concurrency of 1.
   * S3 has no append, so two runs at once (the schedule and a reviewer's takedown, say) would each
   * rewrite `log.jsonl` and `latest.json` from what they read, and one's entry would be lost.
   */
  serializePublishing: true,
} as const;

/** Config file read by `bin/app.ts` when no `cotshare` context is given. */
export const CONFIG_FILE = "cotshare.config.json";
/** Context key holding the config (an object, or a JSON string with `-c cotshare=...`). */
export const CONFIG_CONTEXT_KEY = "cotshare";
/** Context key naming another config file (`-c cotshareConfig=path`). */
export const CONFIG_FILE_CONTEXT_KEY = "cotshareConfig";
