/**
 * The cloud CDN port: CloudFront `CreateInvalidation` on the public site's distribution, named by
 * `ENV.distributionId` (set by the stack on the publish function only). Without it — locally, or
 * a stack without a distribution — invalidation is a no-op (`noCdn`).
 */
import { randomUUID } from "node:crypto";
import { CloudFrontClient, CreateInvalidationCommand } from "@aws-sdk/client-cloudfront";
import { ENV, LATEST_KEY, PUBLICATION_LOG_KEY, PREFIX } from "../core/names";
import { noCdn, type CdnInvalidator } from "../ports";

/** The part of the CloudFront client this adapter uses (a real `CloudFrontClient`, or a mock). */
export interface CloudFrontLike {
  send(command: CreateInvalidationCommand): Promise<unknown>;
}

/** CloudFront accepts at most this many paths per invalidation batch (wildcards included). */
const MAX_PATHS = 3000;

export class CloudFrontInvalidator implements CdnInvalidator {
  constructor(
    private readonly cloudfront: CloudFrontLike,
    private readonly distributionId: string,
    private readonly reference: () => string = randomUUID,
  ) {}

  async invalidate(paths: readonly string[]): Promise<void> {
    const unique = [...new Set(paths)];
    for (let i = 0; i < unique.length; i += MAX_PATHS) {
      const items = unique.slice(i, i + MAX_PATHS);
      await this.cloudfront.send(
        new CreateInvalidationCommand({
          DistributionId: this.distributionId,
          InvalidationBatch: {
            CallerReference: this.reference(),
            Paths: { Quantity: items.length, Items: items },
          },
        }),
      );
    }
  }
}

/** The invalidator the stack configures (`ENV.distributionId`); `noCdn` when it is not set. */
export function cdnFromEnv(
  env: Record<string, string | undefined> = process.env,
  cloudfront: () => CloudFrontLike = () => new CloudFrontClient({}),
): CdnInvalidator {
  const id = env[ENV.distributionId];
  return id ? new CloudFrontInvalidator(cloudfront(), id) : noCdn;
}

/**
 * What a takedown makes stale at the CDN: every rewritten set's folder (its files are cached as
 * immutable), `latest.json` and `log.jsonl` (they moved), and the public API (its transcript
 * look-ups and search snippets may still hold the withdrawn transcript for a few minutes).
 */
export function takedownPaths(revised: readonly string[]): string[] {
  return [
    ...revised.map((setId) => `/${PREFIX.sets}${setId}/*`),
    `/${LATEST_KEY}`,
    `/${PUBLICATION_LOG_KEY}`,
    "/api/*",
  ];
}
