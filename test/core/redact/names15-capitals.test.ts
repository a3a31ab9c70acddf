/**
 * A name written in capitals in prose, where the words around it name a recipient: after a
 * shipping verb ("Ship it to JOHN SMITH", "deliver to", "send to"), after a recipient label
 * ("SEND TO: MARIA GONZALEZ", "ATTN: JOHN SMITH"), or right before a street address ("JOHN SMITH,
 * 12 Baker St"). Capitals were read only in header lines and signatures, so these were published.
 * The lexicon decides, as in a header: every word a name of it, one of them a clear given or
 * family name, none a stop word or a team's.
 */
import { describe, expect, it } from "vitest";
import { personSpans, personSpansPlain } from "../../../lambdas/core/redact/person";
import { found } from "./helpers";

const persons = (text: string) => found(text).filter((f) => f.startsWith("PERSON:"));

describe("a name in capitals where a recipient is named", () => {
  it.each([
    ["Ship it to JOHN SMITH, 12 Baker St, London.", "JOHN SMITH"],
    ["Please deliver to MARIA GONZALEZ tomorrow.", "MARIA GONZALEZ"],
    ["send it to JOHN SMITH please", "JOHN SMITH"],
    ["SEND TO: MARIA GONZALEZ", "MARIA GONZALEZ"],
    ["ATTN: JOHN SMITH", "JOHN SMITH"],
    ["Package for Acme Corp, Attn: MARIA GONZALEZ, 2nd floor", "MARIA GONZALEZ"],
    ["Ship to: DAVID MILLER\nWarehouse 4", "DAVID MILLER"],
    ["The label reads JOHN SMITH, 12 Baker St, London.", "JOHN SMITH"],
    ["JOHN SMITH\n221 Baker Street\nLondon", "JOHN SMITH"],
  ])("redacts the name in %j", (text, name) => {
    expect(persons(text)).toContain(`PERSON:${name}`);
    // The scan's shortcuts find what its plain form finds.
    expect(personSpans(text)).toEqual(personSpansPlain(text));
  });

  it.each([
    "Ship it to THE WAREHOUSE, 12 Baker St.",
    "SEND TO: SALES TEAM",
    "ATTN: ALL STAFF",
    "Send to AWS S3 when done.",
    "Deliver to NEW YORK OFFICE by Friday.",
    "Ship it to ACME CORP, 12 Baker St, London.",
    "The output is JSON ARRAY, 12 Main St is the key.",
    "I sent it to QA and to PROD.",
    "Ship it to HIGH PRIORITY queue.",
    "Ship it to SANTA CLARA, 12 Main St.",
    "Mail it to LOS ANGELES by Friday.",
    "Ship to PAUL SMITH LTD, 12 Main St.",
    "Ship it to AUSTIN TEXAS.",
  ])("keeps %j", (text) => {
    expect(persons(text)).toEqual([]);
  });
});
