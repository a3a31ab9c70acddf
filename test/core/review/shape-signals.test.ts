import { describe, expect, it } from "vitest";
import { checkedStrings } from "../../../lambdas/core/review/shape";
import { reviewStrings } from "../../../lambdas/core/review/strings";
import { checkStructure } from "../../../lambdas/core/review/structure";
import { body, text } from "./helpers";

/** A body with three legibility signals, as the scorer writes them. */
function withSignals(): Record<string, unknown> {
  return body([text("a b c")], {
    legibility: {
      score: 71,
      scorer: "cotshare-legibility@1",
      basis: "reasoning",
      signals: {
        language: { value: "en", subscore: 100, explanation: "English (0.98)" },
        lexical: { value: 0.42, subscore: 80, explanation: "42% distinct words" },
        "odd key": { value: null, subscore: 50, explanation: "no signal" },
      },
    },
  }) as unknown as Record<string, unknown>;
}

const listed = (b: unknown) => checkedStrings(b)?.map((s) => [s.path, s.text, s.message, s.idKey]);
const walked = (b: unknown) => reviewStrings(b).map((s) => [s.path, s.text, s.message, s.idKey]);

type Signals = Record<string, Record<string | symbol, unknown>>;
const signalsOf = (b: Record<string, unknown>) => (b.legibility as { signals: Signals }).signals;

describe("the legibility signals in the checked walk", () => {
  it("lists each signal's strings where the general walk does", () => {
    const b = withSignals();
    expect(listed(b)).toEqual(walked(b));
    expect(listed(b)!.filter((x) => x[1] === "no signal")).toHaveLength(1);
    expect(listed(b)).toContainEqual(["legibility.signals.language.value", "en", false, false]);
  });

  it("takes every valid value (null, a string, a boolean, a number), and no explanation", () => {
    for (const value of [null, "x", true, false, 0, 3.5]) {
      const b = withSignals();
      signalsOf(b).lexical!.value = value;
      expect(checkStructure(b)).toEqual([]);
      expect(listed(b)).toEqual(walked(b));
    }
    const b = withSignals();
    delete signalsOf(b).lexical!.explanation;
    expect(checkStructure(b)).toEqual([]);
    expect(listed(b)).toEqual(walked(b));
  });

  it("leaves every malformed signal to the schema, which reports it", () => {
    const edits: ((s: Record<string | symbol, unknown>, all: Signals) => void)[] = [
      (s) => (s.extra = 1),
      (s) => delete s.value,
      (s) => (s.value = {}),
      (s) => (s.value = undefined),
      (s) => (s.value = Number.NaN),
      (s) => (s.subscore = "1"),
      (s) => delete s.subscore,
      (s) => (s.explanation = 5),
      (_s, all) => (all.broken = "not an object" as unknown as Record<string, unknown>),
      (_s, all) => (all.empty = {}),
    ];
    for (const edit of edits) {
      const b = withSignals();
      const all = signalsOf(b);
      edit(all.lexical!, all);
      expect(checkedStrings(b), String(edit)).toBeUndefined();
      expect(checkStructure(b).length, String(edit)).toBeGreaterThan(0);
    }
  });

  it("leaves a symbol key among the signals, and a signal not made as data, to the schema", () => {
    const b = withSignals();
    signalsOf(b)[Symbol("s") as unknown as string] = { value: 1, subscore: 1, explanation: "" };
    expect(checkedStrings(b)).toBeUndefined();
    const c = withSignals();
    Object.setPrototypeOf(signalsOf(c).lexical!, null);
    expect(checkedStrings(c)).toBeUndefined();
  });
});
