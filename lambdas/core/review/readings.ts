/**
 * Other readings of a published text, for the checks that would miss a value written in disguise:
 * - `%XX` escapes decoded (`%2Fwiki%2Fnightjar`, `q%3DNightjar`, `Project%20Bluefinch`,
 *   `local%40domain.com`): the escape's hex digits are glued to the word after it, and `%20`
 *   cuts a multi-word term apart; so are HTML character references and escapes written out as
 *   text (`local&#64;domain.com`, `local\u0040domain.com`);
 * - invisible characters removed (`AKIA…` with a zero-width space, a soft hyphen or a word joiner
 *   inside; a no-break or hair space between two token characters): they cut a token in two,
 *   and neither half looks like a credential.
 * Each answers `undefined` when the reading is the text itself (most texts: one search each).
 */

import { hiddenUnits, knownVisible, THIN_SPACES } from "./screened";

const ESCAPE = /%[0-9A-Fa-f]{2}/;
const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;

/** A run of escapes as UTF-8, or byte by byte (Latin-1) when it is not valid UTF-8. */
function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

/** The text with its `%XX` escapes decoded (twice at most: `%252F` is `%2F` escaped again). */
export function percentDecoded(text: string): string | undefined {
  if (!text.includes("%") || !ESCAPE.test(text)) return undefined;
  let out = text.replace(ESCAPES, decodeRun);
  if (out.includes("%") && ESCAPE.test(out)) out = out.replace(ESCAPES, decodeRun);
  return out === text ? undefined : out;
}

/** Named character references a disguise would use (the rest are left as written). */
const NAMED: Record<string, string> = {
  amp: "&",
  commat: "@",
  period: ".",
  sol: "/",
  colon: ":",
  equals: "=",
  lowbar: "_",
  hyphen: "-",
  dash: "-",
  nbsp: " ",
  quot: '"',
  apos: "'",
  lt: "<",
  gt: ">",
};
const REFERENCES =
  /&#(?:[xX]([0-9A-Fa-f]{1,6})|([0-9]{1,7}));?|&([A-Za-z]{2,8});|\\u\{([0-9A-Fa-f]{1,6})\}|\\u([0-9A-Fa-f]{4})|\\x([0-9A-Fa-f]{2})/g;
const REFERENCE_HINT = /&#|&[A-Za-z]{2,8};|\\u\{?[0-9A-Fa-f]|\\x[0-9A-Fa-f]{2}/;

function codePoint(n: number, whole: string): string {
  return n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : whole;
}

/**
 * The text with HTML character references (`&#64;`, `&#x40;`, `&commat;`) and JavaScript/JSON
 * escapes written out as text (`\u0040`, `\u{40}`, `\x40`) decoded: `local&#64;domain.com`,
 * `Night\u006Aar`.
 */
export function referencesDecoded(text: string): string | undefined {
  // (What the hint needs: `&`, `\u` or `\x`; a backslash of LaTeX alone runs no pattern.)
  if (!(text.includes("&") || text.includes("\\u") || text.includes("\\x")) || !REFERENCE_HINT.test(text))
    return undefined;
  const out = text.replace(
    REFERENCES,
    (whole, hex?: string, dec?: string, name?: string, braced?: string, u4?: string, x2?: string) => {
      if (name !== undefined) return NAMED[name] ?? whole;
      const h = hex ?? braced ?? u4 ?? x2;
      return codePoint(h !== undefined ? parseInt(h, 16) : Number(dec), whole);
    },
  );
  return out === text ? undefined : out;
}

/**
 * The text with `%XX` escapes, character references and written-out escapes decoded (`mayHold`
 * false: the caller knows the text holds none of ESCAPE_LITERALS).
 */
export function decoded(text: string, mayHold = true): string | undefined {
  // (`mayHold` false: the text holds none of ESCAPE_LITERALS, so neither reading differs.)
  if (!mayHold) return undefined;
  const a = percentDecoded(text);
  const b = referencesDecoded(a ?? text);
  return b ?? a;
}

/** Characters nothing shows (see `hiddenUnits` in `screened.ts`), as a pattern. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}+/gu;
/** Every one of those (`hiddenUnits`) is at U+00A0 or above (the search for the first such unit is native). */
const WIDE = /[\u00A0-\uFFFF]/;

function hasHidden(text: string): boolean {
  // (The deny-term screen has just read the text: when it found nothing invisible, no search.)
  if (knownVisible(text)) return false;
  let i = text.search(WIDE);
  if (i < 0) return false;
  const hidden = hiddenUnits();
  for (; i < text.length; i++) if (hidden[text.charCodeAt(i)] === 1) return true;
  return false;
}

const TOKEN = "A-Za-z0-9+/=_-";
const THIN_IN_TOKEN = new RegExp(`(?<=[${TOKEN}])[${THIN_SPACES}](?=[${TOKEN}])`, "g");

/**
 * What `hasControls` looks for, and what `decoded` needs (`%`, `&`, `\u`, `\x`, in any case), for
 * the review's screen pass (`commands.ts`, `deny.ts`).
 */
export const CONTROL_LITERALS = ["\x1b", "\x7f", "\b"];
export const ESCAPE_LITERALS = ["%", "&", "\\u", "\\x"];

/** Whether `text` holds what a terminal swallows: an escape (colour codes), a backspace or a DEL. */
export function hasControls(text: string): boolean {
  return text.includes("\x1b") || text.includes("\x7f") || text.includes("\b");
}

/** ANSI escape sequences (CSI, OSC, two-character), C0 controls but tab, LF and CR, and DEL. */
const CONTROLS =
  // eslint-disable-next-line no-control-regex
  /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/**
 * The text as it shows: without invisible characters, without thin spaces between token
 * characters, and without terminal colour codes and control characters (`grep --color` output
 * cutting `AKIA…`, `Night\x1b[1mjar`).
 */
export function withoutInvisible(text: string, mayControl = true): string | undefined {
  // (`mayControl` false: the text holds none of CONTROL_LITERALS.)
  const controls = mayControl && hasControls(text);
  if (!controls && !hasHidden(text)) return undefined;
  const shown = controls ? text.replace(CONTROLS, "") : text;
  const out = shown.replace(INVISIBLE, "").replace(THIN_IN_TOKEN, "");
  return out === text ? undefined : out;
}
