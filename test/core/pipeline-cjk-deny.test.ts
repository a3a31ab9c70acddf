/**
 * A lab's deny terms and internal hosts in Chinese, Japanese, Korean and Thai running text,
 * through the whole pipeline as ingest runs it: the redaction keeps them out of the published
 * form, and with its policy detectors switched off the independent review alone does not PASS
 * (BLOCK for a deny term, as for any exact deny-term hit).
 */
import { describe, expect, it } from "vitest";
import { processBytes, type AcceptedOutcome } from "../../lambdas/core/pipeline";

const enc = new TextEncoder();

const POLICY = {
  denyTerms: ["夜鹰", "青鸟计划", "블루핀치", "ナイトジャー", "นกเค้าแมว"],
  allowTerms: [],
  internalDomains: ["corp.example.com"],
};

function chat(prompt: string, reasoning: string, answer: string): Uint8Array {
  return enc.encode(
    JSON.stringify({
      model: "qwen3-235b",
      messages: [
        { role: "user", content: prompt },
        { role: "assistant", content: answer, reasoning_content: reasoning },
      ],
    }),
  );
}

function accepted(bytes: Uint8Array, disable?: string[]): AcceptedOutcome {
  const out = processBytes("cjk-deny.json", bytes, {
    lab: "qa-lab",
    hmacKey: "k",
    policy: POLICY,
    ...(disable ? { disable } : {}),
  });
  expect(out).toHaveLength(1);
  expect(out[0]!.status).toBe("accepted");
  return out[0] as AcceptedOutcome;
}

const CASES: [string, string, string, string][] = [
  [
    "Chinese word problem",
    "夜鹰项目有12台服务器，又增加了7台。现在一共有多少台？",
    "夜鹰项目原来有12台服务器，增加7台，12+7=19。所以一共19台。",
    "夜鹰",
  ],
  ["Chinese budget", "青鸟计划的预算是多少？", "用户问青鸟计划的预算，我不知道具体数字。", "青鸟计划"],
  [
    "Korean particles",
    "블루핀치의 결과를 요약해 주세요.",
    "블루핀치는 새 모델이다. 결과를 요약한다.",
    "블루핀치",
  ],
  ["Japanese", "ナイトジャーの結果は？", "ナイトジャーの評価結果をまとめます。", "ナイトジャー"],
  ["Thai", "โครงการนกเค้าแมวคืออะไร", "ผู้ใช้ถามเกี่ยวกับโครงการนกเค้าแมวเริ่มแล้ว", "นกเค้าแมว"],
];

describe("deny terms in text without spaces, through the pipeline", () => {
  it.each(CASES)("%s: redacted from every published string", (_, prompt, reasoning, term) => {
    const o = accepted(chat(prompt, reasoning, "好的。"));
    expect(JSON.stringify(o.published)).not.toContain(term);
    expect(o.redactions["TERM"]).toBeGreaterThanOrEqual(2);
    expect(o.reasons.map((r) => r.code)).not.toContain("deny_term");
  });

  it.each(CASES)(
    "%s: with the deny-term detector switched off, the review alone BLOCKs",
    (_, prompt, reasoning, term) => {
      const o = accepted(chat(prompt, reasoning, "好的。"), ["deny-term"]);
      expect(JSON.stringify(o.published)).toContain(term);
      expect(o.reasons.map((r) => r.code)).toContain("deny_term");
      expect(o.verdict).toBe("BLOCK");
    },
  );

  it("an internal host glued to Chinese text is redacted, and found by the review without it", () => {
    const prompt = "内部服务wiki.corp.example.com上有文档吗？";
    const o = accepted(chat(prompt, "用户问内部服务的文档。", "有。"));
    expect(JSON.stringify(o.published)).not.toContain("corp.example.com");
    const off = accepted(chat(prompt, "用户问内部服务的文档。", "有。"), ["internal-domain"]);
    expect(JSON.stringify(off.published)).toContain("wiki.corp.example.com");
    expect(off.reasons.map((r) => r.code)).toContain("internal_host");
    expect(off.verdict).not.toBe("PASS");
  });
});
