/**
 * What the last screen (`DenyMatcher.screen`, `deny.ts`) learnt of its text besides its answer:
 * that no unit of it may be an invisible character (`hiddenUnits`): every unit is ASCII, or the
 * screen, which reads every unit of a text without a piece of a term, looked each unit outside
 * ASCII up in the table below. The check that the review runs next on the same text reads it here
 * instead of searching the text again (`hasHidden` in `readings.ts`). It is a fact of the text
 * alone, looked up by value (`===`: the very string the screen read, in practice one pointer
 * comparison), so a stale entry can never answer for another text.
 */
let visible: string | undefined;

/** The screen read all of `text`, and no unit was one of `hiddenUnits`. */
export function screenedVisible(text: string): void {
  visible = text;
}

/** `text` is known to hold none of `hiddenUnits` (false: not known, either way). */
export function knownVisible(text: string): boolean {
  return text === visible;
}

/** Spaces that are not white space to a reader's eye in a token: no-break, thin, hair… */
export const THIN_SPACES = "\\u00A0\\u2000-\\u200A\\u202F\\u205F";
/**
 * 1 for a unit that may be invisible: one of Unicode's default-ignorable code points (soft
 * hyphen, combining grapheme joiner, ZWSP/ZWNJ/ZWJ, LRM/RLM, embeddings and overrides, word
 * joiner, isolates, Mongolian vowel separator, variation selectors, Hangul fillers, BOM, tags)
 * or of `THIN_SPACES`: the BMP ones, and the lead units of the others
 * (U+1BCA0…, U+1D173…, the tags at U+E0000…); every one is at U+00A0 or above. Built from the
 * property itself, on the first text that holds a unit from there up (65,536 property tests,
 * ~7 ms: not at module load, where every cold start would pay it even for ASCII-only
 * transcripts).
 */
let hiddenUnit: Uint8Array | undefined;
export function hiddenUnits(): Uint8Array {
  if (hiddenUnit) return hiddenUnit;
  const table = new Uint8Array(65536);
  const one = new RegExp(`^(?:\\p{Default_Ignorable_Code_Point}|[${THIN_SPACES}])$`, "u");
  for (let c = 0; c < 65536; c++)
    if ((c < 0xd800 || c > 0xdfff) && one.test(String.fromCharCode(c))) table[c] = 1;
  for (const lead of [0xd82f, 0xd834, 0xdb40, 0xdb41, 0xdb42, 0xdb43]) table[lead] = 1;
  return (hiddenUnit = table);
}
