import { describe, expect, it } from "vitest";
import { detect, redactTranscript, sensitiveNumber } from "../../../lambdas/core/redact/index";
import { luhn } from "../../../lambdas/core/redact/pii";
import { foldTerm } from "../../../lambdas/core/redact/fold";
import { percentView, visibleView } from "../../../lambdas/core/redact/views";
import { Transcript } from "../../../lambdas/core/transcript/schema";

// Values written so that a detector reading the text as written misses them (red team, session
// five): percent-encoded, cut by invisible characters, with other card separators, as JSON
// numbers in tool-call arguments, with look-alike capitals, with a version suffix.
const policy = {
  denyTerms: ["Project Bluefinch", "Kestrel-7", "Nightjar"],
  allowTerms: [],
  internalDomains: ["corp.example.com"],
};

function found(text: string): string[] {
  return detect(text, { policy }).map((s) => `${s.category}:${text.slice(s.start, s.end)}`);
}

/** Whether every character of `value` (first occurrence in `text`) is inside a span. */
function covered(text: string, value: string): boolean {
  const at = text.indexOf(value);
  if (at < 0) throw new Error("value not in text");
  const spans = detect(text, { policy });
  for (let i = at; i < at + value.length; i++)
    if (!spans.some((s) => s.start <= i && i < s.end)) return false;
  return true;
}

/** A Luhn-valid 16-digit number starting with `prefix` (15 digits). */
function card(prefix: string): string {
  for (let c = 0; c < 10; c++) if (luhn(prefix + c)) return prefix + c;
  throw new Error("unreachable");
}

const awsId = () => "AK" + "IA" + "Q7R2T9W4" + "X3Z8K6M5";
const ghp = () => "gh" + "p_" + "Zq8xW3vK9pL2mN7bR4tY6hJ1cF5gD0sAa1B2";
const stripe = () => "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dcXy";

describe("percent-encoded text", () => {
  it("finds deny terms inside escapes (a %2F or %3D before the term is no glued letter)", () => {
    expect(found("see https://w.io/login?next=%2Fwiki%2Fnightjar%2Froadmap ok")).toEqual(["TERM:nightjar"]);
    expect(found("?state=q%3DNightjar&x=1")).toEqual(["TERM:Nightjar"]);
    expect(found("?return=%2FProject%20Bluefinch%2Fplan")).toEqual(["TERM:Project%20Bluefinch"]);
    expect(found("GET %2Fmodels%2FKestrel-7%2Fcard")).toEqual(["TERM:Kestrel-7"]);
    expect(found("GET %2Fmodels%2FKestrel%2D7%2Fcard")).toEqual(["TERM:Kestrel%2D7"]);
  });

  it("finds e-mails and internal hosts written with escapes, covering whole escapes", () => {
    const mail = "local" + "%40" + "domain.com";
    expect(found(`mailto:${mail}?subject=hi`)).toEqual([`EMAIL:${mail}`]);
    expect(found("next=https%3A%2F%2Fwiki%2Ecorp%2Eexample%2Ecom%2Fpage")).toEqual([
      "HOST:wiki%2Ecorp%2Eexample%2Ecom",
    ]);
    expect(found("u=%77iki.corp.example.com")).toEqual(["HOST:%77iki.corp.example.com"]);
  });

  it("leaves ordinary escapes and percentages alone", () => {
    expect(found("100%25 done, 50%2F50 split, q=hello%20world, 20% off")).toEqual([]);
    expect(found("a path %2Fhome%2Fshared%2Fdata and %E2%82%AC5")).toEqual([]);
  });

  it("maps a view's code units back to whole escapes (UTF-8 sequences too)", () => {
    const v = percentView("a%2Fb%E2%82%ACc%ZZ");
    expect(v.text).toBe("a/b€c%ZZ");
    expect(v.starts[1]).toBe(1);
    expect(v.ends[1]).toBe(4);
    expect([v.starts[3], v.ends[3]]).toEqual([5, 14]);
    expect(v.text.length).toBe(v.starts.length);
  });
});

describe("invisible characters inside secrets and e-mails", () => {
  const invisible: Record<string, string> = {
    zwsp: "\u200b",
    shy: "\u00ad",
    zwj: "\u200d",
    zwnj: "\u200c",
    wj: "\u2060",
    bom: "\ufeff",
    lrm: "\u200e",
    nbsp: "\u00a0",
    cgj: "\u034f",
    mvs: "\u180e",
    hair: "\u200a",
    fsi: "\u2068",
  };
  for (const [name, z] of Object.entries(invisible)) {
    it(`finds an AWS key id, a GitHub token and a Stripe key with ${name} inside`, () => {
      for (const key of [awsId(), ghp(), stripe()]) {
        const cut = key.slice(0, 12) + z + key.slice(12);
        const text = `the value is ${cut} in the env file`;
        expect(covered(text, cut), `${name} ${key.slice(0, 4)}`).toBe(true);
      }
    });
  }

  it("finds an e-mail with a zero-width space beside the @", () => {
    const mail = "jane.roe" + "\u200b@\u200b" + "example.org";
    expect(found(`write to ${mail} today`)).toEqual([`EMAIL:${mail}`]);
  });

  it("finds an internal host cut by a zero-width space", () => {
    expect(found("open wiki.corp\u200b.example.com now")).toEqual(["HOST:wiki.corp\u200b.example.com"]);
  });

  it("does not glue words across no-break spaces into secrets or names", () => {
    expect(found("le mot de passe\u00a0: voir la page\u00a0; merci\u00a0!")).toEqual([]);
    expect(found("ab\u200bcd and 10\u00a0000\u00a0000 euros")).toEqual([]);
  });

  it("removes the invisible characters only, with offsets", () => {
    const v = visibleView("a\u200bb\u00adc");
    expect(v.text).toBe("abc");
    expect(v.starts).toEqual([0, 2, 4]);
  });
});

describe("card numbers with other separators", () => {
  const n = card("453201511283036");
  const g = n.match(/.{4}/g)!;
  it("finds 16 Luhn-valid digits grouped by dots, slashes, mixed separators or ZWSP", () => {
    for (const written of [g.join("."), g.join("/"), `${g[0]}-${g[1]} ${g[2]}-${g[3]}`, g.join("\u200b")])
      expect(found(`card ${written} exp 12/29`)).toEqual([`CARD:${written}`]);
    const mc = card("222300000000000").match(/.{4}/g)!.join("/");
    expect(found(`pay with ${mc}`)).toEqual([`CARD:${mc}`]);
  });

  it("leaves dates, versions, IPs, decimals and runs of years", () => {
    const years = "2023/2024/2025/2026";
    expect(luhn(years.replace(/\//g, "")) || true).toBe(true);
    expect(found(`seasons ${years}, v1.2.3.4, 2024.01.15, 3.1415926535897932, 1234.5678`)).toEqual([]);
    // Luhn-invalid grouped digits are no card
    const bad = n.slice(0, 15) + ((Number(n[15]) + 1) % 10);
    expect(found(`ref ${bad.match(/.{4}/g)!.join(".")}`)).toEqual([]);
    // a Luhn-valid dotted number that no 16-digit network issues (starts with 1)
    const one = card("100000000000001").match(/.{4}/g)!.join(".");
    expect(found(`build ${one}`)).toEqual([]);
  });
});

describe("numbers in tool-call arguments", () => {
  function run(args: string) {
    const t = Transcript.parse({
      schema: "cotshare/transcript@1",
      id: "t1",
      model: { id: "m" },
      messages: [
        { role: "user", parts: [{ type: "text", text: "Pay the order." }] },
        { role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "pay", arguments: args }] },
      ],
    });
    const r = redactTranscript(t, { hmacKey: "k", policy });
    return (r.transcript.messages[1]!.parts[0] as { arguments: string }).arguments;
  }

  it("redacts a card, a phone and an SSN written as JSON numbers", () => {
    const n = card("453201511283036");
    const phone = 1415555 * 10000 + 2671;
    const ssn = 219 * 1000000 + 9 * 100000 + 4 * 10000 + 4321;
    const out = run(`{"card_number": ${n}, "phone": ${phone}, "ssn": ${ssn}, "nested": {"cards": [${n}]}}`);
    expect(out).not.toContain(n);
    expect(out).not.toContain(String(phone));
    expect(out).not.toContain(String(ssn));
    expect(JSON.parse(out)).toEqual({
      card_number: "\u27e6CARD_1\u27e7",
      phone: "\u27e6PHONE_1\u27e7",
      ssn: "\u27e6SSN_1\u27e7",
      nested: { cards: ["\u27e6CARD_1\u27e7"] },
    });
    // a card under any key
    expect(JSON.parse(run(`{"value": ${n}}`))).toEqual({ value: "\u27e6CARD_1\u27e7" });
  });

  it("keeps ordinary numbers as numbers", () => {
    const args = {
      count: 3,
      price: 1299.99,
      id: 123456789,
      user_id: 4155552671,
      order: 987654321012,
      ts: 1732934400,
      ts_ms: 1732934400123,
      ts_us: 1732934400123456,
      lat: 48.8566,
      lon: -122.4194,
      ok: true,
      amount: 4532.015112830366,
    };
    expect(JSON.parse(run(JSON.stringify(args)))).toEqual(args);
  });

  it("judges a number by its digits and the key it stands under", () => {
    expect(sensitiveNumber(4155552671, "phone")).toBe("PHONE");
    expect(sensitiveNumber(4155552671, "id")).toBeUndefined();
    expect(sensitiveNumber(219094321, "SSN")).toBe("SSN");
    expect(sensitiveNumber(666094321, "ssn")).toBeUndefined();
    expect(sensitiveNumber(219094321, "count")).toBeUndefined();
  });
});

describe("look-alike capitals and letters in deny terms", () => {
  it("folds Greek, Cyrillic and Cherokee capitals to their Latin look-alike before lower-casing", () => {
    expect(foldTerm("ΝIGΗTJAR")).toBe("nightjar");
    expect(foldTerm("PROJECT ᏴLUEFIΝCΗ")).toBe("projectbluefinch");
    expect(found("the ΝIGΗTJAR run")).toEqual(["TERM:ΝIGΗTJAR"]);
    expect(found("and PROJECT ᏴLUEFIΝCΗ too")).toEqual(["TERM:PROJECT ᏴLUEFIΝCΗ"]);
    expect(found("ɴightjar, nightjɑr, nightjaɾ, ΚESTREL-7")).toHaveLength(4);
  });

  it("keeps Greek small letters as they read (ν is v) and leaves П, И and digits", () => {
    expect(foldTerm("ν")).toBe("v");
    expect(found("Иightjar and ПIGHTJAR and N1ghtjar")).toEqual([]);
  });
});

describe("deny term with a version suffix", () => {
  it("finds term + v + digits, not other glued letters", () => {
    expect(found("nightjarv2 and NightjarV3.1 here")).toEqual(["TERM:nightjar", "TERM:Nightjar"]);
    expect(found("nightjarxl nightjarmodel nightjarv2x nightjarvv2")).toEqual([]);
  });
});

describe("AWS key ids without a digit", () => {
  it("pass the secret gate and are found, whole or cut by an invisible character", () => {
    const id = "AK" + "IA" + "VQFFFSJQ" + "ZXSCGYSH";
    expect(found(`the value is ${id} in the env file`)).toEqual([`SECRET:${id}`]);
    const cut = id.slice(0, 12) + "\u200b" + id.slice(12);
    expect(found(`the value is ${cut} in the env file`)).toEqual([`SECRET:${cut}`]);
    expect(found("internationalization and INTERNATIONALIZATION are words")).toEqual([]);
  });
});

describe("Latin letters with a stroke or a hook", () => {
  it("fold to their base letter", () => {
    expect(found("the Ɲightjar, Nighŧjar, Niᶃhtjar, Nightjaг and Ƙestrel-7 runs")).toEqual([
      "TERM:Ɲightjar",
      "TERM:Nighŧjar",
      "TERM:Niᶃhtjar",
      "TERM:Nightjaг",
      "TERM:Ƙestrel-7",
    ]);
  });
});

describe("numbers cut by invisible characters", () => {
  it("finds phones and IBANs with a zero-width space between their groups", () => {
    const phone = "555-\u200b867-5309";
    expect(found(`phone ${phone} today`)).toEqual([`PHONE:${phone}`]);
    const iban = ["DE89", "3704", "0044", "0532", "0130", "00"].join("\u200b");
    expect(found(`IBAN ${iban} please`)).toEqual([`IBAN:${iban}`]);
    expect(
      found("we had 10\u202f000\u202f000 visits, 1\u202f234\u202f567 rows, x\u202f=\u202f1234567"),
    ).toEqual([]);
  });
});

describe("deny terms after an escape written out", () => {
  it("the letter of \\n or \\t before a term is no glued letter", () => {
    expect(found('{"msg": "status ok\\nnightjar resumed\\tkestrel-7 idle\\r\\nNightjar"}')).toEqual([
      "TERM:nightjar",
      "TERM:kestrel-7",
      "TERM:Nightjar",
    ]);
    expect(found("the snightjar and tnightjar are other words")).toEqual([]);
  });
});
