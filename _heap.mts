import { processBytes } from "./lambdas/core/pipeline.ts";
import { buildCorpus } from "./bench/corpus.ts";
const mode = process.argv[2]!;
const corpus = buildCorpus((mode === "small" ? 5 : 50) * 1e6);
if (mode === "bytes") for (const it of corpus.items as any[]) { it.transcript = undefined; it.texts = undefined; }
const policy = { denyTerms: ["Project Bluefinch", "Kestrel-7", "Nightjar"], allowTerms: ["GPT-4o"], internalDomains: [] };
const opts = { lab: "bench-lab", hmacKey: "k", policy };
const items = corpus.items;
for (const it of items.slice(0, 2000)) processBytes("w.json", it.bytes, opts);
(globalThis as any).gc?.();
const res: string[] = [];
for (let r = 0; r < 3; r++) {
  // the same 5 MB window of items in each mode
  const sub = items.slice(r * 3500, r * 3500 + 3500);
  let b = 0; for (const it of sub) b += it.bytes.length;
  const c = process.cpuUsage();
  for (const [i, it] of sub.entries()) processBytes(`t${i}.json`, it.bytes, opts);
  const d = process.cpuUsage(c);
  res.push((b / 1e6 / ((d.user + d.system) / 1e6)).toFixed(2));
}
console.log(mode, process.memoryUsage().heapUsed / 1e6 | 0, "MB heap;", res.join(" "), "MB/s");
