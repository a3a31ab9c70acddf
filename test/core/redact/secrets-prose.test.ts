import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { found } from "./helpers";

// Passwords given in ordinary wording, a few words after the keyword: the value only is
// redacted. Values are built at run time (no credential-shaped literal in the repo).
const pw = "Qx7" + "rT2mw9";
const pw2 = "hunter" + "2";
const pw3 = "Qx7rT" + "2mw";

describe("keyword-secret: a credential a few words after its keyword", () => {
  const cases: [string, string][] = [
    [`I set the password to ${pw}`, pw],
    [`the root password is now ${pw2}`, pw2],
    [`the password for admin: ${pw2}`, pw2],
    [`The password of the staging database is ${pw3}.`, pw3],
    [`the password was changed to ${pw} yesterday`, pw],
    [`the new passphrase will be '${pw}'`, pw],
    [`Our API key for prod is now ${"Zq8xW3vK9pL2" + "mN7bR4tY6hJ1"}`, "Zq8xW3vK9pL2" + "mN7bR4tY6hJ1"],
    [`the password for the server is:\n  ${pw}`, pw],
  ];
  it.each(cases)("%j", (text, value) => {
    expect(found(text)).toEqual([`SECRET:${value}`]);
  });

  it.each([
    "the password is not stored",
    "the token count is 42",
    "a secret of success is 3 things",
    "the secret to success is hard work",
    "I set the password to something secure",
    "the token limit was 4096 tokens",
    "Passwords must be at least 8 characters long",
    "the next token is 'Hello2'",
    "the password field is empty. Then x = 5a7",
    "the API key is stored in the environment",
    "Passing the token to the next layer is 2x faster",
    // An identifier of a credential is not the credential (an AWS key id is public; with the
    // key-id rule switched off, as secretlint's fixture does, nothing else may take it).
    "the token name is Deploy2026Bot",
  ])("leaves prose alone: %j", (text) => {
    expect(found(text)).toEqual([]);
  });

  it("an access key id is not taken as the key (secretlint's fixture with the key-id rule off)", () => {
    const text = "This is AWS Access Key ID: " + "AKIA" + "IOSFODNN7SECRETS\n";
    expect(detect(text, { disable: ["aws-key-id"] })).toEqual([]);
    expect(detect(text).map((s) => s.detector)).toEqual(["aws-key-id"]);
  });
});
