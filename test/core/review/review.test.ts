import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { B62, CLEAN, body, randomToken, text } from "./helpers";

const codes = (r: ReturnType<typeof review>) => r.reasons.map((x) => x.code);

describe("review: clean input", () => {
  it("passes ordinary reasoning with identifiers, hashes, UUIDs and paths", () => {
    const r = review({ body: body([text("What does this do?", "user"), text(CLEAN)]), values: [] });
    expect(r.reasons).toEqual([]);
    expect(r.verdict).toBe("PASS");
  });
  it("passes placeholders in every position", () => {
    const r = review({
      body: body([
        text("Mail ⟦EMAIL_1⟧ with token ⟦SECRET_1⟧; Authorization: Bearer ⟦SECRET_2⟧ password=⟦SECRET_3⟧"),
      ]),
      values: ["alice@example.org"],
      thresholds: { maxRedactionDensity: 1 },
    });
    expect(r.verdict).toBe("PASS");
  });
});

describe("review: survival", () => {
  const secret = "sk_" + randomToken(B62, 30);
  const email = "alice.smith@example.org";
  const cases: [string, string, string][] = [
    ["plain", `contact ${email} today`, email],
    ["case", `contact ${email.toUpperCase()} today`, email],
    ["compact", "call +1 (555) 010-9999 now", "+15550109999"],
    ["url", `https://x.test/?to=${encodeURIComponent(email)}`, email],
    ["json", JSON.stringify({ to: email }).replace("@", "\\u0040"), email],
    ["base64", `blob ${Buffer.from("user=" + email + ";").toString("base64")} end`, email],
    ["base64url", Buffer.from("xx" + secret).toString("base64url"), secret],
  ];
  for (const [name, out, value] of cases) {
    it(`blocks a value surviving in ${name} form`, () => {
      const r = review({ body: body([text(out)]), values: [value] });
      expect(codes(r)).toContain("survival");
      expect(r.verdict).toBe("BLOCK");
      // The reason never repeats the value.
      expect(JSON.stringify(r.reasons)).not.toContain(value);
    });
  }
  it("does not match a short name inside another word or in another case", () => {
    const r = review({ body: body([text("We may use the Annual report.")]), values: ["May", "Ann"] });
    expect(codes(r)).not.toContain("survival");
  });
  it("looks in tool-call arguments and metadata-like fields too", () => {
    const b = body([
      {
        role: "assistant",
        parts: [{ type: "tool_call", id: "call_1", name: "send", arguments: JSON.stringify({ to: email }) }],
      },
    ]);
    expect(codes(review({ body: b, values: [email] }))).toContain("survival");
    const b2 = body([text("hi")], { task: { name: `mail ${email}` } });
    const r2 = review({ body: b2, values: [email] });
    expect(r2.reasons.find((x) => x.code === "survival")?.path).toBe("task.name");
  });
});

describe("review: secret-shaped tokens", () => {
  it("blocks a residual random token", () => {
    const r = review({ body: body([text(`use ghp_${randomToken(B62, 36)} for the clone`)]) });
    expect(codes(r)).toContain("residual_secret");
    expect(r.verdict).toBe("BLOCK");
  });
  it("blocks an AWS-shaped key id", () => {
    const r = review({
      body: body([text("key AKIA" + randomToken("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 3))]),
    });
    expect(codes(r)).toContain("residual_secret");
  });
  it("ignores repeated characters (low entropy)", () => {
    const r = review({ body: body([text("ghp_" + "x".repeat(36))]) });
    expect(codes(r)).not.toContain("residual_secret");
  });
  it("does not scan identifier fields (tool-call ids are random by design)", () => {
    const b = body([
      {
        role: "assistant",
        parts: [{ type: "tool_call", id: "toolu_" + randomToken(B62, 24), name: "f", arguments: "{}" }],
      },
    ]);
    expect(codes(review({ body: b }))).not.toContain("residual_secret");
  });
  it("honours a configurable minimum length", () => {
    const tok = randomToken(B62, 24, 11);
    expect(codes(review({ body: body([text(tok)]) }))).toContain("residual_secret");
    expect(
      codes(
        review({ body: body([text(tok)]), thresholds: { secretMinLength: 30, secretMinSegmentLength: 30 } }),
      ),
    ).not.toContain("residual_secret");
  });
});

describe("review: keyword context", () => {
  it.each([
    ["password=hunter2!", "keyword_secret"],
    ['{"api_key": "abc123def"}', "keyword_secret"],
    ["DB_PASSWORD: s3cr3tValue", "keyword_secret"],
    ["the token is Zx9k2mQp", "keyword_secret"],
    ["Authorization: Bearer abc.def123.ghi", "bearer_token"],
    ["postgres://admin:pa55word@db.internal:5432/app", "url_credentials"],
    ["password: swordfish", "keyword_context"],
  ])("flags %s", (t, code) => {
    expect(codes(review({ body: body([text(t)]) }))).toContain(code);
  });
  it("blocks a PEM private key body", () => {
    const pem = "-----BEGIN RSA " + "PRIVATE KEY-----\n" + randomToken(B62, 64) + "\n";
    expect(codes(review({ body: body([text(pem)]) }))).toContain("private_key");
  });
  it.each([
    "the password is required",
    "password: ${DB_PASSWORD}",
    "token = process.env.GITHUB_TOKEN",
    "max_tokens: 4096",
    "api_key=<your-key>",
    "Authorization: Bearer ⟦SECRET_1⟧",
    "a basic understanding",
    "-----BEGIN PRIVATE KEY----- header only",
  ])("passes %s", (t) => {
    expect(review({ body: body([text(t)]), thresholds: { maxRedactionDensity: 1 } }).verdict).toBe("PASS");
  });
});

describe("review: deny terms", () => {
  const policy = { denyTerms: ["Blue Falcon", "Orion"], allowTerms: ["Orion Nebula"] };
  it.each([
    ["Project Blue Falcon ships soon", "deny_term"],
    ["blue-falcon rollout", "deny_term"],
    ["the BlueFalcon plan", "deny_term"],
    ["Вlue Fаlcon (Cyrillic look-alikes)", "deny_term"],
    ["B l u e F a l c o n", "deny_term"],
    ["Blue Fa1con", "deny_term"],
    ["Blue Falkon", "deny_term_near"],
    ["Bleu Falcon", "deny_term_near"],
    ["ORION launch", "deny_term"],
  ])("flags %s", (t, code) => {
    const r = review({ body: body([text(t)]), policy });
    expect(codes(r)).toContain(code);
    expect(JSON.stringify(r.reasons)).not.toMatch(/falcon|orion/i);
  });
  it.each(["a blue sky and a falcon later", "the Orion Nebula is visible", "Orinoco river", "oriole"])(
    "passes %s",
    (t) => {
      expect(review({ body: body([text(t)]), policy }).verdict).toBe("PASS");
    },
  );
});

describe("review: structure", () => {
  it("blocks unknown fields, at the top and inside", () => {
    const b = { ...body([text("hi")]), metadata: { user: "x" } } as unknown;
    const r = review({ body: b });
    expect(r.reasons).toContainEqual(expect.objectContaining({ code: "unlisted_field", path: "metadata" }));
    const b2 = body([text("hi")]);
    (b2.model as Record<string, unknown>).owner = "x";
    expect(review({ body: b2 }).reasons).toContainEqual(
      expect.objectContaining({ code: "unlisted_field", path: "model.owner" }),
    );
  });
  it("blocks opaque reasoning with text and asks a human about opaque reasoning", () => {
    const withText = body([
      { role: "assistant", parts: [{ type: "reasoning", text: "hidden", summary: false, opaque: true }] },
    ]);
    expect(codes(review({ body: withText }))).toContain("opaque_text");
    const opaque = body([
      { role: "assistant", parts: [{ type: "reasoning", text: "", summary: false, opaque: true }] },
      text("answer"),
    ]);
    const r = review({ body: opaque });
    expect(codes(r)).toEqual(["opaque_reasoning"]);
    expect(r.verdict).toBe("NEEDS_HUMAN");
  });
});

describe("review: thresholds", () => {
  it("asks a human when redaction density is high, configurable", () => {
    const t = "Send ⟦EMAIL_1⟧ and ⟦EMAIL_2⟧ to ⟦PERSON_1⟧ today please";
    const r = review({ body: body([text(t)]) });
    expect(codes(r)).toEqual(["redaction_density"]);
    expect(r.verdict).toBe("NEEDS_HUMAN");
    expect(review({ body: body([text(t)]), thresholds: { maxRedactionDensity: 0.5 } }).verdict).toBe("PASS");
  });
  it("asks a human when legibility drops too much", () => {
    const b = body([text("plain words here")]);
    expect(codes(review({ body: b, legibility: { raw: 90, redacted: 70 } }))).toEqual(["legibility_drop"]);
    expect(review({ body: b, legibility: { raw: 90, redacted: 85 } }).verdict).toBe("PASS");
    expect(
      review({ body: b, legibility: { raw: 90, redacted: 70 }, thresholds: { maxLegibilityDrop: 25 } })
        .verdict,
    ).toBe("PASS");
  });
  it("BLOCK outranks NEEDS_HUMAN and the list is capped", () => {
    const many = Array.from({ length: 10 }, (_, i) => text(`password=Abc${i}defg1`));
    const r = review({
      body: body(many),
      legibility: { raw: 90, redacted: 10 },
      thresholds: { maxReasons: 3 },
    });
    expect(r.verdict).toBe("BLOCK");
    expect(r.reasons).toHaveLength(3);
    expect(r.total).toBe(11);
  });
});

describe("review: density without placeholders", () => {
  it("is 0, and a negative threshold still reports it with the word count (roles and part types count)", () => {
    const b = body([text("three plain words"), text("and two")]);
    expect(review({ body: b }).density).toBe(0);
    const r = review({ body: b, thresholds: { maxRedactionDensity: -1 } });
    const d = r.reasons.find((x) => x.code === "redaction_density");
    expect(d?.message).toMatch(/^0 placeholders in 9 words /);
    expect(review({ body: body([text("   ")]), thresholds: { maxRedactionDensity: -1 } }).density).toBe(0);
  });
});
