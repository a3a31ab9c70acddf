/**
 * A small stand-in for `core/pipeline` in the runtime's own tests: JSON objects are accepted
 * (id from the object's `id` or a content hash), anything else is rejected. It exercises the
 * orchestration, not redaction; the end-to-end tests run the real pipeline.
 */
import { createHash } from "node:crypto";
import type { IngestOutcome, Pipeline } from "../../lambdas/service/ingest";

export const fakePipeline: Pipeline = (source, bytes, opts) => {
  const text = new TextDecoder().decode(bytes);
  const lines = source.endsWith(".jsonl") ? text.split("\n").filter((l) => l.trim()) : [text];
  return lines.map((l, i): IngestOutcome => {
    const line = source.endsWith(".jsonl") ? { line: i + 1 } : {};
    const h = createHash("sha256").update(`${source}\u0000${i}`).digest("hex").slice(0, 16);
    let o: { id?: string; model?: string; verdict?: "PASS" | "NEEDS_HUMAN" | "BLOCK"; fail?: boolean };
    try {
      o = JSON.parse(l) as typeof o;
    } catch {
      return {
        status: "rejected",
        source,
        ...line,
        id: `rej-${h}`,
        code: "invalid_json",
        message: `${source}: not JSON`,
      };
    }
    if (o.fail) throw new Error("planted failure");
    const id = o.id ?? `h-${h}`;
    return {
      status: "accepted",
      source,
      ...line,
      id,
      published: {
        schema: "cotshare/transcript@1",
        id,
        lab: opts.lab,
        model: { id: o.model ?? "m" },
        messages: [],
      },
      verdict: o.verdict ?? "PASS",
      reasons: [],
      legibility: { score: 80 },
      redactions: {},
      findings: [],
    };
  });
};
