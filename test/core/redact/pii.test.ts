import { describe, expect, it } from "vitest";
import { ibanValid, luhn } from "../../../lambdas/core/redact/pii";
import { found } from "./helpers";

describe("email", () => {
  it("finds valid addresses", () => {
    expect(found("write to Jane.Doe+cot@mail.example.org today")).toEqual([
      "EMAIL:Jane.Doe+cot@mail.example.org",
    ]);
  });
  it("ignores decorators and handles", () => {
    expect(found("use @dataclass and @user on x")).toEqual([]);
  });
});

describe("phone", () => {
  it("finds numbers of many countries", () => {
    for (const p of [
      "+1-984-182-0190",
      "+44 20 7946 0958",
      "+33 1 42 68 53 00",
      "(555) 123-4567",
      "07700 900 123",
      "+49 30 901820",
    ]) {
      expect(found("call " + p + " now")).toEqual(["PHONE:" + p]);
    }
  });
  it("ignores dates, versions, arithmetic and number lists", () => {
    expect(found("on 2024-05-17 we shipped 10.4.2")).toEqual([]);
    expect(found("2400-1800 = 600 and 16 - 3 - 4 = 9")).toEqual([]);
    expect(found("the sequence 12 15 18 21 24")).toEqual([]);
    expect(found("a total of 1234567 grains")).toEqual([]);
  });
});

describe("payment cards (Luhn), IBAN (mod 97), SSN", () => {
  it("validates", () => {
    expect(luhn("4111111111111111")).toBe(true);
    expect(luhn("4111111111111112")).toBe(false);
    expect(ibanValid("GB82 WEST 1234 5698 7654 32")).toBe(true);
    expect(ibanValid("GB82 WEST 1234 5698 7654 33")).toBe(false);
  });
  it("finds cards with and without separators, not random digit runs", () => {
    expect(found("card 4111 1111 1111 1111 ok")).toEqual(["CARD:4111 1111 1111 1111"]);
    expect(found("card 4111111111111112 ok")).toEqual([]);
  });
  it("finds IBANs in either case", () => {
    expect(found("pay GB82WEST12345698765432 now")).toEqual(["IBAN:GB82WEST12345698765432"]);
    expect(found("pay gb82west12345698765432 now")).toEqual(["IBAN:gb82west12345698765432"]);
    expect(found("pay GB82WEST12345698765433 now")).toEqual([]);
  });
  it("finds SSNs, not impossible ones", () => {
    expect(found("SSN 460-89-9847")).toEqual(["SSN:460-89-9847"]);
    expect(found("code 666-12-3456 and 000-12-3456").filter((f) => f.startsWith("SSN:"))).toEqual([]);
  });
});

describe("IP addresses", () => {
  it("finds IPv4 and IPv6", () => {
    expect(found("ping 192.168.10.42 now")).toEqual(["IP:192.168.10.42"]);
    expect(found("host 2001:db8:85a3::8a2e:370:7334 up")).toEqual(["IP:2001:db8:85a3::8a2e:370:7334"]);
  });
  it("does not eat version numbers or times", () => {
    expect(found("python 3.11.4.1 and version 1.2.3.4")).toEqual([]);
    expect(found("section 1.2.3.4 of the spec")).toEqual([]);
    expect(found("at 12:30:45 sharp")).toEqual([]);
  });
});

describe("home directories", () => {
  it("redacts the user name only", () => {
    expect(found("open /home/alice/project/x.py")).toEqual(["USER:alice"]);
    expect(found("open /Users/bob.smith/Desktop")).toEqual(["USER:bob.smith"]);
    expect(found("open C:\\Users\\carol\\Documents")).toEqual(["USER:carol"]);
    // An old Windows profile path, in a text with no "home" or "Users" anywhere.
    expect(found("the log is in C:\\Documents and Settings\\dmitri\\Desktop\\run.txt")).toEqual([
      "USER:dmitri",
    ]);
  });
  it("leaves generic accounts", () => {
    expect(found("cd /home/ubuntu/app")).toEqual([]);
  });
});

describe("street addresses", () => {
  it("finds English and European street forms", () => {
    expect(found("Send it to 1600 Pennsylvania Avenue.")[0]).toMatch(/^ADDRESS:1600 Pennsylvania Avenue/);
    expect(found("The bus station is on Villacher Strasse 89")).toEqual(["ADDRESS:Villacher Strasse 89"]);
    expect(found("She lives at Rua do Arenque 1634")).toEqual(["ADDRESS:Rua do Arenque 1634"]);
  });
  it("extends over the lines of an address block", () => {
    const block = "14 Crown Street\nSuite 321\nLONDON\nUnited Kingdom 75419";
    expect(found("Address:\n" + block)).toEqual(["ADDRESS:" + block]);
  });
  it("does not take quantities for addresses", () => {
    expect(found("She sold 3 boxes on Main street for 5 dollars.")).toEqual([]);
    expect(found("From 9 PM to 11 PM she read 5 L. Then 12 Apples were left.")).toEqual([]);
  });
  it("finds a foreign street word glued to its name, and a capitalised Address cue", () => {
    expect(found("The club was on Loorenstrasse 149 in town")).toEqual(["ADDRESS:Loorenstrasse 149"]);
    expect(found("Address:     3421 Fagradalsbraut 71\nReykjavik")).toEqual([
      "ADDRESS:3421 Fagradalsbraut 71\nReykjavik",
    ]);
  });
});
