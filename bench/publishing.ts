/**
 * Publishing at scale: choosing and writing a 50-transcript set from 10,000 candidates with
 * `publishSet` (lambdas/service/publish.ts), on the in-memory adapters (MemoryMetadataStore,
 * MemoryBlobStore — no network; the cloud adds DynamoDB and S3 round trips). The candidates are
 * the published forms of the shared CoT corpus (800 distinct, processed once by the pipeline),
 * given 10,000 distinct ids, stored as accepted + PASS records with their staging copies, from
 * 20 labs that consent to publication. Timed: the whole `publishSet` call (CPU and wall).
 * Usage: tsx bench/publishing.ts [--json] [--candidates 10000] [--size 50]
 */
import { MemoryBlobStore, MemoryMetadataStore } from "../lambdas/adapters/memory";
import { BUCKETS, labPolicyKey, stagingTranscriptKey } from "../lambdas/core/names";
import { processBytes } from "../lambdas/core/pipeline";
import { publishSet } from "../lambdas/service/publish";
import { buildCorpus } from "./corpus";
import { absentNote, emit, fmt, JSON_OUT, numArg, peakRssMb, sharedPresent, timeAsync } from "./lib";

if (!sharedPresent()) {
  console.error(absentNote("bench/publishing"));
  emit({ absent: true });
  process.exit(0);
}

const CANDIDATES = numArg("candidates", 10_000);
const SIZE = numArg("size", 50);
const LABS = 20;

const corpus = buildCorpus(1).items;
const forms: { published: Record<string, unknown>; legibility: number; model: string }[] = [];
for (const [i, it] of corpus.entries()) {
  const o = processBytes(`t${i}.json`, it.bytes, { lab: "lab-00", hmacKey: "bench" })[0]!;
  if (o.status === "accepted")
    forms.push({
      published: o.published as unknown as Record<string, unknown>,
      legibility: o.legibility,
      model: o.published.model.id,
    });
}

const metadata = new MemoryMetadataStore();
const blobs = new MemoryBlobStore();
const at = new Date("2026-11-01T00:00:00Z");
for (let l = 0; l < LABS; l++)
  await blobs.put(
    BUCKETS.staging,
    labPolicyKey(`lab-${String(l).padStart(2, "0")}`),
    JSON.stringify({ autoPublish: true }),
  );
for (let i = 0; i < CANDIDATES; i++) {
  const f = forms[i % forms.length]!;
  const id = `t-${i.toString(16).padStart(24, "0")}`;
  const lab = `lab-${String(i % LABS).padStart(2, "0")}`;
  const stagingKey = stagingTranscriptKey(id);
  await blobs.put(
    BUCKETS.staging,
    stagingKey,
    JSON.stringify({ ...f.published, id, lab }),
    "application/json",
  );
  await metadata.putTranscript({
    id,
    lab,
    source: `incoming/${lab}/${i}.json`,
    status: "accepted",
    verdict: "PASS",
    legibility: f.legibility,
    modelId: f.model,
    receivedAt: new Date(at.getTime() + i * 1000).toISOString(),
    updatedAt: at.toISOString(),
    stagingKey,
  });
}

const r = await timeAsync(() =>
  publishSet({ metadata, blobs, buckets: BUCKETS, curation: { maxSize: SIZE } }, { actor: "bench" }),
);
const publicBytes = [...blobs.objects.entries()]
  .filter(([k]) => k.startsWith(BUCKETS.public + "\u0000"))
  .reduce((s, [, v]) => s + v.body.byteLength, 0);
const result = {
  candidates: CANDIDATES,
  size: SIZE,
  published: r.value.published,
  count: r.value.count,
  excluded: r.value.excluded,
  cpuMs: r.cpuMs,
  wallMs: r.wallMs,
  publicMb: publicBytes / 1e6,
  peakRssMb: peakRssMb(),
  adapters: "memory",
};
if (!JSON_OUT)
  console.log(
    `Publishing: a set of ${result.count} from ${CANDIDATES} candidates (memory adapters) in ${fmt(r.wallMs / 1000, 2)} s wall, ${fmt(r.cpuMs / 1000, 2)} s CPU; ${fmt(result.publicMb, 2)} MB written; peak RSS ${fmt(result.peakRssMb, 0)} MB`,
  );
emit(result);
