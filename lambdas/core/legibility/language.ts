/**
 * Language consistency: the share of the window written in another language or script than the
 * prompt's. Scripts come from code points; Latin-script languages (en, fr, es, de, it, pt, nl) from
 * stop-word profiles. eld (the n-gram detector) is ~1 MB of data even in its smallest build, which
 * the shared 1.5 MB Lambda budget cannot carry, and stop-word profiles are reliable on whole
 * sentences of the languages that matter most here.
 */
import { LANGUAGE_NAMES, LATIN_PROFILES } from "./functionwords";
import { type Script, scriptOf, scriptWeight, Kind } from "./text";
import { type PartContext, type SignalResult, type WindowAnalysis, falling, pct } from "./types";

const PROFILE_LANGS = Object.keys(LATIN_PROFILES);
/** Stop word → bit mask of the languages whose profile holds it. */
const PROFILE_BITS = new Map<string, number>();
PROFILE_LANGS.forEach((lang, i) => {
  for (const w of LATIN_PROFILES[lang]!) PROFILE_BITS.set(w, (PROFILE_BITS.get(w) ?? 0) | (1 << i));
});

const SCRIPT_LANG: Partial<Record<Script, string>> = {
  han: "zh",
  kana: "ja",
  hangul: "ko",
  cyrillic: "ru",
  greek: "el",
  arabic: "ar",
  hebrew: "he",
  devanagari: "hi",
  thai: "th",
};

function scriptOfLang(lang: string): Script {
  for (const [s, l] of Object.entries(SCRIPT_LANG)) if (l === lang) return s as Script;
  return lang === "other" ? "other" : "latin";
}

/** Stop-word profile bits of each word (0 for a word in no profile): one lookup per word. */
export function profileBits(words: readonly string[]): Uint8Array {
  const out = new Uint8Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = PROFILE_BITS.get(words[i]!) ?? 0;
  return out;
}

/** Best Latin language by stop-word hits, or undefined when there is too little evidence. */
export function latinLanguage(
  words: readonly string[],
  from = 0,
  to = words.length,
  bits: Uint8Array = profileBits(words),
): { lang: string; hits: number; second: number } | undefined {
  const hits = new Array<number>(PROFILE_LANGS.length).fill(0);
  let any = false;
  for (let i = from; i < to; i++) {
    const b = bits[i]!;
    if (b === 0) continue;
    any = true;
    for (let l = 0; l < PROFILE_LANGS.length; l++) if (b & (1 << l)) hits[l]!++;
  }
  if (!any) return undefined;
  let best = 0;
  for (let l = 1; l < hits.length; l++) if (hits[l]! > hits[best]!) best = l;
  let second = 0;
  for (let l = 0; l < hits.length; l++) if (l !== best && hits[l]! > second) second = hits[l]!;
  return { lang: PROFILE_LANGS[best]!, hits: hits[best]!, second };
}

function countHits(bits: Uint8Array, from: number, to: number, lang: string): number {
  const idx = PROFILE_LANGS.indexOf(lang);
  if (idx < 0) return 0;
  const bit = 1 << idx;
  let n = 0;
  for (let i = from; i < to; i++) if ((bits[i]! & bit) !== 0) n++;
  return n;
}

/** The dominant language from script weights and (for Latin script) lower-cased words. */
export function languageFromWeights(
  weights: Map<Script, number>,
  words: readonly string[],
  bits?: Uint8Array,
): string {
  let best: Script = "latin";
  let b = 0;
  for (const [s, w] of weights) if (w > b) [best, b] = [s, w];
  if (b === 0) return "und";
  if (best !== "latin") {
    if (best === "han" && (weights.get("kana") ?? 0) > 0) return "ja";
    return SCRIPT_LANG[best] ?? "other";
  }
  const guess = latinLanguage(words, 0, words.length, bits ?? profileBits(words));
  return guess && guess.hits >= 2 && guess.hits > guess.second ? guess.lang : "en";
}

/** The dominant language of a text (its first 20,000 characters). */
export function detectLanguage(text: string): string {
  const head = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const words = head.toLowerCase().match(/\p{L}+/gu) ?? [];
  const weights = new Map<Script, number>();
  for (const w of words) {
    const s = scriptOf(w.codePointAt(0)!);
    weights.set(s, (weights.get(s) ?? 0) + w.length * scriptWeight(s));
  }
  return languageFromWeights(weights, words);
}

export const languageName = (lang: string): string => LANGUAGE_NAMES[lang] ?? lang;

export function languageSignal(w: WindowAnalysis, ctx: PartContext): SignalResult {
  const expected = ctx.expected;
  const expScript = scriptOfLang(expected);
  let total = 0;
  let foreignSentences = 0;
  let sentencesWithLetters = 0;
  const foreignBy = new Map<string, number>();
  w.sentences.forEach((s, si) => {
    const weights = w.sentenceScripts[si]!;
    let sum = 0;
    for (const v of weights.values()) sum += v;
    if (sum === 0) return;
    sentencesWithLetters++;
    total += sum;
    let f = 0;
    for (const [script, v] of weights) {
      if (
        script === expScript ||
        (expScript === "han" && script === "kana") ||
        (expScript === "kana" && script === "han")
      )
        continue;
      // A lone Greek letter or two in maths (π, θ) is notation, not language.
      if (script === "greek" && v < 4) continue;
      if (script === "latin" && expScript !== "latin") {
        // Latin letters in a non-Latin CoT: only whole Latin sentences count (not variables, units, names).
        const latinWords = w.tokens
          .slice(s.from, s.to)
          .filter((t) => t.kind === Kind.Word && scriptOf(t.text.codePointAt(0)!) === "latin").length;
        if (latinWords < 4 || v < sum / 2) continue;
      }
      f += v;
      const lang = script === "latin" ? "latin" : (SCRIPT_LANG[script] ?? "other");
      foreignBy.set(lang, (foreignBy.get(lang) ?? 0) + v);
    }
    const windowForeign = expScript === "latin" && w.language !== expected && w.language in LATIN_PROFILES;
    if (expScript === "latin" && f < sum / 2) {
      // Same script, another language? Only with clear stop-word evidence on a real sentence.
      const [from, to] = w.sentenceWords[si]!;
      if (windowForeign && to - from >= 3 && countHits(w.wordBits, from, to, expected) < 2) {
        // The whole window is in another Latin-script language: its sentences are, unless clearly not.
        const latin = weights.get("latin") ?? 0;
        f += latin;
        foreignBy.set(w.language, (foreignBy.get(w.language) ?? 0) + latin);
      } else if (to - from >= 5) {
        const g = latinLanguage(w.words, from, to, w.wordBits);
        if (
          g &&
          g.lang !== expected &&
          g.hits >= 3 &&
          g.hits >= 2 * Math.max(1, countHits(w.wordBits, from, to, expected))
        ) {
          const latin = weights.get("latin") ?? 0;
          f += latin;
          foreignBy.set(g.lang, (foreignBy.get(g.lang) ?? 0) + latin);
        }
      }
    }
    if (f >= sum / 2) foreignSentences++;
  });
  const share = total === 0 ? 0 : Math.min(1, sumValues(foreignBy) / total);
  // Graded: 1 at ≤ 1 % of the text in another language, falling linearly to 0 only for a reasoning
  // wholly in another language (a half-Chinese CoT is half-readable, not unreadable).
  const subscore = falling(share, 0.01, 1);
  const sentenceShare = sentencesWithLetters === 0 ? 0 : foreignSentences / sentencesWithLetters;
  let main = "";
  let mainV = 0;
  for (const [l, v] of foreignBy) if (v > mainV) [main, mainV] = [l, v];
  const whose = ctx.fromPrompt ? "the prompt" : "the rest of the reasoning";
  const explanation =
    share === 0
      ? `All text is in ${languageName(expected)}, the language of ${whose}.`
      : `${pct(share)} of the text (${pct(sentenceShare)} of sentences) is ${languageName(main)} while ${whose} is ${languageName(expected)}.`;
  return { value: round3(share), subscore: round3(subscore), explanation };
}

const sumValues = (m: Map<string, number>): number => {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
};

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
