/**
 * Redaction benchmark (`npm run bench:redaction [-- --json]`). Reads ../shared/benchmarks/ (the
 * labelled sets and real CoTs; see their SOURCES.md) and prints, per data set:
 * - Presidio synthetic set: recall per labelled type and precision per redaction category.
 *   Rule: a gold span is recalled when predicted spans (of any category: a redaction is a
 *   redaction) cover ≥ 50 % of its characters. A predicted span is correct ("any" precision) when
 *   it overlaps any gold span by ≥ 1 character, and "same-type" correct when it overlaps a gold
 *   span of its own type (PERSON ↔ PERSON, ADDRESS ↔ STREET_ADDRESS/ZIP_CODE, …).
 * - CredSweeper findings: a finding is recalled when ≥ 80 % of its value's characters are covered.
 * - secretlint fixtures: positives as above on each expected value; a negative is flagged when
 *   any SECRET span is found in it.
 * - Real CoTs: share of whitespace-separated words that a span touches.
 * - Throughput on CoT-like text (the real CoTs, string by string), with redact-pii and secretlint
 *   timed on the same strings in the same run.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { detect, redactTranscript, type Policy, type Span } from "../lambdas/core/redact/index";
import { findSurvivors } from "../lambdas/core/review/survival";
import { collectStrings } from "../lambdas/core/review/strings";
import { DEFAULT_THRESHOLDS } from "../lambdas/core/review/thresholds";
import { Transcript } from "../lambdas/core/transcript/schema";
import { collectGarbage, secretlintLinter } from "./lib";

const ROOT = resolve(import.meta.dirname, "..", "..", "shared", "benchmarks");
const JSON_OUT = process.argv.includes("--json");
const SKIP_SLOW = process.argv.includes("--quick");
/** Detectors to switch off, e.g. REDACT_BENCH_DISABLE=entropy-token,person (to weigh one rule). */
const DISABLE = (process.env.REDACT_BENCH_DISABLE ?? "").split(",").filter(Boolean);

if (!existsSync(join(ROOT, "redaction"))) {
  console.error(
    `bench:redaction: ${ROOT} is absent — the benchmark data lives in ../shared/benchmarks/. Nothing measured.`,
  );
  process.exit(0);
}

function covered(spans: Span[], s: number, e: number): number {
  let c = 0;
  for (const p of spans) c += Math.max(0, Math.min(e, p.end) - Math.max(s, p.start));
  return e > s ? c / (e - s) : 0;
}

// ---------- Presidio ----------
interface PSpan {
  entity_type: string;
  start_position: number;
  end_position: number;
}
const SAME_TYPE: Record<string, string[]> = {
  PERSON: ["PERSON"],
  EMAIL: ["EMAIL_ADDRESS"],
  PHONE: ["PHONE_NUMBER"],
  CARD: ["CREDIT_CARD"],
  IBAN: ["IBAN_CODE"],
  SSN: ["US_SSN"],
  IP: ["IP_ADDRESS"],
  ADDRESS: ["STREET_ADDRESS", "ZIP_CODE"],
  DOB: ["DATE_TIME"],
  ID: ["US_DRIVER_LICENSE", "US_PASSPORT", "US_BANK_NUMBER", "US_ITIN", "MEDICAL_LICENSE"],
};
function presidio() {
  const data = JSON.parse(
    readFileSync(join(ROOT, "redaction/presidio_research_synth_dataset_v2.json"), "utf8"),
  ) as {
    full_text: string;
    spans: PSpan[];
  }[];
  const recall: Record<string, { n: number; hit: number }> = {};
  const prec: Record<string, { n: number; any: number; same: number }> = {};
  for (const r of data) {
    const pred = detect(r.full_text, { disable: DISABLE });
    for (const g of r.spans) {
      const x = (recall[g.entity_type] ??= { n: 0, hit: 0 });
      x.n++;
      if (covered(pred, g.start_position, g.end_position) >= 0.5) x.hit++;
    }
    for (const p of pred) {
      const x = (prec[p.category] ??= { n: 0, any: 0, same: 0 });
      x.n++;
      const over = r.spans.filter(
        (g) => Math.min(p.end, g.end_position) > Math.max(p.start, g.start_position),
      );
      if (over.length) x.any++;
      if (over.some((g) => (SAME_TYPE[p.category] ?? []).includes(g.entity_type))) x.same++;
    }
  }
  return {
    recall: Object.fromEntries(
      Object.entries(recall)
        .sort((a, b) => b[1].n - a[1].n)
        .map(([k, v]) => [k, { n: v.n, recall: v.hit / v.n }]),
    ),
    precision: Object.fromEntries(
      Object.entries(prec).map(([k, v]) => [k, { n: v.n, any: v.any / v.n, sameType: v.same / v.n }]),
    ),
  };
}

// ---------- CredSweeper ----------
function credsweeper() {
  const data = JSON.parse(
    gunzipSync(readFileSync(join(ROOT, "redaction/credsweeper_tests_data_output.json.gz"))).toString("utf8"),
  ) as {
    rule: string;
    line_data_list: { line: string; value: string; value_start: number; value_end: number }[];
  }[];
  let hit = 0;
  const missedByRule: Record<string, number> = {};
  for (const f of data) {
    const ok = f.line_data_list.every((l) => {
      let s = l.value_start;
      let e = l.value_end;
      if (s < 0 || l.line.slice(s, e) !== l.value) {
        s = l.line.indexOf(l.value);
        e = s + l.value.length;
      }
      if (s < 0) return false;
      return covered(detect(l.line, { disable: DISABLE }), s, e) >= 0.8;
    });
    if (ok) hit++;
    else missedByRule[f.rule] = (missedByRule[f.rule] ?? 0) + 1;
  }
  return { n: data.length, recall: hit / data.length, missedByRule };
}

// ---------- secretlint fixtures ----------
interface Fixture {
  id: string;
  rule: string;
  kind: string;
  text: string;
  rule_options: { rules?: { options?: Record<string, unknown> }[] } | null;
  expected: { values?: string[]; range: number[] }[];
}

/** The options a fixture sets, as `name` or `name=value` (`allows`, `enableIDScanRule=false`). */
function optionNames(f: Fixture): string {
  const names: string[] = [];
  for (const r of f.rule_options?.rules ?? [])
    for (const [k, v] of Object.entries(r.options ?? {}))
      names.push(typeof v === "boolean" ? `${k}=${v}` : k);
  return names.join("+") || "options";
}

/**
 * A fixture's secretlint options in cotshare's own terms, so that a fixture is judged under the
 * configuration it was written for: `allows` (an allow-list of literal values, or of `/regex/`
 * strings that hold no regex syntax) becomes the lab policy's `allowTerms`, and the AWS rule's
 * `enableIDScanRule: false` switches off cotshare's `aws-key-id` detector. An option with no
 * counterpart (a real regex) is listed as unmapped, and the fixture is judged without it.
 */
function fixtureConfig(f: Fixture): { policy?: Policy; disable: string[]; unmapped: string[] } {
  const allowTerms: string[] = [];
  const disable = [...DISABLE];
  const unmapped: string[] = [];
  for (const r of f.rule_options?.rules ?? [])
    for (const [k, v] of Object.entries(r.options ?? {})) {
      if (k === "allows" && Array.isArray(v)) {
        // secretlint matches a plain string literally and a "/…/" string as a regular expression.
        for (const a of v) {
          const m = typeof a === "string" ? /^\/(.*)\/[gimsuy]*$/.exec(a) : null;
          if (typeof a === "string" && !m) allowTerms.push(a);
          else if (m && !/[\\^$.*+?()[\]{}|]/.test(m[1]!)) allowTerms.push(m[1]!);
          else unmapped.push(`${k}: ${String(a).length} chars`);
        }
      } else if (k === "enableIDScanRule" && v === false) disable.push("aws-key-id");
      else if (k === "enableIDScanRule" && v === true) {
        // cotshare always scans for AWS key ids: the default already does what the option asks.
      } else unmapped.push(k);
    }
  const policy = allowTerms.length ? { denyTerms: [], allowTerms, internalDomains: [] } : undefined;
  return { policy, disable, unmapped };
}

function secretlintFixtures() {
  const rows = gunzipSync(readFileSync(join(ROOT, "redaction/secretlint_rule_fixtures.jsonl.gz")))
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Fixture);
  let pn = 0;
  let ph = 0;
  let nn = 0;
  let nf = 0;
  let nfDefault = 0;
  const missed: string[] = [];
  const flagged: string[] = [];
  const flaggedDefault: string[] = [];
  // Fixtures that set rule options, with how each was judged (for the printout).
  const withOptions: { id: string; kind: string; option: string; unmapped: string[] }[] = [];
  for (const r of rows) {
    const cfg = fixtureConfig(r);
    if (r.rule_options)
      withOptions.push({ id: r.id, kind: r.kind, option: optionNames(r), unmapped: cfg.unmapped });
    const pred = detect(r.text, { policy: cfg.policy, disable: cfg.disable });
    if (r.kind === "positive") {
      for (const e of r.expected) {
        pn++;
        const v = [...(e.values ?? [])].sort((a, b) => b.length - a.length)[0];
        let s = v ? r.text.indexOf(v) : -1;
        let en = v ? s + v.length : -1;
        if (s < 0) [s, en] = [e.range[0]!, e.range[1]!];
        if (covered(pred, s, en) >= 0.8) ph++;
        else missed.push(r.id);
      }
    } else {
      nn++;
      if (pred.some((p) => p.category === "SECRET")) {
        nf++;
        flagged.push(r.id);
      }
      // The same negative with cotshare's defaults (no allow terms, every detector on).
      const plain = r.rule_options ? detect(r.text, { disable: DISABLE }) : pred;
      if (plain.some((p) => p.category === "SECRET")) {
        nfDefault++;
        flaggedDefault.push(r.id);
      }
    }
  }
  return {
    positives: pn,
    positiveRecall: ph / pn,
    negatives: nn,
    /** share of negatives flagged, each judged under its own rule options (mapped as above) */
    negativesFlagged: nf / nn,
    /** share of negatives flagged when every fixture is run with cotshare's defaults */
    negativesFlaggedDefaults: nfDefault / nn,
    withOptions,
    missed,
    flagged,
    flaggedDefault,
  };
}

// ---------- real CoTs ----------
function cotTexts(): string[] {
  const out: string[] = [];
  for (const l of readFileSync(
    join(ROOT, "cot/md-eval-cot_GSM8K_gpt-oss-120b_sample100.jsonl"),
    "utf8",
  ).split("\n")) {
    if (!l.trim()) continue;
    const r = JSON.parse(l) as { cot: string; response: string };
    out.push(r.cot, r.response);
  }
  const human = JSON.parse(readFileSync(join(ROOT, "cot/md-eval-cot_human_eval_gsm8k.json"), "utf8")) as {
    data: { gcot: string };
  }[];
  for (const h of human) out.push(h.data.gcot);
  return out;
}

function wordsChanged(texts: string[]) {
  let words = 0;
  let changed = 0;
  const byCategory: Record<string, number> = {};
  for (const t of texts) {
    const spans = detect(t, { disable: DISABLE });
    for (const s of spans) byCategory[s.category] = (byCategory[s.category] ?? 0) + 1;
    for (const m of t.matchAll(/\S+/g)) {
      words++;
      const a = m.index;
      const b = a + m[0].length;
      if (spans.some((s) => s.start < b && s.end > a)) changed++;
    }
  }
  return { texts: texts.length, words, changed, share: changed / words, spansByCategory: byCategory };
}

/**
 * The real CoTs as whole transcripts (the problem statement as the user's message, the reasoning,
 * the answer): a name redacted in one string and kept in another would survive in the output,
 * which the review's survival check blocks. Counts the transcripts where that happens.
 */
function cotTranscripts(): Transcript[] {
  const out: Transcript[] = [];
  const make = (i: number, question: string, reasoning: string, answer?: string) =>
    Transcript.parse({
      schema: "cotshare/transcript@1",
      id: `cot-${i}`,
      model: { id: "m" },
      messages: [
        { role: "user", parts: [{ type: "text", text: question }] },
        {
          role: "assistant",
          parts: [
            { type: "reasoning", text: reasoning },
            ...(answer ? [{ type: "text", text: answer }] : []),
          ],
        },
      ],
    });
  let i = 0;
  for (const l of readFileSync(
    join(ROOT, "cot/md-eval-cot_GSM8K_gpt-oss-120b_sample100.jsonl"),
    "utf8",
  ).split("\n")) {
    if (!l.trim()) continue;
    const r = JSON.parse(l) as { question: string; cot: string; response: string };
    out.push(make(i++, r.question, r.cot, r.response));
  }
  const human = JSON.parse(readFileSync(join(ROOT, "cot/md-eval-cot_human_eval_gsm8k.json"), "utf8")) as {
    data: { question: string; gcot: string };
  }[];
  for (const h of human) out.push(make(i++, h.data.question, h.data.gcot));
  return out;
}

function transcriptConsistency() {
  let withSurvivor = 0;
  let withPerson = 0;
  const ts = cotTranscripts();
  for (const t of ts) {
    const r = redactTranscript(t, { hmacKey: "bench", disable: DISABLE });
    if (r.report.counts.PERSON) withPerson++;
    const strings = collectStrings(r.transcript.messages, "messages");
    if (findSurvivors(strings, r.values, DEFAULT_THRESHOLDS).length) withSurvivor++;
  }
  return { transcripts: ts.length, withPerson, withSurvivor };
}

async function throughput(texts: string[]) {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0);
  const rounds = Math.max(1, Math.ceil(8e6 / bytes)); // about 8 MB per tool
  // About 8 MB of warm-up per tool: V8 compiles a regular expression to native code only after
  // it has run a while, and our detectors hold dozens; successive 4 MB windows measured ~7, ~15
  // and ~20 MB/s before it levels off. The cold figure is reported too.
  const warmRounds = Math.max(1, Math.ceil(8e6 / bytes));
  // CPU time of this process (user + system), not wall time: the machines running this are
  // shared, and wall time would measure the neighbours. One thread runs the tool, so one core;
  // the CPU time also counts V8's background JIT threads, which is why the first megabytes are
  // slow: compiling the detectors costs several hundred milliseconds of CPU on a loaded machine.
  // So each tool is first run on about 8 MB (reported as "cold", JIT included), then measured on
  // about 8 MB more (the steady state of a long-running job). The same for every tool.
  const cpu = async (f: (t: string) => unknown, n: number) => {
    const c0 = process.cpuUsage();
    // Only a promise is awaited (secretlint's linter): an await per synchronous call would add a
    // turn of the microtask queue to every string of the synchronous tools.
    for (let i = 0; i < n; i++)
      for (const t of texts) {
        const r = f(t);
        if (r instanceof Promise) await r;
      }
    const c = process.cpuUsage(c0);
    return (bytes * n) / 1e6 / ((c.user + c.system) / 1e6);
  };
  const cold: Record<string, number> = {};
  const time = async (name: string, f: (t: string) => unknown) => {
    collectGarbage();
    cold[name] = await cpu(f, warmRounds);
    collectGarbage();
    return cpu(f, rounds);
  };
  detect(texts[0] ?? ""); // warm the lazy name list
  const ours = await time("cotshare", (t) => detect(t, { disable: DISABLE }));
  const result: Record<string, number> = { cotshare: ours };
  if (!SKIP_SLOW) {
    const { SyncRedactor } = await import("redact-pii");
    const rp = new SyncRedactor();
    result["redact-pii"] = await time("redact-pii", (t) => rp.redact(t));
    result["secretlint"] = await time("secretlint", await secretlintLinter());
  }
  return { mb: bytes / 1e6, rounds, warmRounds, mbPerSecond: result, coldMbPerSecond: cold };
}

const texts = cotTexts();
const report = {
  presidio: presidio(),
  credsweeper: credsweeper(),
  secretlint: secretlintFixtures(),
  cot: wordsChanged(texts),
  consistency: transcriptConsistency(),
  throughput: await throughput(texts),
};

if (JSON_OUT) {
  console.log(JSON.stringify(report));
} else {
  const pct = (x: number) => (x * 100).toFixed(1).padStart(6) + " %";
  console.log("Presidio synthetic set — recall per labelled type (≥ 50 % of the span covered)");
  for (const [k, v] of Object.entries(report.presidio.recall))
    console.log(`  ${k.padEnd(18)} n=${String(v.n).padStart(4)}  recall ${pct(v.recall)}`);
  console.log("Presidio synthetic set — precision per category (any label / same type)");
  for (const [k, v] of Object.entries(report.presidio.precision))
    console.log(
      `  ${k.padEnd(18)} n=${String(v.n).padStart(4)}  any ${pct(v.any)}  same-type ${pct(v.sameType)}`,
    );
  const c = report.credsweeper;
  console.log(`CredSweeper findings: n=${c.n}  recall ${pct(c.recall)}`);
  console.log(`  missed by rule: ${JSON.stringify(c.missedByRule)}`);
  const s = report.secretlint;
  console.log(
    `secretlint fixtures: positives n=${s.positives} recall ${pct(s.positiveRecall)}; negatives n=${s.negatives} flagged ${pct(s.negativesFlagged)}`,
  );
  if (s.missed.length) console.log(`  missed: ${s.missed.join(", ")}`);
  if (s.flagged.length) console.log(`  flagged negatives: ${s.flagged.join(", ")}`);
  console.log(
    `  fixtures with rule options, judged through cotshare's equivalents (allows → policy allowTerms, enableIDScanRule=false → aws-key-id off): ${s.withOptions.map((o) => `${o.id} [${o.option}${o.unmapped.length ? `; unmapped ${o.unmapped.join(" ")}` : ""}]`).join(", ")}`,
  );
  console.log(
    `  negatives flagged with cotshare's defaults instead (no allow terms, every detector on): ${pct(s.negativesFlaggedDefaults)} — ${s.flaggedDefault.join(", ")}`,
  );
  const w = report.cot;
  console.log(
    `Real CoTs: ${w.texts} texts, ${w.words} words, changed ${w.changed} = ${pct(w.share)}  spans ${JSON.stringify(w.spansByCategory)}`,
  );
  const k = report.consistency;
  console.log(
    `Real CoTs as transcripts (problem + reasoning + answer): ${k.transcripts}, with a PERSON redaction ${k.withPerson}, with a redacted value surviving elsewhere (review would block) ${k.withSurvivor}`,
  );
  const t = report.throughput;
  console.log(
    `Throughput on ${t.mb.toFixed(2)} MB of CoT text, one core (CPU time): steady = ${t.rounds} rounds after ${t.warmRounds} rounds of warm-up; cold = those first ${t.warmRounds} rounds (JIT compilation included)`,
  );
  for (const [k, v] of Object.entries(t.mbPerSecond))
    console.log(
      `  ${k.padEnd(12)} ${v.toFixed(1).padStart(7)} MB/s steady  ${(t.coldMbPerSecond[k] ?? 0).toFixed(1).padStart(7)} MB/s cold`,
    );
}
