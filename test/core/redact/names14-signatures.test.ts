/**
 * Signatures: a name written in capitals after a closing word is taken whatever its words, as a
 * capitalised one is (`Regards,\nXYLIA BRANDOLINI` was published: in capitals the lexicon had to
 * hold every word); a team's signature stays. A job title on its own line ("Senior Engineer" under
 * the name) is no name: "Senior" is a family name in the lexicon, and the title's other word
 * counted as a name-like word beside it.
 */
import { describe, expect, it } from "vitest";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("signatures", () => {
  it.each([
    ["Regards,\nXYLIA BRANDOLINI", ["PERSON:XYLIA BRANDOLINI"]],
    ["Best,\nQORVATH ZENDRIX\n", ["PERSON:QORVATH ZENDRIX"]],
    ["Thanks,\nJOHN SMITH", ["PERSON:JOHN SMITH"]],
  ])("takes a name in capitals after a closing word: %j", (text, want) => {
    expect(persons(text)).toEqual(want);
  });

  it.each([
    "Thanks,\nACME CORP",
    "Cheers,\nTHE DATA TEAM",
    "Thanks!\nNEW YORK OFFICE",
    "Best,\nGITHUB SUPPORT",
    "Best,\nMLOPS PLATFORM",
    "Best,\nQA LEADS",
    "Regards,\nRESEARCH COMMUNITY",
  ])("keeps a team's signature: %j", (text) => {
    expect(persons(text)).toEqual([]);
  });

  it("a job title under the name is not a name", () => {
    expect(persons("Thanks,\nJOHN SMITH\nSenior Engineer")).toEqual(["PERSON:JOHN SMITH"]);
    expect(persons("Thanks,\nMaria Lopez\nPrincipal Scientist")).toEqual(["PERSON:Maria Lopez"]);
    expect(persons("Hello\nSenior Engineer")).toEqual([]);
    // A family name "Senior" beside a name-like word is still a name.
    expect(persons("I met Senior Xylander.")).toEqual(["PERSON:Senior Xylander"]);
  });
});
