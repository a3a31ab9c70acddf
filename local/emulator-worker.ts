/**
 * The two emulators in a worker thread of their own (`startEmulators` with `worker: true`): s3rver
 * and dynalite then use the second core while the main thread runs the ingest handler and the
 * SDK. S3 events are posted to the main thread in the order s3rver raises them, and the request
 * that raised one is answered only once the main thread has acknowledged it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
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
// The events a request raised: its answer waits until the main thread has had each of them.
const raised = new AsyncLocalStorage<Promise<void>[]>();
const acks = new Map<number, () => void>();
let nextId = 0;
const around = async (next: () => Promise<void>) => {
  const waits: Promise<void>[] = [];
  await raised.run(waits, next);
  if (waits.length > 0) await Promise.all(waits);
};

try {
  const [s3, dyn] = await Promise.all([
    startS3(o.s3Dir, o.s3Port, { around }),
    startDynamo(o.dynamoDir, o.dynamoPort),
  ]);
  s3.server.on("event", (ev: unknown) => {
    const id = ++nextId;
    raised.getStore()?.push(new Promise<void>((resolve) => acks.set(id, resolve)));
    // JSON: s3rver's S3Event is a class instance; the main thread needs its plain fields only.
    post({ type: "event", id, event: JSON.parse(JSON.stringify(ev)) as S3EventRecords });
  });
  port.on("message", (m: { type?: string; id?: number }) => {
    if (m?.type === "ack") {
      acks.get(m.id!)?.();
      acks.delete(m.id!);
      return;
    }
    if (m?.type !== "stop") return;
    for (const resolve of acks.values()) resolve(); // nobody will acknowledge them now
    acks.clear();
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
