/**
 * The few interfaces the core's callers need. Adapters implement them over the AWS SDK (cloud and
 * local emulators alike); tests may implement them in memory.
 */
export interface BlobStore {
  get(bucket: string, key: string): Promise<Uint8Array | undefined>;
  put(bucket: string, key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  delete(bucket: string, key: string): Promise<void>;
  list(bucket: string, prefix: string): AsyncIterable<{ key: string; size: number; etag?: string }>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Drops cached copies of public paths (`/sets/<setId>/*`, `/latest.json`) at the CDN in front of
 * the public bucket: CloudFront in the cloud. Locally there is no CDN: `noCdn`.
 */
export interface CdnInvalidator {
  invalidate(paths: readonly string[]): Promise<void>;
}

export const noCdn: CdnInvalidator = { invalidate: async () => undefined };
