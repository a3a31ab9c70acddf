/**
 * Defaults shared by every cotshare Lambda function. Pure data, no constructs.
 */
import { Architecture, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { type BundlingOptions, Charset, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";

/** nodejs22.x (20 is deprecated on Lambda); the code itself stays runnable on Node 20 locally. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;
/** Graviton: about 20 % cheaper per GB-second than x86 for the same work. */
export const FUNCTION_ARCHITECTURE = Architecture.ARM_64;
export const FUNCTION_TRACING = Tracing.ACTIVE;

/** Metrics namespace every handler publishes to (Powertools Metrics). */
export const METRICS_NAMESPACE = "cotshare";

/**
 * esbuild, locally (no Docker), so `cdk synth` works offline. ESM output keeps top-level await and
 * `import.meta` working; the banner gives bundled CommonJS dependencies a `require`.
 *
 * The AWS SDK v3 is bundled too: the functions then run exactly the SDK
 * versions pinned in package-lock.json (the ones the tests and the local runtime use), not whatever
 * the managed runtime ships that week; esbuild tree-shakes the clients to the commands used, and a
 * minified single file loads in one read, which keeps cold starts predictable.
 *
 * Except the credential providers that Lambda never loads: a function's credentials are in its
 * environment (`fromEnv`, the first provider of the default chain), so the chain's later
 * providers (SSO, ini files, processes, web identity, console login, their STS/SSO clients) are
 * only ever reached through dynamic `import()`s that do not run there. Bundled, they were ~95 KB
 * of every function (measured: ingest 1.504 → 1.409 MB); external, such an import would resolve to
 * the SDK the runtime ships. The same holds for the chain's last provider, the EC2/container
 * metadata one (`credential-provider-imds`, 7 KB). (`@smithy/core/event-streams`, 15 KB, cannot
 * go: the S3 client imports it statically.)
 */
export const NEVER_LOADED_ON_LAMBDA = [
  "@aws-sdk/credential-provider-sso",
  "@aws-sdk/credential-provider-ini",
  "@aws-sdk/credential-provider-process",
  "@aws-sdk/credential-provider-web-identity",
  "@aws-sdk/credential-provider-login",
  "@aws-sdk/token-providers",
  "@aws-sdk/nested-clients",
  "@smithy/credential-provider-imds",
];
export const BUNDLING: BundlingOptions = {
  forceDockerBundling: false,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: "node22",
  format: OutputFormat.ESM,
  mainFields: ["module", "main"],
  externalModules: NEVER_LOADED_ON_LAMBDA,
  // Non-ASCII characters (scripts' letter ranges, names with accents, CJK cue words) as UTF-8, not
  // `\uXXXX` escapes: 11 KB less of the ingest function; cold start unchanged (measured).
  charset: Charset.UTF8,
  banner:
    "import { createRequire as __cotshareCreateRequire } from 'node:module';const require = __cotshareCreateRequire(import.meta.url);",
};

/**
 * Environment every function gets. Powertools must never log an event or capture a response:
 * both hold transcript content, and no transcript content may reach CloudWatch or X-Ray.
 */
export function powertoolsEnvironment(serviceName: string): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: serviceName,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: "INFO",
    POWERTOOLS_LOGGER_LOG_EVENT: "false",
    POWERTOOLS_TRACER_CAPTURE_RESPONSE: "false",
    POWERTOOLS_TRACER_CAPTURE_ERROR: "false",
    NODE_OPTIONS: "--enable-source-maps",
  };
}
