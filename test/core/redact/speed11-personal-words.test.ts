/**
 * person.ts's words of personal-data context (PERSONAL_WORDS) are found by secrets.ts's shared
 * cue scan (`personalWord`), which reads the text once for every rule: a table of the words'
 * first three characters says where one may start, and the regex is asked there only. It must
 * answer exactly as the regex over the whole text, on random texts of the words (in every case,
 * glued to letters, digits and other words, cut), the scan's own cue words (a keyword's inside is
 * skipped), and characters that fold onto ASCII in the scan's tables.
 */
import { describe, expect, it } from "vitest";
import { PERSONAL_WORDS_SOURCE, personalContext } from "../../../lambdas/core/redact/person";
import { personalWord } from "../../../lambdas/core/redact/secrets";
import { seededRandom, mixCase } from "./helpers";

const SINGLE =
  "email e-mail E-Mail phone telephone tel mobile cell cellphone fax contact address addressed street apt suite zip postcode postal iban ssn passport license licence driver born birth dob nationality citizen resident dear regards sincerely signed surname username customer client patient employee applicant tenant member ceo cto cfo founder manager engineer director officer lawyer attorney company corp inc llc ltd university hospital bank profile linkedin twitter facebook instagram github".split(
    " ",
  );
const PHRASES = [
  "social security",
  "lives in",
  "lives at",
  "moved to",
  "user name",
  "account number",
  "account no",
  "card number",
];
const PERSONAL = [...SINGLE, ...PHRASES];
const WORDS = [
  ...PERSONAL,
  ...PHRASES.flatMap((p) => p.split(" ")),
  ..."pass pw pwd secret token key cred salt nonce otp seed sig auth bearer basic mr mrs name -u --user".split(
    " ",
  ),
  ..."corner of|sent to|P.O. Box|Suite|login|connect|:5432:|emails|phones|telex|incl|bankrupt|proton".split(
    "|",
  ),
  ..."e|-|_|1|é|É|ſ|K|ı|İ|\u00e9mail|\u0130nc| |.|\n|(|'".split("|"),
];
const FILL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-_:=\r\n\t@/";

describe("personalWord (the shared cue scan's reading of PERSONAL_WORDS)", () => {
  const regex = new RegExp(PERSONAL_WORDS_SOURCE, "i");

  it("answers as the regex on random texts of the words, glued, cut and in every case", () => {
    const r = seededRandom(2026);
    let hits = 0;
    for (let n = 0; n < 30000; n++) {
      let t = "";
      for (let k = 0, parts = 1 + Math.floor(r() * 8); k < parts; k++) {
        const x = r();
        if (x < 0.55) {
          const w = WORDS[Math.floor(r() * WORDS.length)]!;
          t += x < 0.25 ? w : mixCase(w, r);
        } else if (x < 0.95) t += FILL[Math.floor(r() * FILL.length)]!;
        else t += String.fromCharCode(Math.floor(r() * 0x800));
      }
      if (r() < 0.3) t = t.slice(Math.floor(r() * t.length));
      const want = regex.test(t);
      if (want) hits++;
      expect(personalWord(t), JSON.stringify(t)).toBe(want);
    }
    // Both answers are common (the test would say little otherwise).
    expect(hits).toBeGreaterThan(3000);
    expect(hits).toBeLessThan(25000);
  });

  it("finds each word alone, after a keyword and after a non-word character, not glued to a letter", () => {
    for (const w of PERSONAL) {
      expect(regex.test(w), w).toBe(true);
      expect(personalWord(w), w).toBe(true);
      expect(personalWord(w.toUpperCase()), w).toBe(true);
      expect(personalWord(`token ${w}`), w).toBe(true);
      expect(personalWord(`password=${w}.`), w).toBe(true);
      expect(personalWord(`x${w}`), w).toBe(regex.test(`x${w}`));
      expect(personalWord(`9${w}`), w).toBe(false);
      expect(personalWord(`_${w}`), w).toBe(false);
    }
  });

  it("gives personalContext its answer on texts without other context", () => {
    expect(personalContext("Natalia sold 48 clips in April and half as many in May.")).toBe(false);
    expect(personalContext("Natalia, the patient, sold 48 clips in April.")).toBe(true);
    expect(personalContext("Natalia sold 48 clips to her customers in April.")).toBe(false);
    expect(personalContext("Natalia's customer sold 48 clips.")).toBe(true);
  });
});
