/**
 * The pieces of the runtime other modules provide — the per-transcript pipeline, set publishing
 * and the API routers — loaded here in one place, so `local/` can start (and say what is missing)
 * while they are being built.
 */
import type { ApiHandler } from "../lambdas/api/http";
import type { Pipeline } from "../lambdas/service/ingest";

// Variable specifiers: TypeScript does not resolve these at build time.
const MODULES = {
  pipeline: "../lambdas/core/pipeline",
  publicApi: "../lambdas/api/public",
  reviewApi: "../lambdas/api/review",
};

async function load(spec: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await import(/* @vite-ignore */ spec)) as Record<string, unknown>;
  } catch (e) {
    const code = (e as { code?: string })?.code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return undefined;
    throw e;
  }
}

export async function loadPipeline(): Promise<Pipeline | undefined> {
  const m = await load(MODULES.pipeline);
  return typeof m?.processBytes === "function" ? (m.processBytes as Pipeline) : undefined;
}

export async function loadRouters(): Promise<{
  createPublicApi?: (deps: Record<string, unknown>) => ApiHandler;
  createReviewApi?: (deps: Record<string, unknown>) => ApiHandler;
}> {
  const [pub, rev] = await Promise.all([load(MODULES.publicApi), load(MODULES.reviewApi)]);
  return {
    createPublicApi: pub?.createPublicApi as ((deps: Record<string, unknown>) => ApiHandler) | undefined,
    createReviewApi: rev?.createReviewApi as ((deps: Record<string, unknown>) => ApiHandler) | undefined,
  };
}
