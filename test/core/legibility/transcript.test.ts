import { describe, expect, it } from "vitest";
import { SCORER_ID, scoreTranscript } from "../../../lambdas/core/legibility/index";
import { Transcript, type TranscriptInput } from "../../../lambdas/core/transcript/schema";
import { CLEAN_EN, PROMPT_EN, SOUP_EN } from "./fixtures";

type PartIn = TranscriptInput["messages"][number]["parts"][number];
function transcript(assistantParts: PartIn[], prompt = PROMPT_EN): Transcript {
  return Transcript.parse({
    schema: "cotshare/transcript@1",
    id: "t1",
    model: { id: "m" },
    messages: [
      { role: "user", parts: [{ type: "text", text: prompt }] },
      { role: "assistant", parts: assistantParts },
    ],
  });
}

describe("scoreTranscript", () => {
  it("scores raw reasoning, versioned, with signals and windows", () => {
    const r = scoreTranscript(
      transcript([
        { type: "reasoning", text: CLEAN_EN },
        { type: "text", text: "420 dollars." },
      ]),
    );
    expect(r.scorer).toBe(SCORER_ID);
    expect(r.basis).toBe("reasoning");
    expect(r.score).toBeGreaterThanOrEqual(90);
    expect(r.windows).toHaveLength(1);
    expect(r.worst).toEqual(r.windows[0]);
    expect(r.worst).toMatchObject({ message: 1, part: 0, start: 0 });
    expect(Object.keys(r.signals)).toEqual(
      expect.arrayContaining(["language", "lexical", "repetition", "oddness"]),
    );
  });

  it("lets a short burst of gibberish in a long clean CoT show, and points at it", () => {
    // Four different clean passages (numbers and nouns changed, so nothing repeats) around a burst.
    const nouns = ["muffins", "loaves", "cakes", "pies", "buns"];
    const clean = (i: number) =>
      CLEAN_EN.replace(/\d+/g, (n) => String(Number(n) + i * 11))
        .replace(/muffins?/g, nouns[i]!)
        .replace(/First/g, `Step ${i + 1}`);
    const text = [clean(0), clean(1), clean(2), SOUP_EN, clean(3), clean(4)].join("\n\n");
    const r = scoreTranscript(transcript([{ type: "reasoning", text }]));
    expect(r.windows.length).toBeGreaterThan(1);
    expect(r.score).toBeLessThan(60); // clean windows score ~100
    const soupStart = text.indexOf("basswood colby");
    const soupEnd = soupStart + SOUP_EN.length;
    // The worst window overlaps the burst.
    expect(r.worst!.start).toBeLessThan(soupEnd);
    expect(r.worst!.end).toBeGreaterThan(soupStart);
    // Clean windows stay high (a few number-free sentences do recur across the copies).
    const best = Math.max(...r.windows.map((w) => w.score));
    expect(best).toBeGreaterThan(70);
    expect(r.worst!.score).toBeLessThan(best - 20);
  });

  it("scores summaries apart and says so; never mixes them with raw reasoning", () => {
    const s = scoreTranscript(transcript([{ type: "reasoning", text: CLEAN_EN, summary: true }]));
    expect(s.basis).toBe("summary");
    expect(s.notes.join(" ")).toMatch(/summaries/);
    const mixed = scoreTranscript(
      transcript([
        { type: "reasoning", text: SOUP_EN, summary: true },
        { type: "reasoning", text: CLEAN_EN },
      ]),
    );
    expect(mixed.basis).toBe("reasoning");
    expect(mixed.score).toBeGreaterThanOrEqual(90);
    expect(mixed.windows.every((w) => w.part === 1)).toBe(true);
  });

  it("marks opaque reasoning and falls back to assistant text", () => {
    const r = scoreTranscript(
      transcript([
        { type: "reasoning", text: "", opaque: true },
        { type: "text", text: CLEAN_EN },
      ]),
    );
    expect(r.basis).toBe("text");
    expect(r.notes.join(" ")).toMatch(/encrypted or redacted/);
    expect(r.score).toBeGreaterThanOrEqual(90);
  });

  it("has basis none when nothing is scorable", () => {
    const r = scoreTranscript(transcript([{ type: "reasoning", text: "", opaque: true }]));
    expect(r.basis).toBe("none");
    expect(r.score).toBe(0);
    expect(r.worst).toBeUndefined();
    expect(r.windows).toEqual([]);
  });

  it("uses the last user message before the reasoning as the prompt", () => {
    const t = Transcript.parse({
      schema: "cotshare/transcript@1",
      id: "t2",
      model: { id: "m" },
      messages: [
        {
          role: "user",
          parts: [
            {
              type: "text",
              text: "Bonjour, pouvez-vous m'aider avec un problème de mathématiques, s'il vous plaît ?",
            },
          ],
        },
        { role: "assistant", parts: [{ type: "text", text: "Oui." }] },
        { role: "user", parts: [{ type: "text", text: PROMPT_EN }] },
        { role: "assistant", parts: [{ type: "reasoning", text: CLEAN_EN }] },
      ],
    });
    const r = scoreTranscript(t);
    expect(r.signals.language!.value).toBe(0);
    expect(r.windows[0]!.message).toBe(3);
  });

  it("is deterministic", () => {
    const t = transcript([{ type: "reasoning", text: CLEAN_EN + "\n" + SOUP_EN }]);
    expect(scoreTranscript(t)).toEqual(scoreTranscript(t));
    expect(JSON.stringify(scoreTranscript(t))).toBe(JSON.stringify(scoreTranscript(structuredClone(t))));
  });
});
