/**
 * The few interfaces the core's callers need. Adapters implement them over the AWS SDK (cloud and
 * local emulators alike); tests may implement them in memory.
 */
export interface BlobStore {
  get(bucket: string, key: string): Promise<Uint8Array | undefined>;
  put(bucket: string, key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  delete(bucket: string, key: string): Promise<void>;
  list(bucket: string, prefix: string): AsyncIterable<{ key: string; size: number; etag?: string }>;
  /** The object with its ETag (the version a `putIfUnchanged` compares against). */
  getTagged?(bucket: string, key: string): Promise<{ bytes: Uint8Array; etag?: string } | undefined>;
  /**
   * Writes only if the object is still the version read: its ETag is `etag`, or, with `etag` null,
   * it does not exist (S3 conditional writes, If-Match / If-None-Match). False, with nothing
   * written, when it changed meanwhile. Stores without it have one writer by construction.
   */
  putIfUnchanged?(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    contentType: string | undefined,
    etag: string | null,
  ): Promise<boolean>;
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
