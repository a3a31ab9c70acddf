/**
 * Publishing and takedown, through ports only (MetadataStore, BlobStore, Clock): the same code runs
 * in the publish Lambda, behind the admin/review API and in the local runtime.
 *
 * publishSet: candidates (accepted + PASS, approved, published) → curation → set files written to
 *   the public bucket (manifest last, then latest.json) → SetRecord → members move to `published`.
 * withdraw: the transcript moves to `withdrawn`; if it was ever published, the newest set is
 *   replaced by a version without it and every older set holding it is revised (its file deleted,
 *   bundles rewritten, manifest marks it withdrawn). Re-running withdraw finishes an interrupted
 *   takedown.
 */
import {
  curationConfig,
  ineligible,
  selectTranscripts,
  type Candidate,
  type CurationConfigInput,
  type ExclusionReason,
} from "../core/curate";
import { CotshareError } from "../core/errors";
import { LifecycleError, applyTransition } from "../core/lifecycle";
import { LATEST_KEY, PREFIX, PUBLICATION_LOG_KEY, labPolicyKey, stagingTranscriptKey } from "../core/names";
import {
  DEFAULT_LICENSE,
  JSONL_FILE,
  MANIFEST_FILE,
  Manifest,
  SET_ID,
  PublishedDoc,
  buildSet,
  latestPointer,
  reasoningText,
  reviseSet,
  setKey,
  transcriptPath,
  type BuiltSet,
  type LatestPointer,
} from "../core/publish";
import {
  ConditionFailedError,
  type MetadataStore,
  type SetRecord,
  type Status,
  type TranscriptRecord,
} from "../core/records";
import { systemClock, type BlobStore, type Clock } from "../ports";
import { reasonCategory, type Signer, type WithdrawCategory, type Withdrawal } from "../core/provenance";
import { recordProvenance } from "./provenance";

export interface PublishDeps {
  metadata: MetadataStore;
  blobs: BlobStore;
  clock?: Clock;
  buckets: { staging: string; public: string };
  /** Curation settings (defaults in core/curate/config.ts). */
  curation?: CurationConfigInput;
  /** SPDX licence of published sets. Default CC-BY-4.0. */
  license?: string;
  /** Scorer version recorded in manifests. Default: the transcripts' `legibility.scorer` values. */
  scorer?: string;
  /** Structured log lines: ids, counts and codes only, never transcript content. */
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /**
   * Signs every manifest written (`manifest.sig`), publishes its key (`keys/<keyId>.pem`) and
   * appends each publication and revision to `log.jsonl` (see service/provenance.ts). Unset: no
   * provenance is written.
   */
  signer?: Signer;
}

export interface PublishResult {
  /** False when the selection equals the newest set (nothing new) or is empty. */
  published: boolean;
  setId?: string;
  previous: string | null;
  count: number;
  candidates: number;
  excluded: Partial<Record<ExclusionReason | "unreadable", number>>;
}

export interface WithdrawResult {
  id: string;
  status: "withdrawn";
  /** The new version without the transcript, when the newest set held it. */
  setId?: string;
  /** Older sets rewritten to mark it withdrawn. */
  revised: string[];
}

export class NotFoundError extends CotshareError {
  constructor(what: string) {
    super("not_found", `${what} not found`);
  }
}
/** What reading the public bucket needs. */
export interface PublicReader {
  blobs: BlobStore;
  buckets: { public: string };
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const JSON_TYPE = "application/json; charset=utf-8";

/**
 * The one place this module changes a transcript's status, through the lifecycle (conditional
 * update + audit event). `from` is checked so a record moved meanwhile is never dragged along.
 */
export async function moveStatus(
  store: MetadataStore,
  id: string,
  from: Status,
  to: Status,
  ctx: { actor: string; reason?: string; at: string },
  patch: Partial<TranscriptRecord> = {},
): Promise<TranscriptRecord> {
  const current = await store.getTranscript(id);
  if (!current) throw new LifecycleError("not_found", `transcript ${id} does not exist`);
  if (current.status !== from) throw new LifecycleError("conflict", `transcript ${id} is no longer ${from}`);
  const { id: _id, status: _s, updatedAt: _u, ...rest } = patch;
  return (await applyTransition(store, id, to, { ...ctx, patch: rest })).record;
}

async function allTranscripts(store: MetadataStore, status: Status): Promise<TranscriptRecord[]> {
  const out: TranscriptRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listTranscripts({ status, cursor, limit: 100 });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

async function allSets(store: MetadataStore): Promise<SetRecord[]> {
  const out: SetRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listSets({ cursor, limit: 100 });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

async function readJson(blobs: BlobStore, bucket: string, key: string): Promise<unknown> {
  const body = await blobs.get(bucket, key);
  if (!body) return undefined;
  try {
    return JSON.parse(dec.decode(body));
  } catch {
    return undefined;
  }
}

/** The newest set's manifest, per `latest.json` in the public bucket. */
export async function latestManifest(deps: PublicReader): Promise<Manifest | undefined> {
  const latest = (await readJson(deps.blobs, deps.buckets.public, LATEST_KEY)) as LatestPointer | undefined;
  if (!latest?.setId) return undefined;
  return readManifest(deps, latest.setId);
}

export async function readManifest(deps: PublicReader, setId: string): Promise<Manifest | undefined> {
  const parsed = Manifest.safeParse(
    await readJson(deps.blobs, deps.buckets.public, setKey(setId, MANIFEST_FILE)),
  );
  return parsed.success ? parsed.data : undefined;
}

/** The transcripts of a published set, read back from its `data.jsonl`. */
export async function readSetDocs(deps: PublicReader, setId: string): Promise<PublishedDoc[]> {
  const body = await deps.blobs.get(deps.buckets.public, setKey(setId, JSONL_FILE));
  if (!body) return [];
  return dec
    .decode(body)
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => PublishedDoc.parse(JSON.parse(l)));
}

/** A lab's auto-publish consent from its policy (`autoPublish: true`); undefined when unset. */
async function labAutoPublish(deps: PublishDeps, lab: string): Promise<boolean | undefined> {
  const policy = await readJson(deps.blobs, deps.buckets.staging, labPolicyKey(lab));
  const v = (policy as { autoPublish?: unknown } | undefined)?.autoPublish;
  return typeof v === "boolean" ? v : undefined;
}

/**
 * Writes a new set version. Order: the set's files (manifest last), then its SetRecord, then the
 * signature and the log entry, then `latest.json`. A set is recorded before anything makes it
 * discoverable (the public log, `latest.json`), so a run that dies at any step leaves no public
 * set that the records do not know; and takedowns look beyond the records anyway (`setsToCheck`).
 */
async function writeSet(deps: PublishDeps, set: BuiltSet, withdrawn: Withdrawal[] = []): Promise<void> {
  for (const f of set.files)
    await deps.blobs.put(deps.buckets.public, setKey(set.setId, f.path), f.body, f.contentType);
  await deps.metadata.putSet({
    setId: set.setId,
    createdAt: set.manifest.createdAt,
    count: set.manifest.counts.transcripts,
    ...(set.manifest.previous ? { previous: set.manifest.previous } : {}),
    manifestKey: setKey(set.setId, MANIFEST_FILE),
    transcriptIds: set.manifest.transcripts.map((t) => t.id),
    withdrawn: set.manifest.withdrawn,
  });
  if (deps.signer)
    await recordProvenance(
      { blobs: deps.blobs, buckets: deps.buckets, signer: deps.signer },
      {
        type: "publish",
        setId: set.setId,
        manifestBytes: set.files.find((f) => f.path === MANIFEST_FILE)!.body,
        createdAt: set.manifest.createdAt,
        previous: set.manifest.previous,
        withdrawn,
        at: set.manifest.createdAt,
      },
    );
  await deps.blobs.put(
    deps.buckets.public,
    LATEST_KEY,
    enc.encode(JSON.stringify(latestPointer(set.manifest), null, 2) + "\n"),
    JSON_TYPE,
  );
}

function scorerOf(deps: PublishDeps, docs: PublishedDoc[]): string {
  if (deps.scorer) return deps.scorer;
  const names = [...new Set(docs.map((d) => d.legibility.scorer ?? "unknown"))].sort();
  return names.join(", ") || "unknown";
}

/** Curates and publishes a new set version, unless nothing changed. */
export async function publishSet(deps: PublishDeps, opts: { actor?: string } = {}): Promise<PublishResult> {
  const actor = opts.actor ?? "publisher";
  const at = (deps.clock ?? systemClock).now().toISOString();
  const config = curationConfig(deps.curation);
  const log = deps.log ?? (() => {});
  const latest = await latestManifest(deps);
  const incumbents = new Set(latest?.transcripts.map((t) => t.id) ?? []);

  const records = [
    ...(await allTranscripts(deps.metadata, "accepted")),
    ...(await allTranscripts(deps.metadata, "approved")),
    ...(await allTranscripts(deps.metadata, "published")),
  ];
  const policies = new Map<string, boolean | undefined>();
  for (const lab of new Set(records.map((r) => r.lab))) policies.set(lab, await labAutoPublish(deps, lab));

  const excluded: PublishResult["excluded"] = {};
  const candidates: Candidate[] = [];
  const docs = new Map<string, PublishedDoc>();
  const byId = new Map(records.map((r) => [r.id, r]));
  for (const r of records) {
    const base: Candidate = {
      id: r.id,
      lab: r.lab,
      model: r.modelId ?? "",
      legibility: r.legibility ?? Number.NaN,
      status: r.status,
      verdict: r.verdict,
      publishable: r.publishable,
      labAutoPublish: policies.get(r.lab),
      reasoning: "",
      incumbent: incumbents.has(r.id),
    };
    // Read the published form only for transcripts that could be chosen.
    if (!ineligible({ ...base, legibility: 0 }, config)) {
      const parsed = PublishedDoc.safeParse(
        await readJson(deps.blobs, deps.buckets.staging, r.stagingKey ?? stagingTranscriptKey(r.id)),
      );
      if (!parsed.success || parsed.data.id !== r.id || parsed.data.lab !== r.lab) {
        excluded.unreadable = (excluded.unreadable ?? 0) + 1;
        log("publish: staging copy missing or invalid", { id: r.id });
        continue;
      }
      const d = parsed.data;
      docs.set(r.id, d);
      candidates.push({
        ...base,
        model: d.model.id,
        legibility: d.legibility.score,
        reasoning: reasoningText(d),
      });
    } else candidates.push(base);
  }

  const selection = selectTranscripts(candidates, config);
  for (const e of selection.excluded) excluded[e.reason] = (excluded[e.reason] ?? 0) + 1;
  const ids = selection.selected.map((c) => c.id);
  const result = { previous: latest?.setId ?? null, count: ids.length, candidates: records.length, excluded };
  const sameAsLatest =
    latest && latest.transcripts.length === ids.length && latest.transcripts.every((t, i) => t.id === ids[i]);
  if (ids.length === 0 || sameAsLatest) {
    log("publish: nothing new", { candidates: records.length, selected: ids.length });
    return { published: false, ...(latest ? { setId: latest.setId } : {}), ...result };
  }

  const chosen = ids.map((id) => docs.get(id)!);
  const set = buildSet(chosen, {
    createdAt: at,
    previous: latest?.setId ?? null,
    license: deps.license ?? DEFAULT_LICENSE,
    scorer: scorerOf(deps, chosen),
    selection: { policy: config, candidates: records.length, excluded },
    withdrawn: latest?.withdrawn ?? [],
  });
  await writeSet(deps, set);
  await deps.metadata.appendAudit({
    subject: set.setId,
    at,
    actor,
    action: "publish",
    reason: `${ids.length} transcripts`,
  });

  for (const id of ids) {
    const r = byId.get(id)!;
    const setIds = [...(r.setIds ?? []), set.setId];
    try {
      if (r.status === "published") {
        await deps.metadata.updateTranscript(id, "published", { setIds, updatedAt: at });
      } else {
        // The lifecycle publishes approved transcripts only: a PASS verdict is the approval.
        if (r.status === "accepted") {
          await moveStatus(deps.metadata, id, "accepted", "approved", {
            actor,
            at,
            reason: "automatic review: PASS",
          });
        }
        await moveStatus(deps.metadata, id, "approved", "published", { actor, at }, { setIds });
      }
    } catch (e) {
      if (!(e instanceof ConditionFailedError || e instanceof LifecycleError)) throw e;
      // Moved meanwhile (e.g. withdrawn by a reviewer): take it out of what was just written.
      log("publish: member changed during publish, taking it down", { id });
      await takedown(deps, id, { actor, at, category: "other" });
    }
  }
  log("publish: set written", { setId: set.setId, count: ids.length });
  return { published: true, setId: set.setId, ...result };
}

/** Withdraws a transcript: status `withdrawn`, and a takedown if it was ever published. */
export async function withdraw(
  deps: PublishDeps,
  id: string,
  reason: string,
  actor: string,
): Promise<WithdrawResult> {
  const at = (deps.clock ?? systemClock).now().toISOString();
  const r = await deps.metadata.getTranscript(id);
  if (!r) throw new NotFoundError(`transcript ${id}`);
  if (r.status !== "withdrawn")
    await moveStatus(deps.metadata, id, r.status, "withdrawn", { actor, reason, at });
  // Always check the sets (not only when it was `published`): this completes interrupted takedowns.
  return {
    id,
    status: "withdrawn",
    ...(await takedown(deps, id, { actor, at, category: reasonCategory(reason) })),
  };
}

/** Removes a transcript from the public bucket: a new version if the newest set holds it, revisions of the others. */
async function takedown(
  deps: PublishDeps,
  id: string,
  ctx: { actor: string; at: string; category?: WithdrawCategory },
): Promise<{ setId?: string; revised: string[] }> {
  // The public log records the withdrawal's category only, never its reason text.
  const withdrawal: Withdrawal[] = [{ id, category: ctx.category ?? "other" }];
  const log = deps.log ?? (() => {});
  let newSetId: string | undefined;
  const latest = await latestManifest(deps);
  if (latest?.transcripts.some((t) => t.id === id)) {
    const remaining = (await readSetDocs(deps, latest.setId)).filter((d) => d.id !== id);
    const set = buildSet(remaining, {
      createdAt: ctx.at,
      previous: latest.setId,
      license: latest.license,
      scorer: latest.scorer,
      selection: latest.selection,
      withdrawn: [...latest.withdrawn, id],
    });
    await writeSet(deps, set, withdrawal);
    newSetId = set.setId;
    await deps.metadata.appendAudit({
      subject: set.setId,
      at: ctx.at,
      actor: ctx.actor,
      action: "publish",
      reason: "takedown",
    });
    for (const d of remaining) {
      const r = await deps.metadata.getTranscript(d.id);
      if (r?.status !== "published") continue;
      await deps.metadata
        .updateTranscript(d.id, "published", { setIds: [...(r.setIds ?? []), set.setId], updatedAt: ctx.at })
        .catch((e: unknown) => {
          if (!(e instanceof ConditionFailedError)) throw e;
        });
    }
  }

  const revised: string[] = [];
  const problems: string[] = [];
  const found = await setsToCheck(deps);
  for (const setId of found.ids) {
    if (setId === newSetId) continue;
    const s = found.records.get(setId);
    const keys = found.keys.get(setId) ?? [];
    const own = setKey(setId, transcriptPath(id));
    const manifestBytes = await deps.blobs.get(deps.buckets.public, setKey(setId, MANIFEST_FILE));
    if (!manifestBytes) {
      // No manifest: an interrupted publication's fragments (the manifest is the last file of a
      // set written, before it is recorded, logged or pointed to). Never published: all of it goes.
      if (keys.length) {
        for (const k of keys) await deps.blobs.delete(deps.buckets.public, k);
        log("takedown: removed the fragments of an unfinished set", { setId, files: keys.length });
      }
      continue;
    }
    const manifest = await readManifest(deps, setId);
    if (!manifest) {
      // A manifest that does not read: the set cannot be revised safely. Its copy of the
      // transcript goes now; what its bundles hold needs an operator (takedown_incomplete below).
      await deps.blobs.delete(deps.buckets.public, own);
      const bundle = await deps.blobs.get(deps.buckets.public, setKey(setId, JSONL_FILE));
      if (bundle && dec.decode(bundle).includes(JSON.stringify(id)))
        problems.push(`set ${setId} has an unreadable manifest and its ${JSONL_FILE} still holds it`);
      continue;
    }
    if (!manifest.transcripts.some((t) => t.id === id)) {
      // A copy left outside the manifest (it should not happen): delete it all the same.
      if (keys.includes(own)) await deps.blobs.delete(deps.buckets.public, own);
      // The manifest may have been revised already while the record was not: fix the record.
      if (s?.transcriptIds.includes(id)) await syncSetRecord(deps, s, manifest);
      continue;
    }
    const rev = reviseSet(manifest, await readSetDocs(deps, setId), id, ctx.at);
    // The transcript's own file goes first: it is the content that must disappear.
    for (const p of rev.deleted) await deps.blobs.delete(deps.buckets.public, setKey(setId, p));
    for (const f of rev.files)
      await deps.blobs.put(deps.buckets.public, setKey(setId, f.path), f.body, f.contentType);
    if (deps.signer)
      await recordProvenance(
        { blobs: deps.blobs, buckets: deps.buckets, signer: deps.signer },
        {
          type: "revise",
          setId,
          manifestBytes: rev.files.find((f) => f.path === MANIFEST_FILE)!.body,
          withdrawn: withdrawal,
          at: ctx.at,
        },
      );
    if (s) await syncSetRecord(deps, s, rev.manifest);
    revised.push(setId);
  }
  await deps.metadata.appendAudit({
    subject: id,
    at: ctx.at,
    actor: ctx.actor,
    action: "takedown",
    reason: `new version ${newSetId ?? "none"}, ${revised.length} set(s) revised`,
  });
  log("takedown", { id, setId: newSetId, revised: revised.length });
  // The transcript's file left in any set would be a leak: check every set in the bucket, loudly.
  const suffix = `/${transcriptPath(id)}`;
  for await (const o of deps.blobs.list(deps.buckets.public, PREFIX.sets))
    if (o.key.endsWith(suffix)) problems.push(`still present at ${o.key}`);
  if (problems.length)
    throw new CotshareError(
      "takedown_incomplete",
      `transcript ${id} after takedown: ${problems.slice(0, 5).join("; ")}`,
    );
  return { ...(newSetId ? { setId: newSetId } : {}), revised };
}

/**
 * Every set a takedown must look at: the SetRecords, the sets named in the publication log and in
 * `latest.json`, and every folder under `sets/` in the public bucket (a run that died before its
 * SetRecord was written, or whose records were lost, still left files there). Oldest first where
 * the records say, then the rest in id order. `keys`: the objects listed per set.
 */
async function setsToCheck(
  deps: PublishDeps,
): Promise<{ ids: string[]; records: Map<string, SetRecord>; keys: Map<string, string[]> }> {
  const records = new Map((await allSets(deps.metadata)).map((s) => [s.setId, s]));
  const ids = new Set(records.keys());
  const keys = new Map<string, string[]>();
  for await (const o of deps.blobs.list(deps.buckets.public, PREFIX.sets)) {
    const setId = o.key.slice(PREFIX.sets.length).split("/")[0]!;
    if (!SET_ID.test(setId)) continue;
    ids.add(setId);
    const list = keys.get(setId);
    if (list) list.push(o.key);
    else keys.set(setId, [o.key]);
  }
  const logBytes = await deps.blobs.get(deps.buckets.public, PUBLICATION_LOG_KEY);
  for (const line of logBytes ? dec.decode(logBytes).split("\n") : []) {
    try {
      const e = JSON.parse(line) as { setId?: unknown };
      if (typeof e.setId === "string" && SET_ID.test(e.setId)) ids.add(e.setId);
    } catch {
      // a damaged line: the listing above still covers the sets
    }
  }
  const latest = (await readJson(deps.blobs, deps.buckets.public, LATEST_KEY)) as LatestPointer | undefined;
  if (typeof latest?.setId === "string" && SET_ID.test(latest.setId)) ids.add(latest.setId);
  return { ids: [...ids].sort(), records, keys };
}

async function syncSetRecord(deps: PublishDeps, s: SetRecord, m: Manifest): Promise<void> {
  await deps.metadata.putSet({
    ...s,
    count: m.counts.transcripts,
    transcriptIds: m.transcripts.map((t) => t.id),
    withdrawn: m.withdrawn,
  });
}
