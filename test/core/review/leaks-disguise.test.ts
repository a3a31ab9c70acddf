/**
 * Leaks a red team found published with PASS, each written in a disguise: percent-encoded, as a
 * JSON number in a tool call, with invisible characters inside, in look-alike capitals, or with
 * lower-case letters glued on. The review alone must not PASS them (the redaction is not run).
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { numberKind } from "../../../lambdas/core/review/numbers";
import { percentDecoded, withoutInvisible } from "../../../lambdas/core/review/readings";
import { body, CLEAN, randomToken, text } from "./helpers";

const codes = (r: ReturnType<typeof review>) => r.reasons.map((x) => x.code);
const policy = { denyTerms: ["Project Bluefinch", "Kestrel-7", "Nightjar"] };
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function toolCall(args: string, id = "call_1") {
  return body([
    { role: "assistant", parts: [{ type: "tool_call", id, name: "charge", arguments: args }] },
    { role: "tool", parts: [{ type: "tool_result", id, text: "done" }] },
  ]);
}

/** A number with a valid Luhn check digit after `prefix` (built at run time). */
function luhnNumber(prefix: string, length: number, seed: number): string {
  const s = prefix + randomToken("0123456789", length - prefix.length - 1, seed);
  for (let c = 0; c < 10; c++) {
    const t = s + c;
    let sum = 0;
    for (let i = 0; i < t.length; i++) {
      let d = Number(t[t.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return t;
  }
  throw new Error("unreachable");
}

describe("review: percent-encoded text is read decoded too", () => {
  it.each([
    "Searching: https://docs.example.org/login?next=%2Fwiki%2Fnightjar%2Froadmap",
    "Redirect: https://sso.example.org/auth?state=q%3DNightjar",
    "Link: https://sso.example.org/cb?return=%2FProject%20Bluefinch%2Fplan",
    "Link: https://sso.example.org/cb?return=%2Fmodels%2FKestrel-7%2Fcard",
    "double: https://x.example.org/?r=%252Fwiki%252FNightjar%252F",
  ])("%s → deny_term (BLOCK)", (t) => {
    const r = review({ body: body([text(t)]), policy });
    expect(codes(r)).toContain("deny_term");
    expect(r.verdict).toBe("BLOCK");
    expect(r.reasons.find((x) => x.code === "deny_term")?.path).toBe("messages[0].parts[0].text");
  });
  it("finds an e-mail address written with %40 in an identifier", () => {
    const id = "call_" + "jane.doe" + "%40" + "acme-corp.com";
    const r = review({ body: toolCall("{}", id) });
    expect(codes(r)).toContain("residual_email");
    expect(r.verdict).toBe("BLOCK");
  });
  it("finds a keyword hit behind %3D", () => {
    const r = review({ body: body([text("GET /login?password%3D" + "Zq7" + "!kP2" + "vX9w")]) });
    expect(r.verdict).not.toBe("PASS");
  });
  it("leaves ordinary escapes and per cent signs alone", () => {
    for (const t of [
      "https://en.wikipedia.org/wiki/Caf%C3%A9_racer?x=a%20b%2Fc and 12% more, 100%",
      "the search was q%3Dweather%20in%20Paris",
    ])
      expect(review({ body: body([text(t)]), policy }).verdict, t).toBe("PASS");
    expect(percentDecoded("a %2Fb%2F")).toBe("a /b/");
    expect(percentDecoded("%E2%80%8B and %ZZ")).toBe("\u200b and %ZZ");
    expect(percentDecoded("%FF%2F")).toBe("\u00ff/");
    expect(percentDecoded("no escape, 50%")).toBeUndefined();
  });
});

describe("review: personal numbers written as JSON numbers in tool calls", () => {
  it("blocks a Luhn-valid card number (residual_card)", () => {
    const card = luhnNumber("4539", 16, 3);
    const r = review({ body: toolCall(`{"card_number": ${card}, "amount": 12}`) });
    expect(codes(r)).toContain("residual_card");
    expect(r.verdict).toBe("BLOCK");
    expect(r.reasons[0]!.path).toBe("messages[0].parts[0].arguments");
    expect(JSON.stringify(r.reasons)).not.toContain(card);
  });
  it("asks a human about a phone number or an SSN (residual_number)", () => {
    for (const args of [
      '{"phone":' + "1415555" + "0123}",
      '{"ssn": ' + "219" + "65" + "4321" + "}",
      "[4155550123]",
    ]) {
      const r = review({ body: toolCall(args) });
      expect(codes(r), args).toEqual(["residual_number"]);
      expect(r.verdict).toBe("NEEDS_HUMAN");
    }
  });
  it("reads a tool result in JSON the same way", () => {
    const card = luhnNumber("5412", 16, 9);
    const b = body([
      { role: "tool", parts: [{ type: "tool_result", id: "call_1", text: `{"card":${card}}` }] },
    ]);
    expect(review({ body: b }).verdict).toBe("BLOCK");
  });
  it("passes ordinary numbers: timestamps, ids, amounts, a card number failing Luhn", () => {
    const card = luhnNumber("4539", 16, 3);
    const bad = card.slice(0, 15) + String((Number(card[15]) + 1) % 10);
    for (const args of [
      '{"ts": 1700000000, "ms": 1700000000123, "id": 123, "amount": 1999.99}',
      `{"n": ${bad}}`,
      '{"lat":52.520008,"lon":13.404954}',
      '{"id": 987654321}', // 9xx: no SSN
      '{"big": 12345678901234567890123}',
    ])
      expect(review({ body: toolCall(args) }).verdict, args).toBe("PASS");
    // Digits in prose are the first pass's: only a JSON value's place is read.
    expect(review({ body: body([text(`card ${card} ok`)]) }).verdict).toBe("PASS");
    expect(numberKind("0123456789")).toBeUndefined();
  });
});

describe("review: invisible characters inside a secret", () => {
  const key = "AKIA" + randomToken(B32, 16, 5);
  it.each([
    ["zero-width space", "\u200b"],
    ["zero-width non-joiner", "\u200c"],
    ["zero-width joiner", "\u200d"],
    ["word joiner", "\u2060"],
    ["BOM", "\ufeff"],
    ["soft hyphen", "\u00ad"],
    ["left-to-right mark", "\u200e"],
    ["right-to-left mark", "\u200f"],
    ["combining grapheme joiner", "\u034f"],
    ["Mongolian vowel separator", "\u180e"],
    ["first strong isolate", "\u2068"],
    ["no-break space", "\u00a0"],
    ["hair space", "\u200a"],
  ])("an AWS key id with a %s inside → residual_secret (BLOCK)", (_, ch) => {
    const t = `Use ${key.slice(0, 12)}${ch}${key.slice(12)} in the config.`;
    const r = review({ body: body([text(t)]) });
    expect(codes(r)).toContain("residual_secret");
    expect(r.verdict).toBe("BLOCK");
  });
  it("a lower-cased AWS key id is secret-shaped (not a provider format: AWS issues upper case)", () => {
    const r = review({ body: body([text(`Use ${key.toLowerCase()} in the config.`)]) });
    expect(r.verdict).toBe("BLOCK");
  });
  it("keeps prose with no-break spaces and soft hyphens PASS", () => {
    const t = "The 10\u00a0km run, a hy\u00adphen\u00adated word, \u200bzero width and " + CLEAN;
    expect(review({ body: body([text(t)]) }).verdict).toBe("PASS");
    expect(withoutInvisible("a\u00a0b c\u00a0 d\u200b")).toBe("ab c\u00a0 d");
    expect(withoutInvisible("plain")).toBeUndefined();
  });
});

describe("review: look-alike capitals in an all-caps deny term", () => {
  it.each([
    "Status of \u039dIG\u0397TJAR: training is finished.", // Greek Nu, Eta
    "Status of \u039dIGHTJAR: done.",
    "Status of PROJECT \u13f4LUEFI\u039dC\u0397: it is finished.", // Cherokee Be, Greek Nu, Eta
    "\u039aESTREL-7 is out", // Greek Kappa
    "NIGHTJ\u13aaR and more", // Cherokee A
  ])("%s → deny_term (BLOCK)", (t) => {
    const r = review({ body: body([text(t)]), policy });
    expect(codes(r)).toContain("deny_term");
    expect(r.verdict).toBe("BLOCK");
  });
  it("reads Latin small capitals as their letters", () => {
    expect(codes(review({ body: body([text("the \u0274ightjar run")]), policy }))).toContain("deny_term");
  });
  it("leaves Greek prose PASS", () => {
    expect(review({ body: body([text("Η ΝΙΚΗ ΤΟΥ ΟΜΗΡΟΥ και η νύχτα.")]), policy }).verdict).toBe("PASS");
  });
});

describe("review: a deny term glued to lower-case letters is worth a human's look", () => {
  it.each([
    "The nightjarv2 checkpoint",
    "the nightjarxl weights",
    "nightjarmodel is ready",
    "see xlnightjar",
  ])("%s → deny_term_near (NEEDS_HUMAN)", (t) => {
    const r = review({ body: body([text(t)]), policy });
    expect(codes(r)).toEqual(["deny_term_near"]);
    expect(r.verdict).toBe("NEEDS_HUMAN");
    // (`nightjarv2` is also one letter from the term: a near miss either way.)
    if (!t.includes("v2")) expect(r.reasons[0]!.message).toContain("start or end of a longer word");
  });
  it("not inside a word, not for a short term, not for an allow term", () => {
    expect(review({ body: body([text("xnightjarx")]), policy }).verdict).toBe("PASS");
    expect(
      review({ body: body([text("the hawkish nighthawk")]), policy: { denyTerms: ["Hawk"] } }).verdict,
    ).toBe("PASS");
    const p = { denyTerms: ["Orion"], allowTerms: ["Orionids"] };
    expect(review({ body: body([text("the Orionids shower")]), policy: p }).verdict).toBe("PASS");
    expect(codes(review({ body: body([text("the Orionid shower")]), policy: p }))).toEqual([
      "deny_term_near",
    ]);
  });
});

describe("review: an e-mail address anywhere in the published text", () => {
  const email = "jane.doe" + "@" + "acme-corp.com";
  it.each([
    ["in the reasoning", `I will write to ${email} later.`],
    [
      "percent-encoded in a URL",
      "call https://mail.example.org/unsub?e=" + "jane.doe" + "%40" + "acme-corp.com now",
    ],
    ["with a zero-width space beside the @", "write to jane.doe\u200b@acme-corp.com"],
  ])("%s → residual_email (BLOCK)", (_, t) => {
    const r = review({ body: body([text(t)]) });
    expect(codes(r)).toContain("residual_email");
    expect(r.verdict).toBe("BLOCK");
    expect(JSON.stringify(r.reasons)).not.toContain("jane");
  });
  it("in tool-call arguments", () => {
    expect(codes(review({ body: toolCall(JSON.stringify({ to: email })) }))).toContain("residual_email");
  });
  it("not a placeholder, a documentation address, a package or a decorator", () => {
    for (const t of [
      "I will write to \u27e6EMAIL_1\u27e7 later. " + CLEAN,
      "e.g. someone@example.com, ops@mail.example.org, a@b.test, x@host.invalid",
      "npm i react@18.2.0 @types/node@20 and @Component decorators, fetch@v2",
    ])
      expect(review({ body: body([text(t)]) }).verdict, t).toBe("PASS");
  });
});

describe("review: e-mail addresses and terms behind character references and written-out escapes", () => {
  it.each([
    ["an HTML reference", "contact jane.doe&#64;acme-corp.com"],
    ["a hex reference", "contact jane.doe&#x40;acme-corp.com"],
    ["a named reference", "contact jane.doe&commat;acme-corp&period;com"],
    ["a JSON escape", '{"email": "jane.doe\\u0040acme-corp.com"}'],
    ["a full-width at sign", "mail jane.doe\uff20acme-corp.com"],
    ["an address in another script", "mail to j\u00fcrgen.schmidt@b\u00fccher-beispiel.de please"],
  ])("%s → residual_email (BLOCK)", (_, t) => {
    const r = review({ body: body([text(t)]) });
    expect(codes(r)).toContain("residual_email");
    expect(r.verdict).toBe("BLOCK");
  });
  it("a deny term spelt with an escape → deny_term", () => {
    const r = review({ body: toolCall('{"q":"Night\\u006Aar"}'), policy });
    expect(codes(r)).toContain("deny_term");
  });
  it("leaves ordinary references and escapes alone", () => {
    const t = 'if (a &amp;&amp; b) print("\\u00e9t\\u00e9 \\x41") &lt;ok&gt; ' + CLEAN;
    expect(review({ body: body([text(t)]), policy }).verdict).toBe("PASS");
  });
});

describe("review: a Greek capital whose small letter reads as another Latin letter", () => {
  it("reads it by its word: Ηightjar (capital of ηightjar) is the term; so is ΝIGΗTJAR", () => {
    for (const t of ["The \u0397ightjar checkpoint", "The \u039dIG\u0397TJAR checkpoint"])
      expect(codes(review({ body: body([text(t)]), policy })), t).toContain("deny_term");
  });
});

describe("review: hosts under the lab's internal domains", () => {
  const p = { ...policy, internalDomains: ["corp.example.com"] };
  it.each([
    ["plain", "open wiki.corp.example.com/page"],
    ["spaced", "open wiki . corp . example . com"],
    ["full width", "open wiki.\uff43\uff4f\uff52\uff50.example.com"],
    ["a Cyrillic o", "open wiki.c\u043erp.example.com"],
    ["a zero-width space", "open wiki.corp\u200b.example.com"],
    ["percent-encoded", "u=https%3A%2F%2Fwiki%2Ecorp%2Eexample%2Ecom%2Fx"],
  ])("%s → internal_host (NEEDS_HUMAN)", (_, t) => {
    const r = review({ body: body([text(t)]), policy: p });
    expect(codes(r)).toContain("internal_host");
    expect(r.verdict).not.toBe("PASS");
    expect(r.reasons.find((x) => x.code === "internal_host")!.message).toContain("internal domain #1");
  });
  it("not other hosts, and not without the policy's domains", () => {
    expect(
      review({ body: body([text("open docs.example.com and corp.example.org")]), policy: p }).verdict,
    ).toBe("PASS");
    expect(review({ body: body([text("open wiki.corp.example.com/page")]), policy }).verdict).toBe("PASS");
  });
});

describe("readings: the quick search for hidden units", () => {
  it("finds every default-ignorable code point and thin space (so the reading is taken)", () => {
    const di = /^(?:\p{Default_Ignorable_Code_Point}|[\u00a0\u2000-\u200a\u202f\u205f])$/u;
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      if (!di.test(ch)) continue;
      const t = "AKIA" + ch + "B";
      expect(withoutInvisible(t), c.toString(16)).toBeDefined();
    }
  });
});

describe("review: a text found clean without internal domains is checked again with them", () => {
  it("does not answer from the memo of a policy with the same deny terms but no domains", () => {
    const t = "open wiki.corp.example.com/page";
    expect(review({ body: body([text(t)]), policy }).verdict).toBe("PASS");
    const p = { ...policy, internalDomains: ["corp.example.com"] };
    expect(codes(review({ body: body([text(t)]), policy: p }))).toContain("internal_host");
  });
});

describe("review: a card number in its groups, whatever the separator", () => {
  const card = luhnNumber("4539", 16, 11);
  const g = [card.slice(0, 4), card.slice(4, 8), card.slice(8, 12), card.slice(12)];
  it.each([
    ["dots", g.join(".")],
    ["slashes", g.join("/")],
    ["mixed", `${g[0]}-${g[1]} ${g[2]}-${g[3]}`],
    ["zero-width spaces", g.join("\u200b")],
    ["spaces", g.join(" ")],
  ])("%s → residual_card (BLOCK)", (_, c) => {
    const r = review({ body: body([text(`Card ${c} will be charged, exp 12/28.`)]) });
    expect(codes(r)).toContain("residual_card");
    expect(r.verdict).toBe("BLOCK");
  });
  it("an Amex in 4-6-5", () => {
    const a = luhnNumber("37", 15, 4);
    const t = `card ${a.slice(0, 4)}.${a.slice(4, 10)}.${a.slice(10)}`;
    expect(codes(review({ body: body([text(t)]) }))).toContain("residual_card");
  });
  it("not other grouped numbers: failing Luhn, no issuer, dates, addresses, versions", () => {
    const bad = g.slice(0, 3).join(".") + "." + g[3]!.slice(0, 3) + String((Number(g[3]![3]) + 1) % 10);
    for (const t of [
      `ref ${bad}`,
      "ids 1234 5678 9012 3456 and 0000-0000-0000-0000",
      "on 2024-01-15 at 10.0.0.1, v1.2.3.4, 192.168.100.200 and 1999/2000/2001/2002",
    ])
      expect(review({ body: body([text(t)]) }).verdict, t).toBe("PASS");
  });
});
