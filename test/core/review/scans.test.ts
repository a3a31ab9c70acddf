import { describe, expect, it } from "vitest";
import { countWords } from "../../../lambdas/core/review/index";
import { denyMatcher, SCREEN_HINT } from "../../../lambdas/core/review/deny";
import { findKeywordHits } from "../../../lambdas/core/review/keywords";
import { stripPlaceholders } from "../../../lambdas/core/review/strings";
import fc from "fast-check";
import { findSecretShaped, longRuns, secretShaped, shannon } from "../../../lambdas/core/review/secrets";
import { base64Needles, findSurvivors, spreadIncludes } from "../../../lambdas/core/review/survival";
import { DEFAULT_THRESHOLDS } from "../../../lambdas/core/review/thresholds";

function sample(alphabet: readonly string[], n: number, seed: number): string[] {
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let t = "";
    const len = i % 90;
    for (let k = 0; k < len; k++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      t += alphabet[(s >>> 8) % alphabet.length];
    }
    out.push(t);
  }
  return out;
}

describe("secrets: long runs", () => {
  it("are the runs of token characters the regex finds, of at least the length asked", () => {
    const texts = sample([..."aZ9+/=_-", " ", ".", "é", "\n"], 3000, 5);
    for (const min of [1, 3, 8, 16, 15.5]) {
      for (const t of texts) {
        const want = [...t.matchAll(/[A-Za-z0-9+/=_-]+/g)]
          .filter((m) => m[0].length >= min)
          .map((m) => ({ start: m.index, end: m.index + m[0].length }));
        expect(longRuns(t, min), JSON.stringify([t, min])).toEqual(want);
      }
    }
  });
});

describe("survival: compact form without compacting", () => {
  const value = "Ab-12 3ç";
  const th = { ...DEFAULT_THRESHOLDS, survivalCompactMinLength: 4 };
  it.each([
    ["a b 1 2 3 ç", true],
    ["xx A.B.1.2.3.Ç yy", true],
    ["ab12 3c", false],
    ["ab1 x 23ç", false],
  ])("%s", (text, found) => {
    const hits = findSurvivors([{ path: "p", text }], [value], th);
    expect(hits.some((h) => h.form === "compact" || h.form === "plain")).toBe(found);
  });
  it("agrees with many values (compacting every text) and few (searching each value)", () => {
    const texts = sample([..."ab12 -.", "Ç", "ç"], 400, 9).map((text, i) => ({ path: `p${i}`, text }));
    const values = ["ab12ab", "b1-2ç", "12 ab 12", "ççab", "a.b.1.2", "2ab1ç", "b2b2b2", "1ç1ç"];
    const many = findSurvivors(texts, values, th);
    const each = values.flatMap((v) => findSurvivors(texts, [v], th));
    const key = (h: { path: string; form: string }) => `${h.path}|${h.form}`;
    expect(many.filter((h) => h.form === "compact").length).toBeGreaterThan(10);
    expect(new Set(many.map(key))).toEqual(new Set(each.map(key)));
  });
});

describe("survival: spreadIncludes", () => {
  const compact = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  it("agrees with searching the compacted text, astral characters and lone surrogates included", () => {
    const alphabet = [..."ab1 -.", "é", "\u0301", "𝐀", "𝐁", "😀", "\uD835", "\uDC00", "ß"];
    const texts = sample(alphabet, 1500, 13);
    const needles = sample(alphabet, 300, 17)
      .map(compact)
      .filter((c) => c.length > 0)
      .slice(0, 60);
    let found = 0;
    for (const t of texts) {
      const lower = t.toLowerCase();
      for (const c of needles) {
        const want = compact(t).includes(c);
        if (want) found++;
        expect(spreadIncludes(lower, c), JSON.stringify([t, c])).toBe(want);
      }
    }
    expect(found).toBeGreaterThan(100);
  });
});

describe("review: word count", () => {
  it("counts what /\\S+/g matches", () => {
    const texts = sample([..."ab ", "\n", "\t", "\u00a0", "\u3000", "é", "  ", "\n\n"], 2000, 21);
    for (const t of texts) expect(countWords(t), JSON.stringify(t)).toBe(t.match(/\S+/g)?.length ?? 0);
  });
  it("agrees with \\s on every code unit outside the scripts written without spaces", () => {
    const unspaced =
      /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/;
    for (let c = 0; c < 65536; c++) {
      const t = `a${String.fromCharCode(c)}b`;
      const want = unspaced.test(t) ? 3 : (t.match(/\S+/g)?.length ?? 0);
      if (countWords(t) !== want) throw new Error(`code unit ${c}`);
    }
  });
  it("counts letters of scripts written without spaces as one word per two", () => {
    expect(countWords("我们的⟦TERM_1⟧模型有十二台服务器")).toBe(1 + 6);
    expect(countWords("ナイトジャーの結果")).toBe(5);
    expect(countWords("블루핀치의 결과")).toBe(2); // Hangul is written with spaces
    expect(countWords("the 夜 word")).toBe(3);
  });
});

describe("survival: base64 needles", () => {
  /** Node's encoder, the three alignments. */
  function reference(v: string): string[] {
    const bytes = Buffer.from(v, "utf8");
    const out = new Set<string>();
    for (let shift = 0; shift < 3; shift++) {
      const enc = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64");
      const frag = enc.slice([0, 2, 3][shift], Math.floor((8 * (shift + bytes.length)) / 6));
      if (frag.length >= 8) {
        out.add(frag);
        out.add(frag.replace(/\+/g, "-").replace(/\//g, "_"));
      }
    }
    return [...out];
  }
  it("read the value's UTF-8 as TextEncoder writes it, lone surrogates included", () => {
    const enc = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (v) => {
        expect(Buffer.from(v, "utf8").equals(enc.encode(v))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    for (const v of ["\uD800", "a\uDC00b", "\uDBFF\uDFFF", "x\uD83D", "\uDE00\uD83D"])
      expect(Buffer.from(v, "utf8").equals(enc.encode(v))).toBe(true);
  });
  it.each([
    "abcdef",
    "Priya Raman",
    "someone@example.com",
    "Ünïcode Näme",
    "😀 x",
    "z".repeat(100_000) + "~?>",
  ])("match Node's encoder: %#", (v) => {
    expect(base64Needles(v)).toEqual(reference(v));
  });
});

describe("survival: ASCII text skips NFKC", () => {
  it("is its own NFKC form (every pair of ASCII characters)", () => {
    for (let a = 0; a < 128; a++) {
      for (let b = 0; b < 128; b++) {
        const s = String.fromCharCode(a, b);
        if (s.normalize("NFKC") !== s) throw new Error(`not NFKC-stable: ${a} ${b}`);
      }
    }
  });
  it("gives the same hits with or without the caller's stripped texts", () => {
    const th = DEFAULT_THRESHOLDS;
    const value = "hunter" + "2hunter" + "2";
    const texts = [`x ${value} y`, `\u27E6EMAIL_1\u27E7 ${value.toUpperCase()}`, "ﬁ " + value, "nothing"].map(
      (text, i) => ({ path: `p${i}`, text }),
    );
    const stripped = texts.map((s) => s.text.replace(/\u27E6[A-Z0-9_]+\u27E7/g, " "));
    expect(findSurvivors(texts, [value], th, stripped)).toEqual(findSurvivors(texts, [value], th));
    expect(findSurvivors(texts, [value], th).length).toBe(3);
  });
});

describe("secrets: entropy", () => {
  /** The map-based sum the table replaces (first-occurrence order). */
  function ref(s: string): number {
    const counts = new Map<string, number>();
    for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    let h = 0;
    for (const c of counts.values()) {
      const p = c / s.length;
      h -= p * Math.log2(p);
    }
    return h;
  }
  it("is the same number, bit for bit, on ASCII and other text", () => {
    const ascii = fc.string({ unit: fc.constantFrom(..."aB3+/=_-xyZ09"), maxLength: 80 });
    fc.assert(
      fc.property(
        fc.oneof(ascii, fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 })),
        (s) => {
          expect(Object.is(shannon(s), ref(s))).toBe(true);
          expect(Object.is(shannon(s), ref(s))).toBe(true); // the table is left clean
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe("secrets: runs remembered as plain", () => {
  it("answer as a fresh judgement would, whatever the thresholds in between", () => {
    const runs = [
      "cotshare-legibility",
      "GSM8K_deepseek-r1-distill-llama-8b",
      "aB3dE5gH7jK9mN1pQ3sT5vW7",
      "xK9mQ2vL8nR4tY6wZ1pJ",
      "abcdefghijklmnopqrstu",
      // Plain by default (low entropy), secret-shaped with a lower entropy threshold.
      "aB1aB1aB1aB1aB1aB1aB1",
    ];
    expect(secretShaped("aB1aB1aB1aB1aB1aB1aB1", DEFAULT_THRESHOLDS)).toBeUndefined();
    const variants = [
      DEFAULT_THRESHOLDS,
      { ...DEFAULT_THRESHOLDS, secretMinEntropy: 1 },
      { ...DEFAULT_THRESHOLDS, secretMaxMeanPiece: 20 },
      { ...DEFAULT_THRESHOLDS, secretMinLength: 8, secretMinSegmentLength: 8 },
    ];
    expect(secretShaped("aB1aB1aB1aB1aB1aB1aB1", variants[1]!)).toBeDefined();
    for (let round = 0; round < 3; round++)
      for (const th of variants)
        for (const r of runs) {
          const want = secretShaped(r, th);
          const got = findSecretShaped(`see ${r} here`, th);
          expect(got.length, JSON.stringify([r, th])).toBe(want ? 1 : 0);
          if (want) expect(got[0]).toMatchObject(want);
        }
  });
});

describe("keywords: every hit has its literal outside the placeholders", () => {
  it("so the screen of the placeholder-stripped text sees it", () => {
    const m = denyMatcher([], [], 2);
    const bits = [
      "password",
      "PASSWORD",
      "api_key",
      "API_KEY",
      "token",
      "Bearer",
      "basic",
      "secret",
      "://",
      "postgres://u:p@h",
      "-----BEGIN PRIVATE KEY-----",
      "\u27E6SECRET_1\u27E7",
      "\u27E6API_KEY_2\u27E7",
      "\u27E6PASSWORD_12\u27E7",
      "\u27E6BEARER_1\u27E7",
      "\u27E6TOKEN_3\u27E7",
      "\u27E6X_1\u27E7",
      "=",
      ": ",
      " is ",
      " ",
      "\n",
      '"',
      "abc123XYZ",
      "hunter",
      "Ab1",
      "_",
      "-",
      "x".repeat(40),
    ];
    let hits = 0;
    for (const t of sample(bits, 20000, 9)) {
      if (findKeywordHits(t).length === 0) continue;
      hits++;
      expect(m.screen(stripPlaceholders(t), 16) & SCREEN_HINT, JSON.stringify(t)).toBe(SCREEN_HINT);
    }
    expect(hits).toBeGreaterThan(2000);
  });
});
