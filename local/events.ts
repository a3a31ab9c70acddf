/**
 * The local stand-in for S3 → SQS → Lambda: S3 event records (from s3rver, or made up by the
 * start-up reconciliation) become SQS-shaped messages, delivered in batches to the same ingest
 * handler the cloud runs. Failed messages (partial batch failures) come back after a backoff; after
 * `maxAttempts` they go to a local dead letter (a JSONL line and a terminal rejected record).
 */
import { randomUUID } from "node:crypto";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { BUCKETS, PREFIX } from "../lambdas/core/names";

/** The cloud's ingest timeout (`INGEST_TIMEOUT` in lib/intake-defaults.ts; a test keeps them equal). */
export const LOCAL_INGEST_TIMEOUT_MS = 10 * 60 * 1000;

/** An S3 ObjectCreated notification as the local queue carries it (key not yet encoded). */
export interface ObjectEvent {
  bucket: string;
  key: string;
  etag?: string;
  size?: number;
  eventName?: string;
  eventTime?: string;
}

export interface DeadLetter {
  key: string;
  etag?: string;
  attempts: number;
  at: string;
}

export interface EventQueueOptions {
  handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
  /** Fills in a missing ETag (copy events carry none); undefined when the object is gone. */
  head?: (bucket: string, key: string) => Promise<{ etag?: string; size: number } | undefined>;
  onDeadLetter: (dl: DeadLetter) => Promise<void>;
  onError?: (message: string, fields: Record<string, unknown>) => void;
  /**
   * Messages per batch (default 10). The cloud's intake queue takes up to `INGEST_BATCH.messages`;
   * locally the emulators bound the rate, and batches of 64 measured no faster (72 vs 73 objects/s
   * in `npm run bench:local`) while holding more in memory.
   */
  batchSize?: number;
  /**
   * Batches delivered at once, like the cloud's concurrent invocations (SQS maxConcurrency);
   * default 4. Each batch's records run concurrently already; more batches keep the process busy
   * while some wait for the emulators.
   */
  concurrency?: number;
  /** How long to gather a batch after the first message arrives (default 25 ms). */
  batchWindowMs?: number;
  /** Deliveries before the dead letter (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubles each time, capped at 5 s (default 200 ms). */
  backoffMs?: number;
  /** The simulated Lambda timeout, for idempotency's in-progress expiry (default `LOCAL_INGEST_TIMEOUT_MS`). */
  timeoutMs?: number;
  intakeBucket?: string;
}

interface Message {
  id: string;
  event: ObjectEvent;
  attempts: number;
  firstSent: number;
}

/** S3 event keys are URL-encoded as a form value: `+` for space, `/` kept. */
export function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, "+").replace(/%2F/g, "/");
}

/** The SQS message body S3 sends for one object. */
export function s3EventBody(e: ObjectEvent): string {
  return JSON.stringify({
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: "us-east-1",
        eventTime: e.eventTime ?? new Date().toISOString(),
        eventName: e.eventName ?? "ObjectCreated:Put",
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "cotshare-intake",
          bucket: { name: e.bucket, arn: `arn:aws:s3:::${e.bucket}` },
          object: {
            key: encodeS3Key(e.key),
            ...(e.size !== undefined ? { size: e.size } : {}),
            ...(e.etag ? { eTag: e.etag } : {}),
          },
        },
      },
    ],
  });
}

function sqsRecord(m: Message): SQSRecord {
  return {
    messageId: m.id,
    receiptHandle: `local-${m.id}-${m.attempts}`,
    body: s3EventBody(m.event),
    attributes: {
      ApproximateReceiveCount: String(m.attempts),
      SentTimestamp: String(m.firstSent),
      SenderId: "s3.amazonaws.com",
      ApproximateFirstReceiveTimestamp: String(m.firstSent),
    },
    messageAttributes: {},
    md5OfBody: "",
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:us-east-1:000000000000:cotshare-intake-local",
    awsRegion: "us-east-1",
  };
}

function lambdaContext(timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const id = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: "cotshare-ingest-local",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:cotshare-ingest-local",
    memoryLimitInMB: "1024",
    awsRequestId: id,
    logGroupName: "local",
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** True for the events the cloud's bucket notification passes on: created objects under `incoming/` of the intake bucket. */
export function isIntakeEvent(e: ObjectEvent, intakeBucket: string = BUCKETS.intake): boolean {
  return (
    e.bucket === intakeBucket &&
    e.key.startsWith(PREFIX.incoming) &&
    (e.eventName ?? "ObjectCreated:").startsWith("ObjectCreated:")
  );
}

export class EventQueue {
  private readonly ready: Message[] = [];
  private readonly delayed = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private readonly o: Required<Omit<EventQueueOptions, "head" | "onError">> &
    Pick<EventQueueOptions, "head" | "onError">;
  /** Counters for tests and the status line. */
  readonly stats = { delivered: 0, failed: 0, deadLettered: 0, batches: 0 };

  constructor(opts: EventQueueOptions) {
    this.o = {
      batchSize: 10,
      concurrency: 4,
      batchWindowMs: 25,
      maxAttempts: 5,
      backoffMs: 200,
      timeoutMs: LOCAL_INGEST_TIMEOUT_MS,
      intakeBucket: BUCKETS.intake,
      ...(Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) as EventQueueOptions),
    };
  }

  /** Queues an S3 event if the cloud's notification filter would pass it on. Returns whether it did. */
  push(e: ObjectEvent): boolean {
    if (this.stopped || !isIntakeEvent(e, this.o.intakeBucket)) return false;
    // Same object version already waiting: one delivery is enough (idempotency would absorb it anyway).
    if (this.ready.some((m) => m.event.key === e.key && m.event.etag === e.etag && e.etag !== undefined))
      return true;
    this.ready.push({ id: randomUUID(), event: e, attempts: 0, firstSent: Date.now() });
    this.schedule();
    return true;
  }

  private schedule(delay = this.o.batchWindowMs) {
    if (this.timer || this.stopped || this.inFlight >= this.o.concurrency) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.deliver();
    }, delay);
  }

  private async deliver(): Promise<void> {
    if (this.stopped || this.inFlight >= this.o.concurrency) return;
    const batch = this.ready.splice(0, this.o.batchSize);
    if (batch.length === 0) return this.checkIdle();
    this.inFlight++;
    this.stats.batches++;
    // More waiting: the next batch starts now if full, else after the batch window.
    if (this.ready.length > 0) this.schedule(this.ready.length >= this.o.batchSize ? 0 : undefined);
    try {
      for (const m of batch) {
        m.attempts++;
        if (!m.event.etag && this.o.head) {
          const h = await this.o.head(m.event.bucket, m.event.key).catch(() => undefined);
          if (h) {
            m.event.etag = h.etag;
            m.event.size = h.size;
          }
        }
      }
      let failedIds: Set<string>;
      try {
        const res = await this.o.handler({ Records: batch.map(sqsRecord) }, lambdaContext(this.o.timeoutMs));
        failedIds = new Set((res?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (e) {
        // The whole invocation failed (e.g. every record failed): SQS retries the whole batch.
        this.o.onError?.("ingest invocation failed", {
          error: (e as Error)?.name ?? "Error",
          records: batch.length,
        });
        failedIds = new Set(batch.map((m) => m.id));
      }
      for (const m of batch) {
        if (!failedIds.has(m.id)) {
          this.stats.delivered++;
          continue;
        }
        this.stats.failed++;
        if (m.attempts >= this.o.maxAttempts) {
          this.stats.deadLettered++;
          await this.o
            .onDeadLetter({
              key: m.event.key,
              etag: m.event.etag,
              attempts: m.attempts,
              at: new Date().toISOString(),
            })
            .catch((e) =>
              this.o.onError?.("dead letter failed", { key: m.event.key, error: (e as Error)?.name }),
            );
          continue;
        }
        const wait = Math.min(5_000, this.o.backoffMs * 2 ** (m.attempts - 1));
        const t = setTimeout(() => {
          this.delayed.delete(t);
          if (this.stopped) return;
          this.ready.push(m);
          this.schedule(0);
        }, wait);
        this.delayed.add(t);
      }
    } finally {
      this.inFlight--;
    }
    if (this.ready.length > 0) this.schedule(0);
    else this.checkIdle();
  }

  private isIdle() {
    return this.ready.length === 0 && this.inFlight === 0 && this.delayed.size === 0 && !this.timer;
  }

  private checkIdle() {
    if (!this.isIdle()) return;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }

  /** Resolves when nothing is queued, in flight or waiting for a retry. */
  waitForIdle(): Promise<void> {
    if (this.isIdle() || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking and delivering messages; waits for the batch in flight to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const t of this.delayed) clearTimeout(t);
    this.delayed.clear();
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }
}
