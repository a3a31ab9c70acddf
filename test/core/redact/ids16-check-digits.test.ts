/**
 * National identity numbers with a check digit added to ids.ts (category SSN): a Dutch BSN, a
 * Polish PESEL, a Brazilian CPF and CNPJ, an Indian Aadhaar and PAN, a Swedish personnummer, a
 * Danish CPR, a Norwegian fødselsnummer, a Finnish HETU, a Belgian national number, a Canadian SIN
 * and an Australian TFN. Valid numbers are built here from the published algorithms (written
 * apart from ids.ts); each is also tried with a wrong check digit and, where the shape is too
 * common to stand alone, without its cue. Reasoning text with such digit runs stays as it is.
 */
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { CF_HINT, ID_HINTS, LETTER_HINTS, NINO_HINT, PAN_HINT } from "../../../lambdas/core/redact/ids";
import { found, seededRandom } from "./helpers";

const ssn = (text: string) => found(text).filter((f) => f.startsWith("SSN:"));
const num = (s: string) => [...s].map(Number);
const sumW = (s: string, w: number[]) => num(s).reduce((a, d, i) => a + d * w[i]!, 0);

function luhnDigit(body: string): string {
  for (let c = 0; c < 10; c++) {
    const d = body + c;
    let sum = 0;
    for (let i = 0; i < d.length; i++) {
      let v = Number(d[d.length - 1 - i]);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return String(c);
  }
  throw new Error("unreachable");
}

/** A Dutch BSN: eight digits and the digit that makes the 11-test hold (undefined if none does). */
function bsn(first8: string): string | undefined {
  const r = sumW(first8, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
  return r === 10 ? undefined : first8 + r;
}
function pesel(first10: string): string {
  return first10 + ((10 - (sumW(first10, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10);
}
function cpf(first9: string): string {
  const a = ((sumW(first9, [10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  const b = ((sumW(first9 + a, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  return `${first9}${a}${b}`;
}
function cnpj(first12: string): string {
  const k = (s: number) => (s % 11 < 2 ? 0 : 11 - (s % 11));
  const a = k(sumW(first12, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
  const b = k(sumW(first12 + a, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
  return `${first12}${a}${b}`;
}
const VD = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
/** The permutation table: row i is the i-th power of (1 5 8 9 4 2 7 0)(3 6), built here. */
const P1 = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
const VP: number[][] = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]];
for (let i = 1; i < 8; i++) VP.push(VP[i - 1]!.map((x) => P1[x]!));
const verhoeffOk = (d: string) =>
  num(d)
    .reverse()
    .reduce((c, x, i) => VD[c]![VP[i % 8]![x]!]!, 0) === 0;
function aadhaar(first11: string): string {
  for (let c = 0; c < 10; c++) if (verhoeffOk(first11 + c)) return first11 + c;
  throw new Error("unreachable");
}
/** A Norwegian fødselsnummer from `DDMMYY` and a 3-digit individual number (undefined if a check is 10). */
function fnr(first9: string): string | undefined {
  const k = (s: number) => (11 - (s % 11)) % 11;
  const a = k(sumW(first9, [3, 7, 6, 1, 8, 9, 4, 5, 2]));
  if (a === 10) return undefined;
  const b = k(sumW(first9 + a, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]));
  return b === 10 ? undefined : `${first9}${a}${b}`;
}
function hetu(ddmmyy: string, sep: string, zzz: string): string {
  return ddmmyy + sep + zzz + "0123456789ABCDEFHJKLMNPRSTUVWXY"[Number(ddmmyy + zzz) % 31]!;
}
function belgian(first9: string, from2000 = false): string {
  const n = BigInt((from2000 ? "2" : "") + first9);
  return first9 + String(97n - (n % 97n)).padStart(2, "0");
}
function tfn(first8: string): string | undefined {
  for (let c = 0; c < 10; c++)
    if (sumW(first8 + c, [1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 === 0) return first8 + c;
  return undefined;
}
/** `d` with its last digit changed. */
const wrong = (d: string) => d.slice(0, -1) + ((Number(d.slice(-1)) + 1) % 10);
const dotted = (d: string, sizes: number[], seps: string[]) => {
  let out = "";
  let at = 0;
  sizes.forEach((k, i) => {
    out += d.slice(at, at + k) + (seps[i] ?? "");
    at += k;
  });
  return out;
};

describe("ids16: numbers with a check digit after their cue", () => {
  it("takes a Dutch BSN after its cue only, with the 11-test", () => {
    expect(ssn("Mijn BSN is 111222333")).toEqual(["SSN:111222333"]);
    const v = bsn("12345672")!;
    expect(v).toBeDefined();
    for (const w of [v, dotted(v, [4, 2, 3], [".", "."]), dotted(v, [3, 3, 3], [" ", " "])])
      expect(ssn(`burgerservicenummer: ${w}.`), w).toEqual([`SSN:${w}`]);
    expect(ssn(`BSN ${wrong(v)}`)).toEqual([]);
    expect(ssn(`Order ${v} was shipped.`)).toEqual([]);
  });

  it("takes a Polish PESEL after its cue, with its date and weighted check", () => {
    expect(ssn("Moje PESEL to 44051401359.")).toEqual(["SSN:44051401359"]);
    const v = pesel("0221150123"); // born 2002-01-15 (month + 20)
    expect(ssn(`PESEL: ${v}`)).toEqual([`SSN:${v}`]);
    expect(ssn(`PESEL: ${wrong(v)}`)).toEqual([]);
    expect(ssn(`PESEL: ${pesel("0213320123")}`)).toEqual([]); // no 32nd day
    expect(ssn(`Total: ${v} units`)).toEqual([]);
  });

  it("takes a CPF written with its dots and dash on its own, bare after its cue", () => {
    expect(ssn("O meu CPF é 123.456.789-09")).toEqual(["SSN:123.456.789-09"]);
    const v = cpf("529982247");
    const f = dotted(v, [3, 3, 3, 2], [".", ".", "-"]);
    expect(ssn(`cliente ${f} cadastrado`)).toEqual([`SSN:${f}`]);
    expect(ssn(`CPF ${v}`)).toEqual([`SSN:${v}`]);
    expect(ssn(`cliente ${dotted(wrong(v), [3, 3, 3, 2], [".", ".", "-"])}`)).toEqual([]);
    expect(ssn(`cliente ${"111.111.111-11"}`)).toEqual([]);
    expect(ssn(`pedido ${v}`)).toEqual([]);
  });

  it("takes a CNPJ in its written form, bare after its cue", () => {
    const v = cnpj("112223330001");
    const f = dotted(v, [2, 3, 3, 4, 2], [".", ".", "/", "-"]);
    expect(ssn(`empresa ${f}.`)).toEqual([`SSN:${f}`]);
    expect(ssn(`CNPJ: ${v}`)).toEqual([`SSN:${v}`]);
    expect(ssn(`empresa ${dotted(wrong(v), [2, 3, 3, 4, 2], [".", ".", "/", "-"])}.`)).toEqual([]);
  });

  it("takes an Aadhaar in 4-4-4 groups on its own (Verhoeff), compact after its cue", () => {
    expect(ssn("My Aadhaar number is 2341 2341 2346")).toEqual(["SSN:2341 2341 2346"]);
    // (One that fails the Luhn test: twelve digits that pass it may be taken as a card first.)
    let v = aadhaar("49182736450");
    for (let i = 1; luhnDigit(v.slice(0, -1)) === v.slice(-1); i++) v = aadhaar(String(49182736450 + i));
    const g = dotted(v, [4, 4, 4], [" ", " "]);
    expect(ssn(`holder ${g} verified`)).toEqual([`SSN:${g}`]);
    expect(ssn(`holder ${dotted(v, [4, 4, 4], ["-", "-"])} verified`)).toHaveLength(1);
    expect(ssn(`Aadhaar: ${v}`)).toEqual([`SSN:${v}`]);
    expect(ssn(`holder ${dotted(wrong(v), [4, 4, 4], [" ", " "])}`)).toEqual([]);
    expect(ssn(`ref ${v}`)).toEqual([]);
    // A first digit 0 or 1 is never issued; a card's first twelve digits are no Aadhaar.
    expect(ssn(`holder ${dotted(aadhaar("19182736450"), [4, 4, 4], [" ", " "])}`)).toEqual([]);
    expect(ssn(`card ${g} 1234`)).toEqual([]);
  });

  it("takes a PAN after its cue (a holder-type fourth letter, or the cue right before)", () => {
    expect(ssn("PAN ABCDE1234F")).toEqual(["SSN:ABCDE1234F"]);
    expect(ssn("Please share the PAN of the account holder for KYC, it is BNZPM2501F.")).toEqual([
      "SSN:BNZPM2501F",
    ]);
    expect(ssn("Please share the PAN of the account holder for KYC, it is BNZDM2501F.")).toEqual([]);
    expect(ssn("the ticket BNZPM2501F was closed")).toEqual([]);
  });

  it("takes a Swedish personnummer YYMMDD-NNNN on its own (Luhn, a real date), other forms after a cue", () => {
    const v = "811218" + "987" + luhnDigit("811218987");
    const f = `${v.slice(0, 6)}-${v.slice(6)}`;
    expect(ssn(`Kund ${f} registrerad`)).toEqual([`SSN:${f}`]);
    expect(ssn(`personnummer ${v}`)).toEqual([`SSN:${v}`]);
    expect(ssn(`personnummer 19${f}`)).toEqual([`SSN:19${f}`]);
    expect(ssn(`Kund ${f.slice(0, -1)}${(Number(f.slice(-1)) + 1) % 10}`)).toEqual([]);
    expect(ssn(`Kund 19${f} registrerad`)).toEqual([]); // YYYYMMDD-NNNN: a build stamp's shape
    const bad = "811318" + "987" + luhnDigit("811318987"); // month 13
    expect(ssn(`Kund ${bad.slice(0, 6)}-${bad.slice(6)}`)).toEqual([]);
  });

  it("takes a Danish CPR after its cue only (a real date)", () => {
    expect(ssn("CPR-nr. 010190-1234")).toEqual(["SSN:010190-1234"]);
    expect(ssn("CPR 0101901234")).toEqual(["SSN:0101901234"]);
    expect(ssn("CPR 3201901234")).toEqual([]);
  });

  it("takes a Norwegian fødselsnummer with both checks and a real date", () => {
    let v: string | undefined;
    for (let i = 0; !v; i++) v = fnr("150385" + String(100 + i));
    expect(ssn(`fødselsnummer ${v}`)).toEqual([`SSN:${v}`]);
    expect(ssn(`kunde ${v} registrert`)).toEqual([`SSN:${v}`]);
    expect(ssn(`kunde ${v.slice(0, 6)} ${v.slice(6)} registrert`)).toEqual([
      `SSN:${v.slice(0, 6)} ${v.slice(6)}`,
    ]);
    expect(ssn(`kunde ${wrong(v)}`)).toEqual([]);
    // A D-number (day + 40) only after a cue.
    let d: string | undefined;
    for (let i = 0; !d; i++) d = fnr("550385" + String(100 + i));
    expect(ssn(`D-nummer ${d}`)).toEqual([`SSN:${d}`]);
    expect(ssn(`kunde ${d}`)).toEqual([]);
  });

  it("takes a Finnish HETU DDMMYY-NNNC with its check character", () => {
    expect(ssn("Asiakas 131052-308T")).toEqual(["SSN:131052-308T"]);
    const v = hetu("010594", "-", "903");
    expect(ssn(`hetu ${v}`)).toEqual([`SSN:${v}`]);
    const bad = v.slice(0, -1) + (v.endsWith("A") ? "B" : "A");
    expect(ssn(`Asiakas ${bad}`)).toEqual([]);
  });

  it("takes a Belgian national number YY.MM.DD-SSS.CC (key 97), bare after its cue", () => {
    const v = belgian("850730033");
    const f = dotted(v, [2, 2, 2, 3, 2], [".", ".", "-", "."]);
    expect(ssn(`klant ${f}`)).toEqual([`SSN:${f}`]);
    expect(ssn(`rijksregisternummer ${v}`)).toEqual([`SSN:${v}`]);
    const young = belgian("050730033", true);
    expect(ssn(`klant ${dotted(young, [2, 2, 2, 3, 2], [".", ".", "-", "."])}`)).toHaveLength(1);
    expect(ssn(`klant ${dotted(wrong(v), [2, 2, 2, 3, 2], [".", ".", "-", "."])}`)).toEqual([]);
  });

  it("takes a Canadian SIN (Luhn) and an Australian TFN (weighted) after their cues only", () => {
    expect(ssn("SIN 046 454 286")).toEqual(["SSN:046 454 286"]);
    const s = "19283746" + luhnDigit("19283746");
    expect(ssn(`Social Insurance Number: ${s}`)).toEqual([`SSN:${s}`]);
    expect(ssn(`SIN ${wrong(s)}`)).toEqual([]);
    expect(ssn(`Ref ${s}`)).toEqual([]);
    const t = tfn("12345678")!;
    expect(ssn(`TFN: ${dotted(t, [3, 3, 3], [" ", " "])}`)).toEqual([
      `SSN:${dotted(t, [3, 3, 3], [" ", " "])}`,
    ]);
    expect(ssn(`tax file number ${wrong(t)}`)).toEqual([]);
    expect(ssn(`invoice ${t}`)).toEqual([]);
  });
});

describe("ids16: reasoning text with digit runs stays", () => {
  it("leaves math, order numbers, timestamps and build stamps alone", () => {
    for (const t of [
      "So 12345678901 / 3 = 4115226300.33, and 98765432100 - 12345678901 = 86419753199.",
      "Order 20241130-1432 shipped; backup 241130-1432 done; see log-241130-1432.txt and 241130-0915.",
      "The product is 123456789 × 2 = 246913578; the year range 2019 2020 2021 counts 3.",
      "At 20:15:30 the batch 4711-2024 ran; ticket ABCDE12345 and hash 5f3a9c7e1b2d were logged.",
      "Timestamps 1732945845 and 1732945845123; ids 10000000001 and 99999999999.",
    ])
      expect(
        detect(t).map((s) => t.slice(s.start, s.end)),
        t,
      ).toEqual([]);
  });

  it("takes no random 11-digit number as a Norwegian one more often than two checks and a date allow", () => {
    const r = seededRandom(16);
    let taken = 0;
    for (let n = 0; n < 20000; n++) {
      let d = "";
      for (let k = 0; k < 11; k++) d += Math.floor(r() * 10);
      if (ssn(`value ${d} here`).length) taken++;
    }
    expect(taken).toBeGreaterThan(0); // the rule is on…
    expect(taken).toBeLessThan(20); // …and takes about 3 in 10 000
  });
});

describe("LETTER_HINTS", () => {
  it("matches a text exactly when ID_HINTS or PAN_HINT does", () => {
    const pieces = [
      "AB",
      "RSSMRA85T10A562S",
      "ABCPE",
      "1234",
      "F",
      "12 34 56",
      "QQ",
      "85",
      "T",
      " ",
      "x",
      "0",
    ];
    const r = seededRandom(61);
    let hits = 0;
    for (let n = 0; n < 20000; n++) {
      let t = "";
      for (let k = 0, parts = 1 + Math.floor(r() * 8); k < parts; k++)
        t += pieces[Math.floor(r() * pieces.length)]!;
      const either = ID_HINTS.test(t) || PAN_HINT.test(t);
      expect(ID_HINTS.test(t)).toBe(NINO_HINT.test(t) || CF_HINT.test(t));
      if (either) hits++;
      expect(LETTER_HINTS.test(t), JSON.stringify(t)).toBe(either);
    }
    expect(hits).toBeGreaterThan(1000);
    expect(hits).toBeLessThan(19000);
  });
});
