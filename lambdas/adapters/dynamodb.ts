/**
 * MetadataStore over DynamoDB (lib-dynamodb). The same code runs against AWS and dynalite; the
 * tables, key schemas and indexes come from `core/names.ts` (`TABLE_DEFINITIONS` below is what
 * `local/` creates; the CDK stack declares the same shapes).
 *
 * Behaviour matches `MemoryMetadataStore` (checked by one contract test run against both):
 * transcripts list newest first (receivedAt desc, then id asc), sets newest first, conditional
 * status moves, opaque cursors.
 */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  type CreateTableCommandInput,
  type DynamoDBClientConfig,
} from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { AUDIT_TABLE, IDEMPOTENCY_TABLE, SETS_TABLE, TABLES, TRANSCRIPTS_TABLE } from "../core/names";
import {
  ConditionFailedError,
  InvalidCursorError,
  queueOf,
  STATUSES,
  type AuditEvent,
  type MetadataStore,
  type Page,
  type SetRecord,
  type Status,
  type TranscriptRecord,
  type Verdict,
} from "../core/records";

export type TableNames = { transcripts: string; sets: string; audit: string };

/** DynamoDB's answer to a query of an index the table does not have. */
function isMissingIndex(e: unknown): boolean {
  const err = e as Error | undefined;
  return err?.name === "ValidationException" && /index/i.test(err.message ?? "");
}

/** The queue attribute of a record as written (absent when it waits for no one). */
function queueItem(r: TranscriptRecord): Record<string, string> {
  const q = queueOf(r);
  return q === undefined ? {} : { [idx.byQueue.partitionKey]: q };
}

/** Client for AWS (no endpoint) or dynalite (endpoint given, dummy credentials). */
export function dynamoClient(opts: { endpoint?: string; region?: string } = {}): DynamoDBClient {
  const config: DynamoDBClientConfig = { region: opts.region ?? process.env.AWS_REGION ?? "us-east-1" };
  if (opts.endpoint) {
    config.endpoint = opts.endpoint;
    config.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  }
  return new DynamoDBClient(config);
}

export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
}

const S = "S" as const;
const idx = TRANSCRIPTS_TABLE.indexes;

/** CreateTable inputs for every table, from the one shared definition of names. */
export const TABLE_DEFINITIONS: CreateTableCommandInput[] = [
  {
    TableName: TABLES.transcripts,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: [{ AttributeName: TRANSCRIPTS_TABLE.partitionKey, KeyType: "HASH" }],
    AttributeDefinitions: [
      { AttributeName: TRANSCRIPTS_TABLE.partitionKey, AttributeType: S },
      { AttributeName: idx.byStatus.partitionKey, AttributeType: S },
      { AttributeName: idx.byLab.partitionKey, AttributeType: S },
      { AttributeName: idx.byModel.partitionKey, AttributeType: S },
      { AttributeName: idx.byQueue.partitionKey, AttributeType: S },
      { AttributeName: idx.byStatus.sortKey, AttributeType: S },
    ],
    GlobalSecondaryIndexes: Object.values(idx).map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: "HASH" as const },
        { AttributeName: i.sortKey, KeyType: "RANGE" as const },
      ],
      Projection: { ProjectionType: "ALL" as const },
    })),
  },
  {
    TableName: TABLES.sets,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: [{ AttributeName: SETS_TABLE.partitionKey, KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: SETS_TABLE.partitionKey, AttributeType: S }],
  },
  {
    TableName: TABLES.audit,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: [
      { AttributeName: AUDIT_TABLE.partitionKey, KeyType: "HASH" },
      { AttributeName: AUDIT_TABLE.sortKey, KeyType: "RANGE" },
    ],
    AttributeDefinitions: [
      { AttributeName: AUDIT_TABLE.partitionKey, AttributeType: S },
      { AttributeName: AUDIT_TABLE.sortKey, AttributeType: S },
    ],
  },
  {
    TableName: TABLES.idempotency,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE.partitionKey, KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: IDEMPOTENCY_TABLE.partitionKey, AttributeType: S }],
  },
];

/** Position after which the next page starts: transcripts by (receivedAt, id), sets by (createdAt, setId). */
type Cursor = { t: string; i: string };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decodeCursor(s: string | undefined): Cursor | undefined {
  if (!s) return undefined;
  let c: Cursor | undefined;
  try {
    c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Cursor;
  } catch {
    c = undefined;
  }
  // A cursor this store did not hand out is an error, not a silent first page.
  if (typeof c?.t !== "string" || typeof c?.i !== "string") throw new InvalidCursorError();
  return c;
}

/** Newest first, ties by id ascending: the order of every list. */
const newestFirst = (a: Cursor, b: Cursor) => b.t.localeCompare(a.t) || a.i.localeCompare(b.i);
const after = (x: Cursor, c: Cursor | undefined) => !c || newestFirst(c, x) < 0;

const PK = TRANSCRIPTS_TABLE.partitionKey;
const AUDIT_SEP = "#";

/** The attribute of the reviewers' queue index (sparse: only records that wait for a person). */
const QUEUE = idx.byQueue.partitionKey;

function toRecord(item: Record<string, unknown>): TranscriptRecord {
  const { [PK]: _pk, [QUEUE]: _queue, ...rest } = item;
  return rest as unknown as TranscriptRecord;
}

export class DynamoMetadataStore implements MetadataStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(
    client: DynamoDBClient | DynamoDBDocumentClient,
    private readonly tables: TableNames = TABLES,
  ) {
    this.doc = client instanceof DynamoDBDocumentClient ? client : documentClient(client);
  }

  async putTranscript(record: TranscriptRecord, opts?: { ifAbsent?: boolean }): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tables.transcripts,
          Item: { ...record, [PK]: record.id, ...queueItem(record) },
          ...(opts?.ifAbsent
            ? { ConditionExpression: "attribute_not_exists(#pk)", ExpressionAttributeNames: { "#pk": PK } }
            : {}),
        }),
      );
      return true;
    } catch (e) {
      if (
        e instanceof ConditionalCheckFailedException ||
        (e as Error)?.name === "ConditionalCheckFailedException"
      )
        return false;
      throw e;
    }
  }

  async getTranscript(id: string): Promise<TranscriptRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tables.transcripts, Key: { [PK]: id }, ConsistentRead: true }),
    );
    return out.Item ? toRecord(out.Item) : undefined;
  }

  async updateTranscript(
    id: string,
    from: Status,
    patch: Partial<TranscriptRecord>,
  ): Promise<TranscriptRecord> {
    const names: Record<string, string> = { "#status": "status" };
    const values: Record<string, unknown> = { ":from": from };
    const sets: string[] = [];
    const removes: string[] = [];
    let n = 0;
    for (const [k, v] of Object.entries(patch)) {
      if (k === "id" || k === PK) continue;
      const name = k === "status" ? "#status" : `#a${n}`;
      names[name] = k;
      if (v === undefined) removes.push(name);
      else {
        values[`:v${n}`] = v;
        sets.push(`${name} = :v${n}`);
      }
      n++;
    }
    // The queue attribute follows the status and verdict where the patch decides them; otherwise
    // (a move into `accepted` that keeps the stored verdict) it is set from the result below.
    const to = patch.status ?? from;
    if (to !== "accepted" || "verdict" in patch) {
      const q = queueOf({ status: to, verdict: patch.verdict });
      names["#queue"] = QUEUE;
      if (to === "accepted" && "verdict" in patch && q !== undefined) {
        values[":queue"] = q;
        sets.push("#queue = :queue");
      } else removes.push("#queue");
    }
    const expr = [
      sets.length ? `SET ${sets.join(", ")}` : "",
      removes.length ? `REMOVE ${removes.join(", ")}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    try {
      if (!expr) {
        const cur = await this.getTranscript(id);
        if (!cur || cur.status !== from) throw new ConditionFailedError(`transcript ${id} is not ${from}`);
        return cur;
      }
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tables.transcripts,
          Key: { [PK]: id },
          UpdateExpression: expr,
          ConditionExpression: "attribute_exists(#pk) AND #status = :from",
          ExpressionAttributeNames: { ...names, "#pk": PK },
          ExpressionAttributeValues: values,
          ReturnValues: "ALL_NEW",
        }),
      );
      const attrs = out.Attributes ?? {};
      const record = toRecord(attrs);
      const want = queueOf(record);
      if (attrs[QUEUE] !== want) await this.setQueue(id, record.status, want);
      return record;
    } catch (e) {
      if (
        e instanceof ConditionalCheckFailedException ||
        (e as Error)?.name === "ConditionalCheckFailedException"
      )
        throw new ConditionFailedError(`transcript ${id} is not ${from}`);
      throw e;
    }
  }

  /** Puts a record in the reviewers' queue `q` (or takes it out), if it is still in `status`. */
  private async setQueue(id: string, status: Status, q: Verdict | undefined): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tables.transcripts,
          Key: { [PK]: id },
          UpdateExpression: q === undefined ? "REMOVE #queue" : "SET #queue = :queue",
          ConditionExpression: "#status = :status",
          ExpressionAttributeNames: { "#queue": QUEUE, "#status": "status" },
          ExpressionAttributeValues: { ":status": status, ...(q === undefined ? {} : { ":queue": q }) },
        }),
      );
    } catch (e) {
      // Moved on meanwhile: the move that did it set the queue.
      if ((e as Error)?.name !== "ConditionalCheckFailedException") throw e;
    }
  }

  /**
   * One index partition, in list order (receivedAt desc, id asc), starting strictly after `cursor`.
   * DynamoDB orders by the sort key only, so items sharing a receivedAt are buffered and sorted by id.
   */
  private async *partition(
    index: { name: string; partitionKey: string; sortKey: string },
    value: string,
    cursor: Cursor | undefined,
    filter: { status?: Status; verdict?: Verdict; lab?: string } = {},
  ): AsyncGenerator<TranscriptRecord> {
    const names: Record<string, string> = { "#p": index.partitionKey };
    const values: Record<string, unknown> = { ":p": value };
    let cond = "#p = :p";
    if (cursor) {
      names["#s"] = index.sortKey;
      cond += " AND #s <= :c";
      values[":c"] = cursor.t;
    }
    const input: QueryCommandInput = {
      TableName: this.tables.transcripts,
      IndexName: index.name,
      KeyConditionExpression: cond,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      Limit: 100,
    };
    const conds: string[] = [];
    for (const [k, v] of Object.entries(filter)) {
      if (v === undefined) continue;
      names[`#f_${k}`] = k;
      values[`:f_${k}`] = v;
      conds.push(`#f_${k} = :f_${k}`);
    }
    if (conds.length) input.FilterExpression = conds.join(" AND ");
    let group: TranscriptRecord[] = [];
    const flush = function* () {
      group.sort((a, b) => a.id.localeCompare(b.id));
      for (const r of group) if (after({ t: r.receivedAt, i: r.id }, cursor)) yield r;
      group = [];
    };
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      for (const item of out.Items ?? []) {
        const r = toRecord(item);
        if (group.length && group[0]!.receivedAt !== r.receivedAt) yield* flush();
        group.push(r);
      }
      start = out.LastEvaluatedKey;
    } while (start);
    yield* flush();
  }

  async listTranscripts(q: {
    lab?: string;
    status?: Status;
    verdict?: Verdict;
    cursor?: string;
    limit?: number;
  }): Promise<Page<TranscriptRecord>> {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor);
    const { verdict } = q;
    // The reviewers' queue (accepted, not PASS) is read from its own sparse index; any other
    // verdict filter reads the status or lab partition and filters. A table made before the index
    // existed (a local data folder of an older version: dynalite cannot add an index to a table)
    // has no such index, and its records no queue attribute: it is read the other way.
    const fromQueue =
      q.status === "accepted" &&
      verdict !== undefined &&
      queueOf({ status: "accepted", verdict }) !== undefined;
    if (fromQueue && this.queueIndex !== false) {
      try {
        const page = await this.merged([this.partition(idx.byQueue, verdict, cursor, { lab: q.lab })], limit);
        this.queueIndex = true;
        return page;
      } catch (e) {
        if (this.queueIndex !== undefined || !isMissingIndex(e)) throw e;
        this.queueIndex = false;
      }
    }
    const streams: AsyncGenerator<TranscriptRecord>[] = q.lab
      ? [this.partition(idx.byLab, q.lab, cursor, { status: q.status, verdict })]
      : q.status
        ? [this.partition(idx.byStatus, q.status, cursor, { verdict })]
        : STATUSES.map((s) => this.partition(idx.byStatus, s, cursor, { verdict }));
    return this.merged(streams, limit);
  }

  /** Whether the table has the reviewers' queue index (undefined until a query tells). */
  private queueIndex: boolean | undefined;

  /** One page (`limit` items, newest first) of the sorted partitions merged. */
  private async merged(
    streams: AsyncGenerator<TranscriptRecord>[],
    limit: number,
  ): Promise<Page<TranscriptRecord>> {
    // k-way merge of the sorted partitions; one item more than asked tells whether a next page exists.
    const heads = await Promise.all(streams.map((s) => s.next()));
    const items: TranscriptRecord[] = [];
    let more = false;
    for (;;) {
      let best = -1;
      heads.forEach((h, i) => {
        if (h.done) return;
        const b = best < 0 ? undefined : heads[best];
        if (
          !b ||
          b.done ||
          newestFirst({ t: h.value.receivedAt, i: h.value.id }, { t: b.value.receivedAt, i: b.value.id }) < 0
        )
          best = i;
      });
      if (best < 0) break;
      const h = heads[best]!;
      if (h.done) break;
      if (items.length === limit) {
        more = true;
        break;
      }
      items.push(h.value);
      heads[best] = await streams[best]!.next();
    }
    await Promise.all(streams.map((s) => s.return(undefined)));
    const last = items.at(-1);
    return more && last ? { items, cursor: encodeCursor({ t: last.receivedAt, i: last.id }) } : { items };
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    // The sort key is `at#action`: two different events on one subject in the same millisecond do
    // not overwrite each other, and replaying the same event (same time, same action) is idempotent.
    await this.doc.send(
      new PutCommand({
        TableName: this.tables.audit,
        Item: { ...event, [AUDIT_TABLE.sortKey]: `${event.at}${AUDIT_SEP}${event.action}` },
      }),
    );
  }

  async listAudit(subject: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tables.audit,
          KeyConditionExpression: "#s = :s",
          ExpressionAttributeNames: { "#s": AUDIT_TABLE.partitionKey },
          ExpressionAttributeValues: { ":s": subject },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        const at = String(item[AUDIT_TABLE.sortKey]);
        const cut = at.indexOf(AUDIT_SEP);
        events.push({ ...(item as AuditEvent), at: cut < 0 ? at : at.slice(0, cut) });
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return events;
  }

  async putSet(set: SetRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tables.sets, Item: { ...set } }));
  }

  async getSet(setId: string): Promise<SetRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tables.sets,
        Key: { [SETS_TABLE.partitionKey]: setId },
        ConsistentRead: true,
      }),
    );
    return out.Item as SetRecord | undefined;
  }

  /** Sets are few (a small curated set per publication): a scan sorted here is enough. */
  async listSets(q: { cursor?: string; limit?: number }): Promise<Page<SetRecord>> {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor);
    const all: SetRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new ScanCommand({ TableName: this.tables.sets, ConsistentRead: true, ExclusiveStartKey: start }),
      );
      all.push(...((out.Items ?? []) as SetRecord[]));
      start = out.LastEvaluatedKey;
    } while (start);
    const key = (s: SetRecord): Cursor => ({ t: s.createdAt, i: s.setId });
    const rest = all.filter((s) => after(key(s), cursor)).sort((a, b) => newestFirst(key(a), key(b)));
    const items = rest.slice(0, limit);
    const last = items.at(-1);
    return rest.length > limit && last ? { items, cursor: encodeCursor(key(last)) } : { items };
  }
}
