/**
 * Phone numbers written the European way and national identity numbers with a check character
 * (UK National Insurance, Chinese resident identity, Spanish DNI/NIE, Italian codice fiscale,
 * French NIR, German Steuer-ID): redacted, while dates, versions, IPs, prices, order numbers,
 * lists and code that share their shapes stay. Identity numbers are built at run time.
 */
import { describe, expect, it } from "vitest";
import { found } from "./helpers";
import { cnId, codiceFiscale, dni, grouped, nir, steuerId } from "../national-ids";

const phones = (text: string) => found(text).filter((f) => f.startsWith("PHONE:"));
const ids = (text: string) => found(text).filter((f) => f.startsWith("SSN:"));

describe("European phone numbers", () => {
  it("redacts a French number in five pairs, without a cue", () => {
    for (const sep of [" ", ".", "-"]) {
      const v = ["06", "12", "34", "56", "78"].join(sep);
      expect(phones(`Tu peux m'écrire au ${v} ce soir.`), sep).toEqual([`PHONE:${v}`]);
      expect(phones(`{"contact": "${v}"}`), sep).toEqual([`PHONE:${v}`]);
    }
    expect(phones("Rappelle-moi: 01 44 55 66 77")).toEqual(["PHONE:01 44 55 66 77"]);
  });

  it("reads no-break, narrow and thin spaces between groups as blanks, but not in amounts", () => {
    for (const sp of ["\u00A0", "\u202F", "\u2009"]) {
      const v = ["06", "12", "34", "56", "78"].join(sp);
      expect(phones(`Appelle le ${v} demain`), JSON.stringify(sp)).toEqual([`PHONE:${v}`]);
      const nino = ["AB", "12", "34", "56", "C"].join(sp);
      expect(ids(`dossier ${nino}`), JSON.stringify(sp)).toEqual([`SSN:${nino}`]);
      const amount = ["67", "000", "000"].join(sp);
      expect(phones(`Population : ${amount} habitants, ${["1", "234", "567"].join(sp)} €`)).toEqual([]);
    }
  });

  it("redacts a German number with a slash after the area code", () => {
    for (const v of ["030/12345678", "0151/23456789", "089 / 123 456 78", "0221/987654-32"])
      expect(phones(`Büro: ${v}, ab 9 Uhr.`), v).toEqual([`PHONE:${v}`]);
    expect(phones("Ruf an unter 030/1234567")).toEqual(["PHONE:030/1234567"]);
    expect(phones("Bel me op 06 - 12345678")).toEqual(["PHONE:06 - 12345678"]);
  });

  it("redacts a bare trunk number after a cue in French, German, Spanish, Italian or Dutch", () => {
    for (const cue of ["Mon numéro", "Téléphone", "Handy", "Telefon", "Móvil", "Cellulare", "Bellen"])
      expect(phones(`${cue}: 0612345678`), cue).toEqual(["PHONE:0612345678"]);
  });

  it("labels an international number that passes the Luhn test a phone, not a card", () => {
    expect(found("Handy: +49 171 2345678")).toEqual(["PHONE:+49 171 2345678"]);
  });

  it("keeps the European shapes the rest of the detector already took", () => {
    for (const v of [
      "+33 6 12 34 56 78",
      "+49 (0)30 1234567",
      "030 12345678",
      "0151 23456789",
      "020 7946 0958",
      "07700 900123",
      "+44 7700 900123",
      "06-12345678",
      "+34 612 34 56 78",
      "+39 06 1234 5678",
    ])
      expect(phones(`reach me at ${v} today`), v).toEqual([`PHONE:${v}`]);
  });

  it("does not take dates, versions, IPs, prices, lists or times for French or German numbers", () => {
    for (const t of [
      "Released on 12.03.2024 and patched on 2024.11.30.",
      "Upgrade from 1.2.3.4 to 01.02.03.04.05 of the schema.",
      "Rows 01 02 03 04 05 and 05 10 15 20 25 were dropped.",
      "The grid reads 00 12 34 56 78 after the reset.",
      "Bytes: 06 12 34 56 78 9a 0b 1c",
      "It costs 12.99 EUR, 1.299,00 EUR in total.",
      "Due 01/12/2024, paid 2024/11/30; ratio 030/100.",
      "See pages 12/34, 123/4567 and 2023/2024/2025.",
      "Server at 10.0.0.1 and 192.168.100.200 answered.",
      "Meet at 09:30, 10:45:00 or 18.30.",
      "const x = arr[06] + 12 * 34 - 56 / 78;",
      "Order 2024-11-30-0042 shipped, invoice 20241130/0042.",
      "x = 05 - 46808486 and y = 0151 / 23456789",
    ])
      expect(phones(t), t).toEqual([]);
  });
});

describe("national identity numbers", () => {
  it("redacts a UK National Insurance number in its groups, or after a cue", () => {
    const spaced = "AB 12 34 56 C";
    expect(ids(`Her record shows ${spaced}.`)).toEqual([`SSN:${spaced}`]);
    expect(ids("NI number: AB123456C")).toEqual(["SSN:AB123456C"]);
    expect(ids("National Insurance no. JG 10 32 47")).toEqual(["SSN:JG 10 32 47"]);
    expect(ids("NINO AB123456")).toEqual(["SSN:AB123456"]);
  });

  it("keeps what the National Insurance rules exclude and compact codes without a cue", () => {
    for (const t of [
      "part AB123456C in stock", // compact, no cue
      "DA 12 34 56 C", // D is no first letter
      "AO 12 34 56 C", // O is no second letter
      "GB 12 34 56 A", // an unallocated prefix
      "QQ 12 34 56 C", // Q is no first letter (the documentation example)
      "AB 12 34 56 E", // no suffix E
      "Ni AB123456C", // the Spanish and French word "ni"
    ])
      expect(ids(t), t).toEqual([]);
  });

  it("redacts a Chinese resident identity number with its check character, glued to Han or not", () => {
    const v = cnId("110101", "19900307", "451");
    expect(ids(`身份证号码${v}，住在北京`)).toEqual([`SSN:${v}`]);
    expect(ids(`id: ${v}`)).toEqual([`SSN:${v}`]);
    const x = [...Array(1000).keys()]
      .map((k) => cnId("440301", "19851231", String(k).padStart(3, "0")))
      .find((s) => s.endsWith("X"))!;
    expect(ids(`id ${x.toLowerCase()}`)).toEqual([`SSN:${x.toLowerCase()}`]);
    const g = grouped(v, [6, 8]);
    expect(ids(`证件 ${g}`)).toEqual([`SSN:${g}`]);
  });

  it("keeps 18 digits with a wrong check character, an impossible date or an unknown province", () => {
    const v = cnId("110101", "19900307", "451");
    const wrong = v.slice(0, 17) + (v[17] === "0" ? "1" : "0");
    const badDate = cnId("110101", "19900230", "451");
    const badRegion = cnId("990101", "19900307", "451");
    for (const t of [wrong, badDate, badRegion, "123456789012345678"]) expect(ids(`id ${t}`), t).toEqual([]);
  });

  it("redacts a Spanish DNI and NIE with their letter", () => {
    const d = dni("12345678");
    const e = dni("X1234567");
    expect(ids(`DNI ${d}`)).toEqual([`SSN:${d}`]);
    expect(ids(`mi NIE es ${e}`)).toEqual([`SSN:${e}`]);
    const h = d.slice(0, 8) + "-" + d[8];
    expect(ids(`documento ${h}`)).toEqual([`SSN:${h}`]);
  });

  it("keeps a DNI-shaped value with the wrong letter, and a date with a letter unless a cue says DNI", () => {
    const d = dni("12345678");
    const wrong = d.slice(0, 8) + (d[8] === "A" ? "B" : "A");
    expect(ids(`DNI ${wrong}`)).toEqual([]);
    const dated = dni("20241130");
    expect(ids(`build ${dated} passed`)).toEqual([]);
    expect(ids(`DNI: ${dated}`)).toEqual([`SSN:${dated}`]);
    const round = dni("21000000");
    expect(ids(`a buffer of ${round} fits`)).toEqual([]);
    expect(ids(`DNI ${round}`)).toEqual([`SSN:${round}`]);
  });

  it("redacts an Italian codice fiscale with its check letter (omocodia too)", () => {
    const cf = codiceFiscale("RSSMRA85T10A562");
    expect(ids(`Codice fiscale: ${cf}`)).toEqual([`SSN:${cf}`]);
    expect(ids(`cf=${cf};`)).toEqual([`SSN:${cf}`]);
    const omo = codiceFiscale("RSSMRA85T10A56N");
    expect(ids(`CF ${omo}`)).toEqual([`SSN:${omo}`]);
    const wrong = cf.slice(0, 15) + (cf[15] === "A" ? "B" : "A");
    expect(ids(`CF ${wrong}`)).toEqual([]);
    expect(ids("HELLOWORLD12A34B567C")).toEqual([]);
  });

  it("redacts a French NIR with its key, compact or grouped, Corsica included", () => {
    const n = nir("1850578006084");
    expect(ids(`Numéro de sécurité sociale : ${n}`)).toEqual([`SSN:${n}`]);
    const g = grouped(n, [1, 2, 2, 2, 3, 3]);
    expect(ids(`NIR ${g}`)).toEqual([`SSN:${g}`]);
    const corse = nir("2690520A35012".replace("20A", "2A3").slice(0, 13));
    expect(ids(`NIR ${corse}`)).toEqual([`SSN:${corse}`]);
    const wrong = n.slice(0, 13) + String((Number(n.slice(13)) % 97) + 1).padStart(2, "0");
    expect(ids(`NIR ${wrong}`)).toEqual([]);
  });

  it("redacts a German Steuer-ID with its check digit after a cue only", () => {
    const s = steuerId("8609574271");
    expect(ids(`Steuer-ID: ${s}`)).toEqual([`SSN:${s}`]);
    const g = grouped(s, [2, 3, 3]);
    expect(ids(`Steueridentifikationsnummer ${g}`)).toEqual([`SSN:${g}`]);
    expect(ids(`order ${s} shipped`)).toEqual([]);
    const wrong = s.slice(0, 10) + String((Number(s[10]) + 1) % 10);
    expect(ids(`Steuer-ID: ${wrong}`)).toEqual([]);
  });

  it("takes no national id from hashes, timestamps, phone numbers or codes", () => {
    for (const t of [
      "commit 1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b",
      "ts=1732945845123 and 1732945845",
      "Order 123456789012345678 and SKU ABCDEF12A34B567",
      "The answer is 185057800608400 (not a key).",
      "uuid 550e8400-e29b-41d4-a716-446655440000",
      "AB12CD34EF56 and AB 12 CD 34",
    ])
      expect(ids(t), t).toEqual([]);
  });
});
