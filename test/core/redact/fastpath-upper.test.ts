/**
 * person.ts's UPPER regex (a capital whose ASCII neighbours allow a name token) against the scan it
 * replaced: every capital of the plain class, with the neighbours checked one by one.
 */
import { describe, expect, it } from "vitest";
import { UPPER } from "../../../lambdas/core/redact/person";

const PLAIN_UPPER =
  /[A-Z\u00C0-\u00DE\u0100-\u024F\u0370-\u03FF\u0400-\u042F\u0531-\u0556\u10A0-\u10C5\u1E00-\u1EFF]/g;
const NOT_BEFORE = /[\p{L}\p{N}_@/\\.-]/u;

function plain(text: string): number[] {
  const out: number[] = [];
  PLAIN_UPPER.lastIndex = 0;
  while (PLAIN_UPPER.test(text)) {
    const index = PLAIN_UPPER.lastIndex - 1;
    const next = text.charCodeAt(index + 1);
    if (next < 128 && (next < 97 || next > 122) && next !== 39) continue;
    if (index > 0) {
      const prev = text.charCodeAt(index - 1);
      if (prev < 128 && NOT_BEFORE.test(String.fromCharCode(prev))) continue;
    }
    out.push(index);
  }
  return out;
}

function fast(text: string): number[] {
  const out: number[] = [];
  UPPER.lastIndex = 0;
  while (UPPER.test(text)) out.push(UPPER.lastIndex - 1);
  return out;
}

describe("UPPER", () => {
  it("finds the capitals the plain scan kept, on random texts and on every code unit pair", () => {
    let seed = 41;
    const r = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pieces = "A|I|Jan|GSM8K|x.Y|É|Éva|Ω|Ж|Ա|Ḁ|'|’|a|z|9|_|@|/|\\|.|-| |\n|\t|(|\"|é|😀|ﬁ|`|{|~".split(
      "|",
    );
    let kept = 0;
    for (let n = 0; n < 20000; n++) {
      let t = "";
      for (let k = 0, len = 1 + Math.floor(r() * 10); k < len; k++)
        t += pieces[Math.floor(r() * pieces.length)]!;
      const want = plain(t);
      kept += want.length;
      expect(fast(t), JSON.stringify(t)).toEqual(want);
    }
    expect(kept).toBeGreaterThan(5000);
    // Every ASCII neighbour on both sides of a capital.
    for (let a = 0; a < 128; a++)
      for (let b = 0; b < 128; b++) {
        const t = `${String.fromCharCode(a)}K${String.fromCharCode(b)}`;
        expect(fast(t), JSON.stringify(t)).toEqual(plain(t));
      }
  });
});
