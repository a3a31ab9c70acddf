/**
 * The transcript lifecycle, the only way a record's status changes:
 *
 *     received ──▶ rejected                                 (pipeline: unreadable input; terminal)
 *     received ──▶ accepted (with a review verdict)         (pipeline)
 *     accepted ──▶ approved | denied                        (a reviewer, human or bot)
 *     denied   ──▶ approved                                 (a reviewer changes their mind)
 *     approved ──▶ denied                                   (approval revoked before publication)
 *     approved ──▶ published                                (the publisher puts it in a set)
 *     accepted | approved | denied | published ──▶ withdrawn   (terminal: never published again)
 *
 * Decisions where the brief was silent:
 * - A BLOCK verdict cannot be approved (`blocked_verdict`): the fix is a better policy and a
 *   re-run, not a human waving a residual secret through.
 * - `approved → withdrawn` is allowed (a lab may pull a transcript before it ever goes out), as
 *   is `denied → withdrawn` (so the lab's wish is recorded even on a denied one).
 * - `published` stays `published` when a later set includes it again: set membership lives in
 *   `setIds`, not in the status. `published → approved/denied` does not exist: a published
 *   transcript can only be withdrawn (takedown), which later sets honour.
 * - `deny` and `withdraw` need a reason; every transition needs an actor.
 *
 * Every transition yields an `AuditEvent` (who, when, why, from → to).
 */
import { CotshareError } from "../errors";
import {
  ConditionFailedError,
  type AuditEvent,
  type MetadataStore,
  type Status,
  type TranscriptRecord,
} from "../records";

export type LifecycleErrorCode =
  | "invalid_transition"
  | "blocked_verdict"
  | "missing_reason"
  | "missing_actor"
  | "missing_verdict"
  | "missing_code"
  | "not_found"
  | "conflict";

export class LifecycleError extends CotshareError {
  declare readonly code: LifecycleErrorCode;
  constructor(code: LifecycleErrorCode, message: string) {
    super(code, message);
  }
}

/** The legal edges: from → the statuses it may move to. */
export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = Object.freeze({
  received: ["rejected", "accepted"],
  rejected: [],
  accepted: ["approved", "denied", "withdrawn"],
  approved: ["denied", "published", "withdrawn"],
  denied: ["approved", "withdrawn"],
  published: ["withdrawn"],
  withdrawn: [],
});

/** The verb recorded in the audit trail for a move into each status. */
export const ACTIONS: Readonly<Record<Status, string>> = Object.freeze({
  received: "receive",
  rejected: "reject",
  accepted: "accept",
  approved: "approve",
  denied: "deny",
  published: "publish",
  withdrawn: "withdraw",
});

const NEEDS_REASON: ReadonlySet<Status> = new Set(["denied", "withdrawn", "rejected"]);

export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface TransitionContext {
  /** Who or what: `pipeline`, `publisher`, `reviewer:<name>`, `lab:<labId>`… */
  actor: string;
  /** Why (required to deny, withdraw or reject). */
  reason?: string;
  /** ISO time of the transition. */
  at: string;
  /** Fields set along with the move (the verdict on `accepted`, the code on `rejected`…). */
  patch?: Omit<Partial<TranscriptRecord>, "id" | "status" | "updatedAt">;
}

export interface TransitionResult {
  record: TranscriptRecord;
  event: AuditEvent;
}

/** Moves `record` to `to`, or throws a LifecycleError. Pure: nothing is stored. */
export function transition(record: TranscriptRecord, to: Status, ctx: TransitionContext): TransitionResult {
  const from = record.status;
  if (!ctx.actor || !ctx.actor.trim())
    throw new LifecycleError("missing_actor", "a transition needs an actor");
  if (!canTransition(from, to)) {
    throw new LifecycleError(
      "invalid_transition",
      `transcript ${record.id}: cannot go from ${from} to ${to}`,
    );
  }
  if (NEEDS_REASON.has(to) && !ctx.reason?.trim()) {
    throw new LifecycleError("missing_reason", `transcript ${record.id}: going to ${to} needs a reason`);
  }
  const next: TranscriptRecord = {
    ...record,
    ...(ctx.patch ?? {}),
    id: record.id,
    status: to,
    updatedAt: ctx.at,
  };
  if (to === "accepted" && !next.verdict) {
    throw new LifecycleError("missing_verdict", `transcript ${record.id}: accepting needs a review verdict`);
  }
  if (to === "rejected" && !next.code) {
    throw new LifecycleError("missing_code", `transcript ${record.id}: rejecting needs a rejection code`);
  }
  if (to === "approved" && next.verdict === "BLOCK") {
    throw new LifecycleError(
      "blocked_verdict",
      `transcript ${record.id}: the review blocked it; fix the lab's policy or the transcript, then upload the intake object again (a changed object supersedes this record)`,
    );
  }
  const event: AuditEvent = {
    subject: record.id,
    at: ctx.at,
    actor: ctx.actor,
    action: ACTIONS[to],
    from,
    to,
    ...(ctx.reason ? { reason: ctx.reason } : {}),
  };
  return { record: next, event };
}

/** A new record in `received`, and the event that says so. */
export function receive(
  init: Omit<TranscriptRecord, "status" | "receivedAt" | "updatedAt">,
  ctx: { actor: string; at: string; reason?: string },
): TransitionResult {
  if (!ctx.actor || !ctx.actor.trim())
    throw new LifecycleError("missing_actor", "a transition needs an actor");
  const record: TranscriptRecord = { ...init, status: "received", receivedAt: ctx.at, updatedAt: ctx.at };
  const event: AuditEvent = {
    subject: init.id,
    at: ctx.at,
    actor: ctx.actor,
    action: ACTIONS.received,
    to: "received",
    ...(ctx.reason ? { reason: ctx.reason } : {}),
  };
  return { record, event };
}

/**
 * Performs a transition through the store: reads the record, checks the move, updates it on the
 * condition that its status has not changed meanwhile (else `conflict`), then appends the audit
 * event. The update comes first so a lost race leaves no stray event.
 */
export async function applyTransition(
  store: MetadataStore,
  id: string,
  to: Status,
  ctx: TransitionContext,
): Promise<TransitionResult> {
  const current = await store.getTranscript(id);
  if (!current) throw new LifecycleError("not_found", `transcript ${id} does not exist`);
  const { record, event } = transition(current, to, ctx);
  const { id: _id, ...patch } = record;
  let stored: TranscriptRecord;
  try {
    stored = await store.updateTranscript(id, current.status, patch);
  } catch (e) {
    if (e instanceof ConditionFailedError || (e as { code?: string }).code === "condition_failed") {
      throw new LifecycleError("conflict", `transcript ${id} changed status meanwhile; read it again`);
    }
    throw e;
  }
  await store.appendAudit(event);
  return { record: stored, event };
}
