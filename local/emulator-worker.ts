/**
 * The two emulators in a worker thread of their own (`startEmulators` with `worker: true`): s3rver
 * and dynalite then use the second core while the main thread runs the ingest handler and the
 * SDK. S3 events are posted to the main thread in the order s3rver raises them.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  startDynamo,
  startS3,
  type EmulatorOptions,
  type S3EventRecords,
  type WorkerMessage,
} from "./emulators";

const port = parentPort!;
const o = workerData as EmulatorOptions;
const post = (m: WorkerMessage) => port.postMessage(m);
try {
  const [s3, dyn] = await Promise.all([startS3(o.s3Dir, o.s3Port), startDynamo(o.dynamoDir, o.dynamoPort)]);
  // JSON: s3rver's S3Event is a class instance; the main thread needs its plain fields only.
  s3.server.on("event", (ev: unknown) =>
    post({ type: "event", event: JSON.parse(JSON.stringify(ev)) as S3EventRecords }),
  );
  port.on("message", (m: { type?: string }) => {
    if (m?.type !== "stop") return;
    void Promise.allSettled([s3.stop(), dyn.stop()]).then(() => {
      post({ type: "stopped" });
      port.close();
    });
  });
  post({ type: "ready", s3Url: s3.url, dynamoUrl: dyn.url });
} catch (e) {
  post({
    type: "failed",
    error: { name: (e as Error)?.name, message: (e as Error)?.message, code: (e as { code?: string })?.code },
  });
  port.close();
}
