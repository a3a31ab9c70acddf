/**
 * A deny term a lab adds after publication reaches its encoded forms too: the publish re-screen
 * counts the review's `deny_term_encoded` like `deny_term`, and takes the transcript down.
 */
import { describe, expect, it } from "vitest";
import { ephemeralSigner } from "../../lambdas/adapters/signer-local";
import { publishSet } from "../../lambdas/service/publish";
import { addTranscript, setPolicy, world } from "./fixtures";

// A made-up codename, encoded at run time (not a secret).
const CODENAME = "Bluefinch";
const B64 = Buffer.from(`the ${CODENAME} plan`).toString("base64");
const HEX = Buffer.from(CODENAME).toString("hex");

describe("publish re-screen and encoded deny terms", () => {
  it.each([
    ["base64", `decode ${B64} first`],
    ["hex", `the bytes ${HEX} spell it`],
    ["reversed", `backwards it reads ${[...CODENAME].reverse().join("")} today`],
  ])("takes down a published transcript holding the new term in %s", async (_kind, reasoning) => {
    const w = world();
    w.deps.signer = ephemeralSigner();
    await addTranscript(w, "t01", { reasoning });
    await addTranscript(w, "t02", { reasoning: "plain arithmetic with no secrets at all" });
    await publishSet(w.deps);
    expect((await w.metadata.getTranscript("t01"))?.status).toBe("published");

    await setPolicy(w, "lab-a", { denyTerms: [CODENAME], autoPublish: true });
    const r = await publishSet(w.deps);
    expect(r.excluded.policy_withdrawn).toBe(1);
    const rec = await w.metadata.getTranscript("t01");
    expect(rec?.status).toBe("withdrawn");
    expect(rec?.reasons?.map((x) => x.code)).toContain("deny_term_encoded");
    expect((await w.metadata.getTranscript("t02"))?.status).toBe("published");
  });
});
