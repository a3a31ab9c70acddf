/**
 * The national-id rules of ids.ts look for a NINO (two capitals, three pairs of digits) or a
 * codice fiscale (six capitals, digits, a month letter) only where their hints match, and one
 * regex (ID_HINTS) asks for both hints at once: it must match exactly the texts where one of the
 * two hints matches (else an id would be missed, or the saving lost), on random texts of capitals,
 * digits, blanks and the hints' pieces, cut anywhere.
 */
import { describe, expect, it } from "vitest";
import { CF_HINT, ID_HINTS, nationalIds, NINO_HINT } from "../../../lambdas/core/redact/ids";
import { seededRandom } from "./helpers";

const PIECES = [
  "AB",
  "QQ",
  "RSSMRA",
  "RSSMRA85T10A562S",
  "MRTMTT91D08F205J",
  "LMNPQR",
  "85",
  "T",
  "10",
  "A562S",
  "12 34 56",
  "123456",
  "\u00a0",
  "\u2009",
  "\u3000",
  " ",
  "x",
  "é",
  "Ä",
];
const FILL = "ABCDEHLMPRSTXYZabcxyz0123456789 -.,\n";

describe("ID_HINTS", () => {
  it("matches a text exactly when NINO_HINT or CF_HINT does", () => {
    const r = seededRandom(97);
    let hits = 0;
    for (let n = 0; n < 20000; n++) {
      let t = "";
      for (let k = 0, parts = 1 + Math.floor(r() * 10); k < parts; k++)
        t += r() < 0.5 ? PIECES[Math.floor(r() * PIECES.length)]! : FILL[Math.floor(r() * FILL.length)]!;
      if (r() < 0.3) t = t.slice(Math.floor(r() * t.length));
      const either = NINO_HINT.test(t) || CF_HINT.test(t);
      if (either) hits++;
      expect(ID_HINTS.test(t), JSON.stringify(t)).toBe(either);
    }
    // (Both outcomes are exercised.)
    expect(hits).toBeGreaterThan(1000);
    expect(hits).toBeLessThan(19000);
  });

  it("lets the rules it guards find their ids", () => {
    const cf = "RSSMRA85T10A562S";
    expect(nationalIds(`codice fiscale ${cf}.`, []).length).toBe(1);
    expect(nationalIds("So 3 + 4 = 7 apples, AB went home.", [])).toEqual([]);
  });
});
