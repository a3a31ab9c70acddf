import { describe, expect, it } from "vitest";
import { scoreTranscript, scoreWithParts } from "../../../lambdas/core/legibility/index";
import { Transcript, type TranscriptInput } from "../../../lambdas/core/transcript/schema";
import { CLEAN_EN, CLEAN_FR, PROMPT_EN, PROMPT_FR, SHORTHAND_EN, SOUP_EN, TERSE_EN } from "./fixtures";

type MessageIn = TranscriptInput["messages"][number];
const user = (text: string): MessageIn => ({ role: "user", parts: [{ type: "text", text }] });
const thinking = (...texts: string[]): MessageIn => ({
  role: "assistant",
  parts: texts.map((text) => ({ type: "reasoning" as const, text })),
});
const of = (messages: MessageIn[]): Transcript =>
  Transcript.parse({ schema: "cotshare/transcript@1", id: "t1", model: { id: "m" }, messages });

/** Several prompts and reasoning parts, as a long transcript of many turns is. */
const RAW = [
  user(PROMPT_EN),
  thinking(CLEAN_EN, TERSE_EN),
  user(PROMPT_FR),
  thinking(CLEAN_FR),
  user(PROMPT_EN),
  thinking(SHORTHAND_EN, SOUP_EN),
];

/** RAW with the text at [message, part] replaced (as a redaction replaces a value by a placeholder). */
function changed(at: [number, number], text: string): MessageIn[] {
  return RAW.map((m, i) => ({
    ...m,
    parts: m.parts.map((p, j) => (i === at[0] && j === at[1] ? { ...p, text } : p)),
  }));
}

describe("scoreWithParts(t, reuse): the parts a redaction did not change keep their windows", () => {
  const { legibility: raw, parts: rawParts } = scoreWithParts(of(RAW));
  const reusing = (t: Transcript) => scoreWithParts(t, rawParts).legibility;

  it.each([
    ["a reasoning part", [1, 0], CLEAN_EN.replace("muffins", "[PERSON_1]")],
    ["the last part", [5, 1], SOUP_EN.slice(0, 40) + " [EMAIL_1] " + SOUP_EN.slice(40)],
    // A prompt in French before English reasoning is judged otherwise than an English one: the
    // part after a changed prompt must be scored again, though its own text is the same.
    ["a prompt", [2, 0], PROMPT_EN],
    ["the first prompt", [0, 0], PROMPT_FR],
  ] as const)("gives what a fresh scoring gives when %s changed", (_what, at, text) => {
    const red = of(changed([at[0], at[1]], text));
    const fresh = scoreTranscript(red);
    const reused = reusing(red);
    expect(reused).toEqual(fresh);
    expect(JSON.stringify(reused)).toBe(JSON.stringify(fresh));
  });

  it("scores a part after a changed prompt again (the prompt is part of what a part's windows depend on)", () => {
    // The French reasoning after an English prompt instead of a French one scores differently…
    const red = of(changed([2, 0], PROMPT_EN));
    const fresh = scoreTranscript(red);
    const frWindow = (l: typeof raw) => l.windows.filter((w) => w.message === 3);
    expect(frWindow(fresh)).not.toEqual(frWindow(raw));
    // …and reusing the raw windows of that part would have published the raw score.
    expect(frWindow(reusing(red))).toEqual(frWindow(fresh));
  });

  it("takes nothing from the parts of another transcript's shape", () => {
    const other = scoreWithParts(of([user(PROMPT_EN), thinking(SOUP_EN)])).parts;
    const t = of([user(PROMPT_EN), thinking(CLEAN_EN)]);
    expect(scoreWithParts(t, other).legibility).toEqual(scoreTranscript(t));
    expect(scoreWithParts(of(RAW), rawParts).legibility).toEqual(raw);
    expect(scoreTranscript(of(RAW))).toEqual(raw);
  });

  it("does not share window objects between the two results", () => {
    const red = of(changed([1, 0], CLEAN_EN.replace("muffins", "[PERSON_1]")));
    const reused = reusing(red);
    const last = reused.windows.at(-1)!;
    expect(raw.windows).not.toContain(last);
    expect(raw.windows.at(-1)).toEqual(last);
  });
});
