/**
 * What the last screen (`DenyMatcher.screen`, `deny.ts`) learnt of its text besides its answer:
 * that every unit of it is ASCII (the screen reads every unit of such a text anyway). The checks
 * that the review runs next on the same text read it here instead of searching the text again
 * (`hasHidden` in `readings.ts`: nothing invisible is ASCII). It is a fact of the text alone,
 * looked up by value (`===`: the very string the screen read, in practice one pointer
 * comparison), so a stale entry can never answer for another text.
 */
let ascii: string | undefined;

/** The screen read all of `text`, and every unit was ASCII. */
export function screenedAscii(text: string): void {
  ascii = text;
}

/** `text` is known to hold ASCII units only (false: not known, either way). */
export function knownAscii(text: string): boolean {
  return text === ascii;
}
