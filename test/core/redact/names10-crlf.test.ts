/**
 * Windows line endings: a name alone on its line after a sign-off is taken whether the lines end
 * in LF, CR LF or a lone CR (per10 found the CR LF signature published).
 */
import { describe, expect, it } from "vitest";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("a signature's name on its own line", () => {
  const text = "Thanks for the help.\nBest,\nXylia Brandolini\nSent from my phone";
  it.each([
    ["LF", "\n"],
    ["CR LF", "\r\n"],
    ["CR", "\r"],
  ])("is found with %s line ends", (_name, eol) => {
    expect(persons(text.replace(/\n/g, eol))).toEqual(["PERSON:Xylia Brandolini"]);
  });
});
