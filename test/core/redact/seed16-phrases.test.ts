import { wordlist } from "@scure/bip39/wordlists/english.js";
import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";
import { SEED_MIN_WORDS, seedPhraseSpans } from "../../../lambdas/core/redact/seed-phrase";
import { readsOutside } from "../reads-outside";

/** A deterministic pseudo-random source (tests must not depend on Math.random). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function phrase(n: number, seed: number): string[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => wordlist[Math.floor(r() * wordlist.length)]!);
}

function secrets(text: string): string[] {
  return detect(text)
    .filter((s) => s.category === "SECRET")
    .map((s) => text.slice(s.start, s.end));
}

describe("seed-phrase: wallet recovery phrases (BIP-39 words in a row)", () => {
  const twelve = phrase(12, 1);
  const words24 = phrase(24, 2);

  it.each([
    ["after a cue", (p: string[]) => `Here is my seed phrase: ${p.join(" ")}`],
    ["in quotes", (p: string[]) => `mnemonic = "${p.join(" ")}"`],
    ["with no cue at all, in a tool's output", (p: string[]) => `$ cat backup.txt\n${p.join(" ")}\n$ ls`],
    ["comma-separated", (p: string[]) => `words: ${p.join(", ")}.`],
    ["one a line, numbered", (p: string[]) => p.map((w, i) => `${i + 1}. ${w}`).join("\n")],
    ["numbered with brackets on one line", (p: string[]) => p.map((w, i) => `${i + 1}) ${w}`).join(" ")],
    ["in JSON", (p: string[]) => JSON.stringify({ wallet: { mnemonic: p.join(" ") } })],
  ])("takes a 12-word phrase %s", (_how, make) => {
    const text = make(twelve);
    const found = secrets(text);
    expect(found).toHaveLength(1);
    // The whole phrase, first word to last (list numbers inside it included), nothing around it.
    expect(found[0]!.startsWith(twelve[0]!)).toBe(true);
    expect(found[0]!.endsWith(twelve[11]!)).toBe(true);
    for (const w of twelve) expect(found[0]).toContain(w);
  });

  it("takes a 24-word phrase whole, and two phrases side by side as two", () => {
    expect(secrets(`recovery: ${words24.join(" ")}`)).toEqual([words24.join(" ")]);
    const both = [...words24, ...twelve];
    const spans = seedPhraseSpans(both.join(" "));
    expect(spans).toHaveLength(2);
  });

  it("leaves fewer than twelve list words, and a run broken by a word off the list", () => {
    expect(seedPhraseSpans(`note: ${twelve.slice(0, SEED_MIN_WORDS - 1).join(" ")} and so on`)).toEqual([]);
    const broken = [...twelve.slice(0, 6), "thereafter", ...twelve.slice(6)];
    expect(seedPhraseSpans(broken.join(" "))).toEqual([]);
    // A capital, a digit or punctuation glued to a word, and words glued together, are no phrase.
    expect(
      seedPhraseSpans([...twelve.slice(0, 6), twelve[6]!.toUpperCase(), ...twelve.slice(7)].join(" ")),
    ).toEqual([]);
    expect(seedPhraseSpans(twelve.map((w, i) => (i === 5 ? `${w}7` : w)).join(" "))).toEqual([]);
    expect(seedPhraseSpans(twelve.join("-"))).toEqual([]);
  });

  it("leaves reasoning prose alone", () => {
    const prose =
      "Janet has 16 eggs. She eats three for breakfast every morning and bakes muffins for her " +
      "friends every day with four. She sells the remainder at the market for $2 per egg, so she " +
      "makes 9 * 2 = $18 every day. Let me double check: the total is correct, and the answer is 18.";
    expect(seedPhraseSpans(prose)).toEqual([]);
    expect(secrets(prose)).toEqual([]);
  });

  it("finds the shortest phrase (twelve three-letter words) wherever it starts", () => {
    const three = wordlist.filter((w) => w.length === 3).slice(0, SEED_MIN_WORDS);
    const p = three.join(" ");
    expect(p).toHaveLength(47);
    for (let at = 0; at < 120; at++) {
      const before = "Ab. ".repeat(at).slice(0, at);
      // (A quote right before it: the probe that lands on the quote rules out all before it.)
      const text = `${before}${at % 2 ? '"' : "'"}${p}. Then 42 more, I said.`;
      const start = before.length + 1;
      expect(
        seedPhraseSpans(text).map((s) => [s.start, s.end]),
        `at ${at}`,
      ).toEqual([[start, start + 47]]);
    }
  });

  /** The reading the detector's skipping must equal: every run of list-shaped words, left to right. */
  function reference(text: string): [number, number][] {
    const list = new Set(wordlist);
    const out: [number, number][] = [];
    const re = /[a-z]+/g;
    let run: [number, number][] = [];
    let lastEnd = -1;
    const flush = () => {
      let first = -1;
      const emit = (last: number) => {
        if (first >= 0 && last - first >= SEED_MIN_WORDS) out.push([run[first]![0], run[last - 1]![1]]);
        first = -1;
      };
      for (let k = 0; k < run.length; k++) {
        const [s, e] = run[k]!;
        if (!list.has(text.slice(s, e))) emit(k);
        else if (first < 0) first = k;
        else if (k - first === 24) {
          emit(k);
          first = k;
        }
      }
      emit(run.length);
      run = [];
    };
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const s = m.index;
      const e = s + m[0].length;
      const before = s === 0 ? " " : text[s - 1]!;
      const after = e === text.length ? " " : text[e]!;
      const shaped =
        m[0].length >= 3 &&
        m[0].length <= 8 &&
        /[ \n\t\r,"'`([{=:>.)]/.test(before) &&
        /[ \n\t\r,"'`)\]}.]/.test(after);
      // Between the previous word and this one: only gaps, and list numbers after a gap.
      const between = lastEnd < 0 ? "" : text.slice(lastEnd, s);
      const joined = lastEnd >= 0 && /^[ \n\t\r,]+(?:\d{1,2}[.):]?[ \n\t\r,]+)*$/.test(between);
      const endsRun = !shaped || !joined;
      if (endsRun) flush();
      if (shaped) {
        if (!endsRun || run.length === 0) run.push([s, e]);
        lastEnd = /[.)\]}"'`]/.test(after) ? -1 : e;
        if (lastEnd < 0) {
          // A closing mark ends the run after this word.
          flush();
        }
      } else lastEnd = -1;
    }
    flush();
    return out;
  }

  it("finds what a plain left-to-right reading finds, on 3,000 random texts (its skipping misses nothing)", () => {
    const r = rng(42);
    const other = ["the", "and", "a", "is", "thereafter", "Janet", "42", "$5", "x=3", "I'm", "(see", "note:"];
    const gaps = [" ", " ", " ", " ", " ", ", ", "\n", "  ", "\n3. ", " 12) "];
    // Short list words half the time: phrases of the shortest span, which the skipping is tuned to.
    const short = wordlist.filter((w) => w.length <= 4);
    let phrases = 0;
    const texts: string[] = [];
    for (let t = 0; t < 3000; t++) {
      const parts: string[] = [];
      const n = 5 + Math.floor(r() * 60);
      for (let k = 0; k < n; k++) {
        // Long stretches of list words (a phrase about one text in three), broken now and then.
        const list = r() < 0.5 ? short : wordlist;
        const w = r() < 0.93 ? list[Math.floor(r() * list.length)]! : other[Math.floor(r() * other.length)]!;
        parts.push(w, gaps[Math.floor(r() * gaps.length)]!);
      }
      const text = (r() < 0.5 ? "" : "Say: ") + parts.join("").trimEnd() + (r() < 0.5 ? "." : "");
      const got = seedPhraseSpans(text).map((s): [number, number] => [s.start, s.end]);
      expect(got, JSON.stringify(text)).toEqual(reference(text));
      phrases += got.length;
      texts.push(text);
    }
    expect(phrases).toBeGreaterThan(500);
    // …and reads no character outside a text (its ends are where the skipping lands most often).
    const edges = texts.flatMap((t) => [t, t.slice(0, 60), t.slice(-60), t.replace(/^\W+|\W+$/g, "")]);
    expect(readsOutside(() => edges.forEach((t) => seedPhraseSpans(t)))).toEqual([]);
  });
});
