/**
 * The review's own check for more national ids with a check digit (written apart from the
 * redaction's ids.ts): a Brazilian CPF or CNPJ in its written form, an Indian Aadhaar in 4-4-4
 * groups, a Swedish personnummer, a Finnish HETU (any century sign, the letters too), a Norwegian
 * fødselsnummer, a Belgian national number; a Dutch BSN and a Polish PESEL after their cue. A
 * published text that still holds one goes to a human; wrong check digits, missing cues, stamps
 * and reasoning numbers stay clean. Numbers are built at run time.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { findNationalNumbers } from "../../../lambdas/core/review/national";
import { body, text } from "./helpers";

const id = (t: string) => findNationalNumbers(t).filter((k) => k === "national id");
const sumW = (s: string, w: number[]) => [...s].reduce((a, ch, i) => a + Number(ch) * w[i]!, 0);
const wrong = (d: string) => d.slice(0, -1) + ((Number(d.slice(-1)) + 1) % 10);

function cpf(first9: string): string {
  const a = ((sumW(first9, [10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  const b = ((sumW(first9 + a, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  return `${first9.slice(0, 3)}.${first9.slice(3, 6)}.${first9.slice(6)}-${a}${b}`;
}
function cnpj(first12: string): string {
  const k = (s: number) => (s % 11 < 2 ? 0 : 11 - (s % 11));
  const a = k(sumW(first12, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
  const b = k(sumW(first12 + a, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
  const d = `${first12}${a}${b}`;
  return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`;
}
const D = [
  "0123456789",
  "1234067895",
  "2340178956",
  "3401289567",
  "4012395678",
  "5987604321",
  "6598710432",
  "7659821043",
  "8765932104",
  "9876543210",
];
const P = [
  "0123456789",
  "1576283094",
  "5803796142",
  "8916043527",
  "9453126870",
  "4286573901",
  "2793806415",
  "7046913258",
];
function aadhaar(first11: string): string {
  for (let c = 0; c < 10; c++) {
    const d = first11 + c;
    let x = 0;
    for (let i = 0; i < 12; i++) x = Number(D[x]![Number(P[i % 8]![Number(d[11 - i])])]);
    if (x === 0) return `${d.slice(0, 4)} ${d.slice(4, 8)} ${d.slice(8)}`;
  }
  throw new Error("unreachable");
}
function luhnLast(body9: string): string {
  for (let c = 0; c < 10; c++) {
    const s = [...(body9 + c)].reduce((a, ch, i) => {
      const v = Number(ch) * (i % 2 === 0 ? 2 : 1);
      return a + (v > 9 ? v - 9 : v);
    }, 0);
    if (s % 10 === 0) return body9 + c;
  }
  throw new Error("unreachable");
}
const hetu = (ddmmyy: string, sign: string, zzz: string) =>
  ddmmyy + sign + zzz + "0123456789ABCDEFHJKLMNPRSTUVWXY"[Number(ddmmyy + zzz) % 31]!;
function fnr(first9: string): string | undefined {
  const k = (s: number) => (11 - (s % 11)) % 11;
  const a = k(sumW(first9, [3, 7, 6, 1, 8, 9, 4, 5, 2]));
  const b = k(sumW(first9 + a, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]));
  return a === 10 || b === 10 ? undefined : `${first9}${a}${b}`;
}
function belgian(first9: string): string {
  const key = String(97n - (BigInt(first9) % 97n)).padStart(2, "0");
  return `${first9.slice(0, 2)}.${first9.slice(2, 4)}.${first9.slice(4, 6)}-${first9.slice(6)}.${key}`;
}

describe("review: more national ids with a check digit", () => {
  it("finds a CPF or a CNPJ in its written form", () => {
    expect(id("O meu CPF é 123.456.789-09")).toHaveLength(1);
    expect(id(`cliente ${cpf("529982247")}`)).toHaveLength(1);
    expect(id(`cliente ${wrong(cpf("529982247"))}`)).toHaveLength(0);
    expect(id(`empresa ${cnpj("112223330001")}`)).toHaveLength(1);
    expect(id(`empresa ${wrong(cnpj("112223330001"))}`)).toHaveLength(0);
  });

  it("finds an Aadhaar in 4-4-4 groups, not three years", () => {
    expect(id("My Aadhaar number is 2341 2341 2346")).toHaveLength(1);
    const v = aadhaar("49182736450");
    expect(id(`holder ${v}`)).toHaveLength(1);
    expect(id(`holder ${wrong(v)}`)).toHaveLength(0);
    expect(id("the years 2019 2020 2021 and 1999 2000 2001")).toHaveLength(0);
  });

  it("finds a Swedish personnummer, not a date-and-time stamp", () => {
    const v = luhnLast("811218987");
    expect(id(`Kund ${v.slice(0, 6)}-${v.slice(6)}`)).toHaveLength(1);
    expect(id(`Kund ${v.slice(0, 6)}-${wrong(v).slice(6)}`)).toHaveLength(0);
    const s = luhnLast("241130143");
    expect(id(`backup ${s.slice(0, 6)}-${s.slice(6)} done`)).toHaveLength(0);
  });

  it("finds a Finnish HETU with any century sign", () => {
    expect(id("Asiakas 131052-308T")).toHaveLength(1);
    for (const sign of ["-", "A", "Y", "+"]) {
      const v = hetu(sign === "A" ? "010504" : "010594", sign, "903");
      expect(id(`asiakas ${v}`), v).toHaveLength(1);
      const bad = v.slice(0, -1) + (v.endsWith("A") ? "B" : "A");
      expect(id(`asiakas ${bad}`), bad).toHaveLength(0);
    }
  });

  it("finds a Norwegian fødselsnummer with both checks and a date", () => {
    let v: string | undefined;
    for (let i = 0; !v; i++) v = fnr("150385" + String(100 + i));
    expect(id(`kunde ${v}`)).toHaveLength(1);
    expect(id(`kunde ${v.slice(0, 6)} ${v.slice(6)}`)).toHaveLength(1);
    expect(id(`kunde ${wrong(v)}`)).toHaveLength(0);
  });

  it("finds a Belgian national number with its key", () => {
    const v = belgian("850730033");
    expect(id(`klant ${v}`)).toHaveLength(1);
    expect(id(`klant ${wrong(v)}`)).toHaveLength(0);
  });

  it("finds a BSN or a PESEL after its cue only", () => {
    expect(id("Mijn BSN is 111222333")).toHaveLength(1);
    expect(id("Mijn BSN is 1112.22.333")).toHaveLength(1);
    expect(id("Mijn BSN is 111222334")).toHaveLength(0);
    expect(id("We shipped 111222333 units")).toHaveLength(0);
    expect(id("Moje PESEL to 44051401359.")).toHaveLength(1);
    expect(id("Moje PESEL to 44051401358.")).toHaveLength(0);
    expect(id("The total is 44051401359.")).toHaveLength(0);
  });

  it("leaves reasoning numbers, order numbers and stamps alone", () => {
    for (const t of [
      "So 12345678901 / 3 = 4115226300.33, and 98765432100 - 12345678901 = 86419753199.",
      "Order 20241130-1432 shipped; backup 241130-1432 done; see log-241130-1432.txt.",
      "The product is 123456789 × 2 = 246913578; version 1.234.567.890-12 built.",
      "Timestamps 1732945845 and 1732945845123; ids 10000000001 and 99999999999.",
    ])
      expect(id(t), t).toEqual([]);
  });

  it("sends a published text with one to a human, without the value in the reason", () => {
    const v = hetu("010504", "A", "903");
    const r = review({ body: body([text(`Asiakkaan henkilötunnus on ${v}.`)]) });
    expect(r.verdict).toBe("NEEDS_HUMAN");
    expect(r.reasons.map((x) => x.code)).toEqual(["residual_number"]);
    expect(r.reasons[0]!.message).not.toContain(v);
  });
});
