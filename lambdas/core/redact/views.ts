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

/** An empty view to build. */
function emptyView(): View {
  return { text: "", starts: [], ends: [] };
}

/** Appends `text[x, y)` to `v` as it is written, each code unit at its own offset. */
function keep(v: View, text: string, x: number, y: number): void {
  v.text += text.slice(x, y);
  for (let k = x; k < y; k++) {
    v.starts.push(k);
    v.ends.push(k + 1);
  }
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
  // (The length first: the escape after a sequence's last may start past the end, not read.)
  if (i + 2 >= text.length || text.charCodeAt(i) !== 37) return -1;
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
  const v = emptyView();
  let last = 0;
  for (let i = text.indexOf("%"); i !== -1; i = text.indexOf("%", i)) {
    const b = escapeAt(text, i);
    if (b < 0) {
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
      i++;
      continue;
    }
    keep(v, text, last, i);
    for (let k = 0; k < decoded.length; k++) {
      v.starts.push(i);
      v.ends.push(i + 3 * n);
    }
    v.text += decoded;
    i += 3 * n;
    last = i;
  }
  keep(v, text, last, text.length);
  return v;
}

/**
 * Whether `text` holds what a terminal swallows: an escape (ESC, colour codes from `grep --color`,
 * `ls`, loggers), a backspace or a DEL (three native searches; most texts hold none).
 */
export function hasControls(text: string): boolean {
  return text.indexOf("\x1b") !== -1 || text.indexOf("\x7f") !== -1 || text.indexOf("\b") !== -1;
}

/** ANSI escape sequences (CSI, OSC, two-character) and C0 controls other than tab, LF and CR, and DEL. */
const CONTROLS =
  // eslint-disable-next-line no-control-regex
  /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/**
 * `text` as a terminal shows it: without ANSI escape sequences and control characters
 * (`\x1b[01;31m\x1b[KAKIA…\x1b[m`, `Night\x1b[1mjar`, a DEL inside a key), offsets kept.
 */
export function controlView(text: string): View {
  const v = emptyView();
  let last = 0;
  CONTROLS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CONTROLS.exec(text)) !== null) {
    keep(v, text, last, m.index);
    last = m.index + m[0].length;
  }
  keep(v, text, last, text.length);
  return v;
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
// the one before it. Tags and supplementary variation selectors, U+E0000–U+E0FFF, are found by
// their high surrogate, U+DB40–U+DB43, and removed with the low one after it.)
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u202a-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\udb40-\udb43]/;

// eslint-disable-next-line no-misleading-character-class
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "g");

/** Whether `text` holds an invisible character. */
export function hasInvisible(text: string): boolean {
  return INVISIBLE.test(text);
}

/** `text` without its invisible characters (see INVISIBLE). */
export function visibleView(text: string): View {
  return visibleRegion(text, 0, text.length);
}

/** `text[a, b)` without its invisible characters, with offsets in `text`. */
function visibleRegion(text: string, a: number, b: number): View {
  const v = emptyView();
  const re = INVISIBLE_ALL;
  re.lastIndex = a;
  let last = a;
  for (let m = re.exec(text); m !== null && m.index < b; m = re.exec(text)) {
    keep(v, text, last, m.index);
    last = m.index + width(text, m.index);
    re.lastIndex = last;
  }
  keep(v, text, last, b);
  return v;
}

/** Code units of the invisible character at `i` (a plane-14 character is a surrogate pair). */
function width(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

/**
 * Whether the word `text[a, b)` can hold a value the views look for: an `@` (an e-mail), 7 digits
 * (a card, a phone, an SSN, an IBAN), 16 ASCII letters and digits (a key), or a dot and 7 of them
 * (a host name). Most words around a narrow no-break space in reasoning are short numbers and
 * formulas.
 */
function worthReading(text: string, a: number, b: number): boolean {
  if (b - a < 7) return false;
  let alnum = 0;
  let digits = 0;
  let dot = false;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 64) return true;
    if (c >= 48 && c <= 57) digits++;
    else if ((c | 32) >= 97 && (c | 32) <= 122) alnum++;
    else if (c === 46) dot = true;
  }
  alnum += digits;
  return digits >= 7 || alnum >= 16 || (dot && alnum >= 7);
}

/**
 * The words of `text` that hold an invisible character, each without them: a run of characters
 * other than ASCII white space around the character (a key, an e-mail address, a host name or a
 * grouped card number is one such word once the character is gone). Words that cannot hold such
 * a value (see worthReading) are left out. Reasoning uses
 * narrow no-break spaces in ordinary numbers ("10 000"): only the word around each is read again.
 */
export function visibleWords(text: string): View[] {
  const out: View[] = [];
  const re = INVISIBLE_ALL;
  let from = 0;
  for (;;) {
    re.lastIndex = from;
    const m = re.exec(text);
    if (m === null) break;
    let a = m.index;
    while (a > 0 && text.charCodeAt(a - 1) > 32) a--;
    let b = m.index + width(text, m.index);
    while (b < text.length && text.charCodeAt(b) > 32) b++;
    if (worthReading(text, a, b)) {
      const v = visibleRegion(text, a, b);
      if (v.text.length >= 6) out.push(v);
    }
    from = b;
  }
  return out;
}

/** A span `[start, end)` of the view, in the original text's offsets. */
export function toOriginal(v: View, start: number, end: number): [number, number] {
  return [v.starts[start]!, v.ends[end - 1]!];
}
