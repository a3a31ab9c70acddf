import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { processBytes, processTranscript, type AcceptedOutcome } from "../../lambdas/core/pipeline";
import { PublishedTranscript } from "../../lambdas/core/transcript/published";
import { SCHEMA_ID, Transcript } from "../../lambdas/core/transcript/schema";
import { B62, randomToken } from "./review/helpers";

const FORMATS = join(import.meta.dirname, "..", "fixtures", "formats");
const enc = (s: string) => new TextEncoder().encode(s);
const opts = { lab: "acme", hmacKey: "test-key" };

// Planted at run time so no scanner flags the repository.
const EMAIL = "dana.whitfield" + "@" + "example-corp.com";
const TOKEN = "ghp_" + randomToken(B62, 36, 99);

function transcript(reasoning: string, extra: Record<string, unknown> = {}): Transcript {
  return Transcript.parse({
    schema: SCHEMA_ID,
    id: "lab-own-id-7",
    model: { id: "example-reasoner-1" },
    messages: [
      { role: "user", parts: [{ type: "text", text: "Please help me fix the deployment script." }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", text: reasoning },
          { type: "text", text: "I will look at the script and fix the failing step." },
        ],
      },
    ],
    ...extra,
  });
}

const accepted = (o: ReturnType<typeof processTranscript>): AcceptedOutcome => {
  if (o.status !== "accepted") throw new Error(`rejected: ${o.code}`);
  return o;
};

describe("pipeline", () => {
  it("reads every fixture format into valid published forms", () => {
    for (const f of [
      "native.jsonl",
      "openai-chat.json",
      "openai-responses.json",
      "anthropic.jsonl",
      "inspect.json",
      "think.jsonl",
    ]) {
      const out = processBytes(f, readFileSync(join(FORMATS, f)), opts);
      expect(out.length, f).toBeGreaterThan(0);
      for (const o of out) {
        expect(o.status, `${f}: ${o.status === "rejected" ? o.code : ""}`).toBe("accepted");
        const a = o as AcceptedOutcome;
        expect(PublishedTranscript.safeParse(a.published).success).toBe(true);
        expect(a.published.lab).toBe("acme");
        expect(a.published.review.verdict).toBe(a.verdict);
        expect(a.published.legibility.score).toBe(a.legibility);
        expect(a.id).toMatch(/^t-[0-9a-f]{24}$/);
      }
    }
  });

  it("redacts, reviews and drops unlisted fields; the lab comes from the caller", () => {
    const t = transcript(`The maintainer is ${EMAIL}; the script uses the token ${TOKEN} to clone.`, {
      lab: "someone-else",
      metadata: { owner: EMAIL, internal: "x" },
      publishable: true,
    });
    const o = accepted(processTranscript("a.json", t, opts));
    const json = JSON.stringify(o.published);
    expect(json).not.toContain(EMAIL);
    expect(json).not.toContain(TOKEN);
    expect(json).not.toContain("lab-own-id-7");
    expect(o.published.lab).toBe("acme");
    expect(Object.keys(o.published)).not.toContain("metadata");
    expect(Object.keys(o.published)).not.toContain("publishable");
    // Metadata is never published, so it is not redacted or counted either.
    expect(o.redactions.EMAIL).toBe(1);
    expect(o.redactions.SECRET).toBe(1);
    expect(o.findings.length).toBe(2);
    expect(json).not.toContain(o.findings[0]!.valueHash);
  });

  it("carries the transcript's own consent flag to the record, not to the published form", () => {
    expect(
      accepted(processTranscript("a.json", transcript("Fine.", { publishable: false }), opts)).publishable,
    ).toBe(false);
    expect(
      accepted(processTranscript("a.json", transcript("Fine.", { publishable: true }), opts)).publishable,
    ).toBe(true);
    expect("publishable" in accepted(processTranscript("a.json", transcript("Fine."), opts))).toBe(false);
  });

  it("gives stable ids: same key and input, same id; another key, another id", () => {
    const t = transcript("Plain reasoning about the script.");
    const a = processTranscript("a.json", t, opts);
    expect(processTranscript("a.json", t, opts).id).toBe(a.id);
    expect(processTranscript("b.json", t, opts).id).not.toBe(a.id);
    expect(processTranscript("a.json", t, { ...opts, hmacKey: "other" }).id).not.toBe(a.id);
  });

  it("rejects broken input with stable codes and ids, keeping the good lines", () => {
    const good = readFileSync(join(FORMATS, "native.jsonl"), "utf8").split("\n").filter(Boolean)[0]!;
    const out = processBytes("mixed.jsonl", enc(`${good}\n{not json\n${good}\n`), opts);
    expect(out.map((o) => o.status)).toEqual(["accepted", "rejected", "accepted"]);
    const r = out[1]!;
    expect(r).toMatchObject({ status: "rejected", line: 2, code: "invalid_json" });
    expect(r.id).toMatch(/^r-[0-9a-f]{24}$/);
    expect(processBytes("mixed.jsonl", enc(`${good}\n{not json\n${good}\n`), opts)[1]!.id).toBe(r.id);
    expect(out[0]!.id).not.toBe(out[2]!.id);
    expect(processBytes("x.json", enc("[1, 2"), opts)[0]).toMatchObject({
      status: "rejected",
      code: "invalid_json",
    });
    expect(processBytes("x.json", enc("{}"), opts)[0]).toMatchObject({
      status: "rejected",
      code: "unknown_format",
    });
  });

  it("refuses an invalid lab id", () => {
    expect(() => processBytes("a.json", enc("{}"), { ...opts, lab: "Bad Lab" })).toThrow(/lab id/);
  });

  it("asks a human for opaque reasoning and publishes it without text", () => {
    const t = Transcript.parse({
      schema: SCHEMA_ID,
      id: "x",
      model: { id: "m" },
      messages: [
        { role: "user", parts: [{ type: "text", text: "Hello there, how are you?" }] },
        {
          role: "assistant",
          parts: [
            { type: "reasoning", text: "", opaque: true },
            { type: "text", text: "I am fine, thank you for asking." },
          ],
        },
      ],
    });
    const o = accepted(processTranscript("o.json", t, opts));
    expect(o.verdict).toBe("NEEDS_HUMAN");
    expect(o.reasons.map((r) => r.code)).toContain("opaque_reasoning");
    expect(o.published.messages[1]!.parts[0]).toEqual({
      type: "reasoning",
      text: "",
      summary: false,
      opaque: true,
    });
  });
});

describe("pipeline: the review catches what a switched-off first-pass detector lets through", () => {
  it("a VCS token with the token detectors off → residual_secret, BLOCK", () => {
    const t = transcript(`Clone with ${TOKEN} then run the build.`);
    const on = accepted(processTranscript("a.json", t, opts));
    expect(JSON.stringify(on.published)).not.toContain(TOKEN);
    expect(on.reasons.map((r) => r.code)).not.toContain("residual_secret");
    const off = accepted(
      processTranscript("a.json", t, {
        ...opts,
        disable: ["vcs-token", "secretlint", "entropy-token", "keyword-secret"],
      }),
    );
    expect(JSON.stringify(off.published)).toContain(TOKEN);
    expect(off.verdict).toBe("BLOCK");
    expect(off.reasons.map((r) => r.code)).toContain("residual_secret");
  });

  it("a password after a keyword with the keyword detectors off → keyword rule, BLOCK", () => {
    const pw = "Tr0ub4dor" + "-and-3";
    const t = transcript(`The config says password=${pw} so the login step works.`);
    const off = accepted(
      processTranscript("a.json", t, {
        ...opts,
        disable: ["keyword-secret", "secretlint", "entropy-token", "conn-password"],
      }),
    );
    expect(JSON.stringify(off.published)).toContain(pw);
    expect(off.verdict).toBe("BLOCK");
    expect(off.reasons.map((r) => r.code)).toContain("keyword_secret");
  });

  it("a deny term with the deny-term detector off → deny_term, BLOCK", () => {
    const policy = { denyTerms: ["Blue Falcon"], allowTerms: [], internalDomains: [] };
    const t = transcript("This is for project Blue-Falcon, the new launch.");
    const on = accepted(processTranscript("a.json", t, { ...opts, policy }));
    expect(JSON.stringify(on.published)).not.toMatch(/falcon/i);
    const off = accepted(processTranscript("a.json", t, { ...opts, policy, disable: ["deny-term"] }));
    expect(off.verdict).toBe("BLOCK");
    expect(off.reasons.map((r) => r.code)).toContain("deny_term");
  });

  it("an email redacted in one place but missed in base64 elsewhere → survival, BLOCK", () => {
    const b64 = Buffer.from(`to=${EMAIL}&x=1`).toString("base64");
    const t = transcript(`Mail ${EMAIL} about it. The payload was ${b64} in the log.`);
    // With the entropy detectors on, the first pass redacts the base64 blob as a whole.
    const o = accepted(processTranscript("a.json", t, { ...opts, disable: ["entropy-token", "secretlint"] }));
    expect(o.redactions.EMAIL).toBe(1);
    expect(o.reasons.map((r) => r.code)).toContain("survival");
    expect(o.verdict).toBe("BLOCK");
  });
});
