/**
 * The published form names the review's checks, not the lab's policy (red-team pass, session six):
 * a bird word problem ("nightjars") is near the codename "Nightjar", a human approves it, and the
 * public copy must not say "deny term #3, distance 1" at a path — that points at the codename and
 * links every transcript near the same term. The outcome (for the lab and the reviewers) keeps the
 * full reasons.
 */
import { describe, expect, it } from "vitest";
import { processBytes, type AcceptedOutcome } from "../../lambdas/core/pipeline";
import { PUBLIC_MESSAGE, publicReasons } from "../../lambdas/core/review/public";
import { REASON_SEVERITY } from "../../lambdas/core/review/reasons";

const enc = new TextEncoder();
const POLICY = {
  denyTerms: ["Project Bluefinch", "Kestrel-7", "Nightjar"],
  allowTerms: [],
  internalDomains: ["corp.example.com"],
};

function run(reasoning: string): AcceptedOutcome {
  const bytes = enc.encode(
    JSON.stringify({
      schema: "cotshare/transcript@1",
      id: "t-birds",
      model: { id: "m" },
      messages: [
        { role: "user", parts: [{ type: "text", text: "A birding puzzle." }] },
        { role: "assistant", parts: [{ type: "reasoning", text: reasoning }] },
      ],
    }),
  );
  const out = processBytes("birds.json", bytes, { lab: "acme", hmacKey: "k", policy: POLICY });
  expect(out[0]!.status).toBe("accepted");
  return out[0] as AcceptedOutcome;
}

describe("published review reasons", () => {
  it("a near deny term: the outcome says which term and where, the published copy does not", () => {
    const o = run("There are 14 nightjars and 6 more arrive, so 20 nightjars in all.");
    expect(o.verdict).toBe("NEEDS_HUMAN");
    const near = o.reasons.find((r) => r.code === "deny_term_near");
    // The reviewers' copy is specific (the index of the term and where it is).
    expect(near?.message).toMatch(/#3/);
    expect(near?.path).toMatch(/^messages\[1\]/);
    const pub = o.published.review.reasons;
    expect(pub.map((r) => r.code)).toEqual(["deny_term_near"]);
    expect(pub[0]!.message).toBe(PUBLIC_MESSAGE.deny_term_near);
    expect(pub[0]!.path).toBeUndefined();
    const json = JSON.stringify(o.published.review);
    expect(json).not.toMatch(/#\d|distance|messages\[/);
  });

  it("each code once, most severe first as the review ordered them, with a fixed sentence", () => {
    const got = publicReasons([
      {
        code: "deny_term_near",
        message: "near deny term #2 (distance 1)",
        path: "messages[0].parts[0].text",
      },
      { code: "internal_host", message: "internal domain #1", path: "messages[1].parts[0].text" },
      {
        code: "deny_term_near",
        message: "near deny term #1 (distance 2)",
        path: "messages[2].parts[0].text",
      },
      { code: "redaction_density", message: "9 placeholders in 20 words (45.0% > 10.0%)" },
    ]);
    expect(got).toEqual([
      { code: "deny_term_near", message: PUBLIC_MESSAGE.deny_term_near },
      { code: "internal_host", message: PUBLIC_MESSAGE.internal_host },
      { code: "redaction_density", message: PUBLIC_MESSAGE.redaction_density },
    ]);
    expect(publicReasons([])).toEqual([]);
  });

  it("every reason code has a public sentence without digits", () => {
    for (const code of Object.keys(REASON_SEVERITY)) {
      const m = (PUBLIC_MESSAGE as Record<string, string>)[code];
      expect(m, code).toBeTruthy();
      expect(m).not.toMatch(/\d/);
    }
  });
});
