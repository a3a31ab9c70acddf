/**
 * The person scan's shortcuts against its plain form (`personSpansPlain`): the memo of each lone
 * capitalised word's facts (looked up by a hash of its code units, checked code unit by code
 * unit, emptied when full) and the path of "So Patchy"-style runs (a stop word, then one plain
 * word) that skips `wordRun`. Both must give exactly the spans of the plain scan, on random texts
 * of names, stop words, possessives, contractions, cues, titles, initials, particles, all-caps,
 * diacritics, CJK and long capitalised runs, glued by every kind of gap.
 */
import { describe, expect, it } from "vitest";
import {
  mayHoldStreet,
  mayOrgAfter,
  ORG_AFTER,
  personSpans,
  personSpansPlain,
} from "../../../lambdas/core/redact/person";

const WORDS = [
  ..."So If Then The Since And But Let's Let On Now Perhaps Difference Final Answer Total Mr Mrs Dr Prof Sir Miss".split(
    " ",
  ),
  ..."Janet Patchy Ann Bo Joey Marcy Doubtfire Kalinda Trixie Katelyn Rani Jan Will Rose White Smith Hodge Eklund".split(
    " ",
  ),
  ..."Janet's Ann’s Jan's Patchy's JAN'S Ann'S Let's We'll I'm You're They've He'd Don't Can't O'Neil McDonald".split(
    " ",
  ),
  ..."Jean-Paul Jean-paul ANN JANET Émile Zoë Łukasz Şahin İlker Ωmega Иван Петров 王伟 Ｊａｎｅｔ Ǆuro Straße".split(
    " ",
  ),
  ..."said says told asked met friend colleague name is my name is called call me Hi Hello Thanks Dear ex-wife".split(
    " ",
  ),
  ..."ex-boss Ex- EX-wife name: is to me am by with called: Called, named? i'm I'm this up follow speak talk".split(
    " ",
  ),
  ..."van de der ten J. K. A I Inc LLC Corp & Sons and Sons Group Company Sr Jr Tomb TonC Aa BB".split(" "),
  ..."48 clips half as many how many in total 2400-1800 = 600 phone e-mail @ born Tuesday Monday Germany".split(
    " ",
  ),
];
const GAPS = [
  " ",
  " ",
  " ",
  "  ",
  "\t",
  " \t ",
  " ".repeat(9),
  " ".repeat(30),
  ", ",
  ". ",
  ".\n",
  "\n",
  ": ",
  "! ",
  "? ",
  "",
  "-",
  "'s ",
  "’",
  "\n> ",
  ",\n",
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

function randomText(r: () => number): string {
  const n = 1 + Math.floor(r() * 24);
  let t = "";
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.85) t += WORDS[Math.floor(r() * WORDS.length)]!;
    else if (x < 0.92)
      t += String.fromCharCode(
        65 + Math.floor(r() * 26),
        97 + Math.floor(r() * 26),
        97 + Math.floor(r() * 26),
      );
    else t += String.fromCharCode(Math.floor(r() * 0x2100));
    t += GAPS[Math.floor(r() * GAPS.length)]!;
  }
  return t;
}

describe("person scan shortcuts", () => {
  it("give the plain scan's spans on random texts", () => {
    const r = rng(20261129);
    for (let i = 0; i < 20000; i++) {
      const t = randomText(r);
      expect(personSpans(t), t).toEqual(personSpansPlain(t));
    }
  });

  it("give the plain scan's spans on random lists of names and capitalised words", () => {
    const r = rng(99);
    const items =
      "Eklund|Michael|Hodge|Janet|Patchy|Will|Rose|Calculate|Wait|Xyz|Mr. Smith|So Ann|Jan's|Qrs Tuv|ANN|Émile".split(
        "|",
      );
    const gaps = [
      ", ",
      ",",
      " and ",
      " or ",
      " & ",
      ", and ",
      ",\tor ",
      "  and  ",
      " then ",
      ". ",
      "\n",
      " ",
      " said ",
      ": ",
    ];
    for (let i = 0; i < 20000; i++) {
      let t = r() < 0.3 ? "Dear " : "";
      for (let k = 0, n = 1 + Math.floor(r() * 8); k < n; k++)
        t += items[Math.floor(r() * items.length)]! + gaps[Math.floor(r() * gaps.length)]!;
      expect(personSpans(t), t).toEqual(personSpansPlain(t));
    }
  });

  it("tell apart words whose code units hash alike", () => {
    // "Tomb" and "TonC" collide under the ×31 hash ('m'+1, 'b'-31), as do "Aab" and "BBb".
    const h = (w: string) => [...w].reduce((a, c) => (Math.imul(a, 31) + c.charCodeAt(0)) | 0, 0);
    expect(h("Tomb")).toBe(h("TonC"));
    expect(h("Aab")).toBe(h("BBb"));
    for (const t of [
      "Tomb said hi. TonC said hi.",
      "TonC told Tomb, Janet!",
      "So Tomb and So TonC",
      "Aab: BBb: Janet:",
    ]) {
      expect(personSpans(t), t).toEqual(personSpansPlain(t));
      expect(personSpans(t), t).toEqual(personSpansPlain(t));
    }
  });

  it("stays equal after the memo fills and is emptied", () => {
    const r = rng(7);
    const words: string[] = [];
    for (let i = 0; i < 60000; i++) {
      let w = String.fromCharCode(65 + Math.floor(r() * 26));
      for (let k = 0; k < 5; k++) w += String.fromCharCode(97 + Math.floor(r() * 26));
      words.push(w);
    }
    const big = words.join(" said. ");
    expect(personSpans(big)).toEqual(personSpansPlain(big));
    const t = "So Janet's friend Patchy met Ann: Tomb and TonC.";
    expect(personSpans(t)).toEqual(personSpansPlain(t));
  });
});

describe("street gate of the personal-data shapes", () => {
  const STREET =
    /\b\d{1,5}\s+(?:\p{Lu}\p{Ll}+\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct)\b/u;
  const SUFFIX =
    "St|Street|Ave|Avenue|Rd|Road|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|St.|Rdx|Dri|Co|Av|Wa|La".split("|");
  const WORD = "Main|Elm|Oak|Ünter|Straw|Ctx|Dr|Le|ab|X".split("|");
  const GAP = [" ", "  ", "\n", "\t", "\u00a0", ""];
  it("is true wherever the street shape matches", () => {
    const r = rng(11);
    const pick = (a: string[]) => a[Math.floor(r() * a.length)]!;
    let matched = 0;
    for (let n = 0; n < 20000; n++) {
      let t = r() < 0.5 ? "x" : "";
      t += String(Math.floor(r() * 1e6)) + pick(GAP);
      for (let k = 0, len = Math.floor(r() * 4); k < len; k++) t += pick(WORD) + pick(GAP);
      t += pick(SUFFIX) + pick([" ", ".", "", "s", "9", ","]);
      if (STREET.test(t)) matched++;
      if (STREET.test(t)) expect(mayHoldStreet(t), t).toBe(true);
    }
    expect(matched).toBeGreaterThan(100);
  });
});

describe("organisation gate after a name", () => {
  it("is true wherever ORG_AFTER matches the 24 characters after the name", () => {
    const r = rng(5);
    const pieces =
      "Inc|LLC|Ltd|Corp|Co|Group|GmbH|AG|SA|PLC|plc|& Sons|and Sons|Partners|Foundation|University|Ink|and|x|,| |\t|\n|\u00a0|\u2003|.|I|&".split(
        "|",
      );
    let matched = 0;
    for (let n = 0; n < 30000; n++) {
      let t = "Ann";
      for (let k = 0, len = Math.floor(r() * 6); k < len; k++) t += pieces[Math.floor(r() * pieces.length)]!;
      const end = 3;
      const m = ORG_AFTER.test(t.slice(end, end + 24));
      if (m) {
        matched++;
        expect(mayOrgAfter(t, end), JSON.stringify(t)).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(1000);
  });
});
