/** English number words and their values, for prompt anchoring (see anchoring.ts). */
const WORDS =
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(
    " ",
  );
const TENS: Record<string, number> = {
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  half: 0.5,
  twice: 2,
  double: 2,
  triple: 3,
  dozen: 12,
};

/** Number word → its value as a string: one Map lookup per word instead of a list scan. */
export const NUMBER_WORDS = new Map<string, string>([
  ...WORDS.map((w, i) => [w, String(i)] as const),
  ...Object.entries(TENS).map(([w, n]) => [w, String(n)] as const),
]);
