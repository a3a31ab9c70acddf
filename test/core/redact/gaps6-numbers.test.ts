/**
 * Cards, IBANs and SSNs grouped by underscores, colons or commas (and SSNs by dots): redacted
 * like their usual forms, while thousands-grouped numbers, times, versions and lists of numbers
 * stay. Values are built at run time (check digits computed here).
 */
import { describe, expect, it } from "vitest";
import { found } from "./helpers";
import { iban, luhnComplete } from "../check-digits";

const card = luhnComplete("453201511283036");
const groups = (s: string, n: number[], sep: string) => {
  const out: string[] = [];
  let at = 0;
  for (const k of n) out.push(s.slice(at, (at += k)));
  if (at < s.length) out.push(s.slice(at));
  return out.join(sep);
};
const ibanDe = iban("DE", "370400440532013000");
const ssn = ["219", "09", "9999"];
/** The card, SSN and IBAN spans found in `text`. */
const numbers = (text: string) => found(text).filter((f) => /^(?:CARD|SSN|IBAN):/.test(f));

describe("numbers grouped by other separators", () => {
  it("finds a card grouped by underscores, colons or commas", () => {
    for (const sep of ["_", ":", ","]) {
      const value = groups(card, [4, 4, 4], sep);
      expect(found(`{"card": "${value}", "amount": 42}`), sep).toEqual([`CARD:${value}`]);
      expect(found(`The customer pasted ${value} into the form.`), sep).toEqual([`CARD:${value}`]);
    }
  });

  it("finds an SSN grouped by dots, underscores or colons, and by commas after a cue", () => {
    for (const sep of [".", "_", ":"]) {
      const value = ssn.join(sep);
      expect(found(`lookup(id="${value}")`), sep).toEqual([`SSN:${value}`]);
    }
    const commas = ssn.join(",");
    expect(found(`Her SSN is ${commas}, on file.`)).toEqual([`SSN:${commas}`]);
  });

  it("finds an IBAN grouped by underscores, colons or commas", () => {
    for (const sep of ["_", ":", ","]) {
      const value = groups(ibanDe, [4, 4, 4, 4, 4], sep);
      expect(found(`Wire it to ${value} by Friday.`), sep).toEqual([`IBAN:${value}`]);
    }
  });

  it("leaves thousands-grouped numbers, times, versions and lists of numbers alone", () => {
    for (const text of [
      "The total is 1,234,567,890,123,456 grains of sand.",
      "Population: 8,100,000,000 people; 12,345,678 in the city.",
      "It ran from 12:34:56 to 13:45:07, then 23:59:59.",
      "Log: 2026-11-30 01:20:00,123 started; 01:20:05,456 done.",
      "Upgraded from 1.23.4567 to 10.20.3000, see release 123.45.6789.1.",
      "The years 2019,2020,2021,2022 and 1999_2000_2001_2002.",
      "Counts: 4000,4500,5000,5500 and 1234:5678:9012:3456.",
      "Values 123,45,6789 were summed.",
      "x = 100_000_000; y = 1_000_000_000_000",
      "IPv6 2401:4900:1234:5678::1 is reachable.",
      "Version v1.2.3-beta.4, build 2026.11.30.1234",
    ])
      // (A phone detector may judge a dotted number on its own: not this test's concern.)
      expect(numbers(text), text).toEqual([]);
  });

  it("does not take a list of four numbers for a card, Luhn-valid or not", () => {
    const list = groups(card, [4, 4, 4], ", ");
    expect(numbers(`The four readings were ${list}.`)).toEqual([]);
    const ports = groups(luhnComplete("543263798080920"), [4, 4, 4], ",");
    expect(numbers(`{"ports": [${ports}], "host": "db"}`)).toEqual([]);
    expect(numbers(`ports = (${ports})`)).toEqual([]);
    // The same digits in a string are a card.
    expect(numbers(`{"note": "${ports}"}`)).toEqual([`CARD:${ports}`]);
  });

  it("does not take a card or an SSN in a longer run of groups", () => {
    const value = groups(card, [4, 4, 4], "_");
    expect(numbers(`id 9999_${value}`)).toEqual([]);
    expect(numbers(`id ${value}_9999`)).toEqual([]);
    expect(numbers(`v ${ssn.join(":")}:12`)).toEqual([]);
  });
});
