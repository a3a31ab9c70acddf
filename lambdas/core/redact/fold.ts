/**
 * Folding text for look-alike-proof matching: NFKC (full-width, ligatures, super/subscripts),
 * lower case, diacritics removed, and the common Latin look-alikes from other scripts mapped to
 * Latin. The full Unicode confusables table is hundreds of kB; this compact map covers the
 * Cyrillic, Greek, Armenian and symbol letters that are actually used to dodge filters, and it is
 * applied after NFKC, which already folds the mathematical and full-width alphabets.
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  ѕ: "s",
  і: "i",
  ї: "i",
  ј: "j",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  һ: "h",
  ӏ: "l",
  ɡ: "g",
  ց: "g",
  // Greek
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
  ϲ: "c",
  // Armenian and others
  օ: "o",
  ս: "u",
  հ: "h",
  ո: "n",
  ա: "w",
  ı: "i",
  ȷ: "j",
  ℓ: "l",
  ſ: "s",
  // Latin letters with a stroke or a hook (NFD keeps them whole): a reader sees the base letter
  ƀ: "b",
  ɓ: "b",
  ƈ: "c",
  ȼ: "c",
  đ: "d",
  ɗ: "d",
  ɖ: "d",
  ɇ: "e",
  ƒ: "f",
  ɠ: "g",
  ǥ: "g",
  ᶃ: "g",
  ħ: "h",
  ɦ: "h",
  ɨ: "i",
  ɉ: "j",
  ʝ: "j",
  ƙ: "k",
  ł: "l",
  ƚ: "l",
  ɫ: "l",
  ɱ: "m",
  ɲ: "n",
  ɳ: "n",
  ƞ: "n",
  ø: "o",
  ɵ: "o",
  ƥ: "p",
  ʠ: "q",
  ɍ: "r",
  ɽ: "r",
  ʂ: "s",
  ŧ: "t",
  ƭ: "t",
  ʈ: "t",
  ʉ: "u",
  ƴ: "y",
  ɏ: "y",
  ƶ: "z",
  ȥ: "z",
  ʐ: "z",
  // Small letters of Cyrillic and Armenian that read as a Latin one in running text
  г: "r",
  ռ: "n",
  // Digits used as letters are NOT folded: "l33t" spellings are not Unicode look-alikes.
};

/**
 * Capitals of other scripts that look like a Latin capital, folded *before* lower-casing: their
 * own small letters look like other Latin letters (Greek Ν → ν reads "v", Η → η reads "n"), so
 * "ΝIGΗTJAR" must become "nightjar", not "vigntjar". Greek, Cyrillic and Cherokee (whose letters
 * are capitals in Unicode; its small letters, U+AB70–U+ABBF, are mapped through their capitals).
 * Cyrillic П and И are left alone: they are no Latin letter's look-alike (П is Greek Π, И a
 * mirrored N that no reader takes for one).
 */
const CAPITALS: Record<string, string> = {
  // Greek
  Α: "a",
  Β: "b",
  Ε: "e",
  Ζ: "z",
  Η: "h",
  Ι: "i",
  Κ: "k",
  Μ: "m",
  Ν: "n",
  Ο: "o",
  Ρ: "p",
  Τ: "t",
  Υ: "y",
  Χ: "x",
  Ϲ: "c",
  Ϳ: "j",
  // Cyrillic
  А: "a",
  В: "b",
  Е: "e",
  Ѕ: "s",
  І: "i",
  Ј: "j",
  К: "k",
  М: "m",
  Н: "h",
  О: "o",
  Р: "p",
  С: "c",
  Т: "t",
  Х: "x",
  Ү: "y",
  Ԁ: "d",
  Ԛ: "q",
  Ԝ: "w",
  Ӏ: "l",
  // Cherokee
  Ꭰ: "d",
  Ꭱ: "r",
  Ꭲ: "t",
  Ꭵ: "i",
  Ꭹ: "y",
  Ꭺ: "a",
  Ꭻ: "j",
  Ꭼ: "e",
  Ꮃ: "w",
  Ꮇ: "m",
  Ꮋ: "h",
  Ꮍ: "y",
  Ꮐ: "g",
  Ꮒ: "h",
  Ꮓ: "z",
  Ꮟ: "b",
  Ꮢ: "r",
  Ꮤ: "w",
  Ꮥ: "s",
  Ꮪ: "v",
  Ꮭ: "l",
  Ꮮ: "l",
  Ꮯ: "c",
  Ꮲ: "p",
  Ꮶ: "k",
  Ꮷ: "d",
  Ᏼ: "b",
  // Latin small capitals and letters of the phonetic alphabets that NFKC keeps
  ᴀ: "a",
  ʙ: "b",
  ᴄ: "c",
  ᴅ: "d",
  ᴇ: "e",
  ꜰ: "f",
  ɢ: "g",
  ʜ: "h",
  ɪ: "i",
  ᴊ: "j",
  ᴋ: "k",
  ʟ: "l",
  ᴍ: "m",
  ɴ: "n",
  ᴏ: "o",
  ᴘ: "p",
  ʀ: "r",
  ꜱ: "s",
  ᴛ: "t",
  ᴜ: "u",
  ᴠ: "v",
  ᴡ: "w",
  ʏ: "y",
  ᴢ: "z",
  ɑ: "a",
  ɾ: "r",
  ɩ: "i",
  ʋ: "u",
};

/** A Cherokee small letter's capital (U+AB70–U+ABBF ↔ U+13A0–U+13EF; U+13F8–U+13FD ↔ U+13F0–U+13F5). */
function cherokeeCapital(c: string): string {
  const cp = c.codePointAt(0)!;
  if (cp >= 0xab70 && cp <= 0xabbf) return String.fromCodePoint(cp - 0xab70 + 0x13a0);
  if (cp >= 0x13f8 && cp <= 0x13fd) return String.fromCodePoint(cp - 8);
  return c;
}

const MARKS = /\p{M}/u;

/**
 * Folds one code point (as a string) to zero or more lower-case ASCII-ish characters. Letters and
 * digits survive; everything else (spaces, punctuation, zero-width characters) folds to "".
 */
export function foldChar(ch: string): string {
  let f = FOLD_CACHE.get(ch);
  if (f === undefined) {
    f = foldUncached(ch);
    if (FOLD_CACHE.size >= FOLD_CACHE_MAX) FOLD_CACHE.clear();
    FOLD_CACHE.set(ch, f);
  }
  return f;
}

/** foldChar is pure and a transcript uses few distinct non-ASCII characters: remember them. */
const FOLD_CACHE = new Map<string, string>();
const FOLD_CACHE_MAX = 1 << 16;

function foldUncached(ch: string): string {
  let s = ch.normalize("NFKC");
  if (s.length === 1 && s >= "\u0250") {
    const capital = CAPITALS[cherokeeCapital(s)];
    if (capital !== undefined) return capital;
  }
  s = s.toLowerCase();
  if (s.length === 1 && s < "\u0080") return /[a-z0-9]/.test(s) ? s : "";
  s = s.normalize("NFD");
  let out = "";
  for (const c of s) {
    if (MARKS.test(c)) continue;
    const mapped = CONFUSABLES[c] ?? c;
    if (/[\p{L}\p{N}]/u.test(mapped)) out += mapped;
  }
  return out;
}

/** Folded text plus, for each folded character, the offsets of its source code point. */
export interface Folded {
  text: string;
  starts: number[];
  ends: number[];
}

export function fold(text: string): Folded {
  let out = "";
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      // ASCII, nearly all of a transcript: letters and digits kept (lower-cased), the rest dropped,
      // without the slice and regex the general path needs.
      const lower = c >= 65 && c <= 90 ? c + 32 : c;
      if ((lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57)) {
        out += String.fromCharCode(lower);
        starts.push(i);
        ends.push(i + 1);
      }
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + len);
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) {
      starts.push(i);
      ends.push(i + len);
    }
    out += f;
    i += len;
  }
  return { text: out, starts, ends };
}

/**
 * Ranges (as a regex character-class body) of non-ASCII characters that fold to no ASCII letter or
 * digit: the punctuation, symbols and CJK ideographs of ordinary text, e.g. Chinese reasoning or
 * "×" in arithmetic. A test folds every one of them. Term matching uses it to treat text made
 * of ASCII and these alone (nearly ASCII) like ASCII text for terms that fold to ASCII.
 */
export const FOLDS_WITHOUT_ASCII =
  "\u00a0-\u00a9\u00ab\u00ac\u00ae-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7" +
  "\u2000-\u206f\u2190-\u22ff\u2500-\u27bf\u3000-\u303f\u4e00-\u9fff" +
  "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65";

let buf = new Uint16Array(4096);

/**
 * `fold(text).text` without the offsets (which matching needs only once a term is found): the
 * folded code units go to a reused buffer, turned into a string in chunks at the end.
 */
export function foldText(text: string): string {
  let n = 0;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (n + 32 > buf.length) {
      const bigger = new Uint16Array(buf.length * 2);
      bigger.set(buf.subarray(0, n));
      buf = bigger;
    }
    if (c < 0x80) {
      const lower = c >= 65 && c <= 90 ? c + 32 : c;
      if ((lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57)) buf[n++] = lower;
      i++;
      continue;
    }
    const len =
      c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
    const f = foldChar(text.slice(i, i + len));
    if (n + f.length > buf.length) {
      const bigger = new Uint16Array((n + f.length) * 2);
      bigger.set(buf.subarray(0, n));
      buf = bigger;
    }
    for (let k = 0; k < f.length; k++) buf[n++] = f.charCodeAt(k);
    i += len;
  }
  let out = "";
  for (let k = 0; k < n; k += 4096)
    out += String.fromCharCode.apply(null, buf.subarray(k, Math.min(n, k + 4096)) as unknown as number[]);
  return out;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Fold a whole term (no offsets needed). */
export function foldTerm(term: string): string {
  return fold(term).text;
}
