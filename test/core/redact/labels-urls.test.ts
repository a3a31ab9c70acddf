import { describe, expect, it } from "vitest";
import { found } from "./helpers";

const bearer = "Zq8xW3vK9pL2" + "mN7bR4tY6hJ1";
const pw = "s3cret" + "Pw";

describe("an HTTP header named at a line start is no person", () => {
  it.each([
    `Header Authorization: Bearer ${bearer}`,
    `Request Headers\nAuthorization: Bearer ${bearer}`,
    `Proxy Authorization: Bearer ${bearer}`,
  ])("%j", (text) => {
    expect(found(text)).toEqual([`SECRET:${bearer}`]);
  });
  it("(a dialogue label is still a name)", () => {
    expect(found("Margaret Thornton: the header is wrong")).toEqual(["PERSON:Margaret Thornton"]);
  });
});

describe("a URL with credentials", () => {
  // secretlint reports a connection string whole (its fixtures expect the whole URL, and the
  // bench judges by them): the redaction ends with the URL, not with the sentence's full stop.
  it.each([
    [
      `postgres://admin:${pw}@db.example.com:5432/app.`,
      `postgres://admin:${pw}@db.example.com:5432/app`,
      ".",
    ],
    [`see (mysql://root:${pw}@localhost/db), then`, `mysql://root:${pw}@localhost/db`, "), then"],
  ])("%j", (text, value, after) => {
    expect(found(text)).toEqual([`SECRET:${value}`]);
    expect(text.endsWith(value + after)).toBe(true);
  });
  it("where only the password is taken, the host is not an e-mail; an e-mail still is one", () => {
    expect(found(`ftp://u:${pw}@files.example.org/x`)).toEqual([`SECRET:${pw}`]);
    expect(found("write to jane@example.org: ok")).toEqual(["EMAIL:jane@example.org"]);
    // (a password too short for url-password is still covered, with the host, as before)
    expect(found("ftp://u:pw@files.example.org/x")).toEqual(["EMAIL:pw@files.example.org"]);
  });
});
