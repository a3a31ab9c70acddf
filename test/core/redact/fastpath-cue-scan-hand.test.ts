/**
 * The shared cue scan of secrets.ts is written out by hand (`nextCue`): from every place of a
 * text, it must find the match the grouped regex finds first from there — same place, same
 * length — on random texts of the cue words in every case, glued, overlapping and cut, with the
 * characters that fold onto cue characters in its tables (a carriage return, controls, letters
 * outside ASCII), and on every blank before a short flag.
 */
import { describe, expect, it } from "vitest";
import { CUE_SCAN_GROUPED, lastCueLength, nextCue } from "../../../lambdas/core/redact/secrets";
import { seededRandom, mixCase } from "./helpers";

const WORDS = [
  ..."pass pw pwd password passwd secret token key cred credential salt nonce otp seed sig auth authorization".split(
    " ",
  ),
  ..."identified bearer basic mrs mr miss ms dr prof name -u  --user --oauth2-bearer --password --token".split(
    " ",
  ),
  ..."login connect sqlplus rabbitmqctl :5432: :*: -p -a -w -k -s -b -n -U -P".split(" "),
  ..."Address|ADDRESS|address|lives at|located at|office is at|corner of|arrived at|meet you at|off at|sent to|is on".split(
    "|",
  ),
  ..."send it to|send a new one to|send them to|send|PSC|APO |FPO |DPO |Suite|Apt|P.O. Box|PO Box|P.O Box|PO. Box".split(
    "|",
  ),
  ..."P.|PO|p.o|-|--| |.|:|*|\r|\n|\t|\x0e|\x1a|\x0d|\u00a0|\u3000|\ufeff|=|'|\"|_|1|4|5|é|K|ſ|ı|İ|×|Ｐ".split(
    "|",
  ),
];
const FILL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-_:=*\r\n\t@/\"'";

const grouped = new RegExp(CUE_SCAN_GROUPED, "gi");

/** The regex's first match from `from`, as [place, length], or null. */
function byRegex(text: string, from: number): [number, number] | null {
  grouped.lastIndex = from;
  const m = grouped.exec(text);
  return m === null ? null : [m.index, m[0].length];
}

function byHand(text: string, from: number): [number, number] | null {
  const at = nextCue(text, from);
  return at === -1 ? null : [at, lastCueLength()];
}

function sameFromEveryPlace(t: string): void {
  for (let from = 0; from <= t.length + 1; from++)
    expect(byHand(t, from), JSON.stringify([t, from])).toEqual(byRegex(t, from));
}

describe("cue scan written out", () => {
  it("finds what the grouped regex finds, from every place of random texts", () => {
    const r = seededRandom(2026);
    for (let n = 0; n < 5000; n++) {
      let t = "";
      const parts = 1 + Math.floor(r() * 12);
      for (let k = 0; k < parts; k++) {
        const x = r();
        if (x < 0.55) {
          const w = WORDS[Math.floor(r() * WORDS.length)]!;
          t += x < 0.3 ? w : mixCase(w, r);
        } else if (x < 0.9) t += FILL[Math.floor(r() * FILL.length)]!;
        else t += String.fromCharCode(Math.floor(r() * 0x800));
      }
      if (r() < 0.3) t = t.slice(Math.floor(r() * t.length));
      sameFromEveryPlace(t);
    }
  });

  it("finds every alternative, in every case, alone, glued and at the end", () => {
    for (const w of WORDS)
      for (const v of [w, w.toLowerCase(), w.toUpperCase()])
        for (const t of [v, `x${v}y`, `${v} `, ` ${v}`, `"${v}`, `=${v}`, `a${v}`, `\u2028${v}`])
          sameFromEveryPlace(t);
  });

  it("reads a short flag after any blank, quote or sign as the regex does", () => {
    for (let c = 0; c < 0x3100; c++) sameFromEveryPlace(`${String.fromCharCode(c)}-p`);
    sameFromEveryPlace("\ufeff-k");
  });

  it("finds nothing where nothing can start (empty and one-character texts)", () => {
    expect(nextCue("", 0)).toBe(-1);
    expect(nextCue("p", 0)).toBe(-1);
    expect(nextCue("pw", 1)).toBe(-1);
    expect(byHand("pw", 0)).toEqual([0, 2]);
  });
});
