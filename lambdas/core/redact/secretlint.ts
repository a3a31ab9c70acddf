/**
 * secretlint's recommended preset, used as a library. Its rules are plain objects whose `file`
 * handler reports synchronously for text sources, so they run here without secretlint's async
 * runner: a minimal context collects the reports. secretlint reports some ranges from the label
 * (`AWS_SECRET_ACCESS_KEY=`), not the secret, so a redaction is placed by the reported value when
 * the report carries one, else by the range.
 */
import { rules } from "@secretlint/secretlint-rule-preset-recommend";
import { identicalCredentials } from "./secrets";
import { CATEGORY, mayHoldSecret, type Detector, type Span } from "./types";

interface Translated {
  data?: Record<string, unknown>;
}
interface Report {
  message: Translated;
  range: readonly [number, number];
}
interface RuleHandlers {
  file?: (source: unknown) => unknown;
}
interface RuleCreator {
  meta: { id: string };
  create(context: unknown, options: unknown): RuleHandlers;
}

/** Values in a report that are labels of the finding, not the secret. */
const SKIP_KEYS = new Set(["FILE_NAME", "URL", "EXT"]);

function placeByValue(text: string, r: Report): [number, number] {
  const [a, b] = r.range;
  const data = r.message.data ?? {};
  let best: [number, number] | undefined;
  for (const [k, v] of Object.entries(data)) {
    if (SKIP_KEYS.has(k) || typeof v !== "string" || v.length < 4) continue;
    const at = text.indexOf(v, Math.max(0, a));
    if (at < 0 || at > b + v.length) continue;
    if (!best || v.length > best[1] - best[0]) best = [at, at + v.length];
  }
  return best ?? [a, b];
}

/** Punctuation after a URL that belongs to the sentence. */
const URL_TRAILER = /[.,;:!?)\]'"]/;

/** The reports of the string being linted. */
let reports: Report[] = [];

/**
 * Each rule's handlers, made once: a rule's `create` only builds its translator and normalises
 * its options (no state across files), and its handlers report through this one context.
 */
let handlers: RuleHandlers[] | undefined;

function ruleHandlers(): RuleHandlers[] {
  if (!handlers) {
    const context = {
      createTranslator: () => (_id: string, data?: Record<string, unknown>) => ({ data }),
      report: (r: Report) => reports.push(r),
      ignore: () => undefined,
    };
    handlers = (rules as unknown as RuleCreator[])
      .filter((rule) => !rule.meta.id.endsWith("filter-comments")) // comments must not switch redaction off
      .map((rule) => rule.create(context, {}));
  }
  return handlers;
}

export function secretlintSpans(text: string): Span[] {
  if (!mayHoldSecret(text)) return [];
  reports = [];
  const source = { content: text, filePath: undefined, ext: "", contentType: "text" };
  for (const h of ruleHandlers()) {
    const r = h.file?.(source);
    // A rule that returns a promise works on binary files (PKCS#12): nothing to wait for on text.
    if (r && typeof (r as Promise<unknown>).catch === "function")
      (r as Promise<unknown>).catch(() => undefined);
  }
  const out: Span[] = [];
  for (const r of reports) {
    const [start, placedEnd] = placeByValue(text, r);
    let end = placedEnd;
    const value = text.slice(start, end);
    // The same rule as `url-password`: a password equal to the user name is a default credential.
    if (identicalCredentials(value)) continue;
    // A URL reported whole (connection strings, basic auth) ends where the sentence goes on: the
    // full stop, comma or bracket after it is not part of it.
    if (value.includes("://")) while (end > start + 1 && URL_TRAILER.test(text[end - 1]!)) end--;
    out.push({ start, end, category: CATEGORY.secret, detector: "secretlint" });
  }
  return out;
}

export const SECRETLINT: Detector = {
  name: "secretlint",
  category: CATEGORY.secret,
  detect: secretlintSpans,
  secretGated: true,
};
