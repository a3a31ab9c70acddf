/**
 * Text preparation shared by every signal: masking (code, LaTeX/math, redaction placeholders are
 * blanked with spaces so offsets stay valid and they neither help nor hurt), a one-pass tokeniser,
 * sentence boundaries and Unicode-script classes. Plain regular expressions over small windows:
 * `Intl.Segmenter` is far too slow on long strings and needs no dictionary we could not ship.
 */
import { PLACEHOLDER_RE } from "../placeholder";

const MASKS: RegExp[] = [
  /```[\s\S]*?(?:```|$)/g, // fenced code (an unclosed fence runs to the end)
  /~~~[\s\S]*?(?:~~~|$)/g,
  /`[^`\n]{1,400}`/g, // inline code
  /\$\$[\s\S]{0,4000}?\$\$/g, // display math
  /\\\[[\s\S]{0,4000}?\\\]/g,
  /\\\([\s\S]{0,1000}?\\\)/g,
  /\\begin\{([a-z*]+)\}[\s\S]{0,8000}?\\end\{\1\}/g,
  /(?<![\\\w])\$(?=\S)[^$\n]{1,300}?(?<=\S)\$(?!\d)/g, // inline $math$ (not "$2 and $3")
  /\\[A-Za-z]+\*?(?:\{[^{}\n]{0,200}\})*/g, // stray LaTeX commands such as \frac{a}{b}, \boxed{18}
  new RegExp(PLACEHOLDER_RE.source, "g"),
];

export interface Masked {
  text: string;
  maskedChars: number;
}

/** Blanks masked spans with spaces (same length, so offsets into the original stay valid). */
export function mask(text: string): Masked {
  let out = text;
  let maskedChars = 0;
  for (const re of MASKS) {
    re.lastIndex = 0;
    if (!re.test(out)) continue;
    re.lastIndex = 0;
    out = out.replace(re, (m) => {
      maskedChars += m.length;
      return m.replace(/[^\n]/g, " ");
    });
  }
  return { text: out, maskedChars };
}

/** Script of one code point, coarse: what a reader would call "the writing system". */
export type Script =
  | "latin"
  | "han"
  | "kana"
  | "hangul"
  | "cyrillic"
  | "greek"
  | "arabic"
  | "hebrew"
  | "devanagari"
  | "thai"
  | "other";

export function scriptOf(cp: number): Script {
  if (cp < 0x250) return "latin";
  if (cp >= 0x4e00 && cp <= 0x9fff) return "han";
  if (cp >= 0x3400 && cp <= 0x4dbf) return "han";
  if (cp >= 0x3040 && cp <= 0x30ff) return "kana";
  if (cp >= 0xac00 && cp <= 0xd7af) return "hangul";
  if (cp >= 0x0400 && cp <= 0x052f) return "cyrillic";
  if (cp >= 0x0370 && cp <= 0x03ff) return "greek";
  if (cp >= 0x0600 && cp <= 0x06ff) return "arabic";
  if (cp >= 0x0590 && cp <= 0x05ff) return "hebrew";
  if (cp >= 0x0900 && cp <= 0x097f) return "devanagari";
  if (cp >= 0x0e00 && cp <= 0x0e7f) return "thai";
  if (cp >= 0x1e00 && cp <= 0x1eff) return "latin";
  if (cp >= 0xf900 && cp <= 0xfaff) return "han";
  return "other";
}

/** Letters of ideographic and syllabic scripts carry about a word each: weigh them like 3 Latin letters. */
export function scriptWeight(s: Script): number {
  return s === "han" || s === "kana" || s === "hangul" ? 3 : 1;
}

export const enum Kind {
  Word = 0,
  Num = 1,
  End = 2,
  Comma = 3,
  Sym = 4,
}

export interface Token {
  kind: Kind;
  text: string;
  start: number;
}

// One alternation, one pass. Letters (with marks and inner apostrophes) | numbers | sentence ends |
// commas | any other visible character.
const TOKEN_RE =
  /(\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*)|(\p{N}+(?:[.,]\p{N}+)*)|([.!?。！？]+)|([,;:，；：])|(\S)/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const kind =
      m[1] !== undefined
        ? Kind.Word
        : m[2] !== undefined
          ? Kind.Num
          : m[3] !== undefined
            ? Kind.End
            : m[4] !== undefined
              ? Kind.Comma
              : Kind.Sym;
    out.push({ kind, text: m[0], start: m.index });
  }
  return out;
}

export interface Sentence {
  start: number;
  end: number;
  /** Indices into the token array, [from, to). */
  from: number;
  to: number;
}

/** Sentences end at . ! ? (and their CJK forms) or at a line break. */
export function sentences(text: string, tokens: Token[]): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  const close = (to: number) => {
    if (to > from)
      out.push({
        start: tokens[from]!.start,
        end: tokens[to - 1]!.start + tokens[to - 1]!.text.length,
        from,
        to,
      });
    from = to;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === Kind.End) {
      // "3.5" is a number token already; "e.g." stays one sentence only if no space follows.
      const after = text.charCodeAt(t.start + t.text.length);
      if (
        Number.isNaN(after) ||
        after === 32 ||
        after === 10 ||
        after === 13 ||
        after === 9 ||
        t.text.charCodeAt(0) > 0x3000
      )
        close(i + 1);
    } else if (i > from) {
      const prev = tokens[i - 1]!;
      const gap = prev.start + prev.text.length;
      if (gap === t.start || (gap + 1 === t.start && text.charCodeAt(gap) === 32)) continue;
      for (let j = gap; j < t.start; j++) {
        if (text.charCodeAt(j) === 10) {
          close(i);
          break;
        }
      }
    }
  }
  close(tokens.length);
  return out;
}
