/**
 * The review's hand-written scanners at the ends of a text: what they find there, and that they
 * never read a character before its start or past its end (`charCodeAt` out of range gives NaN,
 * which compares false, but in optimised code it deoptimises the scanner, and V8 then calls
 * charCodeAt out of line at that place for every later text). Keys are built at run time.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { findFormatHits, findSplitKey, hasEmailAddress } from "../../../lambdas/core/review/formats";
import { findPeople } from "../../../lambdas/core/review/people";
import { B62, randomToken } from "./helpers";
import { piecesTexts, readsOutside } from "../reads-outside";

const aws = "AK" + "IA" + randomToken("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 15, 21) + "7";
const groups = (sep: string) => aws.match(/.{4}/g)!.join(sep);
const stripe = ["sk", "live", ""].join("_") + randomToken(B62, 15, 22) + "9";
const stripeRest = randomToken(B62, 14, 23);

const scanAll = (t: string) => [hasEmailAddress(t), findSplitKey(t), findFormatHits(t), findPeople(t)];

const EDGES = [
  "",
  "\n",
  "\r\n",
  " ",
  ")",
  " )",
  "t)",
  "] and",
  "jane @",
  "jane @ ",
  "jane@corp",
  "jane @ corp.com",
  "write to jane@corp.com",
  "\nRegards,\nJohn Smith",
  "Regards,",
  "  >",
  "Name:",
  "\n\nDear Ana,",
  "x AK" + "IA",
  groups(" ").slice(0, 18),
  "key " + groups(" "),
  "key " + groups("-") + "\n",
  stripe,
  stripe + " ",
  stripe + " " + stripeRest,
];

afterEach(() => vi.restoreAllMocks());

describe("review scanners at the ends of a text", () => {
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
      "\t",
      ">",
      "@",
      "@ ",
      "jane",
      "corp.com",
      ".",
      ")",
      "]",
      "}",
      "t",
      "T",
      "(at)",
      "AK" + "IA",
      "ABCD",
      "2345",
      "-",
      "\\n",
      ["sk", "live", ""].join("_"),
      "Regards,",
      "Thanks!",
      "Name:",
      "N:",
      "John",
    ];
    let seed = 77;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const texts = piecesTexts(pieces, 3000, 10, rnd);
    expect(readsOutside(() => texts.forEach(scanAll))).toEqual([]);
  });

  it("find a key or an address that ends the text, and nothing in a cut one", () => {
    expect(findSplitKey("key " + groups(" "))).toBe("AWS key id");
    expect(findSplitKey("key " + groups(" ").slice(0, -1))).toBeUndefined();
    expect(findSplitKey("key " + groups(" ") + "Q")).toBeUndefined();
    expect(findSplitKey(stripe + " " + stripeRest)).toBe("Stripe key");
    expect(findSplitKey(stripe + " ")).toBeUndefined();
    expect(findSplitKey(stripe)).toBeUndefined();
    expect(hasEmailAddress("write to jane @ corp.com")).toBe(true);
    expect(hasEmailAddress("write to jane @")).toBe(false);
    expect(hasEmailAddress("(at)")).toBe(false);
  });

  it("read a closing line at the start of a text, and a blank last line", () => {
    expect(findPeople("Regards,\nJohn Smith").length).toBeGreaterThan(0);
    expect(findPeople("\nRegards,\nJohn Smith")).toEqual(findPeople("Regards,\nJohn Smith"));
    expect(findPeople("Regards,\r\nJohn Smith\r\n  ")).toEqual(findPeople("Regards,\nJohn Smith"));
    expect(findPeople("  ")).toEqual([]);
  });
});
