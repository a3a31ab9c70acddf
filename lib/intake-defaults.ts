/** Defaults of the intake path. */
import { Duration } from "aws-cdk-lib";

/**
 * The ingest function's timeout; both ingest queues' visibility timeout is derived from it. Sized
 * for the largest object formats.md allows (50 MiB, 10,000 transcripts) in an invocation of its
 * own: a large object (> 256 KiB) is handed on to the large intake queue, read one message per
 * invocation (`LARGE_INGEST_BATCH_SIZE`), and a batch of the intake queue holds at most 4 MiB of
 * objects of ≤ 256 KiB (`INGEST_BATCH` in lambdas/core/names.ts), or one object of any size.
 * Measured locally (docs/deploy.md),
 * the pipeline takes about 3 s and the writes (12 transcripts at a time) about 10 s per 1,000
 * transcripts of 2 KB, so the largest object needs a few minutes on a 1 GB function; 10 minutes
 * leaves room for slower S3/DynamoDB calls and retries inside the SDK. (It was 60 s: a 6,000-line
 * object outlasted it and ended in the DLQ.)
 */
export const INGEST_TIMEOUT = Duration.minutes(10);
/** AWS guidance: visibility timeout ≥ 6 × function timeout, so retries never overlap a live run. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
/** A message that fails this many times moves to the DLQ (and raises an alarm). */
export const MAX_RECEIVE_COUNT = 5;
export const DLQ_RETENTION = Duration.days(14);
/** Incomplete multipart uploads are aborted after this many days. */
export const ABORT_MULTIPART_AFTER_DAYS = 1;
/** How long a lab's assumed-role session may last. */
export const LAB_SESSION_DURATION = Duration.hours(1);
