/**
 * Publishing and takedown, through ports only (MetadataStore, BlobStore, Clock): the same code runs
 * in the publish Lambda, behind the admin/review API and in the local runtime.
 *
 * publishSet: candidates (accepted + PASS, approved, published) → published ones re-screened
 *   against their lab's current policy (hits taken down), unfinished takedowns finished → curation,
 *   picks re-screened (hits back to review, curation again) → set files written to the public
 *   bucket (manifest last) → SetRecord → signature and log entry → latest.json → members move to
 *   `published`.
 * withdraw: the transcript moves to `withdrawn`; if it was ever published, the newest set is
 *   replaced by a version without it and every other set holding it is revised (its file deleted,
 *   bundles rewritten, manifest marks it withdrawn) — every set: the records', the log's, and every
 *   folder under `sets/`. Re-running withdraw finishes an interrupted takedown.
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
import { LabPolicy } from "../core/lab-policy";
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
  type SetFile,
} from "../core/publish";
import {
  ConditionFailedError,
  type MetadataStore,
  type ReviewReason,
  type SetRecord,
  type Status,
  type TranscriptRecord,
} from "../core/records";
import { review, verdictOf } from "../core/review";
import { systemClock, type BlobStore, type Clock } from "../ports";
import { reasonCategory, type Signer, type Withdrawal } from "../core/provenance";
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
  /**
   * Why candidates were left out, counted (also in the manifest's `selection.excluded`). Besides
   * curation's reasons: `unreadable` (staging copy missing), `policy_review` (the lab's current
   * policy matches an unpublished one: back to review), `policy_withdrawn` (it matches a published
   * one: taken down), `policy_unreadable` (the lab's stored policy does not parse).
   */
  /**
   * Sets that takedowns in this run rewrote in place (re-screen hits, unfinished takedowns, a
   * member withdrawn during the run): their cached copies must be invalidated at the CDN, like a
   * withdrawal's. Absent when none.
   */
  revised?: string[];
  /**
   * A set version an earlier run recorded but did not finish (cut short before its log entry,
   * `latest.json` or its members' moves), finished by this run before curating. Absent when none.
   */
  finished?: string;
  excluded: Partial<
    Record<
      ExclusionReason | "unreadable" | "policy_review" | "policy_withdrawn" | "policy_unreadable",
      number
    >
  >;
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

interface LabPolicyState {
  /** The lab's auto-publish consent (`autoPublish`); undefined when unset. */
  autoPublish?: boolean;
  /** The policy as it is now; undefined when the lab has none (or it does not read). */
  policy?: LabPolicy;
  /** A policy is stored but does not parse: the lab's transcripts cannot be screened. */
  unreadable?: boolean;
}

/** A lab's policy as stored now (`config/labs/<labId>/policy.json` in the staging bucket). */
async function readLabPolicy(deps: PublishDeps, lab: string): Promise<LabPolicyState> {
  const body = await deps.blobs.get(deps.buckets.staging, labPolicyKey(lab));
  if (!body) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(dec.decode(body));
  } catch {
    return { unreadable: true };
  }
  const v = (raw as { autoPublish?: unknown } | undefined)?.autoPublish;
  const autoPublish = typeof v === "boolean" ? { autoPublish: v } : {};
  const parsed = LabPolicy.safeParse(raw);
  return parsed.success ? { ...autoPublish, policy: parsed.data } : { ...autoPublish, unreadable: true };
}

/** The review's reasons that come from the lab's policy. */
const POLICY_CODES: ReadonlySet<string> = new Set([
  "deny_term",
  "deny_term_near",
  "deny_term_encoded",
  "internal_host",
]);
const reasonKey = (r: ReviewReason) => `${r.code}\u0000${r.path ?? ""}\u0000${r.message}`;

/**
 * The hits of the lab's current deny terms and internal domains in a transcript's published form,
 * by the independent review's own matcher (every reading it makes: case, spacing, look-alikes,
 * escapes), less those its record already carries (found at ingest, or by an earlier re-screen,
 * and seen by the reviewer who approved it).
 */
function newPolicyHits(d: PublishedDoc, r: TranscriptRecord, policy: LabPolicy): ReviewReason[] {
  if (!policy.denyTerms.length && !policy.internalDomains.length) return [];
  const { review: _review, ...body } = d;
  const known = new Set((r.reasons ?? []).map(reasonKey));
  return review({
    body,
    policy: {
      denyTerms: policy.denyTerms,
      allowTerms: policy.allowTerms,
      internalDomains: policy.internalDomains,
    },
    thresholds: { maxReasons: 1000 },
  }).reasons.filter((x) => POLICY_CODES.has(x.code) && !known.has(reasonKey(x)));
}

/**
 * What a re-screen hit does to a transcript, through the lifecycle: `accepted` stays accepted
 * with the hits added to its reasons and the verdict they give (NEEDS_HUMAN or BLOCK: no longer
 * publishable without a reviewer); `approved` goes back to `denied` (a reviewer may approve it
 * again, knowing the hits, unless they block); `published` is withdrawn (the caller takes it down,
 * category `leak`). Returns the exclusion it counts as. Never records a term or the text, only codes.
 */
async function policyHit(
  deps: PublishDeps,
  r: TranscriptRecord,
  hits: ReviewReason[],
  ctx: { actor: string; at: string },
): Promise<"policy_review" | "policy_withdrawn"> {
  const log = deps.log ?? (() => {});
  const reasons = [...(r.reasons ?? []), ...hits];
  const verdict = verdictOf(reasons);
  const codes = [...new Set(hits.map((h) => h.code))].sort().join(", ");
  const why = `the lab's current policy matches its published form (${hits.length} hit(s): ${codes})`;
  try {
    if (r.status === "published") {
      await moveStatus(
        deps.metadata,
        r.id,
        "published",
        "withdrawn",
        { ...ctx, reason: `leak: ${why}` },
        {
          verdict,
          reasons,
        },
      );
      log("publish: re-screen hit a published transcript, taking it down", { id: r.id, hits: hits.length });
      return "policy_withdrawn";
    }
    if (r.status === "approved") {
      await moveStatus(
        deps.metadata,
        r.id,
        "approved",
        "denied",
        { ...ctx, reason: why },
        { verdict, reasons },
      );
    } else {
      await deps.metadata.updateTranscript(r.id, "accepted", { verdict, reasons, updatedAt: ctx.at });
      await deps.metadata.appendAudit({
        subject: r.id,
        at: ctx.at,
        actor: ctx.actor,
        action: "rescreen",
        from: "accepted",
        to: "accepted",
        reason: `verdict ${r.verdict ?? "none"} → ${verdict}: ${why}`,
      });
    }
  } catch (e) {
    // Moved meanwhile (a reviewer's decision): it stays out of this run either way, and a
    // published one is taken down all the same.
    if (!(e instanceof ConditionFailedError || e instanceof LifecycleError)) throw e;
    if (r.status === "published") return "policy_withdrawn";
  }
  log("publish: re-screen hit, back to review", { id: r.id, hits: hits.length });
  return "policy_review";
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
  // 0. A run cut short after recording its set (before its log entry, `latest.json` or the members'
  //    moves) is finished first, so this run builds on it instead of forking the history.
  const finished = await finishInterrupted(deps, { actor, at });
  const records = [
    ...(await allTranscripts(deps.metadata, "accepted")),
    ...(await allTranscripts(deps.metadata, "approved")),
    ...(await allTranscripts(deps.metadata, "published")),
  ];
  const policies = new Map<string, LabPolicyState>();
  for (const lab of new Set(records.map((r) => r.lab))) policies.set(lab, await readLabPolicy(deps, lab));

  const excluded: PublishResult["excluded"] = {};
  const count = (k: keyof PublishResult["excluded"]) => (excluded[k] = (excluded[k] ?? 0) + 1);
  const docs = new Map<string, PublishedDoc>();
  const kept: TranscriptRecord[] = [];
  const takeDown: Withdrawal[] = [];
  const byId = new Map(records.map((r) => [r.id, r]));
  // 1. Read the published form of every transcript that could be chosen. Every published one is
  //    screened now against its lab's policy as it is today (terms added since it was reviewed):
  //    it is public, so a hit is taken down at once. Unpublished ones are screened in step 2,
  //    when curation picks them (the screen costs a review pass: not for 10,000 candidates a run).
  for (const r of records) {
    const policy = policies.get(r.lab)!;
    const probe: Candidate = {
      id: r.id,
      lab: r.lab,
      model: r.modelId ?? "",
      legibility: 0,
      status: r.status,
      verdict: r.verdict,
      publishable: r.publishable,
      labAutoPublish: policy.autoPublish,
      reasoning: "",
    };
    if (ineligible(probe, config)) {
      kept.push(r);
      continue;
    }
    const parsed = PublishedDoc.safeParse(
      await readJson(deps.blobs, deps.buckets.staging, r.stagingKey ?? stagingTranscriptKey(r.id)),
    );
    if (!parsed.success || parsed.data.id !== r.id || parsed.data.lab !== r.lab) {
      count("unreadable");
      log("publish: staging copy missing or invalid", { id: r.id });
      continue;
    }
    if (policy.unreadable && r.status !== "published") {
      // Its lab's policy cannot be read: nothing new of that lab goes out until it can.
      count("policy_unreadable");
      continue;
    }
    if (r.status === "published" && policy.policy) {
      const hits = newPolicyHits(parsed.data, r, policy.policy);
      if (hits.length > 0) {
        count(await policyHit(deps, r, hits, { actor, at }));
        takeDown.push({ id: r.id, category: "leak" });
        continue;
      }
    }
    docs.set(r.id, parsed.data);
    kept.push(r);
  }
  // Members of a set (the newest, or any the records list) that are withdrawn while still in it —
  // a takedown cut short, or a record withdrawn by a process that cannot write the public bucket:
  // finish their takedown now rather than carry them on.
  const members = new Set((await latestManifest(deps))?.transcripts.map((t) => t.id) ?? []);
  for (const set of await allSets(deps.metadata)) for (const id of set.transcriptIds) members.add(id);
  for (const id of [...members].sort()) {
    if (byId.has(id) || takeDown.some((x) => x.id === id)) continue;
    if ((await deps.metadata.getTranscript(id))?.status === "withdrawn") {
      log("publish: finishing the takedown of a withdrawn member of a set", { id });
      // The public log's category, from the reason the withdrawal was recorded with.
      const event = (await deps.metadata.listAudit(id)).filter((e) => e.to === "withdrawn").at(-1);
      takeDown.push({ id, category: reasonCategory(event?.reason) });
    }
  }
  // All in one takedown: one new version, one revision per set.
  // Sets this run rewrote by a takedown (their cached copies must leave the CDN: `revised`).
  const revisedSets = new Set<string>();
  if (takeDown.length)
    for (const s of (await takedown(deps, takeDown, { actor, at })).revised) revisedSets.add(s);

  // 2. Curate (after any takedown above: the newest set is read now).
  const latest = await latestManifest(deps);
  const incumbents = new Set(latest?.transcripts.map((t) => t.id) ?? []);
  let candidates: Candidate[] = kept.map((r) => {
    const base: Candidate = {
      id: r.id,
      lab: r.lab,
      model: r.modelId ?? "",
      legibility: r.legibility ?? Number.NaN,
      status: r.status,
      verdict: r.verdict,
      publishable: r.publishable,
      labAutoPublish: policies.get(r.lab)!.autoPublish,
      reasoning: "",
      incumbent: incumbents.has(r.id),
    };
    const d = docs.get(r.id);
    return d
      ? { ...base, model: d.model.id, legibility: d.legibility.score, reasoning: reasoningText(d) }
      : base;
  });

  // Curation, then the screen of what it picked; a hit leaves (back to review) and curation runs
  // again without it, until every pick is clean. Each round screens at least one more transcript.
  let selection = selectTranscripts(candidates, config);
  const screened = new Set<string>();
  for (;;) {
    const toScreen = selection.selected.filter((c) => c.status !== "published" && !screened.has(c.id));
    if (toScreen.length === 0) break;
    const out = new Set<string>();
    for (const c of toScreen) {
      screened.add(c.id);
      const r = byId.get(c.id)!;
      const policy = policies.get(r.lab)!.policy;
      const hits = policy ? newPolicyHits(docs.get(c.id)!, r, policy) : [];
      if (hits.length === 0) continue;
      count(await policyHit(deps, r, hits, { actor, at }));
      out.add(c.id);
    }
    if (out.size === 0) break;
    candidates = candidates.filter((c) => !out.has(c.id));
    selection = selectTranscripts(candidates, config);
  }
  for (const e of selection.excluded) excluded[e.reason] = (excluded[e.reason] ?? 0) + 1;
  const ids = selection.selected.map((c) => c.id);
  const result = {
    ...(finished ? { finished } : {}),
    previous: latest?.setId ?? null,
    count: ids.length,
    candidates: records.length,
    excluded,
    ...(revisedSets.size ? { revised: [...revisedSets] } : {}),
  };
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

  const moved = await moveMembers(
    deps,
    ids.map((id) => byId.get(id)!),
    set.setId,
    { actor, at },
  );
  for (const id of moved.changed) {
    // Moved meanwhile (e.g. withdrawn by a reviewer): take it out of what was just written.
    log("publish: member changed during publish, taking it down", { id });
    for (const s of (await takedown(deps, [{ id, category: "other" }], { actor, at })).revised)
      revisedSets.add(s);
  }
  log("publish: set written", { setId: set.setId, count: ids.length });
  return {
    published: true,
    setId: set.setId,
    ...result,
    ...(revisedSets.size ? { revised: [...revisedSets] } : {}),
  };
}

/**
 * Moves the members of a newly written set to `published` (a PASS verdict is the approval of an
 * `accepted` one) and adds the set to the published ones' `setIds`. Returns the members that moved
 * meanwhile (withdrawn, sent back to review): they must be taken out of the set again.
 */
async function moveMembers(
  deps: PublishDeps,
  members: readonly TranscriptRecord[],
  setId: string,
  ctx: { actor: string; at: string },
): Promise<{ changed: string[] }> {
  const changed: string[] = [];
  for (const r of members) {
    if (r.setIds?.includes(setId)) continue;
    const setIds = [...(r.setIds ?? []), setId];
    try {
      if (r.status === "published") {
        await deps.metadata.updateTranscript(r.id, "published", { setIds, updatedAt: ctx.at });
      } else {
        // The lifecycle publishes approved transcripts only: a PASS verdict is the approval.
        if (r.status === "accepted")
          await moveStatus(deps.metadata, r.id, "accepted", "approved", {
            ...ctx,
            reason: "automatic review: PASS",
          });
        await moveStatus(deps.metadata, r.id, "approved", "published", ctx, { setIds });
      }
    } catch (e) {
      if (!(e instanceof ConditionFailedError || e instanceof LifecycleError)) throw e;
      changed.push(r.id);
    }
  }
  return { changed };
}

/**
 * Finishes a publication (or a takedown's new version) cut short after its SetRecord was written:
 * the set that follows the one `latest.json` names (its `previous`), recorded and complete in the
 * public bucket, but not yet in the publication log, pointed to by `latest.json`, or with its
 * members moved. Each missing step is done now, in the same order as `writeSet`; members that can
 * no longer be published are left to the run's takedowns (withdrawn ones) or taken down here.
 * Returns the set finished, if any.
 */
async function finishInterrupted(
  deps: PublishDeps,
  ctx: { actor: string; at: string },
): Promise<string | undefined> {
  const log = deps.log ?? (() => {});
  const latest = await latestManifest(deps);
  const next = (await allSets(deps.metadata))
    .filter(
      (s) =>
        s.setId !== latest?.setId &&
        (s.previous ?? null) === (latest?.setId ?? null) &&
        (!latest || s.createdAt > latest.createdAt),
    )
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))[0];
  const manifestBytes =
    next && (await deps.blobs.get(deps.buckets.public, setKey(next.setId, MANIFEST_FILE)));
  const recorded = manifestBytes ? await readManifest(deps, next!.setId) : undefined;
  // A recorded set complete in the bucket is finished; one without its manifest was never
  // discoverable (a takedown cleans its files up). Otherwise the newest set's members are checked.
  const manifest = recorded?.setId === next?.setId ? (recorded ?? latest) : latest;
  if (!manifest) return undefined;
  let finished = false;
  if (manifest !== latest && manifestBytes) {
    finished = true;
    log("publish: finishing a publication that was cut short", { setId: manifest.setId });
    if (deps.signer && !(await loggedSets(deps)).has(manifest.setId)) {
      // The transcripts this version withdrew (a takedown's new version), with their categories.
      const before = new Set(latest?.withdrawn ?? []);
      const withdrawn: Withdrawal[] = [];
      for (const id of manifest.withdrawn.filter((x) => !before.has(x))) {
        const event = (await deps.metadata.listAudit(id)).filter((e) => e.to === "withdrawn").at(-1);
        withdrawn.push({ id, category: reasonCategory(event?.reason) });
      }
      await recordProvenance(
        { blobs: deps.blobs, buckets: deps.buckets, signer: deps.signer },
        {
          type: "publish",
          setId: manifest.setId,
          manifestBytes,
          createdAt: manifest.createdAt,
          previous: manifest.previous,
          withdrawn,
          at: manifest.createdAt,
        },
      );
    }
    await deps.blobs.put(
      deps.buckets.public,
      LATEST_KEY,
      enc.encode(JSON.stringify(latestPointer(manifest), null, 2) + "\n"),
      JSON_TYPE,
    );
  }
  // Members: published, listing the set. Withdrawn ones are the run's takedowns (members of a set
  // that are withdrawn); any other that cannot be published any more is taken down here.
  const waiting: TranscriptRecord[] = [];
  const out: string[] = [];
  for (const t of manifest.transcripts) {
    const r = await deps.metadata.getTranscript(t.id);
    if (!r || r.status === "withdrawn" || (r.status === "published" && r.setIds?.includes(manifest.setId)))
      continue;
    if (["accepted", "approved", "published"].includes(r.status)) waiting.push(r);
    else out.push(r.id);
  }
  if (waiting.length) {
    finished = true;
    log("publish: moving the members of a publication that was cut short", {
      setId: manifest.setId,
      count: waiting.length,
    });
    out.push(...(await moveMembers(deps, waiting, manifest.setId, ctx)).changed);
  }
  for (const id of out) {
    finished = true;
    log("publish: a member of the newest set can no longer be published, taking it down", { id });
    await takedown(deps, [{ id, category: "other" }], ctx);
  }
  if (!finished) return undefined;
  await deps.metadata.appendAudit({
    subject: manifest.setId,
    at: ctx.at,
    actor: ctx.actor,
    action: "publish",
    reason: "finished a publication that was cut short",
  });
  return manifest.setId;
}

/** The sets the publication log names (empty when there is no log). */
async function loggedSets(deps: PublicReader): Promise<Set<string>> {
  const out = new Set<string>();
  const bytes = await deps.blobs.get(deps.buckets.public, PUBLICATION_LOG_KEY);
  for (const line of bytes ? dec.decode(bytes).split("\n") : []) {
    try {
      const e = JSON.parse(line) as { type?: unknown; setId?: unknown };
      if (e.type === "publish" && typeof e.setId === "string") out.add(e.setId);
    } catch {
      // a damaged line: verification reports it; here it only means "not logged"
    }
  }
  return out;
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
    ...(await takedown(deps, [{ id, category: reasonCategory(reason) }], { actor, at })),
  };
}

/**
 * Removes transcripts from the public bucket: one new version without them if the newest set
 * holds any, and one revision of every other set holding any (see `setsToCheck`).
 */
async function takedown(
  deps: PublishDeps,
  items: readonly Withdrawal[],
  ctx: { actor: string; at: string },
): Promise<{ setId?: string; revised: string[] }> {
  // The public log records the withdrawal's category only, never its reason text.
  const ids = items.map((w) => w.id);
  const withdrawals = (held: readonly string[]): Withdrawal[] => items.filter((w) => held.includes(w.id));
  const log = deps.log ?? (() => {});
  let newSetId: string | undefined;
  const latest = await latestManifest(deps);
  const inLatest = ids.filter((id) => latest?.transcripts.some((t) => t.id === id));
  if (latest && inLatest.length) {
    const remaining = (await readSetDocs(deps, latest.setId)).filter((d) => !inLatest.includes(d.id));
    const set = buildSet(remaining, {
      createdAt: ctx.at,
      previous: latest.setId,
      license: latest.license,
      scorer: latest.scorer,
      selection: latest.selection,
      withdrawn: [...latest.withdrawn, ...inLatest],
    });
    await writeSet(deps, set, withdrawals(inLatest));
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
    const own = (id: string) => setKey(setId, transcriptPath(id));
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
      // A manifest that does not read: the set cannot be revised safely. Its copies of the
      // transcripts go now; what its bundles hold needs an operator (takedown_incomplete below).
      for (const id of ids) await deps.blobs.delete(deps.buckets.public, own(id));
      const bundle = await deps.blobs.get(deps.buckets.public, setKey(setId, JSONL_FILE));
      const text = bundle ? dec.decode(bundle) : "";
      for (const id of ids)
        if (text.includes(JSON.stringify(id)))
          problems.push(`set ${setId} has an unreadable manifest and its ${JSONL_FILE} still holds ${id}`);
      continue;
    }
    const held = ids.filter((id) => manifest.transcripts.some((t) => t.id === id));
    // A copy left outside the manifest (it should not happen): delete it all the same.
    for (const id of ids)
      if (!held.includes(id) && keys.includes(own(id))) await deps.blobs.delete(deps.buckets.public, own(id));
    if (held.length === 0) {
      // The manifest may have been revised already while the record was not: fix the record.
      if (s && ids.some((id) => s.transcriptIds.includes(id))) await syncSetRecord(deps, s, manifest);
      continue;
    }
    // One revision for all of them. The bundle may already lack some of them (a revision cut
    // short after rewriting `data.jsonl`, before the manifest): the revision is computed from the
    // manifest with all but the last already marked withdrawn, and the bundle without any of them.
    const bundle = await readSetDocs(deps, setId);
    // Another transcript's revision cut short the same way (withdrawn, gone from the bundle, still
    // in the manifest) is finished along with these; any other mismatch stops the revision.
    const inBundle = new Set(bundle.map((d) => d.id));
    const unfinished: Withdrawal[] = [];
    for (const t of manifest.transcripts)
      if (!held.includes(t.id) && !inBundle.has(t.id))
        if ((await deps.metadata.getTranscript(t.id))?.status === "withdrawn") {
          unfinished.push({ id: t.id, category: "other" });
          held.push(t.id);
        }
    const docs = bundle.filter((d) => !held.includes(d.id));
    const rest = held.slice(0, -1);
    const rev = reviseSet(
      {
        ...manifest,
        transcripts: manifest.transcripts.filter((t) => !rest.includes(t.id)),
        withdrawn: [...manifest.withdrawn, ...rest],
      },
      docs,
      held.at(-1)!,
      ctx.at,
    );
    const current = rev.manifest;
    const files = new Map<string, SetFile>(rev.files.map((f) => [f.path, f]));
    const deleted = rev.deleted;
    const manifestFile = files.get(MANIFEST_FILE)!;
    files.delete(MANIFEST_FILE);
    // The transcripts' own files go first: they are the content that must disappear.
    for (const p of deleted) await deps.blobs.delete(deps.buckets.public, setKey(setId, p));
    for (const f of [...files.values(), manifestFile])
      await deps.blobs.put(deps.buckets.public, setKey(setId, f.path), f.body, f.contentType);
    if (deps.signer)
      await recordProvenance(
        { blobs: deps.blobs, buckets: deps.buckets, signer: deps.signer },
        {
          type: "revise",
          setId,
          manifestBytes: manifestFile.body,
          withdrawn: [...withdrawals(held), ...unfinished],
          at: ctx.at,
        },
      );
    if (s) await syncSetRecord(deps, s, current);
    revised.push(setId);
  }
  for (const id of ids)
    await deps.metadata.appendAudit({
      subject: id,
      at: ctx.at,
      actor: ctx.actor,
      action: "takedown",
      reason: `new version ${newSetId ?? "none"}, ${revised.length} set(s) revised`,
    });
  log("takedown", { ids: ids.length, setId: newSetId, revised: revised.length });
  // A transcript's file left in any set would be a leak: check every set in the bucket, loudly.
  const suffixes = ids.map((id) => `/${transcriptPath(id)}`);
  for await (const o of deps.blobs.list(deps.buckets.public, PREFIX.sets))
    if (suffixes.some((x) => o.key.endsWith(x))) problems.push(`still present at ${o.key}`);
  if (problems.length)
    throw new CotshareError(
      "takedown_incomplete",
      `${ids.length === 1 ? `transcript ${ids[0]}` : `${ids.length} transcripts`} after takedown: ${problems.slice(0, 5).join("; ")}`,
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
