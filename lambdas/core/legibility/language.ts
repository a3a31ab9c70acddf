/**
 * Language consistency: the share of the window written in another language or script than the
 * prompt's. Scripts come from code points; Latin-script languages (en, fr, es, de, it, pt, nl) from
 * stop-word profiles. eld (the n-gram detector) is ~1 MB of data even in its smallest build, which
 * the shared 1.5 MB Lambda budget cannot carry, and stop-word profiles are reliable on whole
 * sentences of the languages that matter most here.
 */
import { LANGUAGE_NAMES, LATIN_PROFILES, PROFILE_LANGS, profileBitsOf } from "./functionwords";
import { type Script, letterOrSurrogate, scriptOf, scriptWeight, SCRIPTS, SCRIPT_INDEX, LATIN } from "./text";
import { type PartContext, type SignalResult, type WindowAnalysis, falling, pct } from "./types";

// Imported bindings read in loops, as module-local constants (see windows.ts).
const LANGS = PROFILE_LANGS;
export const N_LANGS = PROFILE_LANGS.length;
const SCRIPT_LIST = SCRIPTS;

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
const HAN = SCRIPTS.indexOf("han");
const KANA = SCRIPTS.indexOf("kana");

const LANG_SCRIPT = new Map(Object.entries(SCRIPT_LANG).map(([s, l]) => [l, s as Script]));
function scriptOfLang(lang: string): Script {
  return LANG_SCRIPT.get(lang) ?? (lang === "other" ? "other" : "latin");
}

/** Stop-word profile bits of each word (0 for a word in no profile): one lookup per word. */
export function profileBits(words: readonly string[]): Uint8Array {
  const out = new Uint8Array(words.length);
  for (let i = 0; i < words.length; i++) out[i] = profileBitsOf(words[i]!);
  return out;
}

const HITS = new Int32Array(N_LANGS); // scratch of latinLanguage

/** Best Latin language by stop-word hits of words [from, to), or undefined when there is too little evidence. */
export function latinLanguage(
  bits: Uint8Array,
  from: number,
  to: number,
): { lang: string; hits: number; second: number } | undefined {
  const best = latinGuess(bits, from, to);
  return best < 0 ? undefined : { lang: LANGS[best]!, hits: HITS[best]!, second: guessSecond };
}

// What the last latinGuess found besides its best language: the runner-up's hits.
let guessSecond = 0;

/**
 * `latinLanguage` without a result object: the index (in PROFILE_LANGS) of the best language, or
 * -1 when no word has a bit; its hits are then HITS[index], every language's hits are in HITS, and
 * the runner-up's in `guessSecond`.
 */
function latinGuess(bits: Uint8Array, from: number, to: number): number {
  const hits = HITS.fill(0);
  let any = false;
  for (let i = from; i < to; i++) {
    let b = bits[i]!;
    if (b === 0) continue;
    any = true;
    // Each set bit, lowest first.
    do {
      hits[31 - Math.clz32(b & -b)]!++;
      b &= b - 1;
    } while (b !== 0);
  }
  if (!any) return -1;
  let best = 0;
  for (let l = 1; l < hits.length; l++) if (hits[l]! > hits[best]!) best = l;
  let second = 0;
  for (let l = 0; l < hits.length; l++) if (l !== best && hits[l]! > second) second = hits[l]!;
  guessSecond = second;
  return best;
}

function countHits(bits: Uint8Array, from: number, to: number, lang: string): number {
  const idx = LANGS.indexOf(lang);
  if (idx < 0) return 0;
  const bit = 1 << idx;
  let n = 0;
  for (let i = from; i < to; i++) if ((bits[i]! & bit) !== 0) n++;
  return n;
}

/** The Latin-script language of words with these profile bits: a clear stop-word winner, else English. */
function latinFromBits(bits: Uint8Array, n: number): string {
  const guess = latinLanguage(bits, 0, n);
  return guess && guess.hits >= 2 && guess.hits > guess.second ? guess.lang : "en";
}

/** The dominant language from script weights and (for Latin script) lower-cased words. */
export function languageFromWeights(weights: Map<Script, number>, words: readonly string[]): string {
  let best: Script = "latin";
  let b = 0;
  for (const [s, w] of weights) if (w > b) [best, b] = [s, w];
  if (b === 0) return "und";
  if (best !== "latin") {
    if (best === "han" && (weights.get("kana") ?? 0) > 0) return "ja";
    return SCRIPT_LANG[best] ?? "other";
  }
  return latinFromBits(profileBits(words), words.length);
}

/**
 * `languageFromWeights` for weights per script index (`order[0..nOrder)` lists the scripts seen,
 * first seen first) and the stop-word hits per language (`PROFILE_LANGS` order) of the window's
 * Latin words (each word's profile bits counted, as `latinLanguage` counts them).
 */
export function languageFromScriptWeights(
  order: Uint8Array,
  nOrder: number,
  weights: Float64Array,
  hits: Int32Array,
): string {
  let best = LATIN;
  let b = 0;
  for (let i = 0; i < nOrder; i++) {
    const s = order[i]!;
    if (weights[s]! > b) {
      best = s;
      b = weights[s]!;
    }
  }
  if (b === 0) return "und";
  if (best !== LATIN) {
    if (best === HAN && weights[KANA]! > 0) return "ja";
    return SCRIPT_LANG[SCRIPTS[best]!] ?? "other";
  }
  // latinFromBits on the counted hits (no hit at all: English, as there).
  let top = 0;
  for (let l = 1; l < N_LANGS; l++) if (hits[l]! > hits[top]!) top = l;
  let second = 0;
  for (let l = 0; l < N_LANGS; l++) if (l !== top && hits[l]! > second) second = hits[l]!;
  return hits[top]! >= 2 && hits[top]! > second ? LANGS[top]! : "en";
}

// The last two texts asked about: the same prompt is asked about for each of its parts (masked)
// and again for the notes (as written).
let lastText: string | undefined;
let lastLanguage = "und";
let prevText: string | undefined;
let prevLanguage = "und";

/** The dominant language of a text (its first 20,000 characters). */
export function detectLanguage(text: string): string {
  if (text === lastText) return lastLanguage;
  if (text === prevText) return prevLanguage;
  const lang = detect(text);
  prevText = lastText;
  prevLanguage = lastLanguage;
  lastText = text;
  lastLanguage = lang;
  return lang;
}

/**
 * The stop-word profile bits of the ASCII profile words, by their letters: a word of up to
 * PACK_MAX letters a–z is two integers exactly (5 bits a letter, with its length), so a probe of
 * this small table (a few KB, unlike the vocabulary) compares two integers. Slots of 4 int32:
 * the two keys, the bits, unused; key 1 (holding the length) is 0 for an empty slot.
 */
const PACK_MAX = 8;
const STOP_BITS = 9;
const STOP = new Int32Array(4 << STOP_BITS);
/** The longest ASCII profile word (runs longer have no bits). */
let stopMax = 0;

/** Key 0 of letters text[a, b) (A–Z, a–z; b - a ≤ PACK_MAX): the first six, 5 bits each (a = 1). */
function packLo(text: string, a: number, b: number): number {
  let k = 0;
  for (let i = a, sh = 0; i < b && i < a + 6; i++, sh += 5) k |= ((text.charCodeAt(i) | 32) - 96) << sh;
  return k;
}
/** Key 1: letters 7 and 8, and the length. */
function packHi(text: string, a: number, b: number): number {
  let k = (b - a) << 10;
  for (let i = a + 6, sh = 0; i < b; i++, sh += 5) k |= ((text.charCodeAt(i) | 32) - 96) << sh;
  return k;
}
const stopSlot = (lo: number, hi: number): number =>
  Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> (32 - STOP_BITS);

for (const lang of PROFILE_LANGS)
  for (const w of LATIN_PROFILES[lang]!) {
    if (!/^[a-z]+$/.test(w)) continue; // never a run of A–Z, a–z lower-cased
    stopMax = Math.max(stopMax, w.length);
    if (w.length > PACK_MAX) continue; // looked up by name (see stopBits)
    const lo = packLo(w, 0, w.length);
    const hi = packHi(w, 0, w.length);
    let p = stopSlot(lo, hi);
    while (STOP[(p << 2) + 1] !== 0 && !(STOP[p << 2] === lo && STOP[(p << 2) + 1] === hi))
      p = (p + 1) & ((1 << STOP_BITS) - 1);
    STOP[p << 2] = lo;
    STOP[(p << 2) + 1] = hi;
    STOP[(p << 2) + 2] = profileBitsOf(w);
  }

/** `profileBitsOf(text.slice(a, b).toLowerCase())` for a run of A–Z, a–z. */
export function stopBits(text: string, a: number, b: number): number {
  const n = b - a;
  if (n > stopMax) return 0;
  if (n > PACK_MAX) return profileBitsOf(text.slice(a, b).toLowerCase());
  const lo = packLo(text, a, b);
  const hi = packHi(text, a, b);
  for (let p = stopSlot(lo, hi); ; p = (p + 1) & ((1 << STOP_BITS) - 1)) {
    const o = p << 2;
    const k1 = STOP[o + 1]!;
    if (k1 === 0) return 0;
    if (k1 === hi && STOP[o] === lo) return STOP[o + 2]!;
  }
}

const detectHits = new Int32Array(N_LANGS);
// The code units of the text being detected (a scratch copy: see `unitsOf` in text.ts, whose
// scratch the tokeniser owns).
/** The stop-word bits of a word packed as (`lo`, `hi` with its length), from the small table; 0 if absent. */
function stopBitsPacked(lo: number, hi: number): number {
  for (let p = stopSlot(lo, hi); ; p = (p + 1) & ((1 << STOP_BITS) - 1)) {
    const o = p << 2;
    const k1 = STOP[o + 1]!;
    if (k1 === 0) return 0;
    if (k1 === hi && STOP[o] === lo) return STOP[o + 2]!;
  }
}

let detectUnits = new Uint16Array(1024);
let detectBytes = Buffer.from(detectUnits.buffer);

/** The code units of `text` in the shared buffer (grown when it is too short), one native copy. */
function unitsOf(text: string): Uint16Array {
  if (detectUnits.length < text.length) {
    detectUnits = new Uint16Array(Math.max(text.length, detectUnits.length * 2));
    detectBytes = Buffer.from(detectUnits.buffer);
  }
  detectBytes.write(text, 0, "utf16le");
  return detectUnits;
}

/**
 * The language of a text whose letters are all ASCII, in one pass over its code units: the letter
 * runs of the lower-cased text are the runs of A–Z and a–z, all Latin; each run's stop-word bits come from the
 * small table (as `stopBits`, the run's keys packed on the way), counted per language at once
 * (as latinFromBits counts them). undefined when the text has a letter outside ASCII.
 */
function detectAscii(head: string): string | undefined {
  const len = head.length;
  const u = unitsOf(head);
  const hits = detectHits.fill(0);
  let runs = 0;
  let any = false;
  for (let i = 0; i < len;) {
    let c = u[i]!;
    if (((c | 32) - 97) >>> 0 >= 26) {
      // Not A–Z or a–z. Outside ASCII, a letter (or a surrogate) is for the general path; any other
      // character (’ – × …) is in no letter run, as it lower-cases to no letter.
      if (c >= 128 && letterOrSurrogate(c)) return undefined;
      i++;
      continue;
    }
    // packLo / packHi of the run, as it is read.
    let lo = (c | 32) - 96;
    let hi = 0;
    let j = i + 1;
    for (; j < len; j++) {
      c = u[j]!;
      if (((c | 32) - 97) >>> 0 >= 26) break;
      const k = j - i;
      if (k < 6) lo |= ((c | 32) - 96) << (5 * k);
      else if (k < PACK_MAX) hi |= ((c | 32) - 96) << (5 * (k - 6));
    }
    runs++;
    const n = j - i;
    let b = 0;
    if (n <= PACK_MAX) {
      hi |= n << 10;
      b = stopBitsPacked(lo, hi);
    } else if (n <= stopMax) b = profileBitsOf(head.slice(i, j).toLowerCase());
    if (b !== 0) {
      any = true;
      // Each set bit, lowest first.
      do {
        hits[31 - Math.clz32(b & -b)]!++;
        b &= b - 1;
      } while (b !== 0);
    }
    i = j;
  }
  if (runs === 0) return "und";
  if (!any) return "en";
  // latinFromBits on the counted hits.
  let best = 0;
  for (let l = 1; l < N_LANGS; l++) if (hits[l]! > hits[best]!) best = l;
  let second = 0;
  for (let l = 0; l < N_LANGS; l++) if (l !== best && hits[l]! > second) second = hits[l]!;
  return hits[best]! >= 2 && hits[best]! > second ? LANGS[best]! : "en";
}

/** Whether the code point cp (outside the BMP) is a letter (\p{L}). */
const astralLetter = (cp: number): boolean => /\p{L}/u.test(String.fromCodePoint(cp));

// Scratch of detectGeneral: weights per script index, and the scripts in first-seen order.
const generalWeights = new Float64Array(SCRIPT_LIST.length);
const generalOrder = new Uint8Array(SCRIPT_LIST.length);
const SCRIPT_WEIGHTS = SCRIPT_LIST.map(scriptWeight);

/**
 * The language of a text with a letter outside ASCII, in one pass over the code units of its
 * lower-cased form, with no word cut out (but those outside A–Z, a–z, for their stop-word bits):
 * the same as `languageFromWeights` on the words `head.toLowerCase().match(/\p{L}+/gu)` (a word is
 * a run of letters, of the script of its first code point, weighing its length × the script's
 * weight; the scripts compared in first-seen order; Latin decided by the stop-word bits of every
 * word, as latinFromBits counts them).
 */
function detectGeneral(head: string): string {
  const low = head.toLowerCase();
  const len = low.length;
  const u = unitsOf(low);
  const hits = detectHits.fill(0);
  const weights = generalWeights.fill(0);
  const order = generalOrder;
  let nOrder = 0;
  for (let i = 0; i < len;) {
    // The letter (code point) at i, if any, and its width.
    let c = u[i]!;
    let cp = c;
    let w = 1;
    if (c >= 128) {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < len && u[i + 1]! >= 0xdc00 && u[i + 1]! <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (u[i + 1]! - 0xdc00) + 0x10000;
        if (!astralLetter(cp)) {
          i += 2;
          continue;
        }
        w = 2;
      } else if ((c >= 0xd800 && c <= 0xdfff) || !letterOrSurrogate(c)) {
        i++;
        continue;
      }
    } else if ((c - 97) >>> 0 >= 26) {
      i++; // (lower-cased: no A–Z left)
      continue;
    }
    // The run of letters from i; packLo / packHi of it while it is all a–z.
    let ascii = c < 128;
    let lo = ascii ? c - 96 : 0;
    let hi = 0;
    let j = i + w;
    while (j < len) {
      c = u[j]!;
      if (c < 128) {
        if ((c - 97) >>> 0 >= 26) break;
        const k = j - i;
        if (k < 6) lo |= (c - 96) << (5 * k);
        else if (k < PACK_MAX) hi |= (c - 96) << (5 * (k - 6));
        j++;
      } else if (c >= 0xd800 && c <= 0xdbff) {
        if (j + 1 >= len || u[j + 1]! < 0xdc00 || u[j + 1]! > 0xdfff) break;
        if (!astralLetter(((c - 0xd800) << 10) + (u[j + 1]! - 0xdc00) + 0x10000)) break;
        ascii = false;
        j += 2;
      } else if (c >= 0xdc00 && c <= 0xdfff) break;
      else if (letterOrSurrogate(c)) {
        ascii = false;
        j++;
      } else break;
    }
    const n = j - i;
    const si = cp < 128 ? LATIN : SCRIPT_INDEX.get(scriptOf(cp))!;
    if (weights[si] === 0) order[nOrder++] = si;
    weights[si] = weights[si]! + n * SCRIPT_WEIGHTS[si]!;
    let b = 0;
    if (!ascii) b = profileBitsOf(low.slice(i, j));
    else if (n <= PACK_MAX) {
      hi |= n << 10;
      b = stopBitsPacked(lo, hi);
    } else if (n <= stopMax) b = profileBitsOf(low.slice(i, j));
    while (b !== 0) {
      hits[31 - Math.clz32(b & -b)]!++;
      b &= b - 1;
    }
    i = j;
  }
  // (No hit at all reads as English there.)
  return languageFromScriptWeights(order, nOrder, weights, hits);
}

function detect(text: string): string {
  const head = text.length > 20_000 ? text.slice(0, 20_000) : text;
  return detectAscii(head) ?? detectGeneral(head);
}

/**
 * `detect` as first written (a regular expression for the words, a map for the weights): the
 * reference that detectGeneral is tested against.
 */
export function detectByWords(text: string): string {
  const head = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const words = head.toLowerCase().match(/\p{L}+/gu) ?? [];
  const weights = new Map<Script, number>();
  for (const w of words) {
    const s = scriptOf(w.codePointAt(0)!);
    weights.set(s, (weights.get(s) ?? 0) + w.length * scriptWeight(s));
  }
  return languageFromWeights(weights, words);
}

/** `detect`, without the memo of detectLanguage (for tests). */
export const detectUncached = (text: string): string => detect(text);

export const languageName = (lang: string): string => LANGUAGE_NAMES[lang] ?? lang;

export function languageSignal(w: WindowAnalysis, ctx: PartContext): SignalResult {
  const expected = ctx.expected;
  const expScript = scriptOfLang(expected);
  const { scriptFrom, scriptIdx, scriptWeight: scriptW } = w.sentenceScripts;
  let total = 0;
  let foreignSentences = 0;
  let sentencesWithLetters = 0;
  // Foreign weight by language, in first-seen order (made only when there is some: most windows have none).
  let foreignBy: Map<string, number> | undefined;
  const windowForeign = expScript === "latin" && w.language !== expected && w.language in LATIN_PROFILES;
  // Stop-word bits of other languages than the expected one (all bits when it has no profile).
  const expectedIdx = LANGS.indexOf(expected);
  const otherBits = ~(expectedIdx >= 0 ? 1 << expectedIdx : 0);
  for (let si = 0; si < w.sentences.n; si++) {
    const p0 = scriptFrom[si]!;
    const p1 = scriptFrom[si + 1]!;
    let sum = 0;
    for (let p = p0; p < p1; p++) sum += scriptW[p]!;
    if (sum === 0) continue;
    sentencesWithLetters++;
    total += sum;
    let f = 0;
    let latin = 0;
    for (let p = p0; p < p1; p++) {
      const script = SCRIPT_LIST[scriptIdx[p]!]!;
      const v = scriptW[p]!;
      if (script === "latin") latin = v;
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
        if (w.sentenceLatinTokens[si]! < 4 || v < sum / 2) continue;
      }
      f += v;
      const lang = script === "latin" ? "latin" : (SCRIPT_LANG[script] ?? "other");
      foreignBy ??= new Map();
      foreignBy.set(lang, (foreignBy.get(lang) ?? 0) + v);
    }
    if (expScript === "latin" && f < sum / 2) {
      // Same script, another language? Only with clear stop-word evidence on a real sentence.
      const from = w.sentenceWordFrom[si]!;
      const to = w.sentenceWordTo[si]!;
      if (windowForeign && to - from >= 3 && countHits(w.wordBits, from, to, expected) < 2) {
        // The whole window is in another Latin-script language: its sentences are, unless clearly not.
        f += latin;
        foreignBy ??= new Map();
        foreignBy.set(w.language, (foreignBy.get(w.language) ?? 0) + latin);
      } else if (to - from >= 5 && (w.sentenceBits[si]! & otherBits) !== 0) {
        // (A sentence whose stop words are all the expected language's cannot be another language.)
        // latinLanguage, and countHits of the expected language from the same counts.
        const g = latinGuess(w.wordBits, from, to);
        const lang = g < 0 ? "" : LANGS[g]!;
        if (
          g >= 0 &&
          lang !== expected &&
          HITS[g]! >= 3 &&
          HITS[g]! >= 2 * Math.max(1, expectedIdx < 0 ? 0 : HITS[expectedIdx]!)
        ) {
          f += latin;
          foreignBy ??= new Map();
          foreignBy.set(lang, (foreignBy.get(lang) ?? 0) + latin);
        }
      }
    }
    if (f >= sum / 2) foreignSentences++;
  }
  const share = total === 0 || !foreignBy ? 0 : Math.min(1, sumValues(foreignBy) / total);
  // Graded: 1 at ≤ 1 % of the text in another language, falling linearly to 0 only for a reasoning
  // wholly in another language (a half-Chinese CoT is half-readable, not unreadable).
  const subscore = falling(share, 0.01, 1);
  const sentenceShare = sentencesWithLetters === 0 ? 0 : foreignSentences / sentencesWithLetters;
  let main = "";
  let mainV = 0;
  if (foreignBy) for (const [l, v] of foreignBy) if (v > mainV) [main, mainV] = [l, v];
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
