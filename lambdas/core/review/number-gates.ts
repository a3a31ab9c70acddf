/**
 * What the number checks (`numbers.ts`, `national.ts`) need before any of their patterns can
 * match, read by the review's one screen pass over a text (`deny.ts`) along with its other
 * screens, so a text without it is not searched again:
 * - NUMBERS_RUN6: six digits, each after the one before or after one of `RUN6`'s characters
 *   between them (` ./()-`, and the no-break and thin spaces) — what `HINT6` (`national.ts`)
 *   matches, exactly;
 * - NUMBERS_DIGITS4: four digits in a row — held by every match of `NUMBER_HINT` (`numbers.ts`; and of
 *   `\d{9}`);
 * - NUMBERS_CAPS6: six capitals A–Z in a row — held by every match of `CF_HINT` (`national.ts`).
 * A gate given as `undefined` is not known: the patterns decide.
 */
export const NUMBERS_RUN6 = 1;
export const NUMBERS_DIGITS4 = 2;
export const NUMBERS_CAPS6 = 4;

/** The kinds of ASCII units those gates tell apart: `NUMBER_CLASS[unit]` (0 for any other). */
const DIGIT = 1;
const SEPARATOR = 2;
const CAPITAL = 3;
export const NUMBER_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) NUMBER_CLASS[c] = DIGIT;
for (const ch of " ./()-") NUMBER_CLASS[ch.charCodeAt(0)] = SEPARATOR;
for (let c = 65; c <= 90; c++) NUMBER_CLASS[c] = CAPITAL;

/**
 * A DFA over those kinds of units for the three gates at once: `NUMBER_STEP[(v >> 3) +
 * NUMBER_CLASS[unit]]` is the value `v` after `unit`, where `v >> 3` is the state's row offset
 * (state * 4: 23 states, 368 bytes) and `v & 7` the gates that the text so far has met (as for
 * `HINT_STEP`, OR-ing every value gives the answer). The state holds the digits of the current
 * six-digit chain (up to five) and whether a separator was the last unit, the digits in a row (up
 * to three) and the capitals in a row (up to five). A unit outside ASCII steps as `numberUnit`
 * says.
 */
export const NUMBER_STEP = numberStep();

function numberStep(): Int32Array {
  // A state: [chain digits 0–5, separator last 0/1, digits in a row 0–3, capitals in a row 0–5].
  const ids = new Map<string, number>();
  const states: number[][] = [];
  const id = (st: number[]) => {
    const key = st.join(",");
    let k = ids.get(key);
    if (k === undefined) {
      k = states.length;
      ids.set(key, k);
      states.push(st);
    }
    return k;
  };
  id([0, 0, 0, 0]);
  const rows: number[][] = [];
  for (let k = 0; k < states.length; k++) {
    const [chain, sep, digits, caps] = states[k]!;
    const row: number[] = [];
    for (let kind = 0; kind < 4; kind++) {
      let bits = 0;
      let next: number[];
      if (kind === DIGIT) {
        if (chain! + 1 >= 6) bits |= NUMBERS_RUN6;
        if (digits! + 1 >= 4) bits |= NUMBERS_DIGITS4;
        next = [Math.min(chain! + 1, 5), 0, Math.min(digits! + 1, 3), 0];
      } else if (kind === SEPARATOR) {
        // One separator goes on with the chain; a second in a row ends it.
        next = chain! >= 1 && sep === 0 ? [chain!, 1, 0, 0] : [0, 0, 0, 0];
      } else if (kind === CAPITAL) {
        if (caps! + 1 >= 6) bits |= NUMBERS_CAPS6;
        next = [0, 0, 0, Math.min(caps! + 1, 5)];
      } else next = [0, 0, 0, 0];
      row.push(id(next), bits);
    }
    rows.push(row);
  }
  const step = new Int32Array(states.length * 4);
  for (let k = 0; k < states.length; k++)
    for (let kind = 0; kind < 4; kind++)
      step[k * 4 + kind] = ((rows[k]![2 * kind]! * 4) << 3) | rows[k]![2 * kind + 1]!;
  return step;
}

/**
 * How a unit outside ASCII steps `NUMBER_STEP`: the no-break, thin and ideographic spaces `RUN6`
 * takes between digits as a space, every other unit as NUL (no digit, separator or capital).
 */
export function numberUnit(c: number): number {
  return c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000 ? 32 : 0;
}

/** The gates `NUMBER_STEP` finds in `text` (its own pass, for callers without the screen's). */
export function numberGates(text: string): number {
  const step = NUMBER_STEP;
  const cls = NUMBER_CLASS;
  let v = 0;
  let found = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    v = step[(v >> 3) + cls[c < 128 ? c : numberUnit(c)]!]!;
    found |= v;
  }
  return found & 7;
}
