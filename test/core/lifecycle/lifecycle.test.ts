import { describe, expect, it } from "vitest";
import { MemoryMetadataStore } from "../../../lambdas/adapters/memory";
import {
  LifecycleError,
  TRANSITIONS,
  applyTransition,
  canTransition,
  receive,
  transition,
} from "../../../lambdas/core/lifecycle";
import { STATUSES, type Status, type TranscriptRecord } from "../../../lambdas/core/records";

const at = "2025-01-01T00:00:00.000Z";
const rec = (status: Status, extra: Partial<TranscriptRecord> = {}): TranscriptRecord => ({
  id: "t1",
  lab: "acme",
  source: "a.json",
  status,
  receivedAt: at,
  updatedAt: at,
  verdict: "PASS",
  code: "schema",
  ...extra,
});
const ctx = { actor: "reviewer:ann", reason: "checked", at: "2025-01-02T00:00:00.000Z" };

const LEGAL: [Status, Status][] = [
  ["received", "rejected"],
  ["received", "accepted"],
  ["accepted", "approved"],
  ["accepted", "denied"],
  ["accepted", "withdrawn"],
  ["approved", "denied"],
  ["approved", "published"],
  ["approved", "withdrawn"],
  ["denied", "approved"],
  ["denied", "withdrawn"],
  ["published", "withdrawn"],
];

describe("lifecycle: transition", () => {
  it.each(LEGAL)("%s → %s is legal and audited", (from, to) => {
    const { record, event } = transition(rec(from), to, ctx);
    expect(record.status).toBe(to);
    expect(record.updatedAt).toBe(ctx.at);
    expect(event).toMatchObject({
      subject: "t1",
      actor: "reviewer:ann",
      reason: "checked",
      at: ctx.at,
      from,
      to,
    });
  });

  const illegal = STATUSES.flatMap((from) =>
    STATUSES.filter((to) => !LEGAL.some(([f, t]) => f === from && t === to)).map(
      (to) => [from, to] as [Status, Status],
    ),
  );
  it.each(illegal)("%s → %s is an invalid_transition", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => transition(rec(from), to, ctx)).toThrow(
      expect.objectContaining({ code: "invalid_transition" }),
    );
  });

  it("the table and the tests agree", () => {
    const n = Object.values(TRANSITIONS).reduce((a, b) => a + b.length, 0);
    expect(n).toBe(LEGAL.length);
  });

  it("needs a verdict to accept and a code to reject", () => {
    expect(() => transition(rec("received", { verdict: undefined }), "accepted", ctx)).toThrow(
      expect.objectContaining({ code: "missing_verdict" }),
    );
    const ok = transition(rec("received", { verdict: undefined }), "accepted", {
      ...ctx,
      actor: "pipeline",
      patch: { verdict: "NEEDS_HUMAN", reasons: [{ code: "opaque_reasoning", message: "m" }] },
    });
    expect(ok.record.verdict).toBe("NEEDS_HUMAN");
    expect(() => transition(rec("received", { code: undefined }), "rejected", ctx)).toThrow(
      expect.objectContaining({ code: "missing_code" }),
    );
  });

  it("needs a reason to deny or withdraw, and always an actor", () => {
    expect(() => transition(rec("accepted"), "denied", { ...ctx, reason: " " })).toThrow(
      expect.objectContaining({ code: "missing_reason" }),
    );
    expect(() => transition(rec("published"), "withdrawn", { actor: "lab:acme", at })).toThrow(
      expect.objectContaining({ code: "missing_reason" }),
    );
    expect(() => transition(rec("accepted"), "approved", { ...ctx, actor: "" })).toThrow(
      expect.objectContaining({ code: "missing_actor" }),
    );
    // Approving needs no reason.
    expect(transition(rec("accepted"), "approved", { actor: "bot:x", at }).event.reason).toBeUndefined();
  });

  it("refuses to approve a BLOCK verdict", () => {
    const e = (() => {
      try {
        transition(rec("accepted", { verdict: "BLOCK" }), "approved", ctx);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(LifecycleError);
    expect((e as LifecycleError).code).toBe("blocked_verdict");
    // … but it can be denied or withdrawn.
    expect(transition(rec("accepted", { verdict: "BLOCK" }), "denied", ctx).record.status).toBe("denied");
  });

  it("receive starts a record in received", () => {
    const { record, event } = receive({ id: "t2", lab: "acme", source: "k" }, { actor: "pipeline", at });
    expect(record).toMatchObject({ status: "received", receivedAt: at, updatedAt: at });
    expect(event).toMatchObject({ subject: "t2", action: "receive", to: "received" });
  });
});

describe("lifecycle: applyTransition through the MetadataStore", () => {
  async function seeded() {
    const store = new MemoryMetadataStore();
    const { record } = receive({ id: "t1", lab: "acme", source: "k" }, { actor: "pipeline", at });
    await store.putTranscript(record);
    return store;
  }

  it("walks received → accepted → approved → published → withdrawn with an audit trail", async () => {
    const store = await seeded();
    await applyTransition(store, "t1", "accepted", {
      actor: "pipeline",
      at: "2025-01-01T00:00:01Z",
      patch: { verdict: "PASS" },
    });
    await applyTransition(store, "t1", "approved", { actor: "reviewer:ann", at: "2025-01-01T00:00:02Z" });
    await applyTransition(store, "t1", "published", {
      actor: "publisher",
      at: "2025-01-01T00:00:03Z",
      patch: { setIds: ["s1"] },
    });
    const last = await applyTransition(store, "t1", "withdrawn", {
      actor: "lab:acme",
      reason: "takedown request",
      at: "2025-01-01T00:00:04Z",
    });
    expect(last.record.status).toBe("withdrawn");
    const stored = await store.getTranscript("t1");
    expect(stored).toMatchObject({
      status: "withdrawn",
      verdict: "PASS",
      setIds: ["s1"],
      updatedAt: "2025-01-01T00:00:04Z",
    });
    const trail = await store.listAudit("t1");
    expect(trail.map((e) => `${e.from}>${e.to}:${e.actor}`)).toEqual([
      "received>accepted:pipeline",
      "accepted>approved:reviewer:ann",
      "approved>published:publisher",
      "published>withdrawn:lab:acme",
    ]);
  });

  it("an illegal move changes nothing and records nothing", async () => {
    const store = await seeded();
    await expect(applyTransition(store, "t1", "published", { actor: "publisher", at })).rejects.toMatchObject(
      {
        code: "invalid_transition",
      },
    );
    expect((await store.getTranscript("t1"))!.status).toBe("received");
    expect(await store.listAudit("t1")).toEqual([]);
  });

  it("reports a missing record", async () => {
    const store = new MemoryMetadataStore();
    await expect(applyTransition(store, "nope", "accepted", { actor: "pipeline", at })).rejects.toMatchObject(
      {
        code: "not_found",
      },
    );
  });

  it("loses a race cleanly: conflict, no audit event", async () => {
    const store = await seeded();
    await applyTransition(store, "t1", "accepted", { actor: "pipeline", at, patch: { verdict: "PASS" } });
    // Another reviewer moves it between our read and our write.
    const racing = new Proxy(store, {
      get(target, prop, recv) {
        if (prop === "getTranscript") {
          return async (id: string) => {
            const r = await target.getTranscript(id);
            await target.updateTranscript(id, "accepted", { status: "denied" });
            return r;
          };
        }
        return Reflect.get(target, prop, recv);
      },
    });
    await expect(
      applyTransition(racing, "t1", "approved", { actor: "reviewer:bob", at }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await store.getTranscript("t1"))!.status).toBe("denied");
    expect((await store.listAudit("t1")).map((e) => e.to)).toEqual(["accepted"]);
  });
});
