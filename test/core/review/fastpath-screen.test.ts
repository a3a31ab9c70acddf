import { describe, expect, it } from "vitest";
import {
  allowedDistance,
  denyMatcher,
  joinedFolded,
  SCREEN_HINT,
  SCREEN_PIECE,
  SCREEN_RUN,
  termPieces,
  tokenize,
} from "../../../lambdas/core/review/deny";
import { KEYWORD_GATE } from "../../../lambdas/core/review/keywords";
import { longRuns } from "../../../lambdas/core/review/secrets";

const TERMS = ["Project Bluefinch", "Kestrel-7", "Nightjar"];
const MAX = 2;
/** The pieces `find` looks for (each term cut into distance + 1 pieces, with gaps). */
const PIECES = TERMS.flatMap((t) => {
  const joined = tokenize(t).join("");
  const k = allowedDistance(joined.length, MAX);
  return termPieces(joined, k);
});

/** The screen's answer, the long way: joined folded words, runs and the keyword gate. */
function reference(t: string, runMin: number): number {
  const joined = joinedFolded(t);
  const piece = joined === undefined || PIECES.some((p) => joined.includes(p));
  return (
    (piece ? SCREEN_PIECE : 0) |
    (longRuns(t, runMin).length > 0 ? SCREEN_RUN : 0) |
    (KEYWORD_GATE.test(t) ? SCREEN_HINT : 0)
  );
}

const PLAIN = ["the", "a", "cat", "sat", "on", "mat", "and", "ran", "fast", "12", "x-y", "(ok)."];
const SPECIAL = [
  "night",
  "Jar",
  "inch",
  "kestrel",
  "7",
  "bluef",
  "password",
  "=",
  ":",
  "is",
  "aB3dE5gH7jK9mN1pQ",
  "token",
  "://",
];
const OTHER = ["é", "≈", "–", "中", "😀", "\u00A0", "\u2028", "ﬁ", "Ｋ", "\u0301", "’", "×"];

function texts(n: number, seed: number): string[] {
  let s = seed;
  const rnd = (m: number) => ((s = (s * 1103515245 + 12345) & 0x7fffffff) >>> 8) % m;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let t = "";
    const len = 10 + rnd(200);
    // Some texts ASCII only, some with other units now and then or often.
    const other = [0, 0, 2, 10][rnd(4)]!;
    while (t.length < len) {
      const r = rnd(100);
      if (r < other) t += OTHER[rnd(OTHER.length)];
      else if (r < other + 4) t += SPECIAL[rnd(SPECIAL.length)];
      else t += PLAIN[rnd(PLAIN.length)] + (rnd(4) ? " " : "");
    }
    out.push(t);
  }
  return out;
}

describe("screen: texts mixing ASCII with other units", () => {
  it("answers as the long way does (pieces, runs; the gate exactly on ASCII, at least it otherwise)", () => {
    const m = denyMatcher(TERMS, [], MAX);
    const seen = [0, 0, 0, 0, 0, 0, 0, 0];
    for (const min of [16, 4])
      for (const t of texts(3000, 5)) {
        const got = m.screen(t, min);
        const want = reference(t, min);
        seen[got]!++;
        // eslint-disable-next-line no-control-regex -- ASCII on purpose
        if (/^[\x00-\x7F]*$/.test(t)) expect(got, JSON.stringify([t, min])).toBe(want);
        else {
          expect(got & ~SCREEN_HINT, JSON.stringify([t, min])).toBe(want & ~SCREEN_HINT);
          if (want & SCREEN_HINT) expect(got & SCREEN_HINT, JSON.stringify([t, min])).toBe(SCREEN_HINT);
        }
      }
    // Where the screen saw a piece, find need not look for one again: the same hits.
    let found = 0;
    const near = [" Nightjar", " N1ghtjr", " kestrel-7", " Project Bluefnch", " project  blue finch é"];
    const withTerms = texts(300, 9).map((t, i) => t + near[i % near.length]);
    for (const t of [...texts(3000, 5), ...withTerms])
      if (m.screen(t, 16) & SCREEN_PIECE) {
        const hits = m.find(t);
        if (hits.length > 0) found++;
        expect(m.find(t, true), JSON.stringify(t)).toEqual(hits);
      }
    expect(found).toBeGreaterThan(200);
    // Every combination of answers is exercised.
    for (const n of seen) expect(n).toBeGreaterThan(10);
  });
});
