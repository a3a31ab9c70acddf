/**
 * Windows of ~2,000 characters, cut at whitespace, and the shared analysis of one window. Windows keep
 * a burst of gibberish from being averaged away by the clean text around it; a tail shorter than a
 * quarter window joins the window before it so no score rests on a few words.
 */
import { languageFromWeights } from "./language";
import { Kind, type Script, scriptOf, scriptWeight, sentences, tokenize } from "./text";
import type { WindowAnalysis } from "./types";

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

export function analyseWindow(masked: string, maskedChars: number): WindowAnalysis {
  const tokens = tokenize(masked);
  const sents = sentences(masked, tokens);
  const words: string[] = [];
  const lowerWords: string[] = [];
  const totals = new Map<Script, number>();
  const sentenceScripts: Map<Script, number>[] = [];
  const sentenceWords: [number, number][] = [];
  let wordCount = 0;
  for (const s of sents) {
    const m = new Map<Script, number>();
    const firstWord = words.length;
    for (let i = s.from; i < s.to; i++) {
      const t = tokens[i]!;
      if (t.kind !== Kind.Word) continue;
      wordCount++;
      const script = scriptOf(t.text.codePointAt(0)!);
      const wgt = t.text.length * scriptWeight(script);
      m.set(script, (m.get(script) ?? 0) + wgt);
      totals.set(script, (totals.get(script) ?? 0) + wgt);
      // Latin-script words, not ALL-CAPS acronyms (two leading capitals).
      if (
        script === "latin" &&
        !(t.text.length > 1 && isUpper(t.text.charCodeAt(0)) && isUpper(t.text.charCodeAt(1)))
      ) {
        const lower = t.text.toLowerCase();
        const norm = lower.includes("’") ? lower.replace(/’/g, "'") : lower;
        words.push(norm);
        if (t.text.charCodeAt(0) === norm.charCodeAt(0)) lowerWords.push(norm);
      }
    }
    sentenceScripts.push(m);
    sentenceWords.push([firstWord, words.length]);
  }
  return {
    text: masked,
    tokens,
    sentences: sents,
    words,
    lowerWords,
    wordCount,
    maskedChars,
    language: languageFromWeights(totals, words),
    sentenceScripts,
    sentenceWords,
  };
}

const isUpper = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde);
