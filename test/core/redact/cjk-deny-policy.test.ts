/**
 * A lab's deny terms and internal hosts in scripts written without spaces between words
 * (Chinese, Japanese, Thai, Korean with its particles glued on): a letter of such a script beside
 * a term is no part of a longer word, so the term is redacted wherever it stands. Latin words
 * keep their boundaries ("Falcon" is not in "Falconry").
 */
import { describe, expect, it } from "vitest";
import { allowRanges, denySpans, internalHostSpans, type Policy } from "../../../lambdas/core/redact/policy";
import { found } from "./helpers";

function policy(denyTerms: string[], allowTerms: string[] = [], internalDomains: string[] = []): Policy {
  return { denyTerms, allowTerms, internalDomains };
}

const LAB = policy([
  "夜鹰",
  "青鸟计划",
  "블루핀치",
  "ナイトジャー",
  "นกเค้าแมว",
  "Nightjar",
  "Falcon",
  "Kestrel-7",
]);

function spans(p: Policy, text: string): string[] {
  return denySpans(p, text)
    .sort((a, b) => a.start - b.start)
    .map((s) => text.slice(s.start, s.end));
}

describe("deny terms in running text without spaces", () => {
  it.each([
    ["夜鹰项目有12台服务器", "夜鹰"],
    ["我们的夜鹰模型", "夜鹰"],
    ["夜鹰项目原来有12台服务器，增加7台，12+7=19。", "夜鹰"],
    ["青鸟计划的预算", "青鸟计划"],
    ["关于青鸟计划。", "青鸟计划"],
    ["블루핀치의 결과", "블루핀치"],
    ["블루핀치는 좋다", "블루핀치"],
    ["이번 블루핀치에서", "블루핀치"],
    ["ナイトジャーの結果", "ナイトジャー"],
    ["新しいナイトジャーモデル", "ナイトジャー"],
    ["โครงการนกเค้าแมวเริ่มแล้ว", "นกเค้าแมว"],
  ])("%s", (text, term) => {
    expect(spans(LAB, text)).toEqual([term]);
    // Through detection as a whole: the term's characters are redacted.
    expect(found(text, { policy: LAB })).toContain(`TERM:${term}`);
  });

  it("a Latin term glued to such text is a word of its own", () => {
    expect(spans(LAB, "我们的Nightjar模型")).toEqual(["Nightjar"]);
    expect(spans(LAB, "Nightjar项目")).toEqual(["Nightjar"]);
    expect(spans(LAB, "用Falcon训练的")).toEqual(["Falcon"]);
    expect(spans(LAB, "블루핀치와 Nightjar는")).toEqual(["블루핀치", "Nightjar"]);
  });

  it("a term of such a script glued to Latin letters is too", () => {
    expect(spans(LAB, "夜鹰API的文档")).toEqual(["夜鹰"]);
    expect(spans(LAB, "the夜鹰model")).toEqual(["夜鹰"]);
    expect(spans(LAB, "夜鹰v2")).toEqual(["夜鹰"]);
    expect(spans(LAB, "夜鹰2号")).toEqual(["夜鹰"]);
  });

  it("a short term is redacted inside longer words too: the lab asked for it", () => {
    expect(spans(LAB, "夜鹰队赢了")).toEqual(["夜鹰"]);
    expect(spans(policy(["鹰"]), "一只老鹰飞过")).toEqual(["鹰"]);
  });

  it("keeps Latin boundaries as they were", () => {
    expect(spans(LAB, "Falconry is old")).toEqual([]);
    expect(spans(LAB, "Nightjars sing")).toEqual([]);
    expect(spans(LAB, "Kestrel-72")).toEqual([]);
    expect(spans(LAB, "Kestrel-7b")).toEqual(["Kestrel-7"]);
    expect(spans(LAB, "Falcon, Nightjar")).toEqual(["Falcon", "Nightjar"]);
    // Digits keep their rule in every script: another number, another name.
    expect(spans(LAB, "Kestrel-7๑")).toEqual([]);
    // A modifier letter that Bopomofo shares is written in Latin words: it still glues.
    expect(spans(LAB, "Nightjarʼs")).toEqual([]);
  });

  it("finds the same with a policy of thousands of terms (one automaton pass)", () => {
    const many = policy([...LAB.denyTerms, ...Array.from({ length: 100 }, (_, i) => `codename${i}x`)]);
    for (const t of ["我们的夜鹰模型", "블루핀치의 결과", "我们的Nightjar模型", "Falconry is old"])
      expect(spans(many, t), t).toEqual(spans(LAB, t));
    expect(spans(many, "블루핀치의 결과")).toEqual(["블루핀치"]);
  });

  it("full-width Latin in a term is folded as in the text", () => {
    const p = policy(["夜鹰ＡＩ"]);
    expect(spans(p, "夜鹰AI项目")).toEqual(["夜鹰AI"]);
    expect(spans(p, "用夜鹰ＡＩ做的")).toEqual(["夜鹰ＡＩ"]);
    expect(spans(p, "夜鹰 ai")).toEqual(["夜鹰 ai"]);
  });

  it("Katakana is not Hiragana; half-width Katakana is Katakana", () => {
    expect(spans(LAB, "ないとじゃーの結果")).toEqual([]);
    expect(spans(LAB, "ﾅｲﾄｼﾞｬｰの結果")).toEqual(["ﾅｲﾄｼﾞｬｰ"]);
  });

  it("decomposed Hangul and Kana, and invisible characters inside, are the same text", () => {
    expect(spans(LAB, "블루핀치의 결과".normalize("NFD"))).toEqual(["블루핀치".normalize("NFD")]);
    expect(spans(LAB, "ナイトジャーの".normalize("NFD"))).toEqual(["ナイトジャー".normalize("NFD")]);
    expect(spans(LAB, "블루\u200B핀치는")).toEqual(["블루\u200B핀치"]);
  });

  it("Hangul: a term ending or starting inside a syllable is no occurrence", () => {
    // 칙 holds the jamo of 치 and one more: another syllable, another word.
    expect(spans(LAB, "블루핀칙의")).toEqual([]);
    expect(spans(policy(["루핀치"]), "블루핀치의")).toEqual(["루핀치"]);
  });

  it("allow terms stand as words in the same text", () => {
    const p = policy(["夜鹰"], ["夜鹰公园"]);
    expect(allowRanges(p, "周末去夜鹰公园散步")).toEqual([[3, 7]]);
    expect(found("周末去夜鹰公园散步", { policy: p }).filter((f) => f.startsWith("TERM"))).toEqual([]);
    expect(found("夜鹰项目在夜鹰公园旁", { policy: p }).filter((f) => f.startsWith("TERM"))).toEqual([
      "TERM:夜鹰",
    ]);
  });
});

describe("internal hosts glued to text without spaces", () => {
  const p = policy([], [], ["corp.example.com"]);
  it.each([
    ["内部服务wiki.corp.example.com上", "wiki.corp.example.com"],
    ["见corp.example.com。", "corp.example.com"],
    ["社内のwiki.corp.example.comにある", "wiki.corp.example.com"],
    ["내부 wiki.corp.example.com에서", "wiki.corp.example.com"],
  ])("%s", (text, host) => {
    expect(internalHostSpans(p, text).map((s) => text.slice(s.start, s.end))).toEqual([host]);
  });
});
