import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { CATEGORIES, DETECTORS, detect, Policy, redactTranscript } from "../../../lambdas/core/redact/index";
import { PLACEHOLDER_RE } from "../../../lambdas/core/placeholder";
import { Transcript } from "../../../lambdas/core/transcript/schema";

const KEY = "lab-key-for-tests";
const email = "jane.doe@example.org";
const secret = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

function transcript(): Transcript {
  return Transcript.parse({
    schema: "cotshare/transcript@1",
    id: "t1",
    model: { id: "falcon-9-preview", provider: "Mail jane.doe@example.org", family: "x" },
    inference: { provider: "own", serving: "vllm 0.9.1" },
    task: { id: "task-1", name: "Ask Margaret Thornton", dataset: "gsm8k" },
    tags: ["team jane.doe@example.org"],
    messages: [
      { role: "user", parts: [{ type: "text", text: `Mail ${email} about ⟦EMAIL_1⟧ and Project Falcon.` }] },
      {
        role: "assistant",
        parts: [
          { type: "reasoning", text: `The user ${email} wants it. Token ${secret}.` },
          {
            type: "tool_call",
            id: "c1",
            name: "send_mail",
            arguments: JSON.stringify({
              to: email,
              body: "hi",
              nested: { list: [email, 3, true, null] },
              [email]: 1,
            }),
          },
          { type: "tool_call", id: "c2", name: "raw", arguments: `not json, to ${email}` },
        ],
      },
      { role: "tool", name: "mailer", parts: [{ type: "tool_result", id: "c1", text: `sent to ${email}` }] },
    ],
    metadata: { owner: email, deep: { list: ["ok", { who: "Margaret Thornton" }] }, n: 4 },
  });
}

const policy = Policy.parse({ denyTerms: ["falcon"] }) as Policy;

describe("redactTranscript", () => {
  const r = redactTranscript(transcript(), { hmacKey: KEY, policy });
  const out = JSON.stringify(r.transcript);

  it("leaves no redacted value anywhere in the output", () => {
    expect(r.values.length).toBeGreaterThan(0);
    for (const v of r.values) expect(out).not.toContain(v);
    expect(out).not.toContain(email);
    expect(out).not.toContain(secret);
  });

  it("gives the same value the same placeholder everywhere, numbered per category", () => {
    const m = r.transcript.messages;
    const first = (m[0]!.parts[0] as { text: string }).text;
    expect(first).toContain("⟦EMAIL_1⟧");
    expect((m[1]!.parts[0] as { text: string }).text).toContain("⟦EMAIL_1⟧");
    expect((m[2]!.parts[0] as { text: string }).text).toBe("sent to ⟦EMAIL_1⟧");
    expect(r.transcript.model.provider).toBe("Mail ⟦EMAIL_1⟧");
    expect((m[1]!.parts[0] as { text: string }).text).toContain("⟦SECRET_1⟧");
  });

  it("neutralises placeholder brackets already in the input", () => {
    const first = (r.transcript.messages[0]!.parts[0] as { text: string }).text;
    expect(first).toContain("[EMAIL_1]");
    const real = [...first.matchAll(PLACEHOLDER_RE)].map((x) => x[0]);
    expect(real).toEqual(["⟦EMAIL_1⟧", "⟦TERM_1⟧"]);
  });

  it("keeps tool-call arguments valid JSON, redacting inside strings and keys", () => {
    const call = r.transcript.messages[1]!.parts[1] as { arguments: string; name: string };
    const args = JSON.parse(call.arguments);
    expect(args.to).toBe("⟦EMAIL_1⟧");
    expect(args.nested.list).toEqual(["⟦EMAIL_1⟧", 3, true, null]);
    expect(args["⟦EMAIL_1⟧"]).toBe(1);
    const raw = r.transcript.messages[1]!.parts[2] as { arguments: string };
    expect(raw.arguments).toBe("not json, to ⟦EMAIL_1⟧");
  });

  it("covers model, task, tags and metadata (recursively)", () => {
    expect(r.transcript.model.id).toBe("⟦TERM_1⟧-9-preview");
    expect(r.transcript.task?.name).toBe("Ask ⟦PERSON_1⟧");
    expect(r.transcript.tags).toEqual(["team ⟦EMAIL_1⟧"]);
    expect(r.transcript.metadata).toEqual({
      owner: "⟦EMAIL_1⟧",
      deep: { list: ["ok", { who: "⟦PERSON_1⟧" }] },
      n: 4,
    });
    expect(r.transcript.inference?.serving).toBe("vllm 0.9.1");
  });

  it("reports findings with paths and offsets in the redacted strings, and hashes, never values", () => {
    const f = r.report.findings.find((x) => x.path === "messages[1].parts[1].arguments.to");
    expect(f).toMatchObject({
      category: "EMAIL",
      detector: "email",
      start: 0,
      end: "⟦EMAIL_1⟧".length,
      placeholder: "⟦EMAIL_1⟧",
    });
    expect(f!.valueHash).toBe(createHmac("sha256", KEY).update(email).digest("hex"));
    for (const x of r.report.findings) {
      const at = x.path.split(/\.|\[/)[0];
      expect(at).toMatch(/^(messages|model|task|tags|metadata)$/);
    }
    expect(r.report.findings.some((x) => x.path === "metadata.deep.list[1].who")).toBe(true);
    expect(r.report.findings.some((x) => x.path === "model.id")).toBe(true);
    const report = JSON.stringify(r.report);
    for (const v of r.values) expect(report).not.toContain(v);
    expect(r.report.counts.EMAIL).toBeGreaterThanOrEqual(8);
    expect(r.report.placeholders).toBe(new Set(r.report.findings.map((x) => x.placeholder)).size);
  });

  it("the result is still a valid transcript", () => {
    expect(() => Transcript.parse(r.transcript)).not.toThrow();
  });

  it("does not modify its input", () => {
    const t = transcript();
    const before = JSON.stringify(t);
    redactTranscript(t, { hmacKey: KEY });
    expect(JSON.stringify(t)).toBe(before);
  });

  it("lets named detectors be switched off (second pass)", () => {
    const r2 = redactTranscript(transcript(), { hmacKey: KEY, disable: ["email"] });
    expect(JSON.stringify(r2.transcript)).toContain(email);
  });
});

describe("detect and the lists", () => {
  it("returns merged, sorted, non-overlapping spans", () => {
    const text =
      "x " + "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" + " y jane@example.org z 192.168.1.20";
    const spans = detect(text);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    expect(spans.map((s) => s.category)).toEqual(["SECRET", "EMAIL", "IP"]);
  });
  it("overlapping findings become one span of the stronger category", () => {
    // The URL password rule and the e-mail rule overlap on "p4ss@db.example.com".
    const text = "mysql://root:" + "Xy7pQ2zR" + "@db.example.com/app";
    const spans = detect(text);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.category).toBe("SECRET");
  });
  it("exposes detector and category names", () => {
    expect(DETECTORS).toContain("email");
    expect(DETECTORS).toContain("secretlint");
    expect(DETECTORS).toContain("deny-term");
    expect(CATEGORIES).toEqual(expect.arrayContaining(["SECRET", "EMAIL", "PERSON", "TERM", "HOST"]));
  });
});
