/**
 * A publish run that takes transcripts down (the re-screen against a lab's current policy)
 * rewrites older sets in place; their files are cached at the CDN as immutable, so the publish
 * handler must invalidate them as it does after a withdrawal.
 */
import { describe, expect, it } from "vitest";
import { ephemeralSigner } from "../../lambdas/adapters/signer-local";
import { createPublishHandler } from "../../lambdas/handlers/publish";
import type { CdnInvalidator } from "../../lambdas/ports";
import type { PublishResult } from "../../lambdas/service/publish";
import { addTranscript, setPolicy, world } from "./fixtures";

describe("publish handler and the CDN (pub6)", () => {
  it("invalidates the sets a publish run revised, and nothing when it revised none", async () => {
    const w = world();
    const deps = { ...w.deps, signer: ephemeralSigner() };
    const calls: string[][] = [];
    const cdn: CdnInvalidator = { invalidate: async (paths) => void calls.push([...paths]) };
    const fn = createPublishHandler(() => ({ deps, cdn }));
    await addTranscript(w, "t01", { reasoning: "the Bluefinch plan, step one" });
    await addTranscript(w, "t02");
    const first = (await fn({ action: "publish", actor: "admin:x" })) as PublishResult;
    expect(calls).toEqual([]);

    await setPolicy(w, "lab-a", { denyTerms: ["Bluefinch"] });
    const second = (await fn({ action: "publish", actor: "admin:x" })) as PublishResult;
    expect(second.excluded.policy_withdrawn).toBe(1);
    expect(second.revised).toEqual([first.setId]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain(`/sets/${first.setId}/*`);

    await fn({ action: "publish", actor: "admin:x" });
    expect(calls).toHaveLength(1);
  });

  it("fails the invocation when that invalidation fails (the takedown itself stays done)", async () => {
    const w = world();
    const cdn: CdnInvalidator = {
      invalidate: async () => {
        throw new Error("throttled");
      },
    };
    const fn = createPublishHandler(() => ({ deps: w.deps, cdn }));
    await addTranscript(w, "t01", { reasoning: "the Bluefinch plan, step one" });
    await fn({ action: "publish" });
    await setPolicy(w, "lab-a", { denyTerms: ["Bluefinch"] });
    await expect(fn({ action: "publish" })).rejects.toMatchObject({ code: "invalidation_failed" });
    expect((await w.metadata.getTranscript("t01"))?.status).toBe("withdrawn");
  });
});
