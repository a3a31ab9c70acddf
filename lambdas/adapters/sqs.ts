/**
 * Sends SQS messages (AWS SDK v3): the ingest function hands a message naming a large intake object
 * on to the large intake queue (lambdas/handlers/ingest.ts). Only `SendMessage` is bundled.
 */
import { CotshareError } from "../core/errors";
import { SendMessageCommand, SQSClient, type SQSClientConfig } from "@aws-sdk/client-sqs";

/** Client for AWS (no endpoint) or an endpoint of one's own (dummy credentials allowed there). */
export function sqsClient(opts: { endpoint?: string; region?: string } = {}): SQSClient {
  const config: SQSClientConfig = { region: opts.region ?? process.env.AWS_REGION ?? "us-east-1" };
  if (opts.endpoint) {
    config.endpoint = opts.endpoint;
    config.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  }
  return new SQSClient(config);
}

/** A function that sends a body, unchanged, to one queue; it throws if SQS does not take it. */
export function sqsSender(client: SQSClient, queueUrl: string): (body: string) => Promise<void> {
  return async (body) => {
    const out = await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    if (!out.MessageId) throw new CotshareError("hand_on_failed", "SQS SendMessage returned no message id");
  };
}
