import type { PartCounts } from "./repetition";
import type { Sentences, Tokens } from "./text";

export interface SignalResult {
  value: number;
  /** 0..1, 1 = no sign of illegibility. */
  subscore: number;
  /** Plain words, no transcript content. */
  explanation: string;
}

/**
 * What every signal sees of one window. Per-token and per-word data are parallel typed arrays;
 * word facts are read through the vocabulary ids (see vocab.ts).
 */
export interface WindowAnalysis {
  /** The masked window text. */
  text: string;
  tokens: Tokens;
  sentences: Sentences;
  /** For each word or number token, the vocabulary id of its lower-cased text; -1 for other tokens. */
  tokenId: Int32Array;
  /**
   * For each word token whose first code point is Latin script: 1 for an ALL-CAPS acronym, 2 for one
   * of the words (see `nWords`) not written in lower case, 3 for one in lower case; 0 for other tokens.
   */
  tokenLatin: Uint8Array;
  /**
   * Number of "the words": the Latin-script word tokens that are not ALL-CAPS acronyms, in order
   * (their case and facts are in `tokenLatin` and the vocabulary). Per-token, per-word and
   * per-sentence arrays may be longer than their count.
   */
  nWords: number;
  /** Stop-word profile bits of each of the words (see language.ts). */
  wordBits: Uint8Array;
  /**
   * English windows only (all 0 elsewhere), counted in the one pass that also computes missing
   * dictionary facts: function words among the words, their syllables, the lower-case words of 4+
   * letters with those of them out of the dictionary and those that look glued, and the sum and
   * number of word-class transitions the oddness model scores (in token order).
   */
  english: EnglishCounts;
  /** Number of word tokens of any script. */
  wordCount: number;
  /** Characters masked (code, math, placeholders). */
  maskedChars: number;
  /** The window's own dominant language (see language.ts). */
  language: string;
  /**
   * Weighted letter counts per script, for each sentence: sentence s has the scripts
   * `scriptIdx[scriptFrom[s] .. scriptFrom[s + 1])` (indices into SCRIPTS, first seen first) with
   * the weights `scriptWeight` at the same positions.
   */
  sentenceScripts: { scriptFrom: Int32Array; scriptIdx: Uint8Array; scriptWeight: Float64Array };
  /** For each sentence, its range [wordFrom, wordTo) among the words. */
  sentenceWordFrom: Int32Array;
  sentenceWordTo: Int32Array;
  /** For each sentence, the union of the stop-word profile bits of its words. */
  sentenceBits: Uint8Array;
  /** For each sentence, its number of word tokens of any script, and of Latin script. */
  sentenceWordTokens: Int32Array;
  sentenceLatinTokens: Int32Array;
  /**
   * Repetition (see repetition.ts): the per-part ids of the word and number tokens in order
   * (`nPartIds` of them), and for each sentence the hash of its ids and the characters its word and
   * number tokens take (each + 1).
   */
  partIds: Int32Array;
  nPartIds: number;
  /**
   * Anchoring: the indices, in order, of the tokens where a number can be found (numbers, number
   * words, word tokens with a character outside ASCII or an apostrophe); see anchoringSignal.
   */
  anchorTokens: { at: Int32Array; n: number };
  sentenceHash: Int32Array;
  sentenceIdChars: Int32Array;
  /** Characters in tokens, and in symbol tokens. */
  visibleChars: number;
  symbolChars: number;
}

export interface EnglishCounts {
  functionWords: number;
  syllables: number;
  longLower: number;
  unknown: number;
  glued: number;
  oddBits: number;
  oddTransitions: number;
}

/** What the windows of one reasoning part share. */
export interface PartContext {
  /** The language the reasoning is expected in: the prompt's, else the part's own. */
  expected: string;
  /** Whether `expected` came from a prompt. */
  fromPrompt: boolean;
  /** Word 6-gram hash → times seen so far in this part. */
  ngramCounts: PartCounts;
  /** Sentence hash → times seen so far in this part. */
  sentenceCounts: PartCounts;
  /** This part's stamp for the per-part word ids kept in the vocabulary (see repetition.ts). */
  partStamp: number;
  /** Per-part word ids handed out so far (ids are 1, 2, … in order of first appearance). */
  wordIdCount: number;
  /** Part-level signal computed once (prompt anchoring). */
  anchoring?: SignalResult;
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
/** 1 at or below `good`, 0 at or above `bad`, linear between. */
export const falling = (x: number, good: number, bad: number): number => clamp01((bad - x) / (bad - good));
/** 0 at or below `bad`, 1 at or above `good`. */
export const rising = (x: number, bad: number, good: number): number => clamp01((x - bad) / (good - bad));
export const pct = (x: number): string => `${Math.round(x * 100)} %`;
