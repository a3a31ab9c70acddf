/** Values in terminal output: colour codes and control characters inside or around them. */
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";

const E = "\x1b";
const key = ["AKIA", "QYLPMN5HHHFPZAM2"].join("");
const policy = { denyTerms: ["Nightjar"], allowTerms: [], internalDomains: [] };
const covered = (text: string, value: string, opts = {}) => {
  const at = text.indexOf(value);
  return detect(text, opts).some((s) => s.start <= at && s.end >= at + value.length);
};

describe("terminal output", () => {
  it("finds a key that grep --color cut with escape codes", () => {
    const text = `AWS_ACCESS_KEY_ID=${E}[01;31m${E}[K${key}${E}[m${E}[K`;
    const spans = detect(text, {});
    expect(spans.some((s) => text.slice(s.start, s.end).includes(key))).toBe(true);
    const inside = `id ${key.slice(0, 10)}${E}[1m${key.slice(10)} ok`;
    const s2 = detect(inside, {});
    expect(s2.some((s) => s.start <= 3 && s.end >= inside.indexOf(" ok"))).toBe(true);
  });

  it("finds a key with a DEL or a backspace inside", () => {
    for (const c of ["\x7f", "\b"]) {
      const text = `key ${key.slice(0, 8)}${c}${key.slice(8)} here`;
      const spans = detect(text, {});
      expect(
        spans.some((s) => s.start <= 4 && s.end >= 4 + key.length + 1),
        JSON.stringify(c),
      ).toBe(true);
    }
  });

  it("finds a deny term with a colour code inside or glued before it", () => {
    for (const text of [`run Night${E}[1mjar resumed`, `${E}[01;31m${E}[KNightjar${E}[m${E}[K in logs`]) {
      const spans = detect(text, { policy });
      const shown = text
        .split(E)
        .map((x, i) => (i === 0 ? x : x.replace(/^\[[0-9;]*[A-Za-z]/, "")))
        .join("");
      expect(shown).toContain("Nightjar");
      expect(
        spans.some((s) => s.category === "TERM"),
        JSON.stringify(text),
      ).toBe(true);
    }
  });

  it("leaves ordinary coloured output alone", () => {
    expect(detect(`${E}[32mPASS${E}[0m 12 tests, 0 failures`, { policy })).toEqual([]);
    expect(covered("plain", "plain")).toBe(false);
  });
});
