// Rendering of untrusted transcript text: redaction placeholders as chips, legibility windows
// as shaded spans. Everything goes in as text nodes.
import { h } from "./dom.js";

/** `⟦EMAIL_1⟧`: group 1 the category, group 2 the number (same format as the pipeline). */
export const PLACEHOLDER_RE = /\u27E6([A-Z][A-Z0-9_]*?)_(\d+)\u27E7/g;

export function placeholderChip(raw, category, n) {
  const label = category.toLowerCase().replace(/_/g, " ");
  return h(
    "span",
    {
      class: "ph",
      "data-category": category,
      title: `Redacted ${label} (#${n}): the original value was removed before publication. The same value has the same placeholder throughout this transcript.`,
    },
    raw,
  );
}

/** Append `text` to `parent`, turning placeholders into chips. */
export function appendText(parent, text) {
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER_RE)) {
    if (m.index > last) parent.append(text.slice(last, m.index));
    parent.append(placeholderChip(m[0], m[1], m[2]));
    last = m.index + m[0].length;
  }
  if (last < text.length) parent.append(text.slice(last));
  return parent;
}

/** Legibility band 0 (least legible) … 4 (fully legible). */
export function band(score) {
  if (score < 30) return 0;
  if (score < 50) return 1;
  if (score < 70) return 2;
  if (score < 85) return 3;
  return 4;
}

export const BANDS = [
  [0, "below 30"],
  [1, "30–49"],
  [2, "50–69"],
  [3, "70–84"],
  [4, "85 and above"],
];

/**
 * Append `text` shaded by legibility windows ({start, end, score}, offsets into `text`).
 * Overlapping windows: each stretch takes the lowest score covering it. `worst` ({start, end})
 * is marked too; its first stretch gets `worstId`. Window edges never split a placeholder.
 * Returns the element of the worst passage, if any.
 */
export function appendShaded(parent, text, windows, worst, worstId) {
  const len = text.length;
  const phs = [...text.matchAll(PLACEHOLDER_RE)].map((m) => [m.index, m.index + m[0].length]);
  const fix = (x) => {
    let v = Math.max(0, Math.min(len, Math.trunc(Number(x) || 0)));
    for (const [a, b] of phs) if (v > a && v < b) v = a;
    return v;
  };
  const ws = [];
  for (const w of windows ?? []) {
    const s = fix(w.start);
    const e = fix(w.end);
    if (e > s && typeof w.score === "number") ws.push({ start: s, end: e, score: w.score });
  }
  const wk = worst ? { start: fix(worst.start), end: fix(worst.end) } : null;
  const cuts = new Set([0, len]);
  for (const w of ws) cuts.add(w.start).add(w.end);
  if (wk && wk.end > wk.start) cuts.add(wk.start).add(wk.end);
  const points = [...cuts].sort((a, b) => a - b);
  let worstEl = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const slice = text.slice(a, b);
    let score;
    for (const w of ws)
      if (w.start <= a && w.end >= b && (score === undefined || w.score < score)) score = w.score;
    const isWorst = wk !== null && wk.start <= a && wk.end >= b;
    if (score === undefined && !isWorst) {
      appendText(parent, slice);
      continue;
    }
    const classes = ["win"];
    if (score !== undefined) classes.push(`band-${band(score)}`);
    if (isWorst) classes.push("worst");
    const span = h("span", {
      class: classes.join(" "),
      title: score !== undefined ? `Legibility of this passage: ${Math.round(score)}/100` : undefined,
      "data-score": score !== undefined ? String(Math.round(score)) : undefined,
    });
    if (isWorst && !worstEl) {
      worstEl = span;
      span.id = worstId;
      span.tabIndex = -1;
    }
    parent.append(appendText(span, slice));
  }
  return worstEl;
}
