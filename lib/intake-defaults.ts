/** Defaults of the intake path. */
import { Duration } from "aws-cdk-lib";

/** The ingest function's timeout; the queue's visibility timeout is derived from it. */
export const INGEST_TIMEOUT = Duration.seconds(60);
/** AWS guidance: visibility timeout ≥ 6 × function timeout, so retries never overlap a live run. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
/** A message that fails this many times moves to the DLQ (and raises an alarm). */
export const MAX_RECEIVE_COUNT = 5;
export const DLQ_RETENTION = Duration.days(14);
/** Incomplete multipart uploads are aborted after this many days. */
export const ABORT_MULTIPART_AFTER_DAYS = 1;
/** How long a lab's assumed-role session may last. */
export const LAB_SESSION_DURATION = Duration.hours(1);
