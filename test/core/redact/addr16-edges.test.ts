/**
 * The hand-written tests of the small-letter street types (a number followed by "rue", a
 * capitalised word before a number with "via" before it) at the ends of a text: they read no
 * character outside it, and what stands at an end is still found.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { ADDRESS } from "../../../lambdas/core/redact/address";
import { seededRandom } from "./helpers";
import { piecesTexts, readsOutside } from "../reads-outside";

const CTX = { internalDomains: [] };

/** detect() and the address detector alone. */
function scan(t: string): void {
  detect(t);
  ADDRESS.detect(t, CTX);
}

const own = (text: string) => ADDRESS.detect(text, CTX).map((s) => text.slice(s.start, s.end));

const EDGES = [
  "8",
  "8 ",
  "8,",
  "8, ",
  "8 r",
  "8 rue",
  "8 rue ",
  "8 avenida",
  "\n8",
  "\n8 rue",
  "x\n8 rue des",
  " 8",
  " 8 bd",
  "via 1",
  " via 1",
  "Roma 1",
  "via Roma 1",
  "c/ Mayor 1",
  ",Roma 1",
  "\tRoma\t1",
  "rua Augusta, 1",
  "in via Roma 10,",
  "via della 1",
];

afterEach(() => vi.restoreAllMocks());

describe("small-letter street types at the ends of a text", () => {
  it("read nothing before a text's start or past its end", () => {
    for (const t of EDGES)
      expect(
        readsOutside(() => scan(t)),
        JSON.stringify(t),
      ).toEqual([]);
  });

  it("read nothing outside random texts of edge pieces", () => {
    const pieces = [
      "\n",
      " ",
      "\t",
      ",",
      "/",
      "'",
      ".",
      "1",
      "75011",
      "rue",
      "via",
      "in",
      "c/",
      "av.",
      "calle",
      "place",
      "de",
      "della",
      "d'",
      "Roma",
      "Lilas",
      "Ω",
    ];
    const texts = piecesTexts(pieces, 1500, 9, seededRandom(1616));
    expect(readsOutside(() => texts.forEach(scan))).toEqual([]);
  });

  it("still find an address that starts or ends the text", () => {
    expect(own("8 rue des Lilas")).toEqual(["8 rue des Lilas"]);
    expect(own("Lettre:\n8 rue des Lilas")).toEqual(["8 rue des Lilas"]);
    expect(own("calle Mayor 5")).toEqual(["calle Mayor 5"]);
    expect(own("rua Augusta, 1500")).toEqual(["rua Augusta, 1500"]);
  });
});
