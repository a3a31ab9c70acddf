import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { body, text } from "./helpers";

const codes = (t: string) =>
  review({ body: body([text(`Restored the wallet.\n${t}\n`)]) }).reasons.map((x) => x.code);

describe("review: a wallet's recovery phrase after its label, if the redaction missed it", () => {
  it.each([
    "seed phrase: abandon ability able about above absent absorb abstract absurd abuse access accident",
    'mnemonic = "legal winner thank year wave sausage worth useful legal winner thank yellow"',
    "My recovery phrase is zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
    '{"wallet_phrase": "wolf pact fold zone lake mind gift oval raw mesh tone sun"}',
  ])("%s → keyword_secret (BLOCK)", (t) => {
    expect(codes(t)).toContain("keyword_secret");
  });

  it("not a redacted phrase, a memory aid or a short list after the label", () => {
    for (const t of [
      "seed phrase: ⟦SECRET_1⟧",
      "The mnemonic: please excuse my dear aunt sally",
      "recovery phrase: write it down and keep it offline",
    ])
      expect(codes(t), t).not.toContain("keyword_secret");
  });
});
