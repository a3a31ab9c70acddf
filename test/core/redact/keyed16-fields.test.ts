import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";

function found(text: string): string[] {
  return detect(text).map((s) => `${s.category}:${text.slice(s.start, s.end)}`);
}

describe("keyed-field: personal values under a key that names them, in records printed as text", () => {
  it("takes names, a birth date and a post code from a JSON record (a tool's output)", () => {
    const t =
      '{"firstName":"Zebulon","lastName":"Okafor","dateOfBirth":"1988-07-21",' +
      '"homeAddress":{"line1":"14 Orchard Close","city":"Leeds","postcode":"LS6 2QT"}}';
    const f = found(t);
    expect(f).toEqual(
      expect.arrayContaining(["PERSON:Zebulon", "PERSON:Okafor", "DOB:1988-07-21", "ADDRESS:LS6 2QT"]),
    );
    // A city alone is no one's address.
    expect(f.join(" ")).not.toContain("Leeds");
  });

  it.each([
    [
      "a Python dict",
      "{'given_name': 'Ines', 'family_name': 'Vasquez-Ortega'}",
      ["PERSON:Ines", "PERSON:Vasquez-Ortega"],
    ],
    [
      "YAML",
      "first_name: Zebulon\nsurname: Okafor\ndob: 21/07/1988\nzip: 75534-030",
      ["PERSON:Zebulon", "PERSON:Okafor", "DOB:21/07/1988", "ADDRESS:75534-030"],
    ],
    [
      "keyword arguments",
      "create_user(first_name='Zebulon', birth_date='1988-07-21')",
      ["PERSON:Zebulon", "DOB:1988-07-21"],
    ],
    ["a .env-style line", "STREET_ADDRESS=14 Orchard Close", ["ADDRESS:14 Orchard Close"]],
    ["a form in lower case", "full_name: zebulon okafor", ["PERSON:zebulon okafor"]],
  ])("in %s", (_how, text, want) => {
    expect(found(text)).toEqual(expect.arrayContaining(want));
  });

  it("leaves types, placeholders, code and empty values", () => {
    for (const t of [
      "class User:\n    first_name: str\n    last_name: Optional[str] = None\n    dob: date",
      "interface User { firstName: string; lastName: string; dateOfBirth: Date }",
      'template = {"firstName": "{{first}}", "lastName": "<LAST>", "dob": null}',
      'first_name = row["first_name"]; zip = zips[i]',
      "postcode: TBD\naddress: N/A",
      "if a == b: last_name = last_name.strip()",
    ])
      expect(
        found(t).filter((f) => !f.startsWith("SECRET")),
        t,
      ).toEqual([]);
  });

  it("leaves a bare name key and an address key whose value has no number", () => {
    expect(found('{"name": "numpy", "version": "1.26"}')).toEqual([]);
    expect(found("Address: Sara Schwarz").some((f) => f.startsWith("ADDRESS"))).toBe(false);
  });
});
