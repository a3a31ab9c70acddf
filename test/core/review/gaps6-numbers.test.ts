/**
 * The review's own check for cards, IBANs and SSNs grouped by underscores, colons or commas (and
 * dots, dashes): written apart from the redaction's detectors. Values are built at run time.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { findNumberHits, groupedAccount, hasGroupedCard } from "../../../lambdas/core/review/numbers";
import { body, text } from "./helpers";
import { iban, luhnComplete } from "../check-digits";

const fours = (s: string, sep: string) => s.match(/.{1,4}/g)!.join(sep);
const card = luhnComplete("453201511283036");
const ibans = [
  iban("DE", "370400440532013000"),
  iban("GB", "WEST12345698765432"),
  iban("NL", "ABNA0417164300"),
];
const ssn = ["219", "09", "9999"];
const ssnKinds = (t: string) => findNumberHits(t).filter((h) => h.kind === "ssn");

describe("review: numbers in groups with other separators", () => {
  it("finds a card grouped by underscores, colons or commas", () => {
    for (const sep of ["_", ":", ","]) {
      expect(groupedAccount(`card ${fours(card, sep)} on file`), sep).toBe("card");
      expect(groupedAccount(`{"pan":"${fours(card, sep)}"}`), sep).toBe("card");
    }
  });

  it("finds an IBAN in groups of four with any one separator", () => {
    for (const value of ibans)
      for (const sep of [" ", "_", ":", ",", "-", "."])
        expect(groupedAccount(`Pay to ${fours(value, sep)} by Friday.`), `${value.slice(0, 2)} ${sep}`).toBe(
          "iban",
        );
  });

  it("does not take an IBAN with a wrong check or length for one", () => {
    const bad = ibans[0]!.slice(0, 2) + "00" + ibans[0]!.slice(4);
    expect(groupedAccount(`Pay to ${fours(bad, "_")}`)).toBeUndefined();
    expect(groupedAccount(`Pay to ${fours(ibans[0]!.slice(0, -1), "_")}`)).toBeUndefined();
  });

  it("finds an SSN in its groups, with a comma or a blank only after a cue", () => {
    for (const sep of [".", "_", ":", "/", "-"])
      expect(ssnKinds(`id=${ssn.join(sep)};`), sep).toHaveLength(1);
    expect(ssnKinds(`values ${ssn.join(",")} summed`)).toHaveLength(0);
    expect(ssnKinds(`her SSN: ${ssn.join(",")}`)).toHaveLength(1);
    expect(ssnKinds(`social security ${ssn.join(" ")}`)).toHaveLength(1);
    expect(ssnKinds(`the numbers ${ssn.join(" ")}`)).toHaveLength(0);
  });

  it("leaves thousands-grouped numbers, times, versions, IPv6 and lists of numbers alone", () => {
    const list = fours(card, ", ");
    for (const t of [
      "The total is 1,234,567,890,123,456 grains; 8,100,000,000 people.",
      "It ran from 12:34:56 to 13:45:07, then 23:59:59.",
      "Log 2026-11-30 01:20:00,123 started; 01:20:05,456 done.",
      "Upgraded from 1.23.4567 to 10.20.3000; release 123.45.6789.1.",
      "IPv6 2401:4900:1234:5678::1 and 2001:4860:4860:8888",
      "x = 100_000_000; y = 1_000_000_000_000",
      `The four readings were ${list}.`,
      "The years 2019,2020,2021,2022.",
      `{"ports": [${fours(luhnComplete("543263798080920"), ",")}]}`,
      `id 9999_${fours(card, "_")}`,
    ]) {
      expect(hasGroupedCard(t), t).toBe(false);
      expect(ssnKinds(t), t).toHaveLength(0);
    }
  });

  it("takes the digits of a bracketed list for a card when they stand in a string", () => {
    expect(groupedAccount(`{"note": "${fours(luhnComplete("543263798080920"), ",")}"}`)).toBe("card");
  });

  it("does not PASS a transcript holding one", () => {
    for (const value of [fours(card, "_"), fours(ibans[0]!, ":"), ssn.join(".")]) {
      const r = review({ body: body([text(`Reasoning: the form field held ${value}, so I will refuse.`)]) });
      expect(r.verdict, value).not.toBe("PASS");
      expect(JSON.stringify(r.reasons)).not.toContain(value);
    }
  });
});
