/**
 * Names and addresses in Chinese, Japanese and Korean, through the whole pipeline as ingest runs
 * it: the redaction keeps them out of the published form, and with the redaction's detector
 * switched off the independent review alone does not give PASS.
 */
import { describe, expect, it } from "vitest";
import { processBytes, type AcceptedOutcome } from "../../lambdas/core/pipeline";

const enc = new TextEncoder();

function chat(prompt: string, reasoning: string, answer: string): Uint8Array {
  return enc.encode(
    JSON.stringify({
      request: {
        model: "deepseek-reasoner",
        messages: [
          { role: "user", content: prompt },
          { role: "assistant", content: answer, reasoning_content: reasoning },
        ],
      },
      response: {
        id: "chatcmpl-1",
        object: "chat.completion",
        created: 1746100000,
        model: "deepseek-reasoner",
        choices: [{ index: 0, message: { role: "assistant", content: answer }, finish_reason: "stop" }],
      },
    }),
  );
}

function accepted(bytes: Uint8Array, disable?: string[]): AcceptedOutcome {
  const out = processBytes("cjk.json", bytes, {
    lab: "qa-lab",
    hmacKey: "k",
    ...(disable ? { disable } : {}),
  });
  expect(out).toHaveLength(1);
  expect(out[0]!.status).toBe("accepted");
  return out[0] as AcceptedOutcome;
}

const CASES: [string, string, string[]][] = [
  [
    "Chinese name and address",
    "我叫王小明，住在北京市朝阳区建国路88号，请帮我写一封信。",
    ["王小明", "北京市朝阳区建国路88号"],
  ],
  ["Chinese form", "姓名：赵敏\n请帮我填写这张表格。", ["赵敏"]],
  [
    "Japanese name and postcode",
    "山田太郎様宛に〒150-0043 東京都渋谷区道玄坂2-10-7まで送ってください。",
    ["山田太郎", "道玄坂2-10-7"],
  ],
  [
    "Korean name and address",
    "김민준 씨, 서울특별시 강남구 테헤란로 123 으로 보내 주세요.",
    ["김민준", "테헤란로 123"],
  ],
  ["Hindi name", "मेरा नाम राहुल शर्मा है, कृपया एक पत्र लिखिए।", ["राहुल शर्मा"]],
  ["Arabic name", "اسمي أحمد محمد، من فضلك اكتب رسالة.", ["أحمد محمد"]],
  [
    "English with a Chinese name and address",
    "Please draft a letter. My name is 张伟 (我叫张伟) and I live at 上海市浦东新区世纪大道100号.",
    ["张伟", "世纪大道100号"],
  ],
];

describe("names and addresses in Chinese, Japanese and Korean, through the pipeline", () => {
  it.each(CASES)("%s: redacted from every published string", (_, prompt, values) => {
    const o = accepted(chat(prompt, "The user gave their details; I will write the letter.", "Done."));
    const published = JSON.stringify(o.published);
    for (const v of values) expect(published, v).not.toContain(v);
  });

  it.each(CASES)(
    "%s: with the redaction switched off, the review alone does not PASS",
    (_, prompt, values) => {
      const o = accepted(chat(prompt, "The user gave their details; I will write the letter.", "Done."), [
        "script-pii",
      ]);
      const published = JSON.stringify(o.published);
      expect(values.some((v) => published.includes(v))).toBe(true);
      expect(o.verdict).not.toBe("PASS");
      expect(o.reasons.map((r) => r.code).some((c) => c.startsWith("residual_script_pii"))).toBe(true);
    },
  );

  it("a name found in the prompt and left glued to other letters in the reasoning is not published unnoticed", () => {
    for (const [prompt, reasoning, value] of [
      ["我叫王小明，请帮我写一封信。", "所以王小明想写一封信。", "王小明"],
      ["제 이름은 이지은입니다. 편지를 써 주세요.", "사용자 이지은이 편지를 원한다.", "이지은"],
    ] as const) {
      const o = accepted(chat(prompt, reasoning, "Done."));
      // Either the redaction replaced every mention, or the review blocks the transcript.
      if (JSON.stringify(o.published).includes(value)) {
        expect(o.verdict, value).toBe("BLOCK");
        expect(o.reasons.map((r) => r.code)).toContain("survival");
      }
    }
  });

  it("ordinary Chinese reasoning and a word problem stay readable and PASS", () => {
    const o = accepted(
      chat(
        "小明有5个苹果，小红有3个，一共有多少个？",
        "首先，我们计算总数：5个苹果加上3个苹果等于8个苹果。等一下，我好像算错了吗？没有，所以答案是8。",
        "一共有8个苹果。",
      ),
    );
    expect(JSON.stringify(o.published)).toContain("首先，我们计算总数");
    expect(o.findings).toEqual([]);
    expect(o.verdict).toBe("PASS");
  });
});
