/**
 * A stage in a loop, for a CPU profile (not a benchmark figure):
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts legibility|review|redaction|pipeline [--mb 3]
 * then open the largest .cpuprofile in Chrome DevTools (or any profile viewer).
 */
import { scoreTranscript } from "../lambdas/core/legibility/index";
import { processBytes, publishedLegibility } from "../lambdas/core/pipeline";
import { redactTranscript } from "../lambdas/core/redact/index";
import { review } from "../lambdas/core/review/index";
import { toPublishedBody } from "../lambdas/core/transcript/published";
import { buildCorpus } from "./corpus";
import { absentNote, mbps, numArg, sharedPresent, timeSync } from "./lib";

if (!sharedPresent()) {
  console.error(absentNote("bench/profile"));
  process.exit(0);
}
const stage = process.argv[2] ?? "legibility";
const corpus = buildCorpus(numArg("mb", 3) * 1e6);
const policy = {
  denyTerms: ["Project Bluefinch", "Kestrel-7", "Nightjar"],
  allowTerms: ["GPT-4o"],
  internalDomains: [],
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
const f = run[stage];
if (!f) throw new Error(`unknown stage ${stage}`);
for (let round = 0; round < numArg("rounds", 3); round++) {
  const t = timeSync(f);
  console.log(
    `${stage} round ${round}: ${mbps(corpus.bytes, t.cpuMs).toFixed(2)} MB/s CPU, ${mbps(corpus.bytes, t.wallMs).toFixed(2)} MB/s wall`,
  );
}
