/**
 * The review's own check for phone numbers in international or European form and for other
 * countries' national identity numbers (written apart from the redaction's detectors): a
 * published text that still holds one is sent to a human (`residual_number`). Dates, versions,
 * IPs, prices, lists and code stay clean. Identity numbers are built at run time.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { findNationalNumbers } from "../../../lambdas/core/review/national";
import { body, text } from "./helpers";
import { cnId, codiceFiscale, dni, grouped, nir, steuerId } from "../national-ids";

const kinds = (t: string) => findNationalNumbers(t);

describe("review: European and international phone numbers", () => {
  it("finds phone numbers in international form", () => {
    for (const v of [
      "+33 6 12 34 56 78",
      "+49 (0)30 1234567",
      "+44 7700 900123",
      "+34 612 34 56 78",
      "+39 06 1234 5678",
      "+31 6 12345678",
      "0044 20 7946 0958",
    ])
      expect(kinds(`reach her at ${v} tonight`), v).toEqual(["phone"]);
  });

  it("finds phone numbers in European national form", () => {
    for (const v of [
      "06 12 34 56 78",
      "06.12.34.56.78",
      "06-12-34-56-78",
      "030 12345678",
      "030/12345678",
      "0151 23456789",
      "020 7946 0958",
      "07700 900123",
      "06-12345678",
      "06 1234 5678",
      "020-123 4567",
      "070-123 45 67",
      "0171 / 234 56 78",
      "06 - 12345678",
    ])
      expect(kinds(`Mon numéro est ${v}.`), v).toEqual(["phone"]);
  });

  it("reads no-break, narrow and thin spaces between groups as blanks", () => {
    for (const sp of ["\u00A0", "\u202F", "\u2009"]) {
      expect(kinds(`Appelle le ${["06", "12", "34", "56", "78"].join(sp)}`), JSON.stringify(sp)).toEqual([
        "phone",
      ]);
      expect(kinds(`dossier ${["AB", "12", "34", "56", "C"].join(sp)}`)).toEqual(["national id"]);
      expect(kinds(`Population : ${["67", "000", "000"].join(sp)} habitants`)).toEqual([]);
    }
  });

  it("sends a published text with such a number to a human", () => {
    const r = review({ body: body([text("Sure, call Marie at 06 12 34 56 78 after six.")]) });
    expect(r.verdict).toBe("NEEDS_HUMAN");
    expect(r.reasons.map((x) => x.code)).toEqual(["residual_number"]);
    expect(r.reasons[0]!.message).not.toContain("06 12");
  });

  it("leaves dates, versions, IPs, prices, lists, times, hex and code alone", () => {
    for (const t of [
      "Released on 12.03.2024 and patched on 2024.11.30.",
      "Upgrade from 1.2.3.4 to 01.02.03.04.05 of the schema; 0.10.1 too.",
      "Rows 01 02 03 04 05 and 05 10 15 20 25 were dropped.",
      "Bytes: 06 12 34 56 78 9a 0b 1c",
      "It costs 12.99 EUR, 1.299,00 EUR in total, or 0,99 each.",
      "Due 01/12/2024, paid 2024/11/30; ratio 030/100; pages 012/345/678.",
      "Server at 10.0.0.1 and 192.168.100.200 answered.",
      "Meet at 09:30, 10:45:00 or 18.30; at 2026-11-30T10:00:00+01:00.",
      "const x = arr[06] + 12 * 34 - 56 / 78;",
      "Order 2024-11-30-0042 shipped; ISBN 0-306-40615-2.",
      "The score moved +12 points to 1 234 567 and then +3.5 %.",
      "Counts: 0 1 2 3 4 5 6 7 8 9 10 11 12",
      "timestamps 1732945845123 and 1732945845",
      "x = 05 - 46808486 and y = 0151 / 23456789",
    ])
      expect(kinds(t), t).toEqual([]);
  });
});

describe("review: national identity numbers", () => {
  const id = (t: string) => kinds(t).filter((k) => k === "national id");

  it("finds a Chinese resident identity number with its check character", () => {
    const v = cnId("110101", "19900307", "451");
    expect(id(`身份证号码${v}，住在北京`)).toHaveLength(1);
    expect(id(`id ${grouped(v, [6, 8])}`)).toHaveLength(1);
    const wrong = v.slice(0, 17) + (v[17] === "0" ? "1" : "0");
    expect(id(`id ${wrong}`)).toHaveLength(0);
    expect(id(`id ${cnId("110101", "19900230", "451")}`)).toHaveLength(0);
  });

  it("finds a Spanish DNI or NIE with its letter", () => {
    expect(id(`DNI ${dni("12345678")}`)).toHaveLength(1);
    expect(id(`NIE ${dni("Y7654321")}`)).toHaveLength(1);
    const wrong = dni("12345678").slice(0, 8) + (dni("12345678")[8] === "A" ? "B" : "A");
    expect(id(`DNI ${wrong}`)).toHaveLength(0);
    expect(id(`build ${dni("20241130")}`)).toHaveLength(0);
    expect(id(`a buffer of ${dni("21000000")}`)).toHaveLength(0);
    expect(id(`DNI ${dni("21000000")}`)).toHaveLength(1);
  });

  it("finds an Italian codice fiscale with its check letter", () => {
    const cf = codiceFiscale("BNCGPP72E41F205");
    expect(id(`CF ${cf}`)).toHaveLength(1);
    const wrong = cf.slice(0, 15) + (cf[15] === "A" ? "B" : "A");
    expect(id(`CF ${wrong}`)).toHaveLength(0);
  });

  it("finds a French NIR with its key, compact or grouped", () => {
    const n = nir("2840275120045");
    expect(id(`NIR ${n}`)).toHaveLength(1);
    expect(id(`sécu ${grouped(n, [1, 2, 2, 2, 3, 3])}`)).toHaveLength(1);
    const wrong = n.slice(0, 13) + String((Number(n.slice(13)) % 97) + 1).padStart(2, "0");
    expect(id(`NIR ${wrong}`)).toHaveLength(0);
  });

  it("finds a UK National Insurance number in its groups, or compact after a cue", () => {
    expect(id("record AB 12 34 56 C")).toHaveLength(1);
    expect(id("NI number AB123456C")).toHaveLength(1);
    expect(id("part AB123456C")).toHaveLength(0);
    expect(id("QQ 12 34 56 C and GB 12 34 56 A")).toHaveLength(0);
    expect(id("ni AB123456C")).toHaveLength(0);
  });

  it("finds a German Steuer-ID after a cue only", () => {
    const s = steuerId("4711598620");
    expect(id(`Steuer-ID: ${s}`)).toHaveLength(1);
    expect(id(`order ${s}`)).toHaveLength(0);
    expect(id(`Steuer-ID: ${s.slice(0, 10)}${(Number(s[10]) + 1) % 10}`)).toHaveLength(0);
  });

  it("finds a NIR or a Chinese id written as a JSON number (the redaction leaves JSON numbers of these shapes)", () => {
    expect(id(`{"nir": ${nir("1850578006084")}, "n": 3}`)).toHaveLength(1);
    expect(id(`{"id": [${cnId("110101", "19900307", "451")}]}`)).toHaveLength(1);
    expect(id(`{"ts": 1732945845123, "size": 185057800608400}`)).toHaveLength(0);
  });

  it("sends a published text with one to a human, without the value in the reason", () => {
    const cf = codiceFiscale("RSSMRA85T10A562");
    const r = review({ body: body([text(`Il codice fiscale del cliente è ${cf}.`)]) });
    expect(r.verdict).toBe("NEEDS_HUMAN");
    expect(r.reasons.map((x) => x.code)).toEqual(["residual_number"]);
    expect(r.reasons[0]!.message).not.toContain(cf);
  });
});
