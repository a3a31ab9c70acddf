/**
 * The demo transcripts show what the scorer does: the clean one reads as legible, the token-soup
 * one (a sampler run too hot) as illegible. A newcomer's first look at the viewer should not show
 * "token soup" above the illegible line (QA pass, session six).
 */
import { describe, expect, it } from "vitest";
import { scoreTranscript } from "../../lambdas/core/legibility";
import { readTranscripts } from "../../lambdas/core/transcript/read";
import { demoFiles } from "../../local/demo/index";

function scoreOf(name: string): number {
  const f = demoFiles().find((d) => d.name === name);
  expect(f, name).toBeDefined();
  const r = readTranscripts(name, new TextEncoder().encode(f!.body));
  expect(r.items).toHaveLength(1);
  return scoreTranscript(r.items[0]!.transcript).score;
}

describe("demo data", () => {
  it("the token-soup transcript scores below the illegible line of 50", () => {
    expect(scoreOf("native/token-soup.json")).toBeLessThan(50);
  });

  it("every demo file reads as one or more transcripts", () => {
    for (const f of demoFiles()) {
      const r = readTranscripts(f.name, new TextEncoder().encode(f.body));
      expect(r.items.length, f.name).toBeGreaterThan(0);
    }
  });
});
