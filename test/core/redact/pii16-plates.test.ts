import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";

function ids(text: string): string[] {
  return detect(text)
    .filter((s) => s.category === "ID")
    .map((s) => text.slice(s.start, s.end));
}

describe("cued-id: a car's plate after 'car plate' or 'plate number'", () => {
  it.each([
    ["My neighbour's car plate is KA-01-AB-1234.", "KA-01-AB-1234"],
    ["the car plate: MH-12-DE-1433", "MH-12-DE-1433"],
    ["Her plate number is ABC 1234, registered in Ohio.", "ABC 1234"],
  ])("%s", (text, plate) => {
    expect(ids(text)).toEqual([plate]);
  });

  it("leaves a hot plate's number and plate counts", () => {
    expect(ids("Hot plate number 2 is broken; plate 3 of 4 is fine.")).toEqual([]);
    expect(ids("the plate number of the hot plate is 3")).toEqual([]);
  });
});

describe("cued-id: a passport's number is an ID, not a secret (its label holds 'pass')", () => {
  it.each([
    ["Her passport: 533380006 (United States)", "533380006"],
    ["passport_no=533380006", "533380006"],
    ["PASSPORT: 533380006", "533380006"],
  ])("%s", (text, number) => {
    const found = detect(text).map((s) => `${s.category}:${text.slice(s.start, s.end)}`);
    expect(found).toEqual([`ID:${number}`]);
  });

  it("a password beside it is still a secret", () => {
    const t = "passport password: Hunter2!x";
    expect(detect(t).map((s) => `${s.category}:${t.slice(s.start, s.end)}`)).toEqual(["SECRET:Hunter2!x"]);
  });
});
