/**
 * Personal identifiers that are personal data because of their cue (pii9): a person's profile
 * link, a date of birth, an identifier after its cue (passport, licence, medical record, account…),
 * home coordinates, and the post code after a street address. The false positives next to each:
 * the site's own pages, bare dates and years, "ID 42" in code, order numbers, coordinates of a
 * public place, "passport" in prose.
 */
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { vinCheck } from "../../../lambdas/core/redact/cued";
import { found } from "./helpers";

const of = (cat: string) => (text: string) => found(text).filter((f) => f.startsWith(cat + ":"));
const users = of("USER");
const dobs = of("DOB");
const ids = of("ID");

/** A VIN with a valid check digit, built from 16 characters at run time (ISO 3779 weights). */
function vin(base16: string): string {
  for (const c of "0123456789X") {
    const v = base16.slice(0, 8) + c + base16.slice(8);
    if (vinCheck(v)) return v;
  }
  throw new Error("no check digit");
}

describe("profile links", () => {
  it("redacts the handle of a person's profile, not the site", () => {
    const t = "See her profile at https://www.linkedin.com/in/jane-roe-4b2a1/ for details.";
    expect(users(t)).toEqual(["USER:jane-roe-4b2a1"]);
    expect(detect(t)[0]!.detector).toBe("profile-url");
    expect(users("Follow https://twitter.com/janeroe today")).toEqual(["USER:janeroe"]);
    expect(users("x.com/jroe_77 posted it")).toEqual(["USER:jroe_77"]);
    expect(users("facebook.com/jane.roe.77.")).toEqual(["USER:jane.roe.77"]);
    expect(users("https://instagram.com/jane.roe/")).toEqual(["USER:jane.roe"]);
    expect(users("tiktok.com/@jane_roe99 and threads.net/@jroe")).toEqual(["USER:jane_roe99", "USER:jroe"]);
    expect(users("https://bsky.app/profile/jroe.bsky.social")).toEqual(["USER:jroe.bsky.social"]);
    expect(users("https://www.facebook.com/profile.php?id=100004123456789")).toEqual([
      "USER:100004123456789",
    ]);
    expect(users("reddit.com/user/throwaway_jr and reddit.com/u/jroe")).toEqual([
      "USER:throwaway_jr",
      "USER:jroe",
    ]);
  });

  it("keeps the sites' own pages, other hosts ending alike and code hosts", () => {
    for (const t of [
      "Open x.com/home or x.com/explore, then twitter.com/search?q=cats and twitter.com/i/flow/login",
      "https://www.instagram.com/p/Cx12ab/ and https://www.facebook.com/groups/123456/",
      "netflix.com/browse and box.com/files",
      "Clone github.com/torvalds/linux and see github.com/openai",
      "linkedin.com/company/acme and linkedin.com/jobs",
    ])
      expect(users(t), t).toEqual([]);
  });
});

describe("dates of birth", () => {
  it("redacts a full date after a birth cue, in several languages", () => {
    expect(found("Patient DOB: 03/12/1984, MRN 00482913.")).toEqual(["DOB:03/12/1984", "ID:00482913"]);
    expect(dobs("I was born 1984-03-12")).toEqual(["DOB:1984-03-12"]);
    expect(dobs("She was born on 2/8/1935. Her maiden name is Clark")).toEqual(["DOB:2/8/1935"]);
    expect(dobs("Please tell me your date of birth. It's 6/24/1991")).toEqual(["DOB:6/24/1991"]);
    expect(dobs("born on March 12, 1984")).toEqual(["DOB:March 12, 1984"]);
    expect(dobs("d.o.b. 12th of March 1984")).toEqual(["DOB:12th of March 1984"]);
    expect(dobs("Geboren am 12. März 1984 in Köln")).toEqual(["DOB:12. März 1984"]);
    expect(dobs("né le 12 mars 1984 à Lyon")).toEqual(["DOB:12 mars 1984"]);
    expect(dobs("fecha de nacimiento: 12 de marzo de 1984")).toEqual(["DOB:12 de marzo de 1984"]);
    expect(dobs("Birthday: 12.03.84")).toEqual(["DOB:12.03.84"]);
  });

  it("keeps bare dates, a year of birth alone and dates that cannot be", () => {
    for (const t of [
      "## 2024-03-12\n- Fixed the parser (#1234)\n## 2023-11-30\n- First release",
      "She was born in 1984 in Ohio.",
      "My birthday is on the weekend. I'll turn 23.",
      "The meeting is on 03/12/1984 and the report was born of it 2 weeks later.",
      "born on 13/13/1984",
      "Step 3: compute 1984-03-12 minus the year",
      "NATO was founded on 4 April 1949; Omaha, NE 03/12/1984 is a date on a form",
    ])
      expect(dobs(t), t).toEqual([]);
  });
});

describe("identifiers after their cue", () => {
  it("redacts passport, licence, medical record and account numbers", () => {
    expect(ids("Her passport number is X12345678 and driver's license D1234567.")).toEqual([
      "ID:X12345678",
      "ID:D1234567",
    ]);
    expect(ids("My driver's license number is 2270-66-1551")).toEqual(["ID:2270-66-1551"]);
    expect(ids("MRN: 00482913")).toEqual(["ID:00482913"]);
    expect(ids("Medical record no. 4482913")).toEqual(["ID:4482913"]);
    expect(ids("Policy No. 12-3456-789 and member ID: ABC123456")).toEqual([
      "ID:12-3456-789",
      "ID:ABC123456",
    ]);
    expect(ids("The account number 12345678 belongs to you; customer id: C-004821.")).toEqual([
      "ID:12345678",
      "ID:C-004821",
    ]);
    expect(ids("patient_id=00482913")).toEqual(["ID:00482913"]);
    expect(ids("Führerschein: B07212345")).toEqual(["ID:B07212345"]);
    expect(ids("license plate ABC 1234")).toEqual(["ID:ABC 1234"]);
    // JSON written as text (a tool result): the key is the cue.
    expect(found('{"dob":"1984-03-12","passport_number":"X12345678","mrn":\'00482913\'}')).toEqual([
      "DOB:1984-03-12",
      "ID:X12345678",
      "ID:00482913",
    ]);
  });

  it("redacts a VIN after its cue, and without one when its check digit holds", () => {
    const v = vin("1HGCM826" + "3A004352");
    expect(vinCheck(v)).toBe(true);
    expect(ids(`VIN ${v}`)).toEqual([`ID:${v}`]);
    expect(ids(`The ${v} is in the garage`)).toEqual([`ID:${v}`]);
    // One character off: the check digit fails, and without a cue it stays.
    const off = v.slice(0, 16) + (v[16] === "1" ? "2" : "1");
    expect(ids(`The ${off} is in the garage`)).toEqual([]);
  });

  it("keeps ids in code, order numbers, general wording and short numbers", () => {
    for (const t of [
      "if (user.id == 42) return ID 42;",
      "Your order number 123456789 has shipped.",
      "What is a policy number? Your policy number is usually printed on the card.",
      "You need a passport to travel to France; passports take 6 weeks.",
      "The account number has 12 digits; member ID 42.",
      "In 2024 the tax rate was 19 percent; tax number 2024 is a year",
      "ID 12345 in the table; user_id=123456; the driver's license 2024 rules",
    ])
      expect(ids(t), t).toEqual([]);
  });

  it("does not take a region code before a line break for a cue", () => {
    expect(ids("30102 Kaevu 94\nNicosia\n, NI\n 61089")).toEqual([]);
  });
});

describe("home coordinates", () => {
  it("redacts precise coordinates next to a personal cue", () => {
    expect(found("Lat/long 37.7749, -122.4194 is my home.")).toEqual(["ADDRESS:37.7749, -122.4194"]);
    expect(found("Our house is at 51.5007, -0.1246 near the park")).toEqual(["ADDRESS:51.5007, -0.1246"]);
    expect(found("She lives at 48.85837 N, 2.29448 E")).toEqual(["ADDRESS:48.85837 N, 2.29448 E"]);
  });

  it("keeps coordinates of public places and imprecise ones", () => {
    for (const t of [
      "San Francisco is at 37.7749, -122.4194, on the bay.",
      "The Eiffel Tower is at 48.8584° N, 2.2945° E.",
      "My home town is at 37.77, -122.41.",
      "pi is 3.14159, e is 2.71828",
    ])
      expect(
        found(t).filter((f) => f.startsWith("ADDRESS")),
        t,
      ).toEqual([]);
  });
});

describe("post codes after a street address", () => {
  it("takes the post code (and the city around it) into the address", () => {
    expect(found("Ship to 221B Baker Street, London NW1 6XE.")).toEqual([
      "ADDRESS:221B Baker Street, London NW1 6XE",
    ]);
    expect(found("Ship to 221B Baker Street\nLondon\nNW1 6XE")).toEqual([
      "ADDRESS:221B Baker Street\nLondon\nNW1 6XE",
    ]);
    expect(found("Mail: 24 Sussex Drive, Ottawa, ON K1A 0B1")).toEqual([
      "ADDRESS:24 Sussex Drive, Ottawa, ON K1A 0B1",
    ]);
    expect(found("Adres: Keizersgracht 123, 1015 CJ Amsterdam")).toEqual([
      "ADDRESS:Keizersgracht 123, 1015 CJ Amsterdam",
    ]);
    expect(found("Adresse: Hauptstraße 5, 10115 Berlin")).toEqual(["ADDRESS:Hauptstraße 5, 10115 Berlin"]);
  });

  it("takes a bare 4–6 digit code after an address and its country, on the line after it", () => {
    const a = "6185 Pfarrgasse 91\n Suite 170\n MITTERLOBMING\n Austria 26759";
    expect(found(`I'll meet you at ${a} after the concert.`)).toEqual([`ADDRESS:${a}`]);
    const b = "35108 ul. Zamkowa 33 Apt. 406\nBeerze\n, OV\n Netherlands 02032";
    expect(found(`Please return to ${b} in case of an issue.`)).toEqual([`ADDRESS:${b}`]);
  });

  it("keeps post-code shapes that follow no address", () => {
    for (const t of [
      "Our office postcode is NW1 6XE.",
      "The H2O molecule and 1015 CJ Amsterdam",
      "Run 3 loops of 10115 Berlin-style",
      "Total 12345 apples, and Iceland 72399 times",
    ])
      expect(
        found(t).filter((f) => f.startsWith("ADDRESS")),
        t,
      ).toEqual([]);
  });
});
