/**
 * Other readings of a text, for values written so that the detectors do not see them as written:
 * percent-encoded (`%2Fnightjar%2F`, `local%40domain.com`, `wiki%2Ecorp%2Eexample%2Ecom`) and
 * cut by invisible characters (`AKIA…` with a zero-width space inside, ZWSP beside an e-mail's
 * `@`). A view is the text decoded or cleaned, with the original offsets of each of its code units,
 * so a span found in the view is redacted in the original, covering whole escapes and the
 * invisible characters inside it. Views are built only for texts that hold an escape or an
 * invisible character (cheap native tests first): ordinary texts pay for one or two scans.
 */

export interface View {
  text: string;
  /** original offset of each code unit of `text` (start, inclusive; end, exclusive) */
  starts: number[];
  ends: number[];
}

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;

/** Whether `text` holds a `%XX` escape (`indexOf` first: most texts have no `%`). */
export function hasPercentEscape(text: string): boolean {
  return text.indexOf("%") !== -1 && PERCENT_ESCAPE.test(text);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** The byte of the escape at `i`, or -1 when there is none. */
function escapeAt(text: string, i: number): number {
  if (text.charCodeAt(i) !== 37 || i + 2 >= text.length) return -1;
  const h = hexValue(text.charCodeAt(i + 1));
  const l = hexValue(text.charCodeAt(i + 2));
  return h < 0 || l < 0 ? -1 : h * 16 + l;
}

/**
 * `text` with its `%XX` escapes decoded: an ASCII byte to its character, a valid UTF-8 sequence of
 * escapes to its code point (each code unit mapped to the whole sequence); an escape that decodes
 * to nothing valid stays as written.
 */
export function percentView(text: string): View {
  let out = "";
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length;) {
    const b = escapeAt(text, i);
    if (b < 0) {
      out += text[i];
      starts.push(i);
      ends.push(i + 1);
      i++;
      continue;
    }
    const n =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let decoded = "";
    if (n === 1) decoded = String.fromCharCode(b);
    else if (n > 1) {
      let ok = true;
      for (let k = 1; k < n && ok; k++) {
        const c = escapeAt(text, i + 3 * k);
        ok = c >= 0x80 && c <= 0xbf;
      }
      if (ok) {
        try {
          decoded = decodeURIComponent(text.slice(i, i + 3 * n));
        } catch {
          decoded = "";
        }
      }
    }
    if (!decoded) {
      out += "%";
      starts.push(i);
      ends.push(i + 1);
      i++;
      continue;
    }
    for (let k = 0; k < decoded.length; k++) {
      starts.push(i);
      ends.push(i + 3 * n);
    }
    out += decoded;
    i += 3 * n;
  }
  return { text: out, starts, ends };
}

/**
 * Characters that show nothing (or only a space) and can be slipped inside a token: the Unicode
 * default-ignorable code points (soft hyphen, combining grapheme joiner, Arabic letter mark,
 * Hangul fillers, Khmer inherent vowels, Mongolian selectors and vowel separator, zero-width
 * space/joiners, direction marks, embeddings and isolates, word joiner and invisible operators,
 * variation selectors, BOM, tags) and the no-break and narrow spaces (U+00A0, U+2000–U+200A,
 * U+202F, U+205F, U+3000).
 */
// (Each code point of the class is written as an escape and stands alone: none combines with
// the one before it. Tags and supplementary variation selectors: U+E0000–U+E0FFF, as surrogates.)
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u202a-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0]|[\udb40-\udb43][\udc00-\udfff]/;

// eslint-disable-next-line no-misleading-character-class
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "g");

/** Whether `text` holds an invisible character. */
export function hasInvisible(text: string): boolean {
  return INVISIBLE.test(text);
}

/** `text` without its invisible characters (see INVISIBLE). */
export function visibleView(text: string): View {
  let out = "";
  const starts: number[] = [];
  const ends: number[] = [];
  const re = INVISIBLE_ALL;
  re.lastIndex = 0;
  let last = 0;
  const keep = (a: number, b: number) => {
    out += text.slice(a, b);
    for (let k = a; k < b; k++) {
      starts.push(k);
      ends.push(k + 1);
    }
  };
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    keep(last, m.index);
    last = m.index + m[0].length;
  }
  keep(last, text.length);
  return { text: out, starts, ends };
}

/** A span `[start, end)` of the view, in the original text's offsets. */
export function toOriginal(v: View, start: number, end: number): [number, number] {
  return [v.starts[start]!, v.ends[end - 1]!];
}
