/**
 * Address blocks written as lines: the street line above a unit line ("Suite 501") — in the
 * European order, street then number ("Allika 46") — the street before a unit on the same line,
 * a "country post-code" line after one blank line, and lines behind a quoting prefix ("> ", or the
 * "??? " a mangled non-breaking space leaves). Before, the unit and the city were redacted and the
 * street line, the one that locates a person, was published.
 */
import { describe, expect, it } from "vitest";
import { covers, found } from "./helpers";

const addresses = (text: string) => found(text).filter((f) => f.startsWith("ADDRESS:"));
const redactedText = (text: string) => addresses(text).join(" | ");

describe("the street line above a unit line", () => {
  it.each([
    [
      "William Hughes\n\n20789 Allika 46\n Suite 501\n Riisa\n\n Estonia 62488",
      ["20789 Allika 46", "Suite 501", "Riisa", "Estonia 62488"],
    ],
    [
      "Leonard Arntsen\n\n353 Buerlia 227\n Apt. 391\n SANDEFJORD\n Norway",
      ["353 Buerlia 227", "Apt. 391", "SANDEFJORD", "Norway"],
    ],
    [
      "Harry Sheppard\n\n515 385 Gemsbok St\n Apt. 460\n Pietermaritzburg",
      ["515 385 Gemsbok St", "Apt. 460"],
    ],
    [
      "> Lina Artemova\n> Irecycle\n> 2224 Trenerys gate 232\n> Apt. 342\n> TRONDHEIM\n> Norway",
      ["2224 Trenerys gate 232", "Apt. 342", "TRONDHEIM"],
    ],
    [
      "??? Carly Jones\n??? Topcoder\n??? 53772 Holmatun 45\n??? Suite 757\n??? Bessastaðahreppur\n??? Iceland 28766",
      ["53772 Holmatun 45", "Suite 757", "Bessastaðahreppur", "Iceland 28766"],
    ],
  ])("%j", (text, parts) => {
    const got = redactedText(text);
    for (const p of parts) expect(got, p).toContain(p);
    // The name and the company above the street stay out of the address.
    expect(got).not.toMatch(/Hughes|Arntsen|Sheppard|Irecycle|Topcoder/);
  });

  it("the street before a unit on the same line", () => {
    const got = redactedText(
      "Billing address: Noelle Martinsson\n    1593 Pagari 18 Suite 932\n   Põlluküla\n    SA",
    );
    expect(got).toContain("1593 Pagari 18 Suite 932");
    expect(got).not.toContain("Martinsson");
  });

  it("leaves lines above a unit alone when they are no street", () => {
    for (const text of [
      "Order 4471 confirmed for delivery on Monday\nSuite 200",
      "Meeting notes:\nWe need 3 more chairs for the room\nSuite 400",
      "Total: 12 items\nSuite 5",
      "Step 3 of 4\nSuite 18",
    ]) {
      const got = redactedText(text);
      expect(got, text).not.toMatch(/Order|chairs|Total|Step/);
    }
  });

  it("a country and post code after one blank line only when the block is an address", () => {
    expect(redactedText("The answer is 12.\n\nGermany 12345")).toBe("");
    expect(
      redactedText("Sven Hedlund\n\n85199 Avda. Rio Nalon 58\n Apt. 461\n Soto del Barco\n\n Spain 61709"),
    ).toContain("Spain 61709");
  });
});

describe("the rest of an address on its line", () => {
  it.each([
    [
      "Rand Corporation\n\n213 Pilekrogen 53 Apt. 263, Grand-Leez, Belgium 18431",
      "213 Pilekrogen 53 Apt. 263, Grand-Leez, Belgium 18431",
    ],
    [
      "The letter arrived at 760 Passauer Strasse 33, Cite Guedouala, Tunisia last night.",
      "760 Passauer Strasse 33, Cite Guedouala, Tunisia",
    ],
    [
      "Olga Krylova\n1610 ul. Zakrzowska 92 Apt. 399, ΠΑΡΕΚΚΛΗΣΙΑ, Cyprus (Greek) 72423",
      "1610 ul. Zakrzowska 92 Apt. 399, ΠΑΡΕΚΚΛΗΣΙΑ, Cyprus (Greek) 72423",
    ],
    [
      "Can you please validate the following? 51709 Spinatsch 94 Apt. 615 Moosleerau Switzerland",
      "51709 Spinatsch 94 Apt. 615 Moosleerau Switzerland",
    ],
  ])("%j", (text, address) => {
    expect(addresses(text)).toEqual([`ADDRESS:${address}`]);
  });

  it("whatever category the redaction gives the whole (a phone number's shape wins over an address)", () => {
    const text = "Meet me at 7943 2027 Prospect St, Dehylov, Czech Republic";
    expect(covers(text, "7943 2027 Prospect St, Dehylov, Czech Republic")).toBe(true);
  });

  it("stops at the words of the sentence that goes on", () => {
    expect(addresses("Send it to Apt. 5 Then we will see.")).toEqual(["ADDRESS:Apt. 5"]);
    expect(addresses("He lives at 12 Main Street, and Paris is far.")).toEqual(["ADDRESS:12 Main Street"]);
  });
});

describe("a number before the street's number", () => {
  it.each([
    ["Caitlin Lennox lives at 846 31 Rue Al Imam Al Bakri, Cite", "846 31 Rue Al Imam Al Bakri"],
    ["The bus drops you off at 70248 31 Rue de Tanger.", "70248 31 Rue de Tanger"],
    ["David had given Angel his address: 580 60 Balsham Road", "580 60 Balsham Road"],
  ])("%j", (text, part) => {
    expect(redactedText(text)).toContain(part);
  });

  it("a street prefix with an Italian article", () => {
    expect(redactedText("Timotea lives on Via dei Fiorentini 17 street.")).toContain("Via dei Fiorentini 17");
  });
});

describe("what follows an address and is no place", () => {
  it("a name called out, a greeting after a unit in the middle of a line", () => {
    expect(found("I live at 12 Oak Road, Derrick!")).toContain("PERSON:Derrick");
    expect(addresses("Send it to Apt 4 Thanks for the help")).toEqual(["ADDRESS:Apt 4"]);
    expect(addresses("Use Suite 400 Mr Smith will meet you")).toEqual(["ADDRESS:Suite 400"]);
  });
});

describe("the corner of two streets", () => {
  it.each([
    [
      "What is your address? it is the corner of Dalbraut 99 and Frederikke Coves",
      "Dalbraut 99 and Frederikke Coves",
    ],
    [
      "Our offices are located at the corner of Östbygatan 14 and Sigurmundsson Greens",
      "Östbygatan 14 and Sigurmundsson Greens",
    ],
    ["I live at the corner of Fifth and Main.", "Fifth and Main"],
    [
      "Hello I moved, please update my new address is the corner of 159 Eleftheriou Venizelou str and Rennie Union",
      "159 Eleftheriou Venizelou str and Rennie Union",
    ],
  ])("%j", (text, part) => {
    expect(covers(text, part)).toBe(true);
  });

  it("leaves geometry and rooms alone", () => {
    for (const text of [
      "We met at the corner of the room and the table.",
      "Place the point at the corner of A and B, then draw the diagonal.",
      "The corner of ABC and the edge meet at 90 degrees.",
    ])
      expect(addresses(text), text).toEqual([]);
  });
});
