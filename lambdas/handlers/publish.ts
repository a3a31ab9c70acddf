/**
 * The publish Lambda: curates and publishes a set (EventBridge schedule or direct invoke), or takes
 * a transcript down (direct invoke `{action: "withdraw", id, reason, actor}`).
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoMetadataStore, dynamoClient } from "../adapters/dynamodb";
import { S3BlobStore, s3Client } from "../adapters/s3";
import { kmsSignerFromEnv } from "../adapters/signer-kms";
import { ENV } from "../core/names";
import { systemClock } from "../ports";
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

function isWithdraw(e: unknown): e is WithdrawEvent {
  const o = e as Partial<WithdrawEvent> | undefined;
  return (
    o?.action === "withdraw" &&
    typeof o.id === "string" &&
    typeof o.reason === "string" &&
    typeof o.actor === "string"
  );
}

export const handler = async (event: unknown): Promise<unknown> => {
  const deps = depsFromEnv();
  // EventBridge wraps a custom payload in `detail`.
  const payload = (event as { detail?: unknown } | undefined)?.detail ?? event;
  if (isWithdraw(payload)) {
    const out = await withdraw(deps, payload.id, payload.reason, payload.actor);
    logger.info("withdrawn", { id: out.id, setId: out.setId, revised: out.revised.length });
    return out;
  }
  const out = await publishSet(deps, { actor: "publisher:schedule" });
  logger.info("publish finished", { published: out.published, setId: out.setId, count: out.count });
  return out;
};
