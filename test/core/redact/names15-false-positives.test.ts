/**
 * Non-persons that were redacted as persons:
 * - a university that the lexicon holds as an ambiguous name, after "from"/"at"/"in", before a
 *   speech verb ("Dr. Chen from Stanford replied": the verb's subject is Dr. Chen);
 * - a run of such names alone ("a Carnegie Mellon PhD": a university, not a full name);
 * - "Per" as a preposition at a sentence's start ("Per Sarah's message" took "Per Sarah");
 * - a given name that is also a stop word before words that are a name only by their shape
 *   ("an India Pale Ale");
 * - a place named with a saint's or a fort's word before a given name ("Los Angeles", "San
 *   Bernardino", "Fort Worth"; golden texts had "⟦PERSON_2⟧\n\n⟦PERSON_3⟧\nUnited States").
 * The persons beside them stay redacted.
 */
import { describe, expect, it } from "vitest";
import { personSpans, personSpansPlain } from "../../../lambdas/core/redact/person";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("non-persons beside persons", () => {
  it.each([
    ["Dr. Chen from Stanford replied.", ["PERSON:Chen"]],
    ["A student from Stanford replied.", []],
    ["Chen from Stanford replied.", ["PERSON:Chen"]],
    ["The team at Harvard said no.", []],
    ["She is a Carnegie Mellon PhD.", []],
    ["She studied at Carnegie Mellon.", []],
    ["Per Sarah's message, we ship Friday.", ["PERSON:Sarah"]],
    ["Per Sarah, the launch moved.", ["PERSON:Sarah"]],
    ["I ordered an India Pale Ale.", []],
    ["India Pale Ale is a style of beer.", []],
    // Places named with a saint's or a fort's word before a given name of the lexicon.
    ["We flew to Los Angeles.", []],
    ["On Labor Day we returned to San Bernardino by helicopter.", []],
    ["San Francisco is foggy; Fort Worth is not.", []],
    ["Martin Karlsen\n\nLos Angeles\nUnited States", ["PERSON:Martin Karlsen"]],
  ])("%j", (text, want) => {
    expect(persons(text)).toEqual(want);
    expect(personSpans(text)).toEqual(personSpansPlain(text));
  });

  it.each([
    ["Stanford said he would come.", ["PERSON:Stanford"]],
    // (Cities alone after "from" may be a person's given name: still taken before a speech verb.)
    ["An email from Austin said the build failed.", ["PERSON:Austin"]],
    ["Andrew Carnegie and Andrew Mellon met.", ["PERSON:Andrew Carnegie", "PERSON:Andrew Mellon"]],
    ["Dear Austin, thanks!", ["PERSON:Austin"]],
    ["Sydney Sweeney starred in it.", ["PERSON:Sydney Sweeney"]],
    ["Per Gessle said hi.", ["PERSON:Per Gessle"]],
    ["Per Anders said hi.", ["PERSON:Per Anders"]],
    ["India Arie sang.", ["PERSON:India Arie"]],
    ["Dear San Kim, thanks!", ["PERSON:San Kim"]],
  ])("still redacts the person in %j", (text, want) => {
    expect(persons(text)).toEqual(want);
  });
});
