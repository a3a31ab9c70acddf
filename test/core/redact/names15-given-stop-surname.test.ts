/**
 * A given name that is also a stop word (a country, a month, a religion: Israel, Chad, Christian)
 * before one capitalised word that is neither in the name lexicon nor an English word: a family
 * name ("Israel Adesanya fights tonight" was published whole, the family name alone needing a
 * cue). A word of the English dictionary after it is a thing of the place, and stays ("Georgia
 * Tech", "Chad Basin", "Kenya Airways"), as do longer runs ("Israel Defense Forces", "India Pale
 * Ale"). A place's name after such a word is no name of the lexicon there ("Sierra Nevada" was
 * a person): it needs a cue, which may stand before the given name ("Dear Jordan Houston").
 */
import { describe, expect, it } from "vitest";
import { personSpans, personSpansPlain } from "../../../lambdas/core/redact/person";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("a given name that is also a stop word before a family name outside the lexicon", () => {
  it.each([
    ["Israel Adesanya fights tonight.", "Israel Adesanya"],
    ["Tonight Israel Adesanya's fight is on.", "Israel Adesanya"],
    ["Christian Pulisic scored twice.", "Christian Pulisic"],
    ["We watched Chad Kroeger sing.", "Chad Kroeger"],
    // A place's name after it (Houston) needs a cue, read before the given name.
    ["Dear Jordan Houston, thanks!", "Jordan Houston"],
    ["I met Jordan Houston at the office.", "Jordan Houston"],
  ])("%j", (text, name) => {
    expect(persons(text)).toEqual([`PERSON:${name}`]);
    expect(personSpans(text)).toEqual(personSpansPlain(text));
  });

  it.each([
    "Israel Defense Forces",
    "The Israel Defense Forces said so.",
    "We crossed the Jordan River.",
    "Georgia Tech won the game.",
    "I ordered an India Pale Ale.",
    "Oil was found in the Chad Basin.",
    "Kenya Airways cancelled the flight.",
    "The Georgia Aquarium opened late.",
    "The Sierra Madre is a mountain range.",
    "June Gloom is a weather pattern.",
    "Christian Science is a religion.",
    "The Sierra Nevada is a mountain range.",
    "A bottle of Sierra Nevada, please.",
  ])("keeps %j", (text) => {
    expect(persons(text)).toEqual([]);
  });
});
