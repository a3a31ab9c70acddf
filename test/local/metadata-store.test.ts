/**
 * One contract for the MetadataStore port, run against the in-memory store and the DynamoDB adapter
 * on dynalite: both must behave the same (ordering, pagination, conditional moves).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryMetadataStore } from "../../lambdas/adapters/memory";
import { CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { DynamoMetadataStore, TABLE_DEFINITIONS, dynamoClient } from "../../lambdas/adapters/dynamodb";
import { TABLES, TRANSCRIPTS_TABLE } from "../../lambdas/core/names";
import {
  ConditionFailedError,
  InvalidCursorError,
  type MetadataStore,
  type TranscriptRecord,
} from "../../lambdas/core/records";
import { startDynamo, tableActive, type RunningDynamo } from "../../local/emulators";

let dynamo: RunningDynamo;
let dir: string;
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cotshare-store-"));
  dynamo = await startDynamo(join(dir, "db"));
});
afterAll(async () => {
  await dynamo?.stop();
  await rm(dir, { recursive: true, force: true });
});

const factories: [string, () => MetadataStore][] = [
  ["memory", () => new MemoryMetadataStore()],
  [
    "dynamodb (dynalite)",
    () => {
      // A fresh table set per test would be slow; fresh ids per test keep tests apart instead.
      return new DynamoMetadataStore(dynamoClient({ endpoint: dynamo.url }));
    },
  ],
];

function rec(over: Partial<TranscriptRecord> & { id: string }): TranscriptRecord {
  return {
    lab: "lab-a",
    source: `incoming/lab-a/${over.id}.json`,
    status: "accepted",
    receivedAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    ...over,
  };
}

describe.each(factories)("MetadataStore contract: %s", (_name, make) => {
  // Each test uses its own lab name so the shared dynalite tables do not mix tests.
  const lab = () => `lab-${++n}-${Math.random().toString(36).slice(2, 8)}`;

  it("puts, gets, and refuses a second put with ifAbsent", async () => {
    const s = make();
    const l = lab();
    const r = rec({ id: `${l}-t1`, lab: l, verdict: "PASS", redactions: { email: 2 }, legibility: 88 });
    expect(await s.putTranscript(r, { ifAbsent: true })).toBe(true);
    expect(await s.putTranscript({ ...r, status: "rejected" }, { ifAbsent: true })).toBe(false);
    expect(await s.getTranscript(r.id)).toEqual(r);
    expect(await s.getTranscript(`${l}-missing`)).toBeUndefined();
    // Without ifAbsent, a put overwrites.
    expect(await s.putTranscript({ ...r, legibility: 10 })).toBe(true);
    expect((await s.getTranscript(r.id))?.legibility).toBe(10);
  });

  it("moves status only from the expected status", async () => {
    const s = make();
    const l = lab();
    const r = rec({ id: `${l}-t1`, lab: l });
    await s.putTranscript(r);
    const moved = await s.updateTranscript(r.id, "accepted", {
      status: "approved",
      updatedAt: "2025-01-02T00:00:00.000Z",
    });
    expect(moved).toEqual({ ...r, status: "approved", updatedAt: "2025-01-02T00:00:00.000Z" });
    await expect(s.updateTranscript(r.id, "accepted", { status: "denied" })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    await expect(s.updateTranscript(`${l}-none`, "accepted", { status: "denied" })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    expect((await s.getTranscript(r.id))?.status).toBe("approved");
  });

  it("lists newest first, filtered by lab and status, across pages", async () => {
    const s = make();
    const l = lab();
    const other = lab();
    const times = [
      "2025-03-01",
      "2025-03-03",
      "2025-03-02",
      "2025-03-03",
      "2025-03-05",
      "2025-03-04",
      "2025-03-03",
    ];
    const recs = times.map((t, i) =>
      rec({
        id: `${l}-${String.fromCharCode(103 - i)}`,
        lab: l,
        receivedAt: `${t}T00:00:00.000Z`,
        status: i % 3 === 0 ? "rejected" : "accepted",
      }),
    );
    for (const r of recs) await s.putTranscript(r);
    await s.putTranscript(rec({ id: `${other}-x`, lab: other, receivedAt: "2025-03-09T00:00:00.000Z" }));

    const expected = [...recs].sort(
      (a, b) => b.receivedAt.localeCompare(a.receivedAt) || a.id.localeCompare(b.id),
    );
    const seen: TranscriptRecord[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const p = await s.listTranscripts({ lab: l, limit: 3, cursor });
      expect(p.items.length).toBeLessThanOrEqual(3);
      seen.push(...p.items);
      cursor = p.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(pages).toBe(3);
    // A cursor this store did not hand out is refused, not read as the first page.
    for (const bad of ["garbage", "e30", Buffer.from('{"t":1}').toString("base64url")])
      await expect(s.listTranscripts({ lab: l, cursor: bad }), bad).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    await expect(s.listSets({ cursor: "garbage" })).rejects.toBeInstanceOf(InvalidCursorError);

    const rejected = await s.listTranscripts({ lab: l, status: "rejected" });
    expect(rejected.items.map((r) => r.id)).toEqual(
      expected.filter((r) => r.status === "rejected").map((r) => r.id),
    );
    expect(rejected.cursor).toBeUndefined();

    // By status alone: every lab, still newest first; the other lab's newer record comes first.
    const accepted = await s.listTranscripts({ status: "accepted", limit: 1000 });
    const ids = accepted.items.map((r) => r.id);
    expect(ids.indexOf(`${other}-x`)).toBeLessThan(
      ids.indexOf(expected.find((r) => r.status === "accepted")!.id),
    );
    expect(accepted.items.every((r) => r.status === "accepted")).toBe(true);

    // No filter at all: all statuses merged in one order.
    const all = await s.listTranscripts({ limit: 1000 });
    const mine = all.items.filter((r) => r.lab === l).map((r) => r.id);
    expect(mine).toEqual(expected.map((r) => r.id));
    const sorted = [...all.items].sort(
      (a, b) => b.receivedAt.localeCompare(a.receivedAt) || a.id.localeCompare(b.id),
    );
    expect(all.items.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
  });

  it("lists the reviewers' queue (accepted, by verdict) across pages; a decision takes a record out", async () => {
    const s = make();
    const l = lab();
    const at = (d: number) => `2025-04-0${d}T00:00:00.000Z`;
    await s.putTranscript(rec({ id: `${l}-pass`, lab: l, verdict: "PASS", receivedAt: at(1) }));
    await s.putTranscript(rec({ id: `${l}-nh1`, lab: l, verdict: "NEEDS_HUMAN", receivedAt: at(2) }));
    await s.putTranscript(rec({ id: `${l}-block`, lab: l, verdict: "BLOCK", receivedAt: at(3) }));
    await s.putTranscript(
      rec({ id: `${l}-approved`, lab: l, status: "approved", verdict: "NEEDS_HUMAN", receivedAt: at(4) }),
    );
    await s.putTranscript(rec({ id: `${l}-nh2`, lab: l, verdict: "NEEDS_HUMAN", receivedAt: at(5) }));
    // A PASS that a later check sends to a person (the verdict changes, the status stays).
    await s.putTranscript(rec({ id: `${l}-later`, lab: l, verdict: "PASS", receivedAt: at(6) }));
    await s.updateTranscript(`${l}-later`, "accepted", { verdict: "NEEDS_HUMAN" });
    // A move back into `accepted` that keeps the stored verdict.
    await s.putTranscript(
      rec({ id: `${l}-back`, lab: l, status: "approved", verdict: "NEEDS_HUMAN", receivedAt: at(7) }),
    );
    await s.updateTranscript(`${l}-back`, "approved", { status: "accepted" });

    const queue = async (verdict: "NEEDS_HUMAN" | "BLOCK" | "PASS") => {
      const ids: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const p = await s.listTranscripts({ lab: l, status: "accepted", verdict, limit: 2, cursor });
        ids.push(...p.items.map((r) => r.id));
        cursor = p.cursor;
      } while (cursor && ++pages < 10);
      return ids;
    };
    expect(await queue("NEEDS_HUMAN")).toEqual([`${l}-back`, `${l}-later`, `${l}-nh2`, `${l}-nh1`]);
    expect(await queue("BLOCK")).toEqual([`${l}-block`]);
    expect(await queue("PASS")).toEqual([`${l}-pass`]);
    // Without a status: every record with the verdict (the approved one too).
    const any = await s.listTranscripts({ lab: l, verdict: "NEEDS_HUMAN" });
    expect(any.items.map((r) => r.id)).toContain(`${l}-approved`);
    // Every lab's queue; records carry no index attribute of the store.
    const all = await s.listTranscripts({ status: "accepted", verdict: "NEEDS_HUMAN", limit: 1000 });
    expect(all.items.map((r) => r.id)).toEqual(expect.arrayContaining([`${l}-nh1`, `${l}-nh2`]));
    expect(all.items.every((r) => r.status === "accepted" && r.verdict === "NEEDS_HUMAN")).toBe(true);
    expect(Object.keys((await s.getTranscript(`${l}-nh1`))!)).not.toContain("queue");

    // Decided: out of the queue.
    await s.updateTranscript(`${l}-nh2`, "accepted", { status: "approved" });
    await s.updateTranscript(`${l}-back`, "accepted", { status: "denied" });
    expect(await queue("NEEDS_HUMAN")).toEqual([`${l}-later`, `${l}-nh1`]);
  });

  it("keeps audit events per subject in time order", async () => {
    const s = make();
    const subject = `${lab()}-t`;
    await s.appendAudit({
      subject,
      at: "2025-01-01T00:00:02.000Z",
      actor: "reviewer:ann",
      action: "approve",
      from: "accepted",
      to: "approved",
    });
    await s.appendAudit({
      subject,
      at: "2025-01-01T00:00:01.000Z",
      actor: "pipeline",
      action: "ingest",
      from: "received",
      to: "accepted",
    });
    await s.appendAudit({
      subject: `${subject}-other`,
      at: "2025-01-01T00:00:01.000Z",
      actor: "pipeline",
      action: "ingest",
    });
    const events = await s.listAudit(subject);
    expect(events).toEqual([
      {
        subject,
        at: "2025-01-01T00:00:01.000Z",
        actor: "pipeline",
        action: "ingest",
        from: "received",
        to: "accepted",
      },
      {
        subject,
        at: "2025-01-01T00:00:02.000Z",
        actor: "reviewer:ann",
        action: "approve",
        from: "accepted",
        to: "approved",
      },
    ]);
    expect(await s.listAudit(`${subject}-none`)).toEqual([]);
  });

  it("lists sets newest first with pagination", async () => {
    const s = make();
    const l = lab();
    const before = (await s.listSets({ limit: 1000 })).items.length;
    const created = ["2031-01-02", "2031-01-04", "2031-01-03"].map((d, i) => ({
      setId: `${l}-set${i}`,
      createdAt: `${d}T00:00:00.000Z`,
      count: i + 1,
      manifestKey: `sets/${l}-set${i}/manifest.json`,
      transcriptIds: [`t${i}`],
      withdrawn: [],
    }));
    for (const set of created) await s.putSet(set);
    expect(await s.getSet(`${l}-set2`)).toEqual(created[2]);
    expect(await s.getSet(`${l}-nope`)).toBeUndefined();
    const p1 = await s.listSets({ limit: 2 });
    expect(p1.items.map((x) => x.setId)).toEqual([`${l}-set1`, `${l}-set2`]);
    expect(p1.cursor).toBeDefined();
    const p2 = await s.listSets({ limit: 1000, cursor: p1.cursor });
    expect(p2.items[0]?.setId).toBe(`${l}-set0`);
    expect(p1.items.length + p2.items.length).toBe(before + 3);
    expect(p2.cursor).toBeUndefined();
  });
});

describe("a transcripts table made before the reviewers' queue index (an older local data folder)", () => {
  it("still lists the queue, by filtering the status partition", async () => {
    const client = dynamoClient({ endpoint: dynamo.url });
    const def = TABLE_DEFINITIONS.find((d) => d.TableName === TABLES.transcripts)!;
    const old = `${TABLES.transcripts}-before-queue`;
    await client.send(
      new CreateTableCommand({
        ...def,
        TableName: old,
        AttributeDefinitions: def.AttributeDefinitions!.filter(
          (a) => a.AttributeName !== TRANSCRIPTS_TABLE.indexes.byQueue.partitionKey,
        ),
        GlobalSecondaryIndexes: def.GlobalSecondaryIndexes!.filter(
          (i) => i.IndexName !== TRANSCRIPTS_TABLE.indexes.byQueue.name,
        ),
      }),
    );
    await tableActive(client, old);
    const s = new DynamoMetadataStore(client, { transcripts: old, sets: TABLES.sets, audit: TABLES.audit });
    await s.putTranscript(rec({ id: "q-pass", verdict: "PASS" }));
    await s.putTranscript(rec({ id: "q-nh", verdict: "NEEDS_HUMAN" }));
    for (let i = 0; i < 2; i++) {
      const p = await s.listTranscripts({ status: "accepted", verdict: "NEEDS_HUMAN" });
      expect(p.items.map((r) => r.id)).toEqual(["q-nh"]);
    }
    client.destroy();
  });
});
