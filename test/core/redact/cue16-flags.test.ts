import { describe, expect, it } from "vitest";
import { CARD_CODE_CUE, cardCodeCue, PHRASE_CUE, phraseCue } from "../../../lambdas/core/redact/secrets";
import { seededRandom } from "./helpers";

/**
 * The gates of the passphrase and card-code rules are read off the shared cue scan of secrets.ts
 * (the scan passes every character anyway): they must hold wherever their patterns match.
 */
describe("the cue scan's flag words (the gates of the passphrase and card-code rules)", () => {
  const pieces = [
    "phrase",
    "Phrase",
    "PHRASE",
    "passphrase",
    "seed phrase",
    "mnemonic",
    "Mnemonic",
    "MNEMONIC",
    "CVV",
    "cvc",
    "Cvv2",
    "CID",
    "CSC",
    "PIN",
    "pin",
    "OTP",
    "otp",
    "code",
    "Code",
    "decode",
    "phr",
    "mne",
    "co",
    "pi",
    "cv",
    "pass",
    "token",
    "key",
    "Mr ",
    "name",
    "-p ",
    "login",
    "address",
    " ",
    "\n",
    ":",
    "=",
    "1234",
    "the",
    "a",
    "é",
    "密码",
  ];
  it("notes them wherever the patterns match, in 4,000 random texts", () => {
    const rnd = seededRandom(1616);
    let phrases = 0;
    let cards = 0;
    for (let k = 0; k < 4000; k++) {
      let t = "";
      for (let j = Math.floor(rnd() * 9); j > 0; j--) t += pieces[Math.floor(rnd() * pieces.length)];
      if (PHRASE_CUE.test(t)) {
        phrases++;
        expect(phraseCue(t), JSON.stringify(t)).toBe(true);
      }
      if (CARD_CODE_CUE.test(t)) {
        cards++;
        expect(cardCodeCue(t), JSON.stringify(t)).toBe(true);
      }
    }
    expect(phrases).toBeGreaterThan(500);
    expect(cards).toBeGreaterThan(500);
  });

  it("stays down in reasoning without them", () => {
    const t = "She sells 12 eggs at $2 each, so she makes 12 * 2 = $24 every day.";
    expect(phraseCue(t)).toBe(false);
    expect(cardCodeCue(t)).toBe(false);
  });
});
