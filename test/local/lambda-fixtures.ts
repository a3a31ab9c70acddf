/** What a Lambda handler test hands the handler: its context, and SQS records around a body. */
import { Logger } from "@aws-lambda-powertools/logger";
import type { Context, SQSRecord } from "aws-lambda";

/** A Lambda context with 30 s left, named as the test says. */
export function lambdaContext(functionName: string): Context {
  return {
    functionName,
    awsRequestId: "r1",
    getRemainingTimeInMillis: () => 30_000,
  } as unknown as Context;
}

/** An SQS record carrying `body`, with the message id `id` (also its receipt handle). */
export function sqsRecord(id: string, body: string, attributes: Record<string, string> = {}): SQSRecord {
  return {
    messageId: id,
    body,
    receiptHandle: id,
    attributes,
    messageAttributes: {},
  } as unknown as SQSRecord;
}

/** A Powertools logger whose lines land in `lines` (debug lines dropped), for tests that read them. */
export function capturedLogger(serviceName: string): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = new Logger({ serviceName });
  (logger as unknown as { console: Partial<Console> }).console = {
    info: (l: string) => lines.push(l),
    error: (l: string) => lines.push(l),
    warn: (l: string) => lines.push(l),
    debug: () => undefined,
    log: (l: string) => lines.push(l),
  };
  return { logger, lines };
}
