/**
 * Compact tables for the review's screen automata (`deny.ts` runs them all in one pass over each
 * text). An automaton over ASCII written as a table of 128 columns per state wastes most of its
 * room: few characters are told apart (the number gates tell 4 kinds apart), and states that step
 * and answer alike can be one. In the pipeline the other stages evict these tables between two
 * transcripts: what a text's screen reads should fit in a few cache lines per state, not eight.
 *
 * `compact` takes such a table of `columns` columns per state (a value holds the next state's row
 * offset, `state * columns`, shifted left by `shift`, and an answer in its low `shift` bits),
 * merges the states that answer alike now and later (Moore's refinement, on the answers of each
 * step) and the columns every state steps on alike, and writes the same automaton over those
 * classes of columns: a value is then `((state * width) << shift) | answer`, stepped on
 * `step[(value >> shift) + classes[column]]`. Every text gets the same answers at every unit (the
 * start state stays the first). It runs at module load: integer rows, no string keys.
 */
export interface CompactTable {
  /** The class of each column of the input (for a table over ASCII, of each unit). */
  classes: Uint8Array;
  /** How many classes (a state's row is this wide). */
  width: number;
  /** The table over classes. */
  step: Int32Array;
  /** How many states are left. */
  states: number;
}

export function compact(table: ArrayLike<number>, columns: number, shift: number): CompactTable {
  const n = table.length / columns;
  const low = (1 << shift) - 1;
  const nextOf = new Int32Array(n * columns);
  const outOf = new Int32Array(n * columns);
  for (let k = 0; k < n * columns; k++) {
    nextOf[k] = table[k]! >>> shift;
    nextOf[k] = nextOf[k]! / columns;
    outOf[k] = table[k]! & low;
  }
  // Moore's refinement: states first grouped by the answers of their steps, then split while two
  // states of a group differ in the group of a successor. Groups are numbered in order of first
  // appearance: the start state's is 0.
  let { ids: classOf, size: count } = number(outOf, n, columns);
  const W = 1 + columns;
  const row = new Int32Array(n * W);
  for (;;) {
    for (let s = 0; s < n; s++) {
      const b = s * W;
      row[b] = classOf[s]!;
      for (let k = 0; k < columns; k++) row[b + 1 + k] = classOf[nextOf[s * columns + k]!]!;
    }
    const { ids, size } = number(row, n, W);
    classOf = ids;
    if (size === count) break;
    count = size;
  }
  // One state per class (its first), then the columns every such state steps on alike.
  const rep = new Int32Array(count).fill(-1);
  for (let s = 0; s < n; s++) if (rep[classOf[s]!] === -1) rep[classOf[s]!] = s;
  const col = new Int32Array(columns * 2 * count);
  for (let k = 0; k < columns; k++)
    for (let q = 0; q < count; q++) {
      col[k * 2 * count + 2 * q] = classOf[nextOf[rep[q]! * columns + k]!]!;
      col[k * 2 * count + 2 * q + 1] = outOf[rep[q]! * columns + k]!;
    }
  const { ids, size: width } = number(col, columns, 2 * count);
  if (width > 255 || count * width > 2 ** (31 - shift)) throw new Error("compact: table too large");
  const classes = Uint8Array.from(ids);
  const step = new Int32Array(count * width);
  for (let q = 0; q < count; q++)
    for (let k = 0; k < columns; k++) {
      const s = rep[q]! * columns + k;
      step[q * width + classes[k]!] = ((classOf[nextOf[s]!]! * width) << shift) | outOf[s]!;
    }
  return { classes, width, step, states: count };
}

/** Ids for `n` rows of `w` integers, equal rows alike, numbered in order of first appearance. */
function number(rows: Int32Array, n: number, w: number): { ids: Int32Array; size: number } {
  const buckets = new Map<number, number[]>();
  const ids = new Int32Array(n);
  let size = 0;
  for (let s = 0; s < n; s++) {
    let h = 0x811c9dc5;
    for (let k = s * w, e = k + w; k < e; k++) h = Math.imul(h ^ rows[k]!, 0x01000193);
    let list = buckets.get(h);
    if (list === undefined) buckets.set(h, (list = []));
    let id = -1;
    for (const t of list) {
      let same = true;
      for (let k = 0; k < w; k++)
        if (rows[s * w + k] !== rows[t * w + k]) {
          same = false;
          break;
        }
      if (same) {
        id = ids[t]!;
        break;
      }
    }
    if (id === -1) {
      id = size++;
      list.push(s);
    }
    ids[s] = id;
  }
  return { ids, size };
}
