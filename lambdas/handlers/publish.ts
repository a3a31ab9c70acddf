/**
 * The publish Lambda: curates and publishes a set (EventBridge schedule, direct invoke, or the
 * review API's invoke `{action: "publish", actor}`), or takes a transcript down (direct invoke or
 * the review API: `{action: "withdraw", id, reason, actor}`) and then invalidates the CDN's copies
 * of what the takedown rewrote. The only function that signs and writes sets.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoMetadataStore, dynamoClient } from "../adapters/dynamodb";
import { S3BlobStore, s3Client } from "../adapters/s3";
import { kmsSignerFromEnv } from "../adapters/signer-kms";
import { cdnFromEnv, takedownPaths } from "../adapters/cloudfront";
import { CotshareError } from "../core/errors";
import { ENV } from "../core/names";
import { systemClock, type CdnInvalidator } from "../ports";
import { publishSet, withdraw, type PublishDeps } from "../service/publish";

const logger = new Logger({ serviceName: "cotshare-publish" });

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}

let cached: PublishDeps | undefined;
/** Adapters and settings from the environment (names in core/names.ts ENV), built once per container. */
export function depsFromEnv(): PublishDeps {
  if (cached) return cached;
  const size = process.env[ENV.setSize] ? Number(process.env[ENV.setSize]) : undefined;
  // Only the publish function is given a signing key (ENV.signingKeyId) and kms:Sign on it.
  const signer = kmsSignerFromEnv();
  cached = {
    metadata: new DynamoMetadataStore(dynamoClient(), {
      transcripts: required(ENV.transcriptsTable),
      sets: required(ENV.setsTable),
      audit: required(ENV.auditTable),
    }),
    blobs: new S3BlobStore(s3Client()),
    clock: systemClock,
    buckets: { staging: required(ENV.stagingBucket), public: required(ENV.publicBucket) },
    ...(size && Number.isInteger(size) ? { curation: { maxSize: size } } : {}),
    log: (message, fields) => logger.info(message, { ...fields }),
    ...(signer ? { signer } : {}),
  };
  return cached;
}

interface WithdrawEvent {
  action: "withdraw";
  id: string;
  reason: string;
  actor: string;
}

interface PublishEvent {
  action: "publish";
  actor?: string;
}

function isWithdraw(e: unknown): e is WithdrawEvent {
  const o = e as Partial<WithdrawEvent> | undefined;
  return (
    o?.action === "withdraw" &&
    typeof o.id === "string" &&
    typeof o.reason === "string" &&
    typeof o.actor === "string"
  );
}

function isPublish(e: unknown): e is PublishEvent {
  const o = e as Partial<PublishEvent> | undefined;
  return o?.action === "publish" && (o.actor === undefined || typeof o.actor === "string");
}

const MAX_ACTOR = 512;

/**
 * Takes the sets a takedown rewrote out of the CDN (their files are cached as immutable); a
 * failure is logged with `context` and thrown as `invalidation_failed`, saying what happened.
 */
async function invalidate(
  cdn: CdnInvalidator,
  revised: readonly string[],
  context: Record<string, unknown>,
  happened: string,
): Promise<void> {
  const paths = takedownPaths(revised);
  try {
    await cdn.invalidate(paths);
    logger.info("cdn invalidated", { ...context, paths });
  } catch (e) {
    logger.error("cdn invalidation failed", { ...context, paths, error: (e as Error)?.name });
    throw new CotshareError(
      "invalidation_failed",
      `${happened}, but invalidating ${paths.length} CDN paths failed`,
    );
  }
}

/** The handler over its deps: publishing deps and the CDN (tests pass in-memory ones). */
export function createPublishHandler(
  env: () => { deps: PublishDeps; cdn: CdnInvalidator },
): (event: unknown) => Promise<unknown> {
  return async (event) => {
    const { deps, cdn } = env();
    // EventBridge wraps a custom payload in `detail`.
    const payload = (event as { detail?: unknown } | undefined)?.detail ?? event;
    if (isWithdraw(payload)) {
      const out = await withdraw(deps, payload.id, payload.reason, payload.actor);
      logger.info("withdrawn", { id: out.id, setId: out.setId, revised: out.revised.length });
      // Set files are cached as immutable: what the takedown rewrote must leave the CDN now.
      if (out.setId || out.revised.length)
        await invalidate(cdn, out.revised, { id: out.id }, `transcript ${out.id} was taken down`);
      return out;
    }
    const actor =
      isPublish(payload) && payload.actor?.trim() ? payload.actor.slice(0, MAX_ACTOR) : "publisher:schedule";
    const out = await publishSet(deps, { actor });
    logger.info("publish finished", { published: out.published, setId: out.setId, count: out.count });
    // A run can take transcripts down too (the re-screen against the labs' current policies, a
    // takedown cut short): the sets it rewrote must leave the CDN like a withdrawal's.
    if (out.revised?.length)
      await invalidate(cdn, out.revised, { setId: out.setId }, "the publish run took transcripts down");
    return out;
  };
}

let cdn: CdnInvalidator | undefined;
export const handler = createPublishHandler(() => ({ deps: depsFromEnv(), cdn: (cdn ??= cdnFromEnv()) }));
