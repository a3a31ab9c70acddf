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
