/**
 * Windows of ~2,000 characters, cut at whitespace, and the shared analysis of one window. Windows keep
 * a burst of gibberish from being averaged away by the clean text around it; a tail shorter than a
 * quarter window joins the window before it so no score rests on a few words.
 */
import { languageFromWeights, profileBits } from "./language";
import { Kind, type Script, scriptOf, scriptWeight, sentences, tokenize } from "./text";
import type { WindowAnalysis } from "./types";
import { wordInfo } from "./wordinfo";

export const WINDOW_CHARS = 2000;

export function splitWindows(text: string, size = WINDOW_CHARS): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      // Cut at the last whitespace in the final fifth of the window, if any.
      const floor = start + Math.floor(size * 0.8);
      let cut = end;
      while (cut > floor && !/\s/.test(text[cut]!)) cut--;
      if (cut > floor) end = cut;
    }
    out.push({ start, end });
    start = end;
  }
  if (out.length > 1 && out[out.length - 1]!.end - out[out.length - 1]!.start < size / 4) {
    const last = out.pop()!;
    out[out.length - 1]!.end = last.end;
  }
  return out;
}

/** Scripts in a fixed order, so per-sentence weights can live in a small array while counting. */
const SCRIPTS: readonly Script[] = [
  "latin",
  "han",
  "kana",
  "hangul",
  "cyrillic",
  "greek",
  "arabic",
  "hebrew",
  "devanagari",
  "thai",
  "other",
];
const SCRIPT_INDEX = new Map(SCRIPTS.map((s, i) => [s, i] as const));

/**
 * Weights accumulated in an array, handed out as a Map in first-seen order (as `Map.set` would
 * have built it). One instance per scope is reused: `analyseWindow` is synchronous.
 */
class ScriptWeights {
  private readonly w = new Float64Array(SCRIPTS.length);
  private readonly order: number[] = [];
  add(i: number, v: number): void {
    if (this.w[i] === 0) this.order.push(i); // weights are positive: 0 means not seen yet
    this.w[i] = this.w[i]! + v;
  }
  /** The weights as a Map, and a reset for the next use. */
  take(): Map<Script, number> {
    const m = new Map<Script, number>();
    for (const i of this.order) {
      m.set(SCRIPTS[i]!, this.w[i]!);
      this.w[i] = 0;
    }
    this.order.length = 0;
    return m;
  }
}
const sentenceWeights = new ScriptWeights();
const windowWeights = new ScriptWeights();

/**
 * The one shared pass over a window: tokens, sentences, script weights, the lower-cased Latin
 * words, their stop-word profile bits and (for English windows) their dictionary facts — so no
 * signal tokenises, lower-cases or looks a word up again.
 */
export function analyseWindow(masked: string, maskedChars: number): WindowAnalysis {
  const tokens = tokenize(masked);
  const sents = sentences(masked, tokens);
  const words: string[] = [];
  const lowerWords: string[] = [];
  const wordIsLower: number[] = [];
  const tokenWord = new Int32Array(tokens.length).fill(-1);
  const totals = windowWeights;
  const sentenceScripts: Map<Script, number>[] = [];
  const sentenceWords: [number, number][] = [];
  let wordCount = 0;
  for (const s of sents) {
    const m = sentenceWeights;
    const firstWord = words.length;
    for (let i = s.from; i < s.to; i++) {
      const t = tokens[i]!;
      if (t.kind !== Kind.Word) continue;
      wordCount++;
      const script = scriptOf(t.text.codePointAt(0)!);
      const si = SCRIPT_INDEX.get(script)!;
      const wgt = t.text.length * scriptWeight(script);
      m.add(si, wgt);
      totals.add(si, wgt);
      // Latin-script words, not ALL-CAPS acronyms (two leading capitals).
      if (
        script === "latin" &&
        !(t.text.length > 1 && isUpper(t.text.charCodeAt(0)) && isUpper(t.text.charCodeAt(1)))
      ) {
        const lower = t.text.toLowerCase();
        const curly = lower.includes("’");
        const norm = curly ? lower.replace(/’/g, "'") : lower;
        // Signals that read the token itself (word order) may reuse this word's facts only when
        // the token lower-cases to exactly this word.
        if (!curly) tokenWord[i] = words.length;
        words.push(norm);
        const isLowerWord = t.text.charCodeAt(0) === norm.charCodeAt(0);
        wordIsLower.push(isLowerWord ? 1 : 0);
        if (isLowerWord) lowerWords.push(norm);
      }
    }
    sentenceScripts.push(m.take());
    sentenceWords.push([firstWord, words.length]);
  }
  const wordBits = profileBits(words);
  const language = languageFromWeights(totals.take(), words, wordBits);
  // Dictionary facts are English only; every signal that reads them is neutral elsewhere.
  const infos = language === "en" ? words.map(wordInfo) : [];
  return {
    text: masked,
    tokens,
    sentences: sents,
    words,
    lowerWords,
    wordIsLower: Uint8Array.from(wordIsLower),
    tokenWord,
    wordBits,
    infos,
    wordCount,
    maskedChars,
    language,
    sentenceScripts,
    sentenceWords,
  };
}

const isUpper = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde);
