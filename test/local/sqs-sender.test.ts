/**
 * The SQS sender the ingest function hands large objects on with, through the real AWS SDK against
 * a small HTTP endpoint that speaks SQS's JSON protocol (there is no SQS emulator here): the body
 * goes unchanged to the queue URL; an error SQS returns reaches the caller (so the message fails
 * and is retried); an answer without a message id is an error too.
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqsClient, sqsSender } from "../../lambdas/adapters/sqs";

interface Seen {
  target: string | undefined;
  body: { QueueUrl?: string; MessageBody?: string };
}
const seen: Seen[] = [];
let answer: "ok" | "missing-queue" | "no-id" = "ok";
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const body = JSON.parse(raw) as Seen["body"];
      seen.push({ target: req.headers["x-amz-target"] as string | undefined, body });
      res.setHeader("content-type", "application/x-amz-json-1.0");
      if (answer === "missing-queue") {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: "com.amazonaws.sqs#QueueDoesNotExist", message: "no such queue" }));
        return;
      }
      const md5 = createHash("md5")
        .update(body.MessageBody ?? "")
        .digest("hex");
      res.end(
        JSON.stringify(
          answer === "ok" ? { MessageId: "m-1", MD5OfMessageBody: md5 } : { MD5OfMessageBody: md5 },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("sqsSender", () => {
  const queueUrl = "https://sqs.us-east-1.amazonaws.com/123456789012/large-intake";
  const body = JSON.stringify({
    Records: [{ eventName: "ObjectCreated:Put", s3: { object: { key: "incoming/a+b.json" } } }],
  });

  it("sends the body, unchanged, to the queue", async () => {
    answer = "ok";
    const client = sqsClient({ endpoint: url });
    await sqsSender(client, queueUrl)(body);
    client.destroy();
    expect(seen.at(-1)).toEqual({
      target: "AmazonSQS.SendMessage",
      body: { QueueUrl: queueUrl, MessageBody: body },
    });
  });

  it("throws what SQS answers, and when it names no message", async () => {
    const client = sqsClient({ endpoint: url });
    answer = "missing-queue";
    await expect(sqsSender(client, queueUrl)(body)).rejects.toMatchObject({ name: "QueueDoesNotExist" });
    answer = "no-id";
    await expect(sqsSender(client, queueUrl)(body)).rejects.toMatchObject({ code: "hand_on_failed" });
    client.destroy();
  });
});
