import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fold, foldChar, FOLDS_WITHOUT_ASCII, foldText } from "../../../lambdas/core/redact/fold";
import { allowRanges, denySpans, gateTerm, internalHostSpans } from "../../../lambdas/core/redact/policy";

// The fast paths of term matching (folded text without offsets, the ASCII gate of small policies)
// must find exactly what the full path finds: a policy of 64+ terms takes the Aho–Corasick path,
// which has no gate, so a small policy padded with unused terms is the reference.
const few = ["Project Nightjar", "orion-7", "Falcon", "café", "Ｋｅｓｔｒｅｌ", "项目"];
const pad = Array.from({ length: 80 }, (_, i) => `unused-term-${i}`);
const policy = (deny: string[], allow: string[] = []) => ({
  denyTerms: deny,
  allowTerms: allow,
  internalDomains: [],
});
const pairs = (xs: { start: number; end: number }[]) => xs.map((x) => [x.start, x.end]);

const pieces = [
  "Project",
  "Nightjar",
  "PROJECT",
  "night",
  "jar",
  "Orion",
  "orion",
  "7",
  "7b",
  "Falcon",
  "falconry",
  "caf",
  "é",
  "e\u0301",
  "Ｋｅｓｔ",
  "rel",
  "项",
  "目",
  "\u0420roject",
  "ﬁ",
  "×",
  "’",
];
const seps = [" ", "-", "_", ".", "", "  ", "\n", "/", "\u200b", "—", "。"];
const textArb = fc
  .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...seps), fc.boolean()), { maxLength: 14 })
  .map((xs) => xs.map(([p, s, up]) => (up ? p.toUpperCase() : p) + s).join(""));

describe("term matching fast paths", () => {
  it("foldText is fold().text on any string, surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 120 }), (s) => {
        expect(foldText(s)).toBe(fold(s).text);
      }),
    );
    fc.assert(
      fc.property(textArb, (s) => {
        expect(foldText(s)).toBe(fold(s).text);
      }),
    );
    const long = "Ａb ﬃ \u{1d400} 😀 x".repeat(3000);
    expect(foldText(long)).toBe(fold(long).text);
  });

  it("foldChar answers the same from its cache", () => {
    for (const ch of ["Ａ", "ﬁ", "é", "\u0420", "😀", "项", "ß"]) expect(foldChar(ch)).toBe(foldChar(ch));
    expect(foldChar("ﬁ")).toBe("fi");
  });

  it("a small policy (gated, indexOf) finds what a large one (Aho–Corasick) finds", () => {
    fc.assert(
      fc.property(textArb, fc.subarray(few, { minLength: 1 }), (text, terms) => {
        const small = pairs(denySpans(policy(terms), text)).sort();
        const large = pairs(denySpans(policy([...terms, ...pad]), text)).sort();
        expect(small).toEqual(large);
        const a = allowRanges(policy([], terms), text).sort();
        const b = allowRanges(policy([], [...terms, ...pad]), text).sort();
        expect(a).toEqual(b);
      }),
      { numRuns: 400 },
    );
  });

  it("the ASCII gate lets through spaced, dotted and upper-case spellings", () => {
    const t = "we shipped P.R.O.J.E.C.T  night-JAR and orion_7 today";
    expect(denySpans(policy(["Project Nightjar", "Orion-7"]), t).map((s) => t.slice(s.start, s.end))).toEqual(
      ["P.R.O.J.E.C.T  night-JAR", "orion_7"],
    );
    // A policy whose terms fold to non-ASCII letters only cannot match ASCII text.
    expect(denySpans(policy(["项目"]), "project xiangmu")).toEqual([]);
    expect(denySpans(policy(["项目"]), "the 项目 plan")).toHaveLength(1);
  });

  it("internal hosts: the domain gate finds what lower-casing the whole text found", () => {
    // The previous rule, as the reference: lower-case the text, look for each domain, then scan.
    const HOST = /(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?![\w-])/gi;
    const reference = (domains: string[], text: string) => {
      const ds = domains
        .map((d) =>
          d
            .trim()
            .toLowerCase()
            .replace(/^\*?\./, ""),
        )
        .filter(Boolean);
      if (!ds.length || !ds.some((d) => text.toLowerCase().includes(d))) return [];
      return [...text.matchAll(HOST)]
        .filter((m) => ds.some((d) => m[0].toLowerCase() === d || m[0].toLowerCase().endsWith("." + d)))
        .map((m) => [m.index, m.index + m[0].length]);
    };
    const hostPieces = ["corp", "CORP", "example", "Example", "com", "io", "bücher", "a-b", "\u212a", "x"];
    const hostArb = fc
      .array(fc.tuple(fc.constantFrom(...hostPieces), fc.constantFrom(".", " ", "-", "", "/", "@")), {
        maxLength: 10,
      })
      .map((xs) => xs.map(([p, s]) => p + s).join(""));
    const domainSets = [
      ["corp.example.com"],
      ["*.Example.COM", "io"],
      ["bücher.example"],
      [" .x.io "],
      ["a-b.com"],
    ];
    fc.assert(
      fc.property(hostArb, fc.constantFrom(...domainSets), (text, internalDomains) => {
        const got = internalHostSpans({ denyTerms: [], allowTerms: [], internalDomains }, text).map((s) => [
          s.start,
          s.end,
        ]);
        expect(got).toEqual(reference(internalDomains, text));
      }),
      { numRuns: 500 },
    );
  });

  it("no character of FOLDS_WITHOUT_ASCII folds to an ASCII letter or digit", () => {
    const cls = new RegExp(`[${FOLDS_WITHOUT_ASCII}]`);
    let members = 0;
    for (let c = 0x80; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (!cls.test(ch)) continue;
      members++;
      expect(/[a-z0-9]/.test(foldChar(ch)), `U+${c.toString(16)}`).toBe(false);
    }
    expect(members).toBeGreaterThan(20000);
  });

  it("nearly ASCII text (CJK, punctuation, ×) gated like ASCII finds what the full path finds", () => {
    const near = [
      "Project",
      "NIGHT",
      "jar",
      "orion",
      "7",
      "Falcon",
      "kestrel",
      "项目",
      "计划",
      "×",
      "，",
      "。",
      "’",
      "—",
      "…",
      "→",
      "\u00a0",
      "\u3000",
      "：",
      " ",
      "-",
      "",
      "é",
      "Ｋ",
    ];
    const nearArb = fc.array(fc.constantFrom(...near), { maxLength: 20 }).map((xs) => xs.join(""));
    const asciiTerms = ["Project Nightjar", "orion-7", "Falcon", "Ｋｅｓｔｒｅｌ"];
    fc.assert(
      fc.property(nearArb, fc.subarray([...asciiTerms, "项目"], { minLength: 1 }), (text, terms) => {
        const small = pairs(denySpans(policy(terms), text)).sort();
        const large = pairs(denySpans(policy([...terms, ...pad]), text)).sort();
        expect(small).toEqual(large);
      }),
      { numRuns: 1500 },
    );
    const t = "先算：Project×Nightjar，然后 orion—7。";
    expect(denySpans(policy(["Project Nightjar", "Orion-7"]), t).map((s) => t.slice(s.start, s.end))).toEqual(
      ["Project×Nightjar", "orion—7"],
    );
  });
});

describe("the ASCII gate's pattern of a term", () => {
  it("matches the same texts as the plain pattern (characters in order, other characters between)", () => {
    const terms = ["projectbluefinch", "kestrel7", "nightjar", "q", "7", "ab", "jj", "zebra9", "gpt4o"];
    const plainRe = new RegExp(terms.map((t) => [...t].join("[^A-Za-z0-9]*")).join("|"), "i");
    const gateRe = new RegExp(terms.map(gateTerm).join("|"), "i");
    const bits = [..."projectbluefinchkestrel7nightjarzebra9gpt4oqJQZ", " ", "-", "_", "é", "ﬁ", "\n", "x"];
    let hits = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...bits), { maxLength: 30 }), (a) => {
        const t = a.join("");
        const want = plainRe.test(t);
        if (want) hits++;
        expect(gateRe.test(t)).toBe(want);
      }),
      { numRuns: 20000 },
    );
    for (const term of terms) {
      const one = new RegExp(gateTerm(term), "i");
      expect(one.test(term.toUpperCase().split("").join(" - "))).toBe(true);
      expect(one.test(term.slice(1))).toBe(false);
    }
    expect(hits).toBeGreaterThan(100);
  });
});
