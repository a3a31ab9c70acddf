import { describe, expect, it, vi } from "vitest";
import type { ReviewInput, ReviewResult } from "../../../lambdas/core/review/index";
import { B62, body, CLEAN, randomToken, text } from "./helpers";

type Review = (input: ReviewInput) => ReviewResult;

/** A fresh copy of the review module: nothing remembered from earlier calls. */
async function freshReview(): Promise<Review> {
  vi.resetModules();
  return (await import("../../../lambdas/core/review/index")).review;
}

/** The same text as a concatenated ("cons") string, as the legibility explanations are built. */
const cons = (t: string) => t.slice(0, t.length >> 1) + t.slice(t.length >> 1);

// Short strings outside the messages, clean or not under one setting or another (secret-shaped
// data is built at run time).
const key = () => "sk" + "_live_" + randomToken(B62, 28, 3);
const SHORT = [
  "No sentence or phrase is repeated more than twice.",
  "cotshare-legibility@2",
  "Project Bluefinch was mentioned",
  "Nightjr is near",
  "password=" + randomToken(B62, 12, 5),
  "the token is " + randomToken(B62, 10, 9),
  key(),
  randomToken("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 18, 11),
  randomToken(B62, 17, 13),
  "aB3dE5gH7jK9mN1pQ",
  "human-eval",
  "⟦SECRET_1⟧ and ⟦NAME_2⟧",
  "passengers and keys",
];

function inputs(): ReviewInput[] {
  const out: ReviewInput[] = [];
  const policies = [
    { denyTerms: ["Project Bluefinch", "Nightjar"], allowTerms: [] },
    { denyTerms: ["Kestrel-7"], allowTerms: [] },
    undefined,
  ];
  const thresholds = [
    undefined,
    { secretMinEntropy: 2.5, secretMinLength: 12, secretMinSegmentLength: 8 },
    { secretMaxMeanPiece: 6 },
  ];
  let i = 0;
  for (const policy of policies)
    for (const th of thresholds)
      for (const s of SHORT) {
        const t = i++ % 2 === 0 ? cons(s) : s;
        out.push({
          body: body([text(CLEAN)], {
            model: { id: t },
            tags: [t, cons("tag " + s)],
            legibility: { score: 80, signals: { a: { value: 1, subscore: 1, explanation: cons(s) } } },
          }),
          policy,
          thresholds: th,
        });
      }
  return out;
}

describe("review: clean short strings remembered", () => {
  it("gives every input the answer a fresh review gives, whatever came before", async () => {
    const all = inputs();
    const fresh: string[] = [];
    for (const x of all) fresh.push(JSON.stringify((await freshReview())(x)));
    const blocked = fresh.filter((r) => r.includes('"BLOCK"')).length;
    expect(blocked).toBeGreaterThan(all.length / 4);
    expect(blocked).toBeLessThan(all.length);
    // One module, in order, reversed and again: the memory never changes an answer.
    const review = await freshReview();
    // Each pass reads inputs built anew (new string objects, as from a new file), once per pass
    // rather than once per input.
    const passes = [[...all.keys()], [...all.keys()].reverse(), [...all.keys()]];
    for (const pass of passes) {
      const xs = inputs();
      for (const i of pass) expect(JSON.stringify(review(xs[i]!)), String(i)).toBe(fresh[i]);
    }
  });
});
