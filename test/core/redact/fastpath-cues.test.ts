/**
 * The shortcuts of the speed work on person.ts, secrets.ts and secretlint.ts keep each rule's
 * answer: the shared keyword scan of the secret rules (keyword-secret's anchors, the
 * conn-password and auth-header gates), the character prefilters of the name scan, and the
 * secretlint handlers made once. Secret-shaped values are built at run time.
 */
import { describe, expect, it } from "vitest";
import { personSpans } from "../../../lambdas/core/redact/person";
import { secretlintSpans } from "../../../lambdas/core/redact/secretlint";
import { ADDRESS_WORDS, addressCues, SECRET_DETECTORS, titleCue } from "../../../lambdas/core/redact/secrets";

const rule = (name: string) => (text: string) =>
  SECRET_DETECTORS.filter((d) => d.name === name)
    .flatMap((d) => d.detect(text, { internalDomains: [] }))
    .map((s) => text.slice(s.start, s.end));

const value = ["Qz7", "vK2", "m9W", "x4R"].join("");

describe("shared cue scan of the secret rules", () => {
  const conn = rule("conn-password");
  const auth = rule("auth-header");
  const keyword = rule("keyword-secret");

  it("finds the conn-password cues in any case", () => {
    expect(conn(`Server=db;${"Pass" + "word"}=${value};`)).toEqual([value]);
    expect(conn(`server=db;${"PWD"}=${value};`)).toEqual([value]);
    expect(conn(`CREATE USER x ${"IDENTIFIED"} BY '${value}'`)).toEqual([value]);
    expect(conn(`no cue here: ${value}`)).toEqual([]);
  });

  it("sees a cue that follows an otp keyword", () => {
    expect(conn(`otp=1; ${"pass" + "word"}=${value};`)).toEqual([value]);
    expect(conn(`otpassword and then pwd = ${value};`)).toEqual([value]);
  });

  it("finds the auth-header cues in any case", () => {
    expect(auth(`${"Author" + "ization"}: Bearer ${value}${value}`)).toEqual([`${value}${value}`]);
    expect(auth(`curl -H "${"BEARER"} ${value}${value}"`)).toEqual([`${value}${value}`]);
    expect(auth(`basic ${value}${value}`)).toEqual([`${value}${value}`]);
    expect(auth(`the author said ${value}`)).toEqual([]);
  });

  it("finds the cli-credential cues, case-sensitive as the rule's own", () => {
    const cli = rule("cli-credential");
    expect(cli(`curl -u admin:${value} https://example.org`)).toEqual([value]);
    expect(cli(`curl --user admin:${value}`)).toEqual([value]);
    expect(cli(`curl --oauth2-bearer ${value}${value}`)).toEqual([`${value}${value}`]);
    expect(cli(`CURL -U ADMIN:${value}`)).toEqual([]);
  });

  it("keeps keyword anchors that start inside a non-keyword cue word", () => {
    // "cred" starts inside "basic" ("basicred…"): still an anchor of keyword-secret.
    expect(keyword(`basicredential = ${value}!`)).toEqual([`${value}!`]);
    expect(keyword(`identifiedsecret: ${value}#1`)).toEqual([`${value}#1`]);
  });

  it("answers the same when the same text is asked twice and after another text", () => {
    const t = `db ${"pass" + "word"} = ${value}`;
    expect(conn(t)).toEqual(conn(t));
    expect(conn("nothing")).toEqual([]);
    expect(keyword(t)).toEqual([value]);
  });
});

describe("address and title cues from the shared scan", () => {
  const globalScan = (t: string) => [...t.matchAll(new RegExp(ADDRESS_WORDS, "gu"))].map((m) => m.index);

  it("equal a global scan of the address cue words, inside keywords and overlaps included", () => {
    const texts = [
      "Address: 12 Main Street, then ADDRESS and address",
      "pasSuite 5 and tokenAddress and keyApt 3", // cue words starting inside a keyword
      "passPSC 12, credAPO AE 12345, otpSent to, authAddress, secretSuite",
      "is onis on, offoff at, Office is at 5, send a new one to 5",
      "P.O. Box 5 and PO Box 6, sigis on, mrSuite, identifiedis on, basicApt",
      "she lives at 4 Elm Road; the meeting is on Monday; sent to corner of 5th",
    ];
    for (const t of texts)
      for (const v of [t, t.toLowerCase(), t.toUpperCase()]) expect(addressCues(v)).toEqual(globalScan(v));
  });

  it("says whether a title or 'name' starts a word", () => {
    expect(titleCue("ask dr. smith")).toBe(true);
    expect(titleCue("MY NAME IS x")).toBe(true);
    expect(titleCue("hundred items, rename, adrift")).toBe(false);
    expect(titleCue("credr")).toBe(false);
  });
});

describe("name scan prefilters", () => {
  const names = (t: string) => personSpans(t).map((s) => t.slice(s.start, s.end));

  it("skips all-capital words and single capitals, finds names beside them", () => {
    expect(names("GSM8K and I met Katelyn Smith at NASA.")).toEqual(["Katelyn Smith"]);
  });

  it("still reads cues before a name, with punctuation and in any case", () => {
    expect(names("Ask about it, said Jon: nothing.")).toContain("Jon");
    expect(names("Contact: Mr. Aldous, then THANKS Aldous")).toContain("Aldous");
    expect(names("my ex-boss Renske called")).toContain("Renske");
  });

  it("still reads cues after a name", () => {
    expect(names("Then Marit said nothing. Then Wait said nothing.")).toContain("Marit");
  });

  it("keeps list neighbours of a found name", () => {
    expect(names("Dear Eklund, Michael and Hodge")).toEqual(
      expect.arrayContaining(["Eklund", "Michael", "Hodge"]),
    );
  });
});

describe("secretlint handlers made once", () => {
  it("reports each string's own findings only", () => {
    const key = "AKIA" + "Q3EGRZ7XKP5LM2VN";
    const withKey = secretlintSpans(`aws_access_key_id = ${key} and more text for the gate`);
    const without = secretlintSpans(`plain text with a long_token_like_word_1234567890 inside`);
    const again = secretlintSpans(`aws_access_key_id = ${key} and more text for the gate`);
    expect(again).toEqual(withKey);
    expect(without).toEqual([]);
  });
});
