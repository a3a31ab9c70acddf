/**
 * Defaults shared by every cotshare Lambda function. Pure data, no constructs.
 */
import { Architecture, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { type BundlingOptions, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";

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
 * `externalModules: []` bundles the AWS SDK v3 too: the functions then run exactly the SDK
 * versions pinned in package-lock.json (the ones the tests and the local runtime use), not whatever
 * the managed runtime ships that week; esbuild tree-shakes the clients to the commands used, and a
 * minified single file loads in one read, which keeps cold starts predictable.
 */
export const BUNDLING: BundlingOptions = {
  forceDockerBundling: false,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: "node22",
  format: OutputFormat.ESM,
  mainFields: ["module", "main"],
  externalModules: [],
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
