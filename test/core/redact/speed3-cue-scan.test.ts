/**
 * The shared cue scan of secrets.ts runs its alternation grouped by first letter (a regex that
 * irregexp runs faster): at every place of a text, the grouped regex must match exactly what the
 * plain alternation matches, so any scan over the text finds the same cues. Checked place by
 * place on random texts of the cue words in every case, glued, overlapping and cut.
 */
import { describe, expect, it } from "vitest";
import { CUE_SCAN_GROUPED, CUE_SCAN_SOURCE } from "../../../lambdas/core/redact/secrets";

const WORDS = [
  ..."pass pw pwd password passwd secret token key cred credential salt nonce otp seed sig auth authorization".split(
    " ",
  ),
  ..."identified bearer basic mrs mr miss ms dr prof name -u  --user --oauth2-bearer --password --token".split(
    " ",
  ),
  ..."Address|ADDRESS|address|lives at|located at|office is at|corner of|arrived at|meet you at|off at|sent to|is on".split(
    "|",
  ),
  ..."send it to|send a new one to|send them to|send|PSC|APO |FPO |DPO |Suite|Apt|P.O. Box|PO Box|P.O Box|PO. Box".split(
    "|",
  ),
  ..."P.|PO|-|--| |.|\r|\n|_|1|é|K|ſ|ı|İ".split("|"),
];
const FILL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-_:=\r\n\t@/";

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

function mixCase(w: string, r: () => number): string {
  return [...w].map((c) => (r() < 0.5 ? c.toLowerCase() : c.toUpperCase())).join("");
}

const plain = new RegExp(CUE_SCAN_SOURCE, "iy");
const grouped = new RegExp(CUE_SCAN_GROUPED, "iy");

function matchesAt(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? null;
}

describe("grouped cue scan", () => {
  it("matches what the plain alternation matches, at every place of random texts", () => {
    expect(new RegExp(CUE_SCAN_GROUPED, "gi").flags).toBe("gi");
    const r = random(7);
    for (let n = 0; n < 4000; n++) {
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
      if (r() < 0.3) t = t.slice(0, Math.floor(r() * (t.length + 1)));
      for (let at = 0; at <= t.length; at++)
        expect(matchesAt(grouped, t, at), JSON.stringify([t, at])).toBe(matchesAt(plain, t, at));
    }
  });

  it("matches every alternative of the plain one in every case", () => {
    for (const w of WORDS)
      for (const v of [w, w.toLowerCase(), w.toUpperCase()])
        for (const t of [v, `x${v}y`, `${v} `])
          for (let at = 0; at <= t.length; at++)
            expect(matchesAt(grouped, t, at)).toBe(matchesAt(plain, t, at));
  });
});
