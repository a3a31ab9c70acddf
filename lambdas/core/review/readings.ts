/**
 * Other readings of a published text, for the checks that would miss a value written in disguise:
 * - `%XX` escapes decoded (`%2Fwiki%2Fnightjar`, `q%3DNightjar`, `Project%20Bluefinch`,
 *   `local%40domain.com`): the escape's hex digits are glued to the word after it, and `%20`
 *   cuts a multi-word term apart;
 * - invisible characters removed (`AKIA…` with a zero-width space, a soft hyphen or a word joiner
 *   inside; a no-break or hair space between two token characters): they cut a token in two,
 *   and neither half looks like a credential.
 * Each answers `undefined` when the reading is the text itself (most texts: one search each).
 */

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

/**
 * Characters nothing shows (Unicode's default-ignorable code points): soft hyphen, combining
 * grapheme joiner, ZWSP/ZWNJ/ZWJ, LRM/RLM, embeddings and overrides, word joiner, isolates,
 * Mongolian vowel separator, variation selectors, Hangul fillers, BOM, tags.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}+/gu;
/** Spaces that are not white space to a reader's eye in a token: no-break, thin, hair… */
const THIN_SPACES = "\\u00A0\\u2000-\\u200A\\u202F\\u205F";
const HIDDEN = new RegExp(`\\p{Default_Ignorable_Code_Point}|[${THIN_SPACES}]`, "u");
const TOKEN = "A-Za-z0-9+/=_-";
const THIN_IN_TOKEN = new RegExp(`(?<=[${TOKEN}])[${THIN_SPACES}](?=[${TOKEN}])`, "g");

/** The text without invisible characters, and without thin spaces between token characters. */
export function withoutInvisible(text: string): string | undefined {
  if (!HIDDEN.test(text)) return undefined;
  const out = text.replace(INVISIBLE, "").replace(THIN_IN_TOKEN, "");
  return out === text ? undefined : out;
}
