/**
 * Person names in Chinese, Japanese and Korean (`script-pii.ts`). Most negatives sit next to a
 * name in the same string, so that each test also fails when the detector is missing.
 */
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { SCRIPT_PII } from "../../../lambdas/core/redact/script-pii";
import { found } from "./helpers";

const persons = (text: string): string[] => found(text).filter((f) => f.startsWith("PERSON:"));

describe("Chinese names", () => {
  it("after an introduction or a form label", () => {
    expect(persons("我叫王小明，今年十岁。")).toEqual(["PERSON:王小明"]);
    expect(persons("我叫李华今年十岁")).toEqual(["PERSON:李华"]);
    expect(persons("姓名：赵敏 性别：女")).toEqual(["PERSON:赵敏"]);
    expect(persons("联系人：欧阳娜娜")).toEqual(["PERSON:欧阳娜娜"]);
    expect(persons("收件人：陈建国")).toEqual(["PERSON:陈建国"]);
    expect(persons("您好，我的名字是李娜。")).toEqual(["PERSON:李娜"]);
  });
  it("before a title or a form of address, simplified and traditional", () => {
    expect(persons("请把文件交给刘伟先生。")).toEqual(["PERSON:刘伟"]);
    expect(persons("张丽女士的快递到了。")).toEqual(["PERSON:张丽"]);
    expect(persons("请联系张伟经理。")).toEqual(["PERSON:张伟"]);
    expect(persons("陳大文先生今天來了。")).toEqual(["PERSON:陳大文"]);
    expect(persons("感谢郭靖老师的指导。")).toEqual(["PERSON:郭靖"]);
  });
  it("before 先生/女士/小姐 any given name; after 我是 or a role, a common given name", () => {
    expect(persons("请联系陈奕迅先生。")).toEqual(["PERSON:陈奕迅"]);
    expect(persons("我是张伟，是这家公司的经理。")).toEqual(["PERSON:张伟"]);
    expect(persons("客户王芳的手机号是多少？")).toEqual(["PERSON:王芳"]);
    expect(persons("用户王小明想写信。")).toEqual(["PERSON:王小明"]);
  });
  it("after 我是 or a role, ordinary words are not names", () => {
    expect(
      persons(
        "我是学生，我是高中生，我是王国的公民。学生高兴地跑了。朋友明天来。客户方面没有问题。" +
          "同事关系不错。一位老先生和这位女士都来了。我是说，答案应该是24。客户王芳来了。",
      ),
    ).toEqual(["PERSON:王芳"]);
  });
  it("a short string that is a full name and nothing else (a JSON value, a signature line)", () => {
    expect(
      [
        "王小明",
        "欧阳娜娜",
        "山田 太郎",
        "김민준",
        "王国",
        "高兴",
        "周末",
        "北京市",
        "高中生",
        "文心一言",
      ].flatMap((t) => persons(t)),
    ).toEqual(["PERSON:王小明", "PERSON:欧阳娜娜", "PERSON:山田 太郎", "PERSON:김민준"]);
  });
  it("later mentions of a name found with a cue, in the same string", () => {
    expect(persons("我叫王小明。王小明喜欢数学。")).toEqual(["PERSON:王小明", "PERSON:王小明"]);
  });
  it("a surname and a title in a word problem is redacted (a fictional person, the safe side)", () => {
    expect(persons("王老师有5个苹果，给了李明同学2个。")).toEqual(["PERSON:王", "PERSON:李明"]);
  });
  it("ordinary words made of surname characters are not names", () => {
    expect(persons("王国的国王很高兴，他张开双手说周末要去吃李子。王老师来了。")).toEqual(["PERSON:王"]);
    expect(persons("黄金的价格上涨了5%，白色的球有4个。刘伟先生说。")).toEqual(["PERSON:刘伟"]);
  });
  it("a subject, a role or a function word before a title is not a name", () => {
    expect(persons("项目经理、高级经理、历史老师、语文老师、学生和老师都来了。张丽女士也来了。")).toEqual([
      "PERSON:张丽",
    ]);
  });
  it("words after 叫做 or 我叫 that are not names", () => {
    expect(persons("这个函数叫做二次函数，我叫了一辆出租车。他叫什么名字？我叫王小明。")).toEqual([
      "PERSON:王小明",
    ]);
  });
  it("place names and maths reasoning hold no name", () => {
    const t = "北京是中国的首都。首先，我们计算总数：5个苹果加上3个苹果等于8个苹果。所以答案是12。";
    expect(detect(t)).toEqual([]);
    expect(persons(t + "姓名：赵敏")).toEqual(["PERSON:赵敏"]);
  });
});

describe("Japanese names", () => {
  it("a family name (and given name) before an honorific", () => {
    expect(persons("山田太郎様")).toEqual(["PERSON:山田太郎"]);
    expect(persons("山田 太郎さん、こんにちは。")).toEqual(["PERSON:山田 太郎"]);
    expect(persons("田中さん、こんにちは。")).toEqual(["PERSON:田中"]);
    expect(persons("担当者山田様にお渡しください。")).toEqual(["PERSON:山田"]);
    expect(persons("担当の佐藤と申します。")).toEqual(["PERSON:佐藤"]);
  });
  it("a katakana name before an honorific", () => {
    expect(persons("ジョン・スミス様へ")).toEqual(["PERSON:ジョン・スミス"]);
    expect(persons("マリアさんは来ますか。")).toEqual(["PERSON:マリア"]);
  });
  it("a name with its reading in kana; not a place name with its reading", () => {
    expect(persons("東京（とうきょう）の山田太郎（やまだたろう）さん")).toEqual(["PERSON:山田太郎"]);
    expect(persons("森さんと林太郎さん、東京（とうきょう）")).toEqual(["PERSON:森", "PERSON:林太郎"]);
  });
  it("after 名前は, 氏名 and 私は … です", () => {
    expect(persons("私の名前は鈴木一郎です。")).toEqual(["PERSON:鈴木一郎"]);
    expect(persons("氏名：高橋花子")).toEqual(["PERSON:高橋花子"]);
    expect(persons("私は高橋です。よろしくお願いします。")).toEqual(["PERSON:高橋"]);
  });
  it("honorifics after words that are not family names", () => {
    expect(
      persons(
        "お客様、皆さん、お疲れ様でした。同様に、神様、お母さん、学生さん。私は学生です。名前は何ですか？田中さん。",
      ),
    ).toEqual(["PERSON:田中"]);
  });
});

describe("Korean names", () => {
  it("a surname and given name before 씨, 님 or a title", () => {
    expect(persons("김민준 씨, 안녕하세요.")).toEqual(["PERSON:김민준"]);
    expect(persons("박서연님께 연락 바랍니다.")).toEqual(["PERSON:박서연"]);
    expect(persons("김 선생님께서 오셨습니다.")).toEqual(["PERSON:김"]);
  });
  it("a name with an age after it", () => {
    expect(persons("용의자 김민준(32세)은 서울에 산다. 정상인(3)")).toEqual(["PERSON:김민준"]);
  });
  it("after 제 이름은 and 저는 … 입니다", () => {
    expect(persons("제 이름은 이지은입니다.")).toEqual(["PERSON:이지은"]);
    expect(persons("저는 최현우입니다.")).toEqual(["PERSON:최현우"]);
  });
  it("determiners, subjects and ordinary words before a title are not names", () => {
    expect(
      persons(
        "우리 선생님, 국어 선생님, 이 선생님, 고객님, 아저씨, 날씨, 오늘날씨. 저는 학생입니다. 저는 한국인입니다. 김민준 씨.",
      ),
    ).toEqual(["PERSON:김민준"]);
  });
});

describe("cost and scope", () => {
  it("Latin-only text is left to the other detectors", () => {
    const ctx = { internalDomains: [] };
    expect(SCRIPT_PII.detect("My name is Wang Xiaoming, 88 Jianguo Road, Beijing.", ctx)).toEqual([]);
    expect(SCRIPT_PII.detect("我叫王小明", ctx)).toHaveLength(1);
  });
  it("switched off by name", () => {
    expect(found("我叫王小明", { disable: ["script-pii"] })).toEqual([]);
    expect(found("我叫王小明")).toEqual(["PERSON:王小明"]);
  });
  it("a mixed English and Chinese transcript", () => {
    const t = 'The user wrote: "My name is John, 我叫张伟, and I live in Beijing." So I should greet 张伟.';
    expect(persons(t)).toEqual(["PERSON:John", "PERSON:张伟", "PERSON:张伟"]);
  });
});

describe("phone numbers after a cue in these scripts", () => {
  it("a number after 电话, 手机号, 電話番号 or 전화번호; not a price or a count", () => {
    expect(found("电话：13800138000")).toEqual(["PHONE:13800138000"]);
    expect(found("联系方式：手机号是13912345678。")).toEqual(["PHONE:13912345678"]);
    expect(found("電話番号は09012345678です。")).toEqual(["PHONE:09012345678"]);
    expect(found("전화번호는 01012345678입니다.")).toEqual(["PHONE:01012345678"]);
    expect(found("电话费是100元，打电话给他3次，手机号是1。电话：13800138000")).toEqual([
      "PHONE:13800138000",
    ]);
  });
});
