import type { Script, Sentence, Token } from "./text";
import type { WordInfo } from "./wordinfo";

export interface SignalResult {
  value: number;
  /** 0..1, 1 = no sign of illegibility. */
  subscore: number;
  /** Plain words, no transcript content. */
  explanation: string;
}

/** What every signal sees of one window. */
export interface WindowAnalysis {
  /** The masked window text. */
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  /** Lower-cased letter words (Latin script only), in order. */
  words: string[];
  /** The words of `words` written in lower case (capitalised words may be names: not spell-checked). */
  lowerWords: string[];
  /** 1 where the word of `words` is written in lower case (aligned with `words`). */
  wordIsLower: Uint8Array;
  /** For each token, the index of its word in `words` when it lower-cases to exactly that word, else -1. */
  tokenWord: Int32Array;
  /** Stop-word profile bits of each word of `words` (see language.ts). */
  wordBits: Uint8Array;
  /** Dictionary facts of each word of `words` — English windows only (empty otherwise). */
  infos: WordInfo[];
  /** Number of word tokens of any script. */
  wordCount: number;
  /** Characters masked (code, math, placeholders). */
  maskedChars: number;
  /** The window's own dominant language (see language.ts). */
  language: string;
  /** Weighted letter counts per script, for each sentence (aligned with `sentences`). */
  sentenceScripts: Map<Script, number>[];
  /** For each sentence, its range [from, to) in `words`. */
  sentenceWords: [number, number][];
}

/** What the windows of one reasoning part share. */
export interface PartContext {
  /** The language the reasoning is expected in: the prompt's, else the part's own. */
  expected: string;
  /** Whether `expected` came from a prompt. */
  fromPrompt: boolean;
  /** Word 6-gram hash → times seen so far in this part. */
  ngramCounts: Map<number, number>;
  /** Sentence hash → times seen so far in this part. */
  sentenceHashes?: Map<number, number>;
  /** Word → small integer, for hashing n-grams. */
  wordIds: Map<string, number>;
  /** Part-level signal computed once (prompt anchoring). */
  anchoring?: SignalResult;
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
/** 1 at or below `good`, 0 at or above `bad`, linear between. */
export const falling = (x: number, good: number, bad: number): number => clamp01((bad - x) / (bad - good));
/** 0 at or below `bad`, 1 at or above `good`. */
export const rising = (x: number, bad: number, good: number): number => clamp01((x - bad) / (good - bad));
export const pct = (x: number): string => `${Math.round(x * 100)} %`;
