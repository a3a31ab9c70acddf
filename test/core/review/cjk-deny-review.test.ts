/**
 * The review's own reading of deny terms and internal domains in scripts written without spaces
 * (Chinese, Japanese, Thai, Korean with its particles glued on): each letter of such a script is
 * a word, so the term is found exactly wherever it stands (BLOCK), not as the start of a longer
 * word (NEEDS_HUMAN) nor missed. The redaction is not run here.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { cutWord, denyMatcher, tokenize } from "../../../lambdas/core/review/deny";
import { body, text } from "./helpers";

const codes = (r: ReturnType<typeof review>) => r.reasons.map((x) => x.code);
const policy = {
  denyTerms: ["夜鹰", "青鸟计划", "블루핀치", "ナイトジャー", "นกเค้าแมว", "Nightjar", "Falcon"],
  internalDomains: ["corp.example.com"],
};

describe("review: deny terms in running text without spaces", () => {
  it.each([
    "夜鹰项目有12台服务器，又增加了7台。",
    "我们的夜鹰模型",
    "青鸟计划的预算",
    "블루핀치의 결과",
    "블루핀치는 좋다",
    "ナイトジャーの結果",
    "新しいナイトジャーモデル",
    "ﾅｲﾄｼﾞｬｰの結果",
    "โครงการนกเค้าแมวเริ่มแล้ว",
    "我们的Nightjar模型",
    "Nightjar项目",
    "夜鹰API的文档",
    "夜鹰队赢了",
    "블루핀치의 결과".normalize("NFD"),
    "ナイトジャーの".normalize("NFD"),
    "블루\u200B핀치는",
  ])("%s → deny_term (BLOCK)", (t) => {
    const r = review({ body: body([text(t)]), policy });
    expect(codes(r)).toContain("deny_term");
    expect(r.verdict).toBe("BLOCK");
  });

  it("a one-letter term of such a script is a word", () => {
    const r = review({ body: body([text("一只老鹰飞过")]), policy: { denyTerms: ["鹰"] } });
    expect(codes(r)).toContain("deny_term");
    // One Latin letter is not looked for (it is in every word).
    expect(denyMatcher(["q"], [], 2).find("a quick test")).toEqual([]);
  });

  it("a near miss of a longer term is a near miss", () => {
    const r = review({ body: body([text("ナイトジャの結果")]), policy });
    expect(codes(r)).toContain("deny_term_near");
    expect(codes(r)).not.toContain("deny_term");
  });

  it("Katakana is not Hiragana", () => {
    const r = review({ body: body([text("ないとじゃーの結果")]), policy });
    expect(codes(r)).not.toContain("deny_term");
    expect(codes(r)).not.toContain("deny_term_near");
  });

  it("keeps Latin words whole", () => {
    const m = denyMatcher(policy.denyTerms, [], 2);
    // A Latin term as the start of a longer Latin word stays a word for a human to judge, in
    // Chinese text as in English.
    const falconry = [{ term: 6, distance: Infinity, glued: true }];
    expect(m.find("Falconry is old")).toEqual(falconry);
    expect(m.find("我们的Falconry模型")).toEqual(falconry);
    expect(m.find("the Nightjarxl weights")).toEqual([{ term: 5, distance: Infinity, glued: true }]);
    expect(tokenize("我们的Nightjar模型")).toEqual(["我", "们", "的", "nightjar", "模", "型"]);
    expect(tokenize("Nightjarʼs Falcon")).toEqual(["nightjarʼs", "falcon"]);
  });

  it("allow terms mask their letters there too", () => {
    const m = denyMatcher(["夜鹰"], ["夜鹰公园"], 2);
    expect(m.find("周末去夜鹰公园散步")).toEqual([]);
    expect(m.find("夜鹰项目在夜鹰公园旁")).toEqual([{ term: 0, distance: 0 }]);
  });

  it("unrelated text is clean", () => {
    const r = review({ body: body([text("夜晚的鹰飞过青色的鸟。블루베리는 맛있다。ナイトの話。")]), policy });
    expect(codes(r)).not.toContain("deny_term");
    expect(codes(r)).not.toContain("deny_term_near");
  });
});

describe("review: a letter of a script without spaces is its own folded word", () => {
  it("has no case, no look-alike and is no digit (the word list takes it as it is)", () => {
    const scripts =
      /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Tibetan}\p{scx=Yi}\p{scx=Bopomofo}]/u;
    let n = 0;
    for (let cp = 0x0e00; cp < 0x110000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (!/\p{L}/u.test(ch) || !scripts.test(ch)) continue;
      // Only what a cleaned text can hold (no compatibility form, no mark to strip, visible).
      const clean = ch
        .normalize("NFKD")
        .replace(/\p{M}/gu, "")
        .replace(/\p{Default_Ignorable_Code_Point}/gu, "")
        .normalize("NFKC");
      if (clean !== ch) continue;
      n++;
      const cut = cutWord(ch);
      if (cut.length !== 1 || cut[0] !== ch) expect(cut, `U+${cp.toString(16)}`).toEqual([ch]);
      // …and is a word of its own between Latin letters.
      const tok = tokenize("a" + ch + "b");
      if (tok.length !== 3 || tok[1] !== ch) expect(tok, `U+${cp.toString(16)}`).toEqual(["a", ch, "b"]);
    }
    expect(n).toBeGreaterThan(90_000);
  });
});

describe("review: internal hosts glued to text without spaces", () => {
  it.each([
    "内部服务wiki.corp.example.com上",
    "见corp.example.com。",
    "内部服务corp.example.com上",
    "社内のwiki.corp.example.comにある",
    "내부 wiki.corp.example.com에서",
  ])("%s → internal_host", (t) => {
    const r = review({ body: body([text(t)]), policy });
    expect(codes(r)).toContain("internal_host");
  });
});
