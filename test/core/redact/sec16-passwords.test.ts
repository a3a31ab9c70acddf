/**
 * Passwords the redaction still published (twelfth session): password labels in other
 * languages, multi-word passphrases after a password word, card verification codes, PINs and
 * one-time codes. Each is a SECRET span of `keyword-secret` over the value alone.
 */
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";

const secrets = (text: string) =>
  detect(text)
    .filter((s) => s.category === "SECRET")
    .map((s) => `${s.detector}:${text.slice(s.start, s.end)}`);

describe("password labels in other languages", () => {
  const cases: [string, string][] = [
    ["contraseña: ", "Lunes_2023!"],
    ["CONTRASEÑA= ", "Lunes_2023!"],
    ["senha: ", "Brasil@2024"],
    ["wachtwoord: ", "Fiets!987"],
    ["hasło: ", "Zamek#2020"],
    ["HASŁO: ", "Zamek#2020"],
    ["пароль: ", "Медведь2024!"],
    ["密码：", "Qwerty!2024"],
    ["密碼: ", "Taipei#2024"],
    ["パスワード: ", "Sakura_2024"],
    ["비밀번호: ", "Seoul!2024"],
    ["şifre: ", "Ankara#06"],
    ["parola = ", "Roma#2024"],
    ["heslo: ", "Praha!2024"],
    ["lösenord: ", "Sverige#1"],
    ["adgangskode: ", "Kobenhavn2!"],
    ["salasana: ", "Helsinki#7"],
    ["jelszó: ", "Budapest#1"],
    ["Parola d'ordine: ", "Roma#2024"],
    ["mật khẩu: ", "Hanoi@2024"],
    ["κωδικός: ", "Athina#2024"],
    ["ΚΩΔΙΚΌΣ: ", "Athina#2024"],
    ["סיסמה: ", "Tel@viv2024"],
    ["كلمة المرور: ", "Cairo#2024"],
    ["clave: ", "Lunes_2023!"],
    ['{"senha": "', 'Brasil@2024"}'],
  ];
  it.each(cases)("%s%s", (label, value) => {
    const v = value.replace(/"}$/, "");
    expect(secrets(`${label}${value}`)).toEqual([`keyword-secret:${v}`]);
    expect(secrets(`Login ok.\n${label}${value}\nDone.`)).toEqual([`keyword-secret:${v}`]);
  });

  it("needs the separator right after the word, and a password's shape", () => {
    for (const t of [
      "la clave del problema es 2024abc",
      "La clave: 2x+3 = 11",
      "clave: usar DP",
      "parola chiave: Roma#2024",
      "пароль: отсутствует",
      "la parola del giorno è casa",
      "senha == Brasil@2024",
      "enclave: sgx2024!",
      "contraseña: ********",
      "contraseña: <tu contraseña>",
    ])
      expect(secrets(t), t).toEqual([]);
  });
});

describe("multi-word passphrases", () => {
  it("takes the whole quoted value after a password word", () => {
    expect(secrets('The password is "open sesame please".')).toEqual(["keyword-secret:open sesame please"]);
    expect(secrets("password = 'my dog rex 2019'")).toEqual(["keyword-secret:my dog rex 2019"]);
    expect(secrets('{"db_password": "purple monkey dishwasher"}')).toEqual([
      "keyword-secret:purple monkey dishwasher",
    ]);
    const phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    expect(secrets(`My recovery phrase is "${phrase}" and I lost it.`)).toEqual([`keyword-secret:${phrase}`]);
    expect(secrets(`mnemonic: ${phrase}`)).toEqual([`keyword-secret:${phrase}`]);
  });

  it("takes an unquoted passphrase to the end of its line or sentence", () => {
    expect(secrets("passphrase: correct horse battery staple\nnext line")).toEqual([
      "keyword-secret:correct horse battery staple",
    ]);
    expect(secrets("Seed phrase = apple banana cherry delta. Then I ran it.")).toEqual([
      "keyword-secret:apple banana cherry delta",
    ]);
  });

  it("keeps prompts, hints, code and memory aids", () => {
    for (const t of [
      'password: "Enter your password:"',
      'error = "Passwords do not match"',
      'print("password is " + pw + " and user " + u)',
      'passenger_name = "John Roe"',
      "Passphrase: leave empty for none",
      "Mnemonic: Please Excuse My Dear Aunt Sally",
      'The mnemonic is "Please Excuse My Dear Aunt Sally"',
      "the passphrase is used to encrypt the key",
      "mnemonic: MOV",
    ])
      expect(secrets(t), t).toEqual([]);
  });

  it("keeps today's unquoted prose", () => {
    expect(secrets("the password for admin: x9Kp!2")).toEqual(["keyword-secret:x9Kp!2"]);
  });
});

describe("card verification codes, PINs and one-time codes", () => {
  const cases: [string, string][] = [
    ["CVV 123", "123"],
    ["cvc: 842", "842"],
    ["Security code (CVV2): 4471", "4471"],
    ['"cvv": "319"', "319"],
    ["The PIN is 4821.", "4821"],
    ["PIN: 0000", "0000"],
    ["PIN code 123456", "123456"],
    ["PIN number: 7734", "7734"],
    ["Your verification code is 482913", "482913"],
    ["One-time code: 771204", "771204"],
    ["OTP: 123456", "123456"],
  ];
  it.each(cases)("%s", (text, value) => {
    expect(secrets(text)).toEqual([`keyword-secret:${value}`]);
  });

  it("keeps a board's pins, other codes and longer numbers", () => {
    for (const t of [
      "pin 13",
      "PIN 2",
      "Connect the LED to pin 13 and GPIO PIN: 12",
      "LED_PIN = 1234",
      "error code: 4041",
      "exit code is 1234",
      "CVV 12345",
      "status code: 200",
    ])
      expect(secrets(t), t).toEqual([]);
  });
});

describe("keyword-secret: a password word, then 'is' in German, French, Spanish, Portuguese or Polish", () => {
  it.each([
    ["Das Passwort ist Geheim!2024", "Geheim!2024"],
    ["Das Passwort lautet Geheim!2024", "Geheim!2024"],
    ["le mot de passe est Soleil#77bleu", "Soleil#77bleu"],
    ["el password es Lunes_2023!", "Lunes_2023!"],
  ])("%s", (text, value) => {
    const found = detect(text).map((s) => text.slice(s.start, s.end));
    expect(found).toContain(value);
  });

  it("leaves a word after it ('das Passwort ist falsch', 'el token es válido')", () => {
    for (const t of ["Das Passwort ist falsch", "el token es válido", "le mot de passe est oublié"])
      expect(detect(t), t).toEqual([]);
  });
});
