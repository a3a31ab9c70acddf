/**
 * The review's own keyword scan recognises password labels of other languages (twelfth
 * session): a credential after `senha:`, `wachtwoord=`, `пароль:`, `密码：`… is keyword_secret.
 * The redaction is not run here.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { findKeywordHits, KEYWORD_GATE } from "../../../lambdas/core/review/keywords";
import { body, text } from "./helpers";

const codes = (r: ReturnType<typeof review>) => r.reasons.map((x) => x.code);

/** Labels that end with an ASCII letter: the review's screen passes them, the whole review blocks. */
const SCREENED = [
  "contrasena: Lunes_2023!",
  "senha: Brasil@2024",
  "SENHA=Brasil@2024",
  'wachtwoord = "Fiets!987"',
  "clave: Lunes_2023!",
  "şifre: Ankara#06",
  "parola d'ordine: Roma#2024",
  "heslo: Praha!2024",
  "lösenord: Sverige#1",
  "adgangskode: Kobenhavn2!",
  "passord: Oslo#2024",
  "salasana: Helsinki#7",
  "Kennwort: Berlin#2024",
];
/** Labels that end with, or hold, a letter outside ASCII: passed by the screen for one of their units (FOREIGN_UNITS). */
const UNSCREENED = [
  "contraseña: Lunes_2023!",
  "hasło: Zamek#2020",
  "пароль: Медведь2024!",
  "密码：Qwerty!2024",
  "パスワード: Sakura_2024",
  "비밀번호: Seoul!2024",
  "jelszó: Budapest#1",
  "κωδικός: Athina#2024",
  "כלומר סיסמה: Tel@viv2024",
  "كلمة المرور: Cairo#2024",
];

describe("review: password labels in other languages", () => {
  it.each(SCREENED)("%s → keyword_secret (BLOCK)", (t) => {
    expect(KEYWORD_GATE.test(t)).toBe(true);
    const r = review({ body: body([text(`Logged in.\n${t}\n`)]) });
    expect(codes(r)).toContain("keyword_secret");
    expect(r.verdict).toBe("BLOCK");
  });

  it.each(UNSCREENED)("%s → keyword_secret (BLOCK) through the screen's foreign units", (t) => {
    // Without a lab policy (the screen of runs and literals alone) and with deny terms (the
    // screen that also steps the terms' automaton): two loops, each must pass the text.
    for (const policy of [undefined, { denyTerms: ["Nightjar"], allowTerms: [], internalDomains: [] }]) {
      const r = review({ body: body([text(`Logged in.\n${t}\n`)]), ...(policy ? { policy } : {}) });
      expect(codes(r)).toContain("keyword_secret");
      expect(r.verdict).toBe("BLOCK");
    }
  });

  it.each([...SCREENED, ...UNSCREENED])("%s → a keyword hit", (t) => {
    expect(findKeywordHits(t).map((h) => h.code)).toEqual(["keyword_secret"]);
  });

  it("a label's word in prose, a placeholder or a word after it is no hit", () => {
    for (const t of [
      "la clave del problema es 2024abc",
      "clave: usar DP",
      "пароль: отсутствует",
      "senha: ⟦SECRET_1⟧",
      "wachtwoord: ********",
      "parola chiave: Roma2024",
      "enclave: sgx2024!",
    ])
      expect(findKeywordHits(t), t).toEqual([]);
  });
});
