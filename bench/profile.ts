/**
 * A stage in a loop, for a CPU profile (not a benchmark figure):
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts legibility|review|redaction|pipeline [--mb 3]
 * then open the largest .cpuprofile in Chrome DevTools (or any profile viewer).
 * `tsx bench/profile.ts split [--mb 10]` instead prints where the time goes inside the pipeline:
 * the steps of `processTranscript`, one transcript after another, each timed with the wall clock
 * (cheap to read, unlike CPU time; run it on an idle machine).
 */
import { scoreTranscript } from "../lambdas/core/legibility/index";
import { processBytes, publishedId, publishedLegibility, sameScoredText } from "../lambdas/core/pipeline";
import { redactTranscript } from "../lambdas/core/redact/index";
import { review } from "../lambdas/core/review/index";
import { toPublished, toPublishedBody } from "../lambdas/core/transcript/published";
import { readTranscripts } from "../lambdas/core/transcript/read";
import { buildCorpus } from "./corpus";
import { absentNote, mbps, numArg, sharedPresent, timeSync } from "./lib";

if (!sharedPresent()) {
  console.error(absentNote("bench/profile"));
  process.exit(0);
}
const stage = process.argv[2] ?? "legibility";
const corpus = buildCorpus(numArg("mb", 3) * 1e6);
// The lab policy of bench/throughput.ts (the review screens every string for its terms and domain).
const policy = {
  denyTerms: ["Project Bluefinch", "Kestrel-7", "Nightjar"],
  allowTerms: ["GPT-4o"],
  internalDomains: ["corp.example.com"],
};
// The review judges what would be published: the redacted transcript with its legibility and
// redaction sections, as the pipeline builds it (a bare transcript would be malformed, and the
// review would spend its time on the schema's error path).
const reviewInputs = corpus.items.map((it, i) => {
  const { metadata: _m, ...publishable } = it.transcript;
  const red = redactTranscript(publishable, { hmacKey: "k", policy });
  const l = scoreTranscript(red.transcript);
  const body = toPublishedBody(
    { ...red.transcript, id: `t-${i}` },
    {
      lab: "bench-lab",
      legibility: publishedLegibility(l),
      redaction: { counts: { ...red.report.counts }, placeholders: red.report.placeholders },
    },
  );
  return { body, values: red.values };
});
const run: Record<string, () => void> = {
  legibility: () => corpus.items.forEach((it) => scoreTranscript(it.transcript)),
  review: () => reviewInputs.forEach((x) => review({ body: x.body, values: x.values, policy })),
  redaction: () => corpus.items.forEach((it) => redactTranscript(it.transcript, { hmacKey: "k", policy })),
  pipeline: () =>
    corpus.items.forEach((it, i) =>
      processBytes(`t${i}.json`, it.bytes, { lab: "bench-lab", hmacKey: "k", policy }),
    ),
};
if (stage === "split") {
  const opts = { lab: "bench-lab", hmacKey: "k", policy };
  for (const [i, it] of corpus.items.slice(0, 2000).entries()) processBytes(`w${i}.json`, it.bytes, opts);
  const T: Record<string, number> = {};
  let now = 0;
  const lap = (k: string) => {
    const t = performance.now();
    T[k] = (T[k] ?? 0) + t - now;
    now = t;
  };
  for (const [i, it] of corpus.items.entries()) {
    now = performance.now();
    const t = readTranscripts(`t${i}.json`, it.bytes).items[0]!.transcript;
    lap("reading");
    const id = publishedId(opts.hmacKey, opts.lab, `t${i}.json`, t.id);
    lap("published id (HMAC)");
    const raw = scoreTranscript(t);
    lap("legibility");
    const { metadata: _m, ...publishable } = t;
    const red = redactTranscript(publishable, { hmacKey: opts.hmacKey, policy });
    lap("redaction");
    // As the pipeline: scored again only when redaction changed a text the scorer reads.
    const scored = sameScoredText(t, red.transcript) ? raw : scoreTranscript(red.transcript);
    lap("legibility again (changed texts)");
    const body = toPublishedBody(
      { ...red.transcript, id },
      {
        lab: opts.lab,
        legibility: publishedLegibility(scored),
        redaction: { counts: { ...red.report.counts }, placeholders: red.report.placeholders },
      },
    );
    lap("published form");
    const v = review({
      body,
      values: red.values,
      policy,
      legibility: { raw: raw.score, redacted: scored.score },
    });
    lap("review");
    toPublished(body, { verdict: v.verdict, reasons: v.reasons });
    lap("published form");
  }
  const total = Object.values(T).reduce((a, b) => a + b, 0);
  console.log(
    `inside the pipeline, ${corpus.items.length} transcripts, ${mbps(corpus.bytes, total).toFixed(2)} MB/s wall:`,
  );
  for (const [k, v] of Object.entries(T))
    console.log(
      `  ${k.padEnd(34)} ${((v / corpus.items.length) * 1000).toFixed(1).padStart(6)} µs/transcript  ${((v / total) * 100).toFixed(1)} %`,
    );
  process.exit(0);
}
const f = run[stage];
if (!f) throw new Error(`unknown stage ${stage}`);
for (let round = 0; round < numArg("rounds", 3); round++) {
  const t = timeSync(f);
  console.log(
    `${stage} round ${round}: ${mbps(corpus.bytes, t.cpuMs).toFixed(2)} MB/s CPU, ${mbps(corpus.bytes, t.wallMs).toFixed(2)} MB/s wall`,
  );
}
