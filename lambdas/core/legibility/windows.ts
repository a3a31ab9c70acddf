/**
 * Windows of ~2,000 characters, cut at whitespace, and the shared analysis of one window. Windows keep
 * a burst of gibberish from being averaged away by the clean text around it; a tail shorter than a
 * quarter window joins the window before it so no score rests on a few words.
 */
import { C_BOS, C_COMMA, C_END, C_NUM, N_CLASSES } from "./classes";
import { dictionary } from "./dictionary";
import { N_LANGS, languageFromScriptWeights } from "./language";
import {
  Kind,
  LATIN,
  PACK_LONG,
  SCRIPTS,
  SCRIPT_INDEX,
  scriptOf,
  scriptWeight,
  TOKEN_APOS,
  TOKEN_NON_ASCII,
  tokenize,
  tokenizedSentences,
  tokenizedUnits,
} from "./text";
import type { EnglishCounts, PartContext, WindowAnalysis } from "./types";
import { F64, I32, U8 } from "./scratch";
import {
  R_LOCAL,
  R_STAMP,
  F_FN,
  F_GLUED,
  F_INFO,
  F_KNOWN,
  F_NUMWORD,
  LEN_MASK,
  PROFILE,
  R_META,
  R_SC,
  SHIFT,
  V,
  ensureInfo,
  internToken,
  probeMask,
  probeShift,
  R_PACK,
  R_PACK2,
  reserve,
} from "./vocab";

// Imported bindings read per token, as module-local constants: a per-file transform (tsx, vitest)
// does not inline const enums across files, and when a file is loaded as CommonJS each read of an
// imported binding is a getter call.
const K_WORD = Kind.Word;
const K_NUM = Kind.Num;
const K_SYM = Kind.Sym;
const K_END = Kind.End;
const K_COMMA = Kind.Comma;
const NC = N_CLASSES;
const SC = R_SC;
const FN = F_FN;
const KNOWN = F_KNOWN;
const GLUED = F_GLUED;
const LEN = LEN_MASK;
const STAMP = R_STAMP;
const LOCAL = R_LOCAL;
const LATIN_ = LATIN;
const V_ = V;
const F_INFO_ = F_INFO;
const META = R_META;
const PROFILE_ = PROFILE;
const SH = SHIFT;
const internToken_ = internToken;
const PACK = R_PACK;
const PACK2 = R_PACK2;
const LONG = PACK_LONG;
const NUMWORD = F_NUMWORD;
const ODD_WORD = TOKEN_NON_ASCII | TOKEN_APOS;
const ensureInfo_ = ensureInfo;

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

/** Scratch arrays of the window analysis: valid until the next window is analysed. */
const S = {
  tokenId: new I32(),
  tokenLatin: new U8(),
  wordBits: new U8(),
  scriptFrom: new I32(),
  scriptIdx: new U8(),
  scriptW: new F64(),
  sentenceWordFrom: new I32(),
  sentenceWordTo: new I32(),
  sentenceWordTokens: new I32(),
  sentenceLatinTokens: new I32(),
  totals: new F64(),
  partIds: new I32(),
  sentenceHash: new I32(),
  sentenceBits: new U8(),
  sentenceIdChars: new I32(),
  order: new U8(),
  anchorAt: new I32(),
  hits: new I32(),
};

/** Script index and weight (letters × script weight) of a word token's first code point. */
const SCRIPT_WEIGHT = SCRIPTS.map(scriptWeight);

/**
 * The one shared pass over a window: tokens, sentences, script weights per sentence and window,
 * the vocabulary id of every word and number token, the Latin words with their stop-word profile
 * bits, and the counts the structure signal needs — so no signal tokenises, lower-cases or looks
 * a word up again. The arrays are scratch space, valid until the next call: use the analysis
 * before analysing the next window.
 */
export function analyseWindow(masked: string, maskedChars: number, part: PartContext): WindowAnalysis {
  // The tokeniser touches each token's first vocabulary slot once it has them all (see tokenize): with
  // the table as it is now, which `reserve` below rarely replaces (the reads are then merely wasted).
  const tokens = tokenize(masked, V_.rec, probeShift());
  reserve(tokens.n); // no id moves while this window holds ids
  const units = tokenizedUnits(); // masked's code units
  const rec = V_.rec;
  const vShift = probeShift();
  const vMask = probeMask();
  const sents = tokenizedSentences();
  const { kind, start, end, hash, flags, pack } = tokens;
  const nt = tokens.n;
  const ns = sents.n;
  const tokenId = S.tokenId.get(nt);
  const tokenLatin = S.tokenLatin.get(nt);
  const wordBits = S.wordBits.get(nt);
  let nw = 0;
  // Repetition's per-part ids 1, 2, … in order of first appearance, kept on the vocabulary entries.
  const partIds = S.partIds.get(nt);
  let nIds = 0;
  const partStamp = part.partStamp;
  let idCount = part.wordIdCount;
  const anchorAt = S.anchorAt.get(nt);
  let nAnchor = 0;
  const scriptFrom = S.scriptFrom.get(ns + 1);
  const scriptIdx = S.scriptIdx.get(nt);
  const scriptW = S.scriptW.get(nt);
  let nsw = 0;
  const sentenceWordFrom = S.sentenceWordFrom.get(ns);
  const sentenceWordTo = S.sentenceWordTo.get(ns);
  const sentenceWordTokens = S.sentenceWordTokens.get(ns);
  const sentenceLatinTokens = S.sentenceLatinTokens.get(ns);
  const sentenceHash = S.sentenceHash.get(ns);
  const sentenceBits = S.sentenceBits.get(ns);
  const sentenceIdChars = S.sentenceIdChars.get(ns);
  // Window totals per script, in first-seen order (weights are positive: 0 means not seen yet).
  const totals = S.totals.get(SCRIPTS.length).fill(0, 0, SCRIPTS.length);
  const order = S.order.get(SCRIPTS.length);
  let nOrder = 0;
  // Stop-word hits per Latin-script language over the window's words (see latinLanguage).
  const hits = S.hits.get(N_LANGS).fill(0, 0, N_LANGS);
  let wordCount = 0;
  let latinTotal = 0;
  let visible = 0;
  let sym = 0;
  // The English counts (see englishPass), taken on the way for when the window is English and every
  // Latin word already has its dictionary facts (`informed`); otherwise englishPass takes them.
  const { codes, bits: codeBits, pos } = dictionary().transitions;
  const BOS = pos[C_BOS]!;
  const NUM = pos[C_NUM]!;
  const END = pos[C_END]!;
  const COMMA = pos[C_COMMA]!;
  // The common transitions (the likeliest classes first: see dictionary.ts) in one batch of loads.
  let corner = 0;
  for (let r = 0; r < 48; r++) corner ^= codes[r * NC]! ^ codes[r * NC + 63]!;
  _corner ^= corner;
  let informed = true;
  let functionWords = 0;
  let syllables = 0;
  let longLower = 0;
  let unknown = 0;
  let glued = 0;
  let oddSum = 0;
  let oddN = 0;
  let prev = BOS;
  for (let s = 0; s < ns; s++) {
    scriptFrom[s] = nsw;
    sentenceWordFrom[s] = nw;
    const sFirst = nsw;
    let wordTokens = 0;
    let latinTokens = 0;
    let sh = 0x811c9dc5;
    let idChars = 0;
    let sbits = 0;
    // Latin script (most words) is summed in locals: its entry's position, and its weight.
    let latinAt = -1;
    let latinSum = 0;
    const to = sents.to[s]!;
    for (let i = sents.from[s]!; i < to; i++) {
      const a = start[i]!;
      const b = end[i]!;
      visible += b - a;
      const k = kind[i]!;
      tokenLatin[i] = 0;
      if (k !== K_WORD && k !== K_NUM) {
        tokenId[i] = -1;
        if (k === K_SYM) {
          sym += b - a;
          prev = -1;
          continue;
        }
        const c = k === K_END ? END : COMMA;
        if (prev >= 0) {
          oddSum += codeBits[codes[prev * NC + c]!]!;
          oddN++;
        }
        prev = c === END ? BOS : c;
        continue;
      }
      const fl = flags[i]!;
      // A token with a packed key is found by it here (internToken's first loop, inline), a long
      // word by its long keys; internToken itself for the others, and to add a new one.
      const pk = pack[i]!;
      let id = -1;
      if (pk !== 0) {
        for (let p = Math.imul(hash[i]!, 0x9e3779b1) >>> vShift; ; p = (p + 1) & vMask) {
          const q = p << SH;
          if (rec[q + META] === 0) break;
          if (rec[q + PACK] === pk) {
            id = p;
            break;
          }
        }
      } else if (k === K_WORD && (fl & ODD_WORD) === 0 && b - a > 6 && b - a <= 12) {
        // A word of 7–12 ASCII letters (no apostrophe): found by its two long keys (see longPackLo),
        // read from its code units, lower-cased.
        let lo = 0;
        let hi = 0;
        for (let j = 0; j < 6; j++) lo |= ((units[a + j]! | 32) - 96) << (5 * j);
        for (let j = 6; j < b - a; j++) hi |= ((units[a + j]! | 32) - 96) << (5 * (j - 6));
        lo |= LONG;
        for (let p = Math.imul(hash[i]!, 0x9e3779b1) >>> vShift; ; p = (p + 1) & vMask) {
          const q = p << SH;
          if (rec[q + META] === 0) break;
          if (rec[q + PACK] === lo && rec[q + PACK2] === hi) {
            id = p;
            break;
          }
        }
      }
      if (id < 0) id = internToken_(masked, a, b, hash[i]!, fl, pk, units);
      tokenId[i] = id;
      const o = id << SH;
      if (rec[o + STAMP] !== partStamp) {
        rec[o + STAMP] = partStamp;
        rec[o + LOCAL] = ++idCount;
      }
      const local = rec[o + LOCAL]!;
      partIds[nIds++] = local;
      sh = Math.imul(sh ^ local, 0x9e3779b1);
      idChars += b - a + 1;
      // The tokens where anchoring can find a number (see anchoringSignal): numbers, word tokens with
      // a character outside ASCII or an apostrophe, number words (noted below, with the entry's facts).
      if (k === K_NUM || (fl & ODD_WORD) !== 0) anchorAt[nAnchor++] = i;
      if (k === K_NUM) {
        if (prev >= 0 && prev !== NUM) {
          oddSum += codeBits[codes[prev * NC + NUM]!]!;
          oddN++;
        }
        prev = NUM;
        continue;
      }
      wordCount++;
      wordTokens++;
      const c0 = units[a]!;
      const si = c0 < 0x250 ? LATIN_ : SCRIPT_INDEX.get(scriptOf(masked.codePointAt(a)!))!;
      if (si !== LATIN_) {
        const wgt = (b - a) * SCRIPT_WEIGHT[si]!;
        let p = sFirst;
        while (p < nsw && scriptIdx[p] !== si) p++;
        if (p === nsw) {
          scriptIdx[p] = si;
          scriptW[p] = 0;
          nsw++;
        }
        scriptW[p] = scriptW[p]! + wgt;
        if (totals[si] === 0) order[nOrder++] = si;
        totals[si] = totals[si]! + wgt;
        prev = -1;
        continue;
      }
      // Latin weighs 1 a letter. Weights are whole numbers: sums in any grouping are exact.
      if (latinAt < 0) {
        latinAt = nsw;
        scriptIdx[nsw] = LATIN_;
        nsw++;
      }
      latinSum += b - a;
      if (latinTotal === 0) order[nOrder++] = LATIN_;
      latinTotal += b - a;
      latinTokens++;
      const meta = rec[o + META]!;
      if ((meta & NUMWORD) !== 0 && (fl & ODD_WORD) === 0) anchorAt[nAnchor++] = i;
      if ((meta & F_INFO_) === 0) informed = false;
      else {
        const sc = rec[o + SC]!;
        const c = sc >> 16;
        if (prev >= 0) {
          oddSum += codeBits[codes[prev * NC + c]!]!;
          oddN++;
        }
        prev = c;
      }
      // Latin-script words, not ALL-CAPS acronyms (two leading capitals).
      if (b - a > 1 && isUpper(c0) && isUpper(units[a + 1]!)) {
        tokenLatin[i] = 1;
        continue;
      }
      const wb = meta >>> PROFILE_;
      wordBits[nw] = wb;
      sbits |= wb;
      // Each set bit, lowest first.
      for (let b = wb; b !== 0; b &= b - 1) hits[31 - Math.clz32(b & -b)]!++;
      // Written in lower case: the first letter is its own lower case.
      const lower = c0 < 128 ? c0 >= 97 : c0 === V_.str[id]!.charCodeAt(0);
      tokenLatin[i] = lower ? 3 : 2;
      nw++;
      if ((meta & FN) !== 0) functionWords++;
      syllables += rec[o + SC]! & 0xffff;
      if (lower && (meta & LEN) >= 4) {
        longLower++;
        if ((meta & KNOWN) === 0) {
          unknown++;
          if ((meta & GLUED) !== 0) glued++;
        }
      }
    }
    if (latinAt >= 0) scriptW[latinAt] = latinSum;
    sentenceWordTo[s] = nw;
    sentenceWordTokens[s] = wordTokens;
    sentenceLatinTokens[s] = latinTokens;
    sentenceHash[s] = sh;
    sentenceBits[s] = sbits;
    sentenceIdChars[s] = idChars;
  }
  part.wordIdCount = idCount;
  scriptFrom[ns] = nsw;
  totals[LATIN_] = latinTotal;
  const language = languageFromScriptWeights(order, nOrder, totals, hits);
  // Dictionary facts (once per vocabulary entry) are English only: every signal that reads them is
  // neutral elsewhere, and a long unknown "word" costs a glued-words search.
  const english: EnglishCounts = {
    functionWords: 0,
    syllables: 0,
    longLower: 0,
    unknown: 0,
    glued: 0,
    oddBits: 0,
    oddTransitions: 0,
  };
  if (language === "en") {
    if (informed) {
      english.functionWords = functionWords;
      english.syllables = syllables;
      english.longLower = longLower;
      english.unknown = unknown;
      english.glued = glued;
      english.oddBits = oddSum;
      english.oddTransitions = oddN;
    } else englishPass(tokens.n, kind, tokenId, tokenLatin, english);
  }
  return {
    text: masked,
    tokens,
    sentences: sents,
    tokenId,
    tokenLatin,
    nWords: nw,
    wordBits,
    english,
    wordCount,
    maskedChars,
    language,
    sentenceScripts: { scriptFrom, scriptIdx, scriptWeight: scriptW },
    sentenceWordFrom,
    sentenceWordTo,
    sentenceWordTokens,
    sentenceLatinTokens,
    sentenceBits,
    partIds,
    nPartIds: nIds,
    anchorTokens: { at: anchorAt, n: nAnchor },
    sentenceHash,
    sentenceIdChars,
    visibleChars: visible,
    symbolChars: sym,
  };
}

/**
 * The English windows' one pass over the tokens: computes missing dictionary facts and counts what
 * the lexical, function-word, readability and oddness signals read (see `EnglishCounts`). The
 * oddness model: each Latin word is its class, numbers, sentence ends and commas are classes; a
 * symbol or a non-Latin word breaks the chain, a sentence end starts a new one, and number after
 * number is not scored.
 */
function englishPass(
  nt: number,
  kind: Uint8Array,
  tokenId: Int32Array,
  tokenLatin: Uint8Array,
  out: EnglishCounts,
): void {
  const { codes, bits: codeBits, pos } = dictionary().transitions;
  // Classes as the table numbers them (see dictionary.ts).
  const BOS = pos[C_BOS]!;
  const NUM = pos[C_NUM]!;
  const END = pos[C_END]!;
  const COMMA = pos[C_COMMA]!;
  const rec = V_.rec; // ensureInfo moves no slot
  let functionWords = 0;
  let syllables = 0;
  let longLower = 0;
  let unknown = 0;
  let glued = 0;
  let sum = 0;
  let n = 0;
  let prev = BOS;
  for (let i = 0; i < nt; i++) {
    const k = kind[i]!;
    let c: number;
    if (k === K_WORD) {
      const latin = tokenLatin[i]!;
      if (latin === 0) {
        prev = -1;
        continue;
      }
      const id = tokenId[i]!;
      const o = id << SH;
      let meta = rec[o + META]!;
      if ((meta & F_INFO_) === 0) {
        ensureInfo_(id);
        meta = rec[o + META]!;
      }
      const sc = rec[o + SC]!;
      c = sc >> 16;
      if (latin !== 1) {
        if ((meta & FN) !== 0) functionWords++;
        syllables += sc & 0xffff;
        if (latin === 3 && (meta & LEN) >= 4) {
          longLower++;
          if ((meta & KNOWN) === 0) {
            unknown++;
            if ((meta & GLUED) !== 0) glued++;
          }
        }
      }
    } else if (k === K_NUM) c = NUM;
    else if (k === K_END) c = END;
    else if (k === K_COMMA) c = COMMA;
    else {
      prev = -1; // symbols (=, +, /, parentheses) break the chain: maths is not prose
      continue;
    }
    if (prev >= 0 && !(prev === NUM && c === NUM)) {
      sum += codeBits[codes[prev * NC + c]!]!;
      n++;
    }
    prev = c === END ? BOS : c;
  }
  out.functionWords = functionWords;
  out.syllables = syllables;
  out.longLower = longLower;
  out.unknown = unknown;
  out.glued = glued;
  out.oddBits = sum;
  out.oddTransitions = n;
}

// Where the transition-table reads above leave their result (so they are not optimised away).
let _corner = 0;

const isUpper = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde);
