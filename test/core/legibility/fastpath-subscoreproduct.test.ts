import { describe, expect, it } from "vitest";
import {
  WEIGHTS,
  scoreOfSignals,
  subscoreProduct,
  windowScore,
} from "../../../lambdas/core/legibility/score";
import type { SignalResult } from "../../../lambdas/core/legibility/types";

// The scorer's windows are scored from their sub-scores (subscoreProduct) instead of walking the
// signal record (windowScore): for records with the scorer's keys, in its order, the product must
// be the same number, bit for bit (the same factors in the same order), and so the score.
const ORDER = ["language", "lexical", "function_words", "repetition", "structure", "oddness", "readability"];

function product(signals: Record<string, SignalResult>): number {
  let s = 1;
  for (const name in signals) {
    const w = WEIGHTS[name] ?? 0;
    const sub = signals[name]!.subscore;
    if (w > 0 && sub !== 1) s *= Math.pow(Math.max(sub, 1e-6), w);
  }
  return s;
}

describe("subscoreProduct", () => {
  it("is windowScore's product for the scorer's signal records, exactly", () => {
    let seed = 11;
    const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const values = [1, 1, 1, 0, 1e-9, 0.5, 0.999, 0.45, 0.1, 0.123456789, NaN];
    const sub = (): number =>
      rnd() < 0.4
        ? values[Math.floor(rnd() * values.length)]!
        : rnd() < 0.5
          ? Math.round(rnd() * 1000) / 1000
          : rnd();
    for (let k = 0; k < 50_000; k++) {
      const signals: Record<string, SignalResult> = {};
      for (const name of ORDER) signals[name] = { value: 0, subscore: sub(), explanation: "" };
      if (rnd() < 0.6) signals.anchoring = { value: 0, subscore: sub(), explanation: "" };
      const got = subscoreProduct(
        signals.language!.subscore,
        signals.lexical!.subscore,
        signals.function_words!.subscore,
        signals.repetition!.subscore,
        signals.structure!.subscore,
        signals.anchoring?.subscore ?? 1,
      );
      expect(Object.is(got, product(signals)), JSON.stringify(signals)).toBe(true);
      expect(scoreOfSignals(signals), JSON.stringify(signals)).toBe(windowScore(signals));
    }
  });
});
