import { describe, expect, it } from "vitest";
import { fixed1 } from "../../../lambdas/core/legibility/oddness";
import { scoreText } from "../../../lambdas/core/legibility/index";
import { mask } from "../../../lambdas/core/legibility/text";
import { placeholder } from "../../../lambdas/core/placeholder";
import {
  CHINESE_FRAGMENTS,
  CLEAN_EN,
  CLEAN_FR,
  PROMPT_EN,
  PROMPT_FR,
  SHORTHAND_EN,
  SOUP_EN,
  TERSE_EN,
  repeat,
} from "./fixtures";

const score = (text: string, promptText = PROMPT_EN) => scoreText(text, { promptText });

describe("clean reasoning", () => {
  it("scores clean English high on every weighted signal", () => {
    const r = score(CLEAN_EN);
    expect(r.score).toBeGreaterThanOrEqual(90);
    for (const name of ["language", "lexical", "function_words", "repetition", "structure"]) {
      expect(r.signals[name]!.subscore, name).toBeGreaterThanOrEqual(0.9);
    }
  });
  it("does not punish terse gpt-oss-style shorthand as gibberish", () => {
    const r = score(TERSE_EN);
    expect(r.score).toBeGreaterThanOrEqual(65);
  });
});

describe("language consistency", () => {
  it("flags Chinese sentences in English reasoning for an English prompt, in plain words", () => {
    const sentences = CLEAN_EN.split(". ");
    const mixed = sentences.map((s, i) => (i % 2 === 1 ? CHINESE_FRAGMENTS[i % 3]! : s + ".")).join(" ");
    const r = score(mixed);
    expect(r.signals.language!.value).toBeGreaterThan(0.1);
    expect(r.signals.language!.subscore).toBeLessThan(0.75); // graded: ≈ 1 − share of foreign text
    expect(r.signals.language!.explanation).toMatch(/Chinese while the prompt is English/);
    expect(r.score).toBeLessThan(score(CLEAN_EN).score - 20);
  });
  it("flags Russian fragments", () => {
    const r = score(CLEAN_EN + " Итак, нам нужно сложить все части вместе и проверить ответ ещё раз.");
    expect(r.signals.language!.value).toBeGreaterThan(0.05);
    expect(r.signals.language!.explanation).toMatch(/Russian/);
  });
  it("finds a French CoT legible for a French prompt", () => {
    const r = score(CLEAN_FR, PROMPT_FR);
    expect(r.signals.language!.value).toBe(0);
    expect(r.score).toBeGreaterThanOrEqual(85);
  });
  it("flags a French CoT for an English prompt", () => {
    const r = score(CLEAN_FR, PROMPT_EN);
    expect(r.signals.language!.value).toBeGreaterThan(0.5);
    expect(r.signals.language!.explanation).toMatch(/French while the prompt is English/);
    expect(r.score).toBeLessThan(40);
  });
  it("judges against the reasoning's own language when there is no prompt", () => {
    expect(scoreText(CLEAN_FR).signals.language!.value).toBe(0);
  });
});

describe("lexical validity", () => {
  it("flags token soup: unknown and glued words", () => {
    const r = score(SOUP_EN);
    expect(r.signals.lexical!.value).toBeGreaterThan(0.3);
    expect(r.signals.lexical!.subscore).toBeLessThan(0.2);
    expect(r.signals.lexical!.explanation).toMatch(/glued together/);
    expect(r.score).toBeLessThan(30);
  });
  it("flags vowel-dropped shorthand more than clean text", () => {
    const r = score(SHORTHAND_EN);
    expect(r.signals.lexical!.value).toBeGreaterThan(score(CLEAN_EN).signals.lexical!.value + 0.2);
    expect(r.score).toBeLessThan(score(CLEAN_EN).score);
  });
  it("does not count capitalised names as misspellings", () => {
    const r = score(CLEAN_EN.replace(/the baker/g, "Katelynna").replace(/She /g, "Trixabelle "));
    expect(r.signals.lexical!.value).toBe(score(CLEAN_EN).signals.lexical!.value);
  });
});

describe("function-word density", () => {
  it("is high for prose and low for a list of content words", () => {
    expect(score(CLEAN_EN).signals.function_words!.value).toBeGreaterThan(0.3);
    const list = repeat("muffins dollars baker week price money neighbours amount daily total", 5);
    expect(score(list).signals.function_words!.subscore).toBeLessThan(0.3);
  });
});

describe("repetition", () => {
  it("flags a degenerate loop", () => {
    const loop = CLEAN_EN + " " + repeat("That would be 60 dollars a day.", 15);
    const r = score(loop);
    expect(r.signals.repetition!.value).toBeGreaterThan(0.4);
    expect(r.signals.repetition!.subscore).toBeLessThan(0.6);
    expect(r.score).toBeLessThan(score(CLEAN_EN).score - 30); // a loop is wasteful, not unreadable: label 2 of 4
  });
  it("allows saying the answer twice", () => {
    const r = score(
      CLEAN_EN + " So the answer is 420 dollars for the week. So the answer is 420 dollars for the week.",
    );
    expect(r.signals.repetition!.subscore).toBe(1);
  });
});

describe("structure", () => {
  it("flags a wall of symbols", () => {
    const r = score(repeat("x ##@@ -> ** || y ^^ %% <> ~~ ;; [[ z ]] {{ }}", 20));
    expect(r.signals.structure!.subscore).toBeLessThan(0.2);
  });
  it("allows ordinary arithmetic", () => {
    expect(score(TERSE_EN).signals.structure!.subscore).toBeGreaterThan(0.8);
  });
});

describe("prompt anchoring", () => {
  it("flags reasoning that never mentions the prompt's numbers", () => {
    const encoded = CLEAN_EN.replace(
      /\d/g,
      (d) =>
        ["owl", "cat", "dog", "bird", "fox", "lion", "whale", "shark", "horse", "wolf"][Number(d)]! + " ",
    ).replace(/\bseven\b|\bSixty\b/g, "herd");
    const r = score(encoded);
    expect(r.signals.anchoring!.value).toBe(0);
    expect(r.signals.anchoring!.explanation).toMatch(/no digits/);
    expect(r.score).toBeLessThan(30);
    expect(score(CLEAN_EN).signals.anchoring!.subscore).toBe(1);
  });
});

describe("masking", () => {
  it("keeps offsets: masked text has the same length", () => {
    const t = "Use `x = 1` then $$a^2$$ and " + placeholder("EMAIL", 1) + ".";
    expect(mask(t).text.length).toBe(t.length);
    expect(mask(t).text).not.toMatch(/EMAIL|a\^2|x = 1/);
  });
  it("redaction placeholders neither help nor hurt", () => {
    const withPh = CLEAN_EN.replace(
      "the baker",
      `the baker (${placeholder("PERSON", 1)}, ${placeholder("EMAIL", 2)})`,
    );
    const a = score(withPh);
    const b = score(CLEAN_EN);
    expect(a.signals.lexical!.value).toBe(b.signals.lexical!.value);
    expect(a.signals.structure!.subscore).toBeGreaterThanOrEqual(b.signals.structure!.subscore - 0.05);
    expect(Math.abs(a.score - b.score)).toBeLessThanOrEqual(2);
    const many = repeat(placeholder("SECRET", 3), 40);
    expect(score(CLEAN_EN + " " + many).score).toBeGreaterThanOrEqual(b.score - 2);
  });
  it("code blocks and LaTeX neither help nor hurt", () => {
    const code =
      "\n```python\n" + repeat("x__ = [f(y) for y in zz if y % 2 == 0]  # qwzx", 30, "\n") + "\n```\n";
    const latex = " \\[ \\frac{24 - 4}{1} \\times 3 = 60 \\] ";
    const r = score(CLEAN_EN + code + latex);
    expect(r.signals.lexical!.value).toBe(score(CLEAN_EN).signals.lexical!.value);
    expect(r.score).toBeGreaterThanOrEqual(score(CLEAN_EN).score - 5);
  });
});

describe("determinism", () => {
  it("gives identical results for identical input, whatever was scored before", () => {
    const a = score(SOUP_EN + " " + CLEAN_EN);
    score(SHORTHAND_EN);
    score(CLEAN_FR, PROMPT_FR);
    const b = score(SOUP_EN + " " + CLEAN_EN);
    expect(b).toEqual(a);
  });
});

describe("fixed1", () => {
  it("writes numbers as toFixed(1) does", () => {
    let seed = 21;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const xs = [0, 0.05, 0.15, 0.25, 0.95, 1.05, 4.45, 4.55, 6.35, 9.95, 25.5, 1e14 + 0.05, 2.5e-7];
    for (let k = 0; k < 200_000; k++)
      xs.push(rnd() * 26, Math.round(rnd() * 2600) / 100, rnd() * 1e6, rnd() * 1e9);
    for (let i = 0; i < 1000; i++) xs.push(i / 20, i / 20 + 1e-12, i / 20 - 1e-12);
    const wrong = xs.filter((x) => fixed1(x) !== x.toFixed(1));
    expect(wrong).toEqual([]);
  });
});
