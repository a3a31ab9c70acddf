/**
 * The dataset card (`README.md`) of a set, with Hugging Face-compatible YAML front matter
 * (license, tags, size, configs → data.parquet) so a set can be mirrored to a dataset hub as is.
 * It never names its own set id: the id is a hash over the manifest, which lists this file's hash.
 */
import type { Manifest } from "./manifest";
import { JSONL_FILE, MANIFEST_FILE, PARQUET_FILE } from "./manifest";

/** Table cells and headings: no markup, no pipes, no line breaks from data. */
function cell(s: string): string {
  return s.replace(/[\r\n]+/g, " ").replace(/[|\\`*_<>[\]]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sizeCategory(n: number): string {
  return n < 1000 ? "n<1K" : n < 10_000 ? "1K<n<10K" : "10K<n<100K";
}

/** Hugging Face licence ids are the lower-cased SPDX ids (cc-by-4.0, apache-2.0, mit…). */
export function hubLicense(spdx: string): string {
  return /^[A-Za-z0-9.+-]+$/.test(spdx) ? spdx.toLowerCase() : "other";
}

/** Optional sections built elsewhere (already Markdown-escaped). */
export interface CardExtras {
  /** The "Models" section (see `core/compare`), and the files it refers to. */
  models?: { section: string; files: { path: string; contents: string }[] };
}

export function datasetCard(m: Omit<Manifest, "setId" | "files">, extras: CardExtras = {}): string {
  const labs = Object.keys(m.counts.labs).length;
  const models = Object.keys(m.counts.models).length;
  const lines = [
    "---",
    `license: ${hubLicense(m.license)}`,
    "pretty_name: cotshare chain-of-thought transcripts",
    "tags:",
    "- chain-of-thought",
    "- reasoning",
    "- legibility",
    "- monitorability",
    "- ai-safety",
    "task_categories:",
    "- text-generation",
    "size_categories:",
    `- ${sizeCategory(m.counts.transcripts)}`,
    "configs:",
    "- config_name: default",
    "  data_files:",
    "  - split: train",
    `    path: ${PARQUET_FILE}`,
    "---",
    "",
    "# cotshare chain-of-thought transcripts",
    "",
    `${m.counts.transcripts} redacted reasoning transcripts from ${labs} lab(s) and ${models} model(s), ` +
      "shared by their labs and scored for legibility (0–100, 100 = fully legible).",
    `Created ${cell(m.createdAt)}. ${m.previous ? `Replaces set ${cell(m.previous)}.` : "First version."}`,
    "",
    "Confidential values were replaced by typed, numbered placeholders before publication; a",
    "placeholder is never the original text. Scores were computed by " + `\`${cell(m.scorer)}\`.`,
    "",
    "## Files",
    "",
    "| file | contents |",
    "|---|---|",
    `| \`${MANIFEST_FILE}\` | members, per-file sha256 and size, selection policy, licence |`,
    `| \`${PARQUET_FILE}\` | one row per transcript: id, lab, model, legibility, verdict, messages (JSON string) |`,
    `| \`${JSONL_FILE}\` | one published transcript per line |`,
    "| `transcripts/<id>.json` | one published transcript per file |",
    ...(extras.models?.files ?? []).map((f) => `| \`${cell(f.path)}\` | ${cell(f.contents)} |`),
    "",
    ...(extras.models ? ["## Models", "", extras.models.section, ""] : []),
    "## Transcripts",
    "",
    "| id | lab | model | legibility | review |",
    "|---|---|---|---:|---|",
    ...m.transcripts.map(
      (t) =>
        `| ${cell(t.id)} | ${cell(t.lab)} | ${cell(t.model)} | ${t.legibility.toFixed(1)} | ${cell(t.verdict)} |`,
    ),
    "",
    "## Selection",
    "",
    "At most a few transcripts per lab and per model, spread across legibility bands, near-duplicates",
    "removed; only transcripts whose lab consented and that passed the automatic review or a human",
    "reviewer. The exact policy:",
    "",
    "```json",
    JSON.stringify(m.selection, null, 2),
    "```",
    "",
    "## Withdrawn",
    "",
    m.withdrawn.length
      ? `These transcripts were withdrawn and are no longer distributed: ${m.withdrawn.map(cell).join(", ")}.`
      : "None.",
    "",
    "## Verify",
    "",
    `Every file is listed in \`${MANIFEST_FILE}\` with its sha256 and size. The set id is the first 20`,
    "hex digits of the sha256 of the manifest's canonical JSON (sorted keys, no spaces) without its",
    "`setId` member.",
    "",
    "## Licence",
    "",
    `${cell(m.license)}.`,
    "",
  ];
  return lines.join("\n");
}
