import { describe, expect, it } from "vitest";
import { profileBitsOf } from "../../../lambdas/core/legibility/functionwords";
import {
  F_FN,
  F_GLUED,
  F_INFO,
  F_KNOWN,
  LEN_MASK,
  PROFILE,
  R_META,
  R_SC,
  SHIFT,
  V,
  ensureInfo,
  intern,
  internToken,
  reserve,
} from "../../../lambdas/core/legibility/vocab";
import { wordInfo } from "../../../lambdas/core/legibility/wordinfo";
import { dictionary } from "../../../lambdas/core/legibility/dictionary";
import { Kind, tokenize } from "../../../lambdas/core/legibility/text";

// The packed slots against the straightforward facts of each lower-cased token.
const PIECES = [
  "the",
  "The",
  "THE",
  "of",
  "don't",
  "Don’t",
  "it’s",
  "café",
  "İstanbul",
  "\u212Aelvin",
  "straße",
  "所以",
  "Итак",
  "12",
  "1,000",
  "3.5",
  "de",
  "und",
  "multiplication",
  "Approximately",
  "supercalifragilisticexpialidocious",
  "a".repeat(44),
  "B".repeat(45),
  "x".repeat(300),
];

function word(rnd: () => number): string {
  if (rnd() < 0.5) return PIECES[Math.floor(rnd() * PIECES.length)]!;
  // Random words, so the table grows (ids move only in reserve) and probes meet other words.
  const letters = "abcdefghijklmnopqrstuvwxyzABCXYZé’'";
  let s = letters[Math.floor(rnd() * 26)]!;
  const n = Math.floor(rnd() * 14);
  for (let i = 0; i < n; i++) s += letters[Math.floor(rnd() * letters.length)];
  return s;
}

describe("vocabulary slots", () => {
  it("give each lower-cased token one id and its facts, across growth", () => {
    let seed = 11;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let batch = 0; batch < 60; batch++) {
      const text = Array.from({ length: 200 }, () => word(rnd)).join(" ");
      const t = tokenize(text);
      reserve(t.n);
      const ids: number[] = [];
      const seen = new Map<string, number>();
      for (let i = 0; i < t.n; i++) {
        if (t.kind[i] !== Kind.Word && t.kind[i] !== Kind.Num) continue;
        const a = t.start[i]!;
        const b = t.end[i]!;
        const id = rnd() < 0.5 ? internToken(text, a, b, t.hash[i]!, t.flags[i]!) : intern(text, a, b);
        const lower = text.slice(a, b).toLowerCase();
        expect(V.str[id]).toBe(lower);
        if (seen.has(lower)) expect(id).toBe(seen.get(lower));
        seen.set(lower, id);
        ids.push(id);
      }
      for (const id of ids) {
        const s = V.str[id]!;
        const form = s.replace(/’/g, "'");
        ensureInfo(id);
        const meta = V.rec[(id << SHIFT) + R_META]!;
        const info = wordInfo(form);
        expect(meta & LEN_MASK).toBe(Math.min(s.length, LEN_MASK));
        expect(meta >>> PROFILE).toBe(profileBitsOf(form));
        expect((meta & F_INFO) !== 0).toBe(true);
        expect((meta & F_KNOWN) !== 0).toBe(info.known);
        expect((meta & F_GLUED) !== 0).toBe(info.glued);
        expect((meta & F_FN) !== 0).toBe(info.fn);
        const sc = V.rec[(id << SHIFT) + R_SC]!;
        expect(sc & 0xffff).toBe(info.syllables);
        expect(sc >> 16).toBe(dictionary().transitions.pos[wordInfo(s).cls]);
      }
    }
  });
});
