/** Defaults of the public site: key layout in the public bucket and the security headers. */
import { Duration } from "aws-cdk-lib";

/** The viewer (`web/`) lives under this prefix of the public bucket; sets live under `sets/`. */
export const SITE_PREFIX = "site/";

/**
 * Served on every response. The viewer is static and same-origin: no inline script, no framing,
 * no third-party anything.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Two years, subdomains included: the HSTS preload list's minimum. */
export const HSTS_MAX_AGE = Duration.days(730);

/** `latest.json` and API answers change when a set is published; sets themselves never change. */
export const LATEST_TTL = Duration.minutes(1);
export const API_TTL = Duration.minutes(1);
