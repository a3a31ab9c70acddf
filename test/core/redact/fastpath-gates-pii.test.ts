/**
 * Cheaper gates in front of whole-text patterns, against the gates they replaced: the home-path
 * rule asks for a slash or backslash before looking for "home"/"Users", and the link shape of
 * personal context asks for "://" instead of "http".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HOME_PATH } from "../../../lambdas/core/redact/pii";
import { personalShape } from "../../../lambdas/core/redact/person";

const HOME_RE =
  /(?:\/home\/|\/Users\/|\/export\/home\/|[A-Za-z]:\\{1,2}(?:Users|Documents and Settings)\\{1,2})([^\s/\\:*?"<>|'`]{1,64})/g;
const pieces = [
  "/home/",
  "/Users/",
  "home",
  "Users",
  "/export",
  "C:\\",
  "\\",
  "/",
  "alice",
  "bob ",
  "Documents and Settings",
  "http",
  "://",
  "https://x.org",
  "www.",
  "http:",
  " ",
  "é",
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((a) => a.join(""));

describe("cheaper gates", () => {
  // (The gate also asks for "Documents and Settings" since 23e5e99: a text without any of the three
  // words holds no home path; the random texts hold such paths without "home" or "Users" too.)
  it("home-path: the same spans as with the gate on 'home'/'Users'/'Documents and Settings' alone", () => {
    fc.assert(
      fc.property(text, (t) => {
        const got = HOME_PATH.detect(t, { internalDomains: [] });
        if (!(t.includes("home") || t.includes("Users") || t.includes("Documents and Settings")))
          expect(got).toEqual([]);
        else
          expect(got.length).toBe(
            [...t.matchAll(HOME_RE)].filter((m) => !["ubuntu", "user"].includes(m[1]!.toLowerCase())).length,
          );
      }),
      { numRuns: 5000 },
    );
  });

  it("a link needs '://' or 'www.': personal context asks the shape only then", () => {
    fc.assert(
      fc.property(text, (t) => {
        if (/https?:\/\/|www\./u.test(t)) expect(personalShape(t)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
