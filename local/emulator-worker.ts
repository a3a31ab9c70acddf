/**
 * The two emulators in a worker thread of their own (`startEmulators` with `worker: true`): s3rver
 * and dynalite then use the second core while the main thread runs the ingest handler and the
 * SDK. S3 events are posted to the main thread in the order s3rver raises them, and the request
 * that raised one is answered only once the main thread has acknowledged it.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  eventWanted,
  startDynamo,
  startS3,
  type EmulatorOptions,
  type S3EventRecords,
  type WorkerMessage,
} from "./emulators";

const port = parentPort!;
const o = workerData as EmulatorOptions;
const post = (m: WorkerMessage) => port.postMessage(m);
// A request is answered once the main thread has acknowledged every event raised so far (those
// of this request among them). Acknowledgments come back in order. (No AsyncLocalStorage: on
// Node 20 it would put a hook on every promise of this thread.)
let raisedCount = 0;
let acknowledged = 0;
let stopping = false;
let waiters: { upTo: number; resolve: () => void }[] = [];
const release = (all = false) => {
  const ready = waiters.filter((w) => all || w.upTo <= acknowledged);
  waiters = all ? [] : waiters.filter((w) => w.upTo > acknowledged);
  for (const w of ready) w.resolve();
};
const around = async (next: () => Promise<void>) => {
  await next();
  const upTo = raisedCount;
  if (!stopping && acknowledged < upTo) await new Promise<void>((resolve) => waiters.push({ upTo, resolve }));
};

try {
  const [s3, dyn] = await Promise.all([
    startS3(o.s3Dir, o.s3Port, { around }),
    startDynamo(o.dynamoDir, o.dynamoPort),
  ]);
  s3.server.on("event", (ev: S3EventRecords) => {
    if (!eventWanted(ev, o.events)) return;
    const id = ++raisedCount;
    // JSON: s3rver's S3Event is a class instance; the main thread needs its plain fields only.
    post({ type: "event", id, event: JSON.parse(JSON.stringify(ev)) as S3EventRecords });
  });
  port.on("message", (m: { type?: string; id?: number }) => {
    if (m?.type === "ack") {
      acknowledged = Math.max(acknowledged, m.id ?? 0);
      release();
      return;
    }
    if (m?.type !== "stop") return;
    stopping = true;
    release(true); // nobody will acknowledge them now
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
