/**
 * The person scan's shortcuts that skip RUN_RE (speed, round 10): a capital before an apostrophe
 * that no capital follows ("I'll"), "×", a lone word with apostrophes in its letters ("Tom's",
 * "Let's"), and a word whose next word after spaces cannot continue a run ("So I need", "If I",
 * "Since ≈"). Each must give the spans of the plain scan, which asks RUN_RE at every capital.
 */
import { describe, expect, it } from "vitest";
import {
  CUE_AFTER,
  cueAt,
  LOWER_PAIR_RE,
  mayHoldLowerPair,
  mayCueAfter,
  mayOrgAfter,
  NARRATIVE_CUES,
  nameLexicon,
  ORG_AFTER,
  personSpans,
  personSpansPlain,
  STRONG_CUES,
  structuralNames,
} from "../../../lambdas/core/redact/person";

let seed = 1010;
function rnd(): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
}
function pick<T>(a: readonly T[]): T {
  return a[Math.floor(rnd() * a.length)]!;
}

/** Words and marks around the shortcuts' edges: initials, particles, apostrophes, non-ASCII capitals and lower-case letters. */
const PIECES = [
  "So",
  "If",
  "Then",
  "The",
  "Since",
  "Let's",
  "Let’s",
  "I",
  "I'll",
  "I’m",
  "I'",
  "I’",
  "A",
  "J.",
  "K.",
  "O'Brien",
  "O’Neil",
  "D'A",
  "Tom's",
  "Tom’s",
  "Janet",
  "Janet's",
  "Natalia",
  "Smith",
  "Jones'",
  "Ødegaard",
  "Émile",
  "Ωmega",
  "Иван",
  "ǅ",
  "ß",
  "é",
  "É",
  "×",
  "÷",
  "≈",
  "“",
  "𝐀",
  "𝐚",
  "van",
  "de",
  "der",
  "ten",
  "del",
  "la",
  "vanx",
  "d",
  "need",
  "have",
  "sold",
  "the",
  "and",
  "Mary-Jane",
  "Jean-Luc",
  "McDonald",
  "GSM8K",
  "x",
  "5",
  "48",
  "$12",
  "Mr",
  "Dr.",
  "said",
];
const GLUE = [
  " ",
  "  ",
  "\t",
  " \t ",
  "",
  "'",
  "’",
  ".",
  ". ",
  ", ",
  "! ",
  "?",
  ":",
  ";",
  "\n",
  "-",
  "(",
  ")",
  "@",
  "_",
  "/",
];

function randomText(): string {
  let s = "";
  const n = 1 + Math.floor(rnd() * 14);
  for (let k = 0; k < n; k++) s += pick(PIECES) + (rnd() < 0.8 ? " " : pick(GLUE));
  return rnd() < 0.5 ? s : s.trimEnd();
}

describe("person scan shortcuts past RUN_RE", () => {
  it("give the plain scan's spans on texts made at the shortcuts' edges", () => {
    for (let i = 0; i < 30000; i++) {
      const t = randomText();
      expect(personSpans(t), t).toEqual(personSpansPlain(t));
    }
  });

  it("give the plain scan's spans on openers before initials, particles and capitals", () => {
    const heads = ["So", "If", "Then", "Tom's", "Let's", "Natalia", "Émile"];
    const mids = [
      "I",
      "I.",
      "J.",
      "A",
      "I'",
      "I’",
      "I'M",
      "I’M",
      "O'Brien",
      "de",
      "van",
      "ten",
      "×",
      "≈",
      "É",
      "é",
      "𝐀",
    ];
    const tails = ["", "need", "Janet", "Smith", "de", "van der", "K.", "I", "Берг", "é", "5", ".", "!"];
    const seps = [" ", "\t", "  "];
    for (const h of heads)
      for (const m of mids)
        for (const m2 of ["", ...mids.slice(0, 8)])
          for (const t of tails)
            for (const sp of seps) {
              const s = [h, m, m2, t].filter(Boolean).join(sp) + (t ? "" : sp);
              expect(personSpans(s), s).toEqual(personSpansPlain(s));
            }
  });

  it("still finds names next to the shortcuts", () => {
    const t = "So I told Janet Smith's brother that Tom’s answer was right.";
    const got = personSpans(t).map((s) => t.slice(s.start, s.end));
    expect(got).toContain("Janet Smith");
    expect(personSpans(t)).toEqual(personSpansPlain(t));
  });
});

describe("structural names without a colon", () => {
  it("are still read after a closing word or in an invitation's name", () => {
    const lex = nameLexicon();
    const cases: [string, string][] = [
      ["Thanks!\nXylia Brandolini", "Xylia Brandolini"],
      ["Best,\nXylia Brandolini", "Xylia Brandolini"],
      ["Regards,\r\nXylia Brandolini", "Xylia Brandolini"],
      ["Cheers!\r\nXylia Brandolini", "Xylia Brandolini"],
      ['ATTENDEE;ROLE=REQ-PARTICIPANT;CN="Xylia Brandolini"', "Xylia Brandolini"],
    ];
    for (const [t, name] of cases) {
      const got = structuralNames(t, lex).map((f) => t.slice(f.start, f.end));
      expect(got, t).toEqual([name]);
    }
  });
});

describe("list neighbours", () => {
  it("are found as in the plain scan when runs lie near each other or overlap", () => {
    const items = ["Eklund", "Michael", "Hodge", "Janet", "Abİİİİ", "İİ", "So", "Xylia", "Bob"];
    const gaps = [", ", " and ", ", and ", " & ", " or ", ",", "  ", " met ", "; ", " with the "];
    for (let i = 0; i < 6000; i++) {
      let t = rnd() < 0.5 ? "" : pick(["Mr. ", "Dear ", "so ", "told "]);
      const n = 2 + Math.floor(rnd() * 5);
      for (let k = 0; k < n; k++)
        t += pick(items) + (k < n - 1 ? pick(gaps) : pick([".", "!", "", " sold 4 apples."]));
      expect(personSpans(t), t).toEqual(personSpansPlain(t));
    }
  });
});

describe("cue shortcuts", () => {
  it("read every cue phrase before a capital, in any case and with a trailing .:,?", () => {
    const phrases = [...STRONG_CUES, ...NARRATIVE_CUES];
    // The kind the scan gives: that of the shortest cue phrase ending the words before.
    const kind = (p: string): number => {
      const w = p.split(" ");
      for (let n = 1; n <= w.length; n++) {
        const q = w.slice(-n).join(" ");
        if (STRONG_CUES.has(q)) return 2;
        if (NARRATIVE_CUES.has(q)) return 1;
      }
      return 0;
    };
    for (const p of phrases)
      for (const cased of [p, p.charAt(0).toUpperCase() + p.slice(1), p.toUpperCase()])
        for (const trail of ["", ".", ":", ",", "?", ".:"])
          for (const lead of ["", "so ", ". ", "\n"]) {
            const t = `${lead}${cased}${trail} Xylia`;
            expect(cueAt(t, t.length - 5), t).toBe(kind(p));
          }
  });

  it("leave no match of CUE_AFTER or ORG_AFTER behind their gates", () => {
    const words = [
      ...["said", "says", "told", "asked", "replied", "wrote", "writes", "shouted", "began", "begins"],
      ...["was born", "lives", "works", "joined", "thinks", "thought", "who", "aged", "age", "sold", "to"],
      ...["the", "and", "and Sons", "& Sons", "plc", "PLC", "Inc", "Co", "apples", "bought", "j", "wa", "t"],
    ];
    const glue = [" ", "  ", "\t", "\n", ", ", ",", ": ", ":", "\u00a0", "\u2003", "", "!", "5"];
    const mixCase = (w: string) => [...w].map((c) => (rnd() < 0.3 ? c.toUpperCase() : c)).join("");
    for (let i = 0; i < 4000; i++) {
      let t = "Xylia";
      const n = 1 + Math.floor(rnd() * 5);
      for (let k = 0; k < n; k++) t += pick(glue) + (rnd() < 0.5 ? mixCase(pick(words)) : pick(words));
      for (let end = 0; end <= t.length; end++) {
        const after = t.slice(end, end + 24);
        if (CUE_AFTER.test(after)) expect(mayCueAfter(t, end), JSON.stringify([t, end])).toBe(true);
        if (ORG_AFTER.test(after)) expect(mayOrgAfter(t, end), JSON.stringify([t, end])).toBe(true);
      }
    }
  });
});

describe("lower-case pairs gate", () => {
  it("is true wherever LOWER_PAIR_RE finds a pair whose first word is a clear given name", () => {
    const lex = nameLexicon();
    const clear = ["patricia", "janet", "natalia", "liviana", "min", "derrick"].filter(
      (w) => lex.get(w) === false,
    );
    expect(clear.length).toBeGreaterThan(3);
    // Clear names with a lower-case letter outside ASCII ("josé"): the gate leaves them to the pattern.
    const accented = [...lex]
      .filter(([w, amb]) => !amb && /^\p{Ll}{3,}$/u.test(w) && /[^a-z]/.test(w))
      .slice(0, 4)
      .map(([w]) => w);
    expect(accented.length).toBe(4);
    const words = [
      ...clear,
      ...accented,
      "desrosiers",
      "palerma",
      "the",
      "step",
      "cost",
      "apples",
      "é",
      "élodie",
      "x",
      "5",
      "miles",
    ];
    const glue = [" ", "  ", "\t", "", "S", "C", ".", "-", "_", "@", "5", "\n", "‑", "É", "(", "**", "é"];
    let hits = 0;
    for (let i = 0; i < 20000; i++) {
      let t = "";
      const n = 1 + Math.floor(rnd() * 6);
      for (let k = 0; k < n; k++) t += pick(glue) + pick(words);
      LOWER_PAIR_RE.lastIndex = 0;
      let pair = false;
      for (let m = LOWER_PAIR_RE.exec(t); m !== null && !pair; m = LOWER_PAIR_RE.exec(t)) {
        if (lex.get(m[1]!) === false) pair = true;
        else LOWER_PAIR_RE.lastIndex = m.index + m[1]!.length;
      }
      if (pair) {
        hits++;
        expect(mayHoldLowerPair(t, lex), JSON.stringify(t)).toBe(true);
      }
    }
    expect(hits).toBeGreaterThan(300);
  });
});
