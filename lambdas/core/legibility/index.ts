/**
 * The legibility scorer, `cotshare-legibility@2`: a deterministic 0–100 score (100 = fully legible)
 * that explains itself per signal and per window. Pure: no I/O, no clock, no randomness.
 * See docs/legibility.md for the signals, weights, calibration and blind spots.
 */
import { isSpace } from "../chars";
import type { Transcript } from "../transcript/schema";
import { anchoringEnd, anchoringSignal, anchoringStart, anchoringWindow } from "./anchoring";
import { functionWordSignal } from "./density";
import { worstPerSignal } from "./explain";
import { detectLanguage, languageName, languageSignal } from "./language";
import { lexicalSignal } from "./lexical";
import { oddnessSignal } from "./oddness";
import { readabilitySignal } from "./readability";
import { partCounters, repetitionSignal } from "./repetition";
import { lowPercentile, scoreOfSignals, subscoreProduct } from "./score";
import { structureSignal } from "./structure";
import { mask } from "./text";
import type { PartContext, SignalResult } from "./types";
import { trimVocabulary } from "./vocab";
import { analyseWindow, splitWindows } from "./windows";

export type { SignalResult } from "./types";
export { WEIGHTS } from "./score";

export const SCORER_ID = "cotshare-legibility@2";

export interface WindowScore {
  message: number;
  part: number;
  start: number;
  end: number;
  /** 0..100 */
  score: number;
}

export interface Legibility {
  scorer: string;
  /** 0..100, 100 = fully legible. */
  score: number;
  /** what was scored: raw reasoning; only provider summaries; assistant text when there is no reasoning; nothing scorable */
  basis: "reasoning" | "summary" | "text" | "none";
  signals: Record<string, SignalResult>;
  worst?: WindowScore;
  windows: WindowScore[];
  notes: string[];
}

interface ScoredWindow {
  /** The window as reported (the same object goes into `windows`). */
  at: WindowScore;
  signals: Record<string, SignalResult>;
}

let partStamp = 0;

/** What one scored part gave: its windows (`windows[first, end)` of its `ScoredParts`). */
interface ScoredPart {
  message: number;
  part: number;
  text: string;
  prompt: string | undefined;
  first: number;
  end: number;
}

/**
 * The scored parts behind a result of `scoreWithParts`, for a later scoring of a transcript of the
 * same shape (opaque to callers; the pipeline keeps it beside the raw result until the redacted
 * form is scored, then drops it).
 */
export interface ScoredParts {
  readonly windows: readonly ScoredWindow[];
  readonly parts: readonly ScoredPart[];
}

/** Scores the windows of one part, appending them to `out`. */
function scorePart(
  out: ScoredWindow[],
  text: string,
  prompt: string | undefined,
  message: number,
  part: number,
): void {
  trimVocabulary(); // between parts only: vocabulary ids are valid within a part
  const masked = mask(text);
  const promptLang = prompt ? detectLanguage(mask(prompt).text) : "und";
  const counters = partCounters(text.length);
  const windows = splitWindows(masked.text);
  // Anchoring reads the reasoning as written (numbers inside maths count too). When nothing was
  // masked and no window boundary splits a token, the windows' tokens, in order, are the text's:
  // it reads them instead (window by window; the windows' scores wait for it).
  const byTokens = masked.maskedChars === 0 && splitsNoToken(text, windows);
  const counting = byTokens && anchoringStart(prompt, text);
  const ctx: PartContext = {
    expected: promptLang !== "und" ? promptLang : detectLanguage(masked.text),
    fromPrompt: promptLang !== "und",
    ngramCounts: counters.ngramCounts,
    sentenceCounts: counters.sentenceCounts,
    partStamp: ++partStamp,
    wordIdCount: 0,
    anchoring: byTokens ? undefined : anchoringSignal(prompt, text),
  };
  const first = out.length;
  for (const { start, end } of windows) {
    // A window without a letter or digit (all code/maths/placeholders) has nothing to judge. Every
    // letter or digit is in a word or number token, and analysing such a window changes nothing.
    const w = analyseWindow(masked.text.slice(start, end), 0, ctx);
    if (w.nPartIds === 0) continue;
    // (Token offsets are the window's: the window's text is the part's from `start`.)
    if (counting) anchoringWindow(start === 0 ? text : text.slice(start, end), w.tokens, w.anchorTokens);
    const language = languageSignal(w, ctx);
    const lexical = lexicalSignal(w);
    const functionWords = functionWordSignal(w);
    const repetition = repetitionSignal(w, ctx);
    const structure = structureSignal(w);
    const signals: Record<string, SignalResult> = {
      language,
      lexical,
      function_words: functionWords,
      repetition,
      structure,
      oddness: oddnessSignal(w),
      readability: readabilitySignal(w),
    };
    const anchoring = ctx.anchoring;
    if (anchoring) signals.anchoring = anchoring;
    // windowScore(signals), from the sub-scores (see subscoreProduct).
    const score = byTokens
      ? 0
      : Math.round(
          subscoreProduct(
            language.subscore,
            lexical.subscore,
            functionWords.subscore,
            repetition.subscore,
            structure.subscore,
            anchoring ? anchoring.subscore : 1,
          ) * 1000,
        ) / 10;
    out.push({ at: { message, part, start, end, score }, signals });
  }
  if (byTokens) {
    const anchoring = counting && out.length > first ? anchoringEnd(text) : undefined;
    for (let i = first; i < out.length; i++) {
      const { at, signals } = out[i]!;
      if (anchoring) signals.anchoring = anchoring;
      at.score = scoreOfSignals(signals);
    }
  }
}

/**
 * Whether no window boundary of `text` can be inside a token: at each, the character before or
 * the one after is white space (no token holds any). Windows are cut at white space when there is
 * some near the boundary (see splitWindows).
 */
function splitsNoToken(text: string, windows: readonly { start: number; end: number }[]): boolean {
  for (let i = 1; i < windows.length; i++) {
    const at = windows[i]!.start;
    if (!isSpace(text.charCodeAt(at)) && !isSpace(text.charCodeAt(at - 1))) return false;
  }
  return true;
}

function summarise(windows: ScoredWindow[]): Pick<Legibility, "score" | "signals" | "worst" | "windows"> {
  if (windows.length === 0) return { score: 0, signals: {}, windows: [] };
  const plain: WindowScore[] = [];
  const signals: Record<string, SignalResult>[] = [];
  let worst = windows[0]!.at;
  for (const w of windows) {
    plain.push(w.at);
    signals.push(w.signals);
    if (w.at.score < worst.score) worst = w.at;
  }
  return {
    score: plain.length === 1 ? worst.score : lowPercentile(plain.map((w) => w.score)),
    signals: worstPerSignal(signals),
    worst,
    windows: plain,
  };
}

/** Scores one text as a single reasoning part (for the benchmark and tests). */
export function scoreText(
  text: string,
  opts: { promptText?: string } = {},
): { score: number; signals: Record<string, SignalResult> } {
  const windows: ScoredWindow[] = [];
  scorePart(windows, text, opts.promptText, 0, 0);
  const s = summarise(windows);
  return { score: s.score, signals: s.signals };
}

function textOf(parts: Transcript["messages"][number]["parts"]): string {
  let out: string | undefined;
  for (const p of parts) if (p.type === "text") out = out === undefined ? p.text : `${out}\n${p.text}`;
  return out ?? "";
}

/**
 * `s.trim() !== ""` without the trimmed copy: whether s has a character outside JavaScript's white
 * space and line terminators (what trim removes and \s matches). Almost every text starts with one.
 */
export function hasText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return true;
  return false;
}

/**
 * Scores a transcript. Raw reasoning is scored when there is any; otherwise provider summaries
 * (basis "summary"); otherwise assistant text (basis "text"); never a mix of these. The prompt of
 * a part is the last user message before it.
 */
export function scoreTranscript(t: Transcript): Legibility {
  return scoreWithParts(t).legibility;
}

/**
 * `scoreTranscript`, with the scored parts behind the result. `reuse`, the parts of an earlier
 * scoring of a transcript of the same shape (the raw form of a redacted one), lends its windows to
 * each part at the same place that has the same text after the same prompt: a part's windows
 * depend on those two alone, so the result is the one a fresh scoring gives, and a long transcript
 * whose redaction touched one part pays for that part only. (The parts travel beside the result,
 * not in a WeakMap keyed by it: a map entry per transcript cost 2 % of the pipeline in the
 * collector's ephemeron work.)
 */
export function scoreWithParts(
  t: Transcript,
  reuse?: ScoredParts,
): { legibility: Legibility; parts: ScoredParts } {
  const notes: string[] = [];
  const raw: { text: string; prompt?: string; m: number; p: number }[] = [];
  const summaries: typeof raw = [];
  const texts: typeof raw = [];
  let opaque = 0;
  let prompt: string | undefined;
  for (let m = 0; m < t.messages.length; m++) {
    const msg = t.messages[m]!;
    if (msg.role === "user") {
      const txt = textOf(msg.parts);
      if (hasText(txt)) prompt = txt;
      continue;
    }
    if (msg.role !== "assistant") continue;
    for (let p = 0; p < msg.parts.length; p++) {
      const part = msg.parts[p]!;
      if (part.type === "reasoning") {
        if (part.opaque) opaque++;
        else if (hasText(part.text)) (part.summary ? summaries : raw).push({ text: part.text, prompt, m, p });
      } else if (part.type === "text" && hasText(part.text)) texts.push({ text: part.text, prompt, m, p });
    }
  }
  let basis: Legibility["basis"];
  let chosen: typeof raw;
  if (raw.length > 0) {
    basis = "reasoning";
    chosen = raw;
    if (summaries.length > 0)
      notes.push(`${summaries.length} provider summary part(s) not scored: only raw reasoning is.`);
  } else if (summaries.length > 0) {
    basis = "summary";
    chosen = summaries;
    notes.push(
      "Only provider summaries of the reasoning were available: the score is of the summaries, not of the raw chain of thought.",
    );
  } else if (texts.length > 0) {
    basis = "text";
    chosen = texts;
    notes.push("No reasoning in this transcript: the score is of the assistant's visible text.");
  } else {
    basis = "none";
    chosen = [];
    notes.push(
      "Nothing scorable: no reasoning and no assistant text. The score 0 means unscored, not illegible.",
    );
  }
  if (opaque > 0)
    notes.push(`${opaque} reasoning part(s) are encrypted or redacted by the provider and cannot be read.`);
  const windows: ScoredWindow[] = [];
  const parts: ScoredPart[] = [];
  for (const c of chosen) {
    const first = windows.length;
    const same = reuse && sameRecord(reuse.parts, c.m, c.p, c.text, c.prompt);
    if (same)
      for (let k = same.first; k < same.end; k++) {
        const w = reuse.windows[k]!;
        windows.push({ at: { ...w.at }, signals: w.signals });
      }
    else scorePart(windows, c.text, c.prompt, c.m, c.p);
    parts.push({ message: c.m, part: c.p, text: c.text, prompt: c.prompt, first, end: windows.length });
  }
  if (chosen.length > 0 && windows.length === 0)
    notes.push("The scored text is all code, maths or redaction placeholders.");
  let anyPrompt = false;
  for (const c of chosen) if (c.prompt) anyPrompt = true;
  if (chosen.length > 0 && !anyPrompt)
    notes.push(
      "No user prompt before the reasoning: its language is judged against its own dominant language.",
    );
  const s = summarise(windows);
  const lang = chosen[0]?.prompt ? detectLanguage(chosen[0].prompt) : undefined;
  if (lang && lang !== "en" && lang !== "und")
    notes.push(
      `The prompt is in ${languageName(lang)}: dictionary-based signals are English only and were neutral.`,
    );
  // As `{ scorer, basis, notes, ...s }` without the spread (no `worst` key when nothing was scored).
  const { score, signals, worst, windows: scored } = s;
  const legibility: Legibility =
    worst === undefined
      ? { scorer: SCORER_ID, basis, notes, score, signals, windows: scored }
      : { scorer: SCORER_ID, basis, notes, score, signals, worst, windows: scored };
  return { legibility, parts: { windows, parts } };
}

/** The part of an earlier result at the same place, when it scored the same text after the same prompt. */
function sameRecord(
  parts: readonly ScoredPart[],
  message: number,
  part: number,
  text: string,
  prompt: string | undefined,
): ScoredPart | undefined {
  for (const r of parts)
    if (r.message === message && r.part === part)
      return r.text === text && r.prompt === prompt ? r : undefined;
  return undefined;
}
