import { describe, expect, it } from "vitest";
import { findScriptPii, SCRIPT_PII_PATTERNS as P } from "../../../lambdas/core/review/script-pii";

/** What `findScriptPii` answers when every pattern runs on every text (no literal pre-check). */
function everyPattern(text: string): ReturnType<typeof findScriptPii> {
  if (!P.SCRIPTS.test(text)) return [];
  const hits: ReturnType<typeof findScriptPii> = [];
  if (P.LABELLED.test(text) || P.OTHER_LABELLED.test(text))
    hits.push({ strong: true, what: "a name after a form label" });
  else if (P.INTRODUCED.test(text) || P.KO_SELF.test(text) || P.OTHER_SCRIPTS.test(text))
    hits.push({ strong: false, what: "a name after an introduction" });
  if (P.HONORIFIC.test(text)) hits.push({ strong: false, what: "a family name before an honorific" });
  if (P.POSTCODE_ADDRESS.test(text)) hits.push({ strong: true, what: "a postcode and an address" });
  else if (P.POSTCODE.test(text)) hits.push({ strong: false, what: "a postcode" });
  if (P.ADDRESS.test(text)) hits.push({ strong: false, what: "a street or block address" });
  if (P.PHONE.test(text)) hits.push({ strong: false, what: "a phone number after a phone cue" });
  return hits;
}

/** One example that each branch of each pattern matches, and pieces of them. */
const EXAMPLES = [
  "姓名：李华",
  "联系人: 王芳",
  "收货人：陈明",
  "署名：张伟",
  "负责人：刘洋",
  "氏名：山田太郎",
  "お名前：ヤマダ",
  "担当者：佐藤",
  "担当：鈴木",
  "성명: 김민준",
  "이름: 박서연",
  "성함：이도윤",
  "담당자: 최유진",
  "नाम: राम",
  "الاسم: علي",
  "我叫王小明",
  "我的名字是李雷",
  "我的名字叫韩梅",
  "他名叫赵四",
  "私の名前は田中です",
  "僕の名前はタロウ",
  "제 이름은 민수",
  "저는 김민준입니다",
  "मेरा नाम राहुल",
  "श्रीमती सीता",
  "सुश्री गीता",
  "اسمي أحمد",
  "إسمي محمد",
  "السيدة فاطمة",
  "السيد خالد",
  "李先生",
  "王小红女士",
  "张小姐",
  "佐藤さん",
  "鈴木一郎様",
  "田中氏",
  "山田と申します",
  "マイケル・ジョーダンさん",
  "김민준 씨",
  "박지훈님",
  "이서연 선생님",
  "我是黄志强。",
  "住所〒100-0001",
  "〒 150-0002 東京都渋谷区神南1",
  "北京市朝阳区建国路88号",
  "台北市信義區忠孝東路五段100號",
  "東京都千代田区丸の内1-2-3",
  "大阪市北区梅田2丁目",
  "京都府京都市5番地",
  "서울시 강남구 테헤란로 123",
  "부산시 해운대구 우동 45",
  "阳光小区3栋",
  "电话：13800138000",
  "手機: 0912 345 678",
  "携帯 090-1234-5678",
  "전화번호: 010-1234-5678",
  "휴대폰 01012345678",
];
const PIECES = [
  ...EXAMPLES.flatMap((e) => [e, e.slice(0, Math.ceil(e.length / 2)), e.slice(Math.floor(e.length / 2))]),
  "人数",
  "名字",
  "：",
  ":",
  "-",
  "－",
  "号",
  "市",
  "区",
  "町",
  "叫",
  "是",
  "的",
  "每天",
  "。",
  "，",
  " ",
  "\n",
  "12",
  "0",
  "a",
];

describe("findScriptPii's literal pre-checks", () => {
  it("answer as the patterns themselves do on every example", () => {
    for (const e of EXAMPLES) {
      expect(findScriptPii(e)).toEqual(everyPattern(e));
      expect(everyPattern(e).length).toBeGreaterThan(0);
    }
  });

  it("answer as the patterns do on texts glued from their pieces", () => {
    let seed = 20261130;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let found = 0;
    for (let i = 0; i < 20000; i++) {
      let t = "";
      const n = 1 + Math.floor(rnd() * 8);
      for (let k = 0; k < n; k++) t += PIECES[Math.floor(rnd() * PIECES.length)];
      const want = everyPattern(t);
      found += want.length;
      expect(findScriptPii(t)).toEqual(want);
    }
    expect(found).toBeGreaterThan(1000);
  });
});
