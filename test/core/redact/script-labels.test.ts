/**
 * Everyday form labels before a name in Chinese, Japanese and Korean (QA, session six): 署名：,
 * 负责人：, 담당자 are cues for the redaction; the review flags a name after such a label on its own.
 */
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { findScriptPii } from "../../../lambdas/core/review/script-pii";

const persons = (t: string) =>
  detect(t)
    .filter((s) => s.category === "PERSON")
    .map((s) => t.slice(s.start, s.end));

describe("labels before a name", () => {
  it.each([
    ["署名：陈静", "陈静"],
    ["负责人：张伟", "张伟"],
    ["담당자 박지성", "박지성"],
    ["담당자: 박지성", "박지성"],
  ])("the redaction finds the name after %s", (t, name) => {
    expect(persons(t)).toEqual([name]);
  });

  it.each(["署名：陈静", "负责人：张伟", "担当者：鈴木一郎", "담당자: 박지성"])(
    "the review flags %s",
    (t) => {
      expect(findScriptPii(t).length).toBeGreaterThan(0);
    },
  );

  it("leaves a label word used in a sentence", () => {
    expect(persons("담당자가 말했다")).toEqual([]);
    expect(persons("이름 짓기")).toEqual([]);
  });
});

describe("a Japanese postcode", () => {
  it("heads an address, not a phone number", () => {
    const t = "住所は〒150-0002 東京都渋谷区渋谷2-21-1です";
    const spans = detect(t);
    expect(spans.map((s) => s.category)).toEqual(["ADDRESS"]);
    expect(t.slice(spans[0]!.start, spans[0]!.end)).toMatch(/^〒150-0002/);
  });
});
