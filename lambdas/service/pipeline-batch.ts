/**
 * The small intake objects of one ingest batch through the pipeline together.
 *
 * One transcript per object is the usual intake object, and one at a time the pipeline's steps evict
 * each other's tables and code from the CPU caches: ten objects that go through each step together
 * (`processFiles`) cost about a fifth less CPU than ten one after another (docs/benchmarks.md).
 * Each object of a batch still runs its own `ingestObject` (its own idempotency, reads, writes,
 * progress and failure); only its pipeline call is shared. A batch hands each object a `Slot`; the
 * slot's pipeline waits until every other slot of the batch has either called its own pipeline or
 * finished without one (a replay, a missing object, a failure before the pipeline), then the
 * waiting objects go through `processFiles` in groups (`groupFull`) of compatible options (same lab,
 * policy and key). `maxWaitMs` bounds the wait for a slow object, which then runs alone.
 *
 * The outcomes are exactly what the single pipeline gives each object (processFiles guarantees it;
 * test/service/pipeline-batch.test.ts checks it here). An object larger than a group (BATCH_CHARS)
 * never waits. If a group's run throws, each of its objects runs alone, so one object's failure
 * stays its own.
 */
import { BATCH_CHARS, groupFull, type InputFile } from "../core/pipeline";
import type { IngestOutcome, Pipeline } from "./ingest";

type PipelineOpts = Parameters<Pipeline>[2];

/** The pipeline of several files at once (`processFiles`): each file's outcomes, in file order. */
export type PipelineFiles = (files: readonly InputFile[], opts: PipelineOpts) => IngestOutcome[][];

/** One object's share of a batch: its pipeline, and `done` once its ingest has ended either way. */
export interface Slot {
  pipeline: Pipeline;
  done(): void;
}

interface Waiting {
  file: InputFile;
  opts: PipelineOpts;
  resolve: (out: IngestOutcome[]) => void;
  reject: (e: unknown) => void;
}

/** How long a waiting object waits for the batch's slowest (its S3 read, its idempotency check). */
export const BATCH_MAX_WAIT_MS = 250;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two objects may share a `processFiles` call: same lab, policy and finding-hash key. */
function compatible(a: PipelineOpts, b: PipelineOpts): boolean {
  return (
    a.lab === b.lab &&
    (a.policy === b.policy || JSON.stringify(a.policy) === JSON.stringify(b.policy)) &&
    sameBytes(a.hmacKey, b.hmacKey)
  );
}

export class PipelineBatch {
  /** Slots neither waiting in the pipeline nor done: what a flush waits for. */
  private open = 0;
  private waiting: Waiting[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Calls of `files`, groups and objects (for logs and tests). */
  readonly stats = { groups: 0, grouped: 0, alone: 0 };

  constructor(
    private readonly files: PipelineFiles,
    private readonly single: Pipeline,
    private readonly maxWaitMs = BATCH_MAX_WAIT_MS,
  ) {}

  /** A slot for one object of the batch; take every slot before any object reaches its pipeline. */
  slot(): Slot {
    this.open++;
    let state: "open" | "called" | "done" = "open";
    const close = () => {
      if (state === "open") this.open--;
    };
    return {
      pipeline: (source, bytes, opts) => {
        if (state !== "open" || bytes.byteLength > BATCH_CHARS) {
          // A second object of the same message, or an object too big to share a group: alone.
          close();
          if (state === "open") state = "called";
          this.check();
          this.stats.alone++;
          return this.single(source, bytes, opts);
        }
        close();
        state = "called";
        return new Promise<IngestOutcome[]>((resolve, reject) => {
          this.waiting.push({ file: { source, bytes }, opts, resolve, reject });
          this.check();
        });
      },
      done: () => {
        close();
        state = "done";
        this.check();
      },
    };
  }

  private check(): void {
    if (this.waiting.length === 0) return;
    if (this.open === 0) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const all = this.waiting;
    this.waiting = [];
    // Groups of compatible options, in arrival order, each cut where it is full.
    const groups: Waiting[][] = [];
    for (const w of all) {
      const g = groups.findLast((g) => compatible(g[0]!.opts, w.opts));
      const bytes = g ? g.reduce((a, x) => a + x.file.bytes.byteLength, 0) : 0;
      if (g && !groupFull(g.length, bytes)) g.push(w);
      else groups.push([w]);
    }
    for (const g of groups) this.run(g);
  }

  private run(group: Waiting[]): void {
    if (group.length > 1) {
      let outs: IngestOutcome[][] | undefined;
      try {
        outs = this.files(
          group.map((w) => w.file),
          group[0]!.opts,
        );
      } catch {
        outs = undefined; // each runs alone below, so a failure is only its own
      }
      if (outs && outs.length === group.length) {
        this.stats.groups++;
        this.stats.grouped += group.length;
        group.forEach((w, i) => w.resolve(outs[i]!));
        return;
      }
    }
    for (const w of group) {
      this.stats.alone++;
      try {
        Promise.resolve(this.single(w.file.source, w.file.bytes, w.opts)).then(w.resolve, w.reject);
      } catch (e) {
        w.reject(e);
      }
    }
  }
}
