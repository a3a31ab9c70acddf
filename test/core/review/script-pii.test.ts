/**
 * The review's own check for names and addresses in Chinese, Japanese and Korean
 * (`review/script-pii.ts`): it flags them in a published body that still holds them, and passes
 * ordinary prose, maths reasoning and text whose personal data was replaced by placeholders.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review/index";
import { findScriptPii, gluedScriptSurvivors } from "../../../lambdas/core/review/script-pii";
import { body, text } from "./helpers";

const run = (t: string) => review({ body: body([text("Please help.", "user"), text(t)]) });
const codes = (t: string) => run(t).reasons.map((r) => r.code);

describe("review: names and addresses in Chinese, Japanese and Korean (names in Hindi and Arabic)", () => {
  it.each([
    ["姓名：赵敏 性别：女"],
    ["氏名：高橋花子"],
    ["성명: 김민준"],
    ["नाम: प्रिया सिंह"],
    ["الاسم: سارة علي"],
    ["〒150-0043 東京都渋谷区道玄坂2-10-7に住んでいます。"],
  ])("%s → BLOCK", (t) => {
    const r = run(t);
    expect(r.verdict).toBe("BLOCK");
    expect(r.reasons.map((x) => x.code)).toContain("residual_script_pii_strong");
  });

  it.each([
    ["我叫王小明，今年十岁。"],
    ["请把文件交给刘伟先生。"],
    ["我住在北京市朝阳区建国路88号。"],
    ["山田太郎様、こんにちは。"],
    ["私の名前は鈴木一郎です。"],
    ["大阪府大阪市北区梅田3丁目1番1号に住んでいます。"],
    ["ジョン・スミス様へ"],
    ["김민준 씨, 안녕하세요."],
    ["제 이름은 이지은입니다."],
    ["서울특별시 강남구 테헤란로 123"],
    ["부산광역시 해운대구 우동 1408번지"],
    ["주소는 대구광역시 수성구 동대구로 364입니다."],
    ["정민호 선생님께 감사드립니다."],
    ["各位好，我是黄志强。"],
    ["电话：13800138000"],
    ["我家住在成都市武侯区人民南路四段12号。"],
    ["मेरा नाम राहुल शर्मा है।"],
    ["श्रीमती सुनीता वर्मा ने फ़ोन किया।"],
    ["اسمي أحمد محمد وأسكن في القاهرة."],
    ["السيد خالد العتيبي سيحضر الاجتماع."],
    ["他住在阳光花园小区3栋2单元501。"],
    ['The user wrote: "My name is ⟦PERSON_1⟧, 我叫张伟, and I live in Beijing."'],
  ])("%s → NEEDS_HUMAN", (t) => {
    const r = run(t);
    expect(r.verdict).toBe("NEEDS_HUMAN");
    expect(r.reasons.map((x) => x.code)).toContain("residual_script_pii");
  });

  it("passes ordinary prose, maths reasoning and place names", () => {
    for (const t of [
      "王国的国王很高兴，他张开双手说周末要去吃李子。",
      "北京是中国的首都，上海是最大的城市。",
      "首先，我们计算总数：5个苹果加上3个苹果等于8个苹果。所以答案是12。",
      "这个函数叫做二次函数。我叫了一辆出租车。他叫什么名字？",
      "铁路5号线的列车每10分钟一班。三月5号我们去了动物园。",
      "今日は良い天気ですね。お客様、皆さん、お疲れ様でした。名前は何ですか？",
      "第1章の2-3節を読んでください。東京都の人口は約1400万人です。",
      "오늘 날씨가 정말 좋네요. 비율로 3을 나누면 답은 4입니다. 연구 결과로 3배 증가했습니다.",
      "저는 학생입니다. 저는 한국인입니다. 우리 선생님은 친절하십니다.",
      "친구 집으로 2번 갔다. 연구 방법으로 3시에 만났다.",
      "我是王国的公民。",
      "电话费是100元，打电话给他3次。",
      "भारत की राजधानी नई दिल्ली है। पहले हम कुल संख्या निकालते हैं: 5 और 3 मिलकर 8 होते हैं।",
      "السيد الرئيس والسيد الوزير حضرا. أولا نحسب المجموع: 5 زائد 3 يساوي 8.",
    ])
      expect(findScriptPii(t), t).toEqual([]);
    expect(run("北京是中国的首都。所以答案是12。").verdict).toBe("PASS");
  });

  it("passes a body whose names and addresses were replaced by placeholders (and flags it before)", () => {
    const script = (t: string) => codes(t).filter((c) => c.startsWith("residual_script_pii"));
    for (const [redacted, raw] of [
      ["我叫⟦PERSON_1⟧，住在⟦ADDRESS_1⟧。", "我叫王小明，住在北京市朝阳区建国路88号。"],
      ["请把文件交给⟦PERSON_1⟧先生。", "请把文件交给刘伟先生。"],
      ["姓名：⟦PERSON_1⟧ 性别：女", "姓名：赵敏 性别：女"],
      ["⟦PERSON_1⟧様、⟦ADDRESS_1⟧に住んでいます。", "山田太郎様、横浜市中区山下町123番地に住んでいます。"],
      ["⟦PERSON_1⟧ 씨, ⟦ADDRESS_1⟧", "김민준 씨, 서울특별시 강남구 테헤란로 123"],
      ["मेरा नाम ⟦PERSON_1⟧ है।", "मेरा नाम राहुल शर्मा है।"],
      ["اسمي ⟦PERSON_1⟧ وأسكن في القاهرة.", "اسمي أحمد محمد وأسكن في القاهرة."],
      ["नाम: ⟦PERSON_1⟧", "नाम: प्रिया सिंह"],
      ["电话：⟦PHONE_1⟧", "电话：13800138000"],
    ] as const) {
      expect(script(redacted), redacted).toEqual([]);
      expect(script(raw), raw).not.toEqual([]);
    }
  });

  it("Latin-only text costs one test and finds nothing", () => {
    expect(findScriptPii("My name is Wang Xiaoming, 88 Jianguo Road, Beijing.")).toEqual([]);
  });

  it("a redacted value in these scripts survives glued to other letters: survival (BLOCK)", () => {
    const b = body([text("我叫⟦PERSON_1⟧，请帮我写信。", "user"), text("所以王小明想写一封信。")]);
    const r = review({ body: b, values: ["王小明"] });
    expect(r.verdict).toBe("BLOCK");
    expect(r.reasons.map((x) => x.code)).toContain("survival");
    const strings = [{ path: "a" }, { path: "b" }, { path: "c" }];
    expect(
      gluedScriptSurvivors(strings, ["김민준이 왔다", "no", "王芳的"], ["김민준", "王芳", "Natalia"]),
    ).toEqual(["a", "c"]);
    expect(gluedScriptSurvivors(strings, ["Natalia sold", "王国", "x"], ["Natalia", "王"])).toEqual([]);
  });
});
