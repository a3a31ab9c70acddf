/**
 * The benchmark corpus: every CoT of ../shared/benchmarks/cot/ (100 real clean CoTs, 100 terse
 * gpt-oss-120b CoTs with their answers, 600 synthetic degradations) wrapped into canonical
 * `cotshare/transcript@1` transcripts — the user's question, then the assistant's reasoning and
 * (where the source has one) its visible answer — and repeated until the corpus reaches the size
 * asked for. Copies differ in their ids only; the scorer and redactor keep no state across
 * transcripts that could make a copy cheaper (the word-facts cache holds pure per-word facts, as
 * it would after the first minutes of any real run).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SCHEMA_ID, type Transcript } from "../lambdas/core/transcript/schema";
import { COT_DIR } from "./lib";

interface Row {
  model: string;
  question: string;
  cot: string;
  answer?: string;
  tag: string;
}

function rows(): Row[] {
  const out: Row[] = [];
  const human = JSON.parse(readFileSync(join(COT_DIR, "md-eval-cot_human_eval_gsm8k.json"), "utf8")) as {
    data: { question: string; gcot: string; model_id: string };
  }[];
  for (const h of human)
    out.push({ model: h.data.model_id, question: h.data.question, cot: h.data.gcot, tag: "human-eval" });
  for (const l of readFileSync(join(COT_DIR, "md-eval-cot_GSM8K_gpt-oss-120b_sample100.jsonl"), "utf8").split(
    "\n",
  )) {
    if (!l.trim()) continue;
    const r = JSON.parse(l) as { model: string; question: string; cot: string; response: string };
    out.push({ model: r.model, question: r.question, cot: r.cot, answer: r.response, tag: "gpt-oss-sample" });
  }
  for (const l of readFileSync(join(COT_DIR, "synthetic_degraded_from_md-eval-cot.jsonl"), "utf8").split(
    "\n",
  )) {
    if (!l.trim()) continue;
    const r = JSON.parse(l) as { model_id: string; question: string; cot: string; variant: string };
    out.push({ model: r.model_id, question: r.question, cot: r.cot, tag: `synthetic-${r.variant}` });
  }
  return out;
}

export function toTranscript(r: Row, id: string): Transcript {
  const assistant: Transcript["messages"][number]["parts"] = [
    { type: "reasoning", text: r.cot, summary: false, opaque: false },
  ];
  if (r.answer) assistant.push({ type: "text", text: r.answer });
  return {
    schema: SCHEMA_ID,
    id,
    model: { id: r.model.slice(0, 256) || "unknown" },
    tags: [r.tag],
    messages: [
      { role: "user", parts: [{ type: "text", text: r.question }] },
      { role: "assistant", parts: assistant },
    ],
  };
}

export interface CorpusItem {
  transcript: Transcript;
  /** The transcript as a native intake file (one JSON object). */
  bytes: Uint8Array;
  /** The texts of its parts (question, reasoning, answer). */
  texts: string[];
}

export interface Corpus {
  items: CorpusItem[];
  /** Total size of the intake files. */
  bytes: number;
  /** Total UTF-8 size of the texts alone. */
  textBytes: number;
  distinct: number;
}

/** At least `minBytes` of intake files (whole copies of the source rows). */
export function buildCorpus(minBytes: number): Corpus {
  const base = rows();
  const enc = new TextEncoder();
  const items: CorpusItem[] = [];
  let bytes = 0;
  let textBytes = 0;
  for (let copy = 0; bytes < minBytes; copy++) {
    base.forEach((r, i) => {
      const transcript = toTranscript(r, `bench-${copy}-${i}`);
      const b = enc.encode(JSON.stringify(transcript));
      const texts = [r.question, r.cot, ...(r.answer ? [r.answer] : [])];
      items.push({ transcript, bytes: b, texts });
      bytes += b.length;
      for (const t of texts) textBytes += Buffer.byteLength(t, "utf8");
    });
  }
  return { items, bytes, textBytes, distinct: base.length };
}
