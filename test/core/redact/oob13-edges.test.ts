/**
 * The redaction's hand-written scanners at the ends of a text: they never read a character before
 * its start or past its end (`charCodeAt` out of range gives NaN, which every test of it rejects,
 * but in optimised code such a read deoptimises the scanner, and V8 then calls charCodeAt out of
 * line there for every later text), and what they find there is unchanged.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { ALL_DETECTORS } from "../../../lambdas/core/redact/detect";
import { found, seededRandom } from "./helpers";
import { piecesTexts, readsOutside } from "../reads-outside";

const POLICY = {
  denyTerms: ["Project Bluefinch", "Kestrel-7"],
  allowTerms: ["GPT-4o"],
  internalDomains: ["corp.example.com"],
};
const CTX = { internalDomains: ["corp.example.com"] };

/** detect() with and without a policy, and every detector alone. */
function scanAll(t: string): void {
  detect(t);
  detect(t, { policy: POLICY });
  for (const d of ALL_DETECTORS) d.detect(t, CTX);
}

/** Texts that start or end where a scanner looks one character or more beyond its place. */
const EDGES = [
  "",
  "\n",
  "@", // an address's `@` that ends the text
  "jane@corp.com", // an address at the start (nothing before it) and at the end
  ")", // a closing bracket at the start ("at)" looked for)
  " )",
  "/", // a slash at the start and at the end (a profile's `com/`, `/@`)
  "1234", // a post code's candidate that ends the text
  "M5V 3L9",
  "1GB", // a year's candidate at the start
  "112.03.2001", // a dotted number at the start
  "A1B2-", // a token ended by a hyphen at the end
  "555,", // a separator of odd groups at the end
  "421,000\n[1012 AB",
  "The", // a capitalised word that ends the text
  "Jan",
  "Dr ", // a name's gap that ends the text
  "The  ",
  "`Dr de", // a particle that ends the text
  "Ω", // a capital outside ASCII at the end
  "Ω'",
  "To:", // a header's list that ends the text
  "C:\\Users\\\r\n ", // a last line of blanks
  "성명: García+Smith",
  "私の名前は", // an introduction with no name after it
  "私の名前は山田 ",
  "passport pwd=", // a quoted value's place at the end
  "p.o", // a cue's letters cut by the end ("p.o. box")
  "po",
  "@%de", // a percent escape cut by the end
  "%e2%82",
  "model: maria_garcia", // a handle's words at both ends of a field
  "tag: r1-jdoe",
];

afterEach(() => vi.restoreAllMocks());

describe("redaction scanners at the ends of a text", () => {
  it("read nothing before a text's start or past its end", () => {
    for (const t of EDGES)
      expect(
        readsOutside(() => scanAll(t)),
        JSON.stringify(t),
      ).toEqual([]);
  });

  it("read nothing outside random texts of edge pieces", () => {
    const pieces = [
      "\n",
      "\r\n",
      " ",
      "@",
      ")",
      "/",
      ":",
      ",",
      "-",
      "'",
      "=",
      "\\",
      "%",
      ".",
      "1",
      "1234",
      "2001",
      "SW1A",
      "The",
      "Dr",
      "de",
      "Maria",
      "Garcia",
      "Ω",
      "To:",
      "p.",
      "pwd",
      "jane",
      "corp.com",
      "私の名前は",
      "山田",
      "model: ",
      "maria_garcia",
    ];
    const texts = piecesTexts(pieces, 1500, 8, seededRandom(1313));
    expect(readsOutside(() => texts.forEach(scanAll))).toEqual([]);
  });

  it("still find what stands at the end of a text", () => {
    expect(found("write to jane@corp.com")).toEqual(["EMAIL:jane@corp.com"]);
    expect(found("Contact: Maria Garcia")).toEqual(["PERSON:Maria Garcia"]);
    expect(found("Regards,\nJohn Smith")).toEqual(["PERSON:John Smith"]);
    expect(found("Janet")).toEqual(["PERSON:Janet"]);
    expect(found("model: maria_garcia")).toEqual(["USER:maria_garcia"]);
    expect(found("model: r1-maria_garcia")).toEqual(["USER:maria_garcia"]);
    expect(found("born 12.03.1990")).toEqual(["DOB:12.03.1990"]);
    expect(found("ssn 078-05-1120")).toEqual(["SSN:078-05-1120"]);
    expect(found("私の名前は山田太郎")).toEqual(["PERSON:山田太郎"]);
  });
});
