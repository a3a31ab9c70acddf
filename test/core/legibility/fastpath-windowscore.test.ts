import { describe, expect, it } from "vitest";
import { WEIGHTS, windowScore } from "../../../lambdas/core/legibility/score";
import type { SignalResult } from "../../../lambdas/core/legibility/types";

// The window score as documented: 100 × Π max(subscoreᵢ, 1e-6)^weightᵢ over the weighted signals,
// rounded to one decimal. windowScore skips the factors of sub-score 1; the result must not move.
function reference(signals: Record<string, SignalResult>): number {
  let s = 1;
  for (const name in signals) {
    const w = WEIGHTS[name] ?? 0;
    if (w > 0) s *= Math.pow(Math.max(signals[name]!.subscore, 1e-6), w);
  }
  return Math.round(s * 1000) / 10;
}

describe("windowScore", () => {
  it("is the weighted product of the sub-scores, exactly, when many of them are 1", () => {
    let seed = 3;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const names = [...Object.keys(WEIGHTS), "unknown_signal"];
    const values = [1, 1, 1, 0, 1e-9, 0.5, 0.999, 0.45, 0.1, NaN];
    for (let k = 0; k < 20_000; k++) {
      const signals: Record<string, SignalResult> = {};
      for (const name of names) {
        if (rnd() < 0.2) continue;
        const subscore =
          rnd() < 0.5 ? values[Math.floor(rnd() * values.length)]! : Math.round(rnd() * 1000) / 1000;
        signals[name] = { value: 0, subscore, explanation: "" };
      }
      expect(windowScore(signals), JSON.stringify(signals)).toBe(reference(signals));
    }
  });
});
