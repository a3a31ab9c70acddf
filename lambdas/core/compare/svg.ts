/**
 * The model comparison plot as plain SVG: one row per model (oldest release first, then by name),
 * legibility 0–100 across, a box (quartiles), whiskers (min–max), the median, and every transcript
 * as a point that links to it. No charting library: the plot is small, and plain SVG keeps the
 * file readable as an image on a dataset hub, inline in the viewer, and in a screen reader.
 *
 * Colours: everything is drawn in `currentColor` with opacities, so inline it takes the page's
 * text colour in light and dark mode; as a standalone file a small style block sets that colour
 * from `prefers-color-scheme`. Every piece of text from data is escaped (model names and ids are
 * untrusted), and characters XML 1.0 forbids are dropped, so the output always parses.
 */
import type { ModelStats, Stats } from "./stats";

export interface SvgOptions {
  /** Link of each point: this prefix plus the URI-encoded transcript id. Default "#/transcripts/". */
  linkPrefix?: string;
  /** Prefix of element ids (title, desc), unique per document when inlined. Default "cotshare-models". */
  idPrefix?: string;
  /** Plot width in user units. Default 760. */
  width?: number;
}

// Characters XML 1.0 does not allow (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
/* eslint-disable no-control-regex -- matching control characters is the point */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

/** Text content and attribute values: XML-escaped, forbidden characters removed. */
export function xmlEscape(s: string): string {
  return s.replace(NOT_XML, "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** At most `max` characters (code points), with an ellipsis when cut. */
function clip(s: string, max: number): string {
  const cps = Array.from(s.replace(/\s+/g, " "));
  return cps.length <= max ? cps.join("") : cps.slice(0, max - 1).join("") + "…";
}

/** FNV-1a: a stable per-id jitter, so the same set always draws the same picture. */
function unitHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x100000000;
}

const n1 = (x: number): string => String(Math.round(x * 10) / 10);
const fmt = (x: number | null): string => (x === null ? "–" : x.toFixed(1));

export function describeModel(m: ModelStats): string {
  if (m.count === 0) return `${m.model}: no scored transcripts`;
  return (
    `${m.model}${m.releaseDate ? ` (released ${m.releaseDate})` : " (release date unknown)"}: ` +
    `${m.count} transcript(s), median ${fmt(m.median)}, quartiles ${fmt(m.q1)}–${fmt(m.q3)}, ` +
    `range ${fmt(m.min)}–${fmt(m.max)}, ${m.illegible} below the threshold`
  );
}

/** The plot as a standalone SVG document (UTF-8 text, no XML declaration needed). */
export function renderModelsSvg(stats: Stats, opts: SvgOptions = {}): string {
  const linkPrefix = opts.linkPrefix ?? "#/transcripts/";
  const idp = xmlEscape(opts.idPrefix ?? "cotshare-models");
  const W = Math.max(480, opts.width ?? 760);
  const labelW = 210;
  const rowH = 44;
  const top = 56;
  const x0 = labelW + 16;
  const x1 = W - 24;
  const rows = Math.max(1, stats.models.length);
  const plotBottom = top + rows * rowH;
  const H = plotBottom + 58;
  const x = (s: number) => x0 + (Math.min(100, Math.max(0, s)) / 100) * (x1 - x0);
  const t = stats.threshold;
  const out: string[] = [];
  const scored = stats.models.filter((m) => m.count > 0).length;

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="cotshare-models" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" ` +
      `font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12" fill="currentColor" ` +
      `aria-labelledby="${idp}-title ${idp}-desc">`,
    `<title id="${idp}-title">Legibility per model</title>`,
    `<desc id="${idp}-desc">${xmlEscape(
      `Box and strip plot of chain-of-thought legibility (0–100, 100 = fully legible) for ` +
        `${stats.overall.count} scored transcript(s) from ${scored} model(s), one row per model, oldest release first ` +
        `(models without a known release date last). Boxes span the quartiles, whiskers the range, the thick line ` +
        `is the median, each dot is one transcript; the shaded band marks scores below ${t} (illegible). ` +
        stats.models.map(describeModel).join(". ") +
        ".",
    )}</desc>`,
    // Standalone only (the viewer drops style elements): text colour and a background card per
    // colour scheme. Without the style the background stays transparent (fill="none").
    `<style>.cotshare-models{color:#1b1b1f}.cotshare-models .bg{fill:#ffffff}` +
      `@media (prefers-color-scheme:dark){.cotshare-models{color:#e7e7ea}.cotshare-models .bg{fill:#121316}}</style>`,
    `<rect class="bg" x="0" y="0" width="${W}" height="${H}" fill="none"/>`,
  );

  // Illegible band, grid and x axis.
  out.push(
    `<rect x="${n1(x(0))}" y="${top}" width="${n1(x(t) - x(0))}" height="${rows * rowH}" fill-opacity="0.07"/>`,
    `<text x="${n1(x(t / 2))}" y="${top - 8}" text-anchor="middle" fill-opacity="0.8">illegible (&lt; ${t})</text>`,
  );
  for (const tick of [0, 25, 50, 75, 100]) {
    out.push(
      `<line x1="${n1(x(tick))}" y1="${top}" x2="${n1(x(tick))}" y2="${plotBottom}" stroke="currentColor" stroke-opacity="${tick === t ? 0.5 : 0.15}"${tick === t ? ' stroke-dasharray="4 3"' : ""}/>`,
      `<text x="${n1(x(tick))}" y="${plotBottom + 16}" text-anchor="middle">${tick}</text>`,
    );
  }
  out.push(
    `<line x1="${x0}" y1="${plotBottom}" x2="${x1}" y2="${plotBottom}" stroke="currentColor" stroke-opacity="0.6"/>`,
    `<text x="${n1((x0 + x1) / 2)}" y="${plotBottom + 40}" text-anchor="middle" font-weight="600">Legibility score (0–100, 100 = fully legible)</text>`,
    `<text x="12" y="${top - 30}" font-weight="600">Model, oldest release first</text>`,
    `<text x="${x1}" y="${top - 30}" text-anchor="end" fill-opacity="0.8">${xmlEscape(
      `${stats.overall.count} transcript(s) · scorer ${clip(stats.scorer, 40)}`,
    )}</text>`,
  );

  if (stats.models.length === 0) {
    out.push(
      `<text x="${n1((x0 + x1) / 2)}" y="${top + rowH / 2 + 4}" text-anchor="middle">No transcripts.</text>`,
    );
  }

  stats.models.forEach((m, i) => {
    const cy = top + i * rowH + rowH / 2;
    const label = xmlEscape(clip(m.model, 30));
    const sub = xmlEscape(
      `${m.releaseDate ?? "release date unknown"} · n = ${m.count}${m.unscored ? ` (+${m.unscored} unscored)` : ""}`,
    );
    out.push(`<g class="model" data-model-index="${i}">`, `<title>${xmlEscape(describeModel(m))}</title>`);
    if (i > 0)
      out.push(
        `<line x1="8" y1="${top + i * rowH}" x2="${x1}" y2="${top + i * rowH}" stroke="currentColor" stroke-opacity="0.08"/>`,
      );
    out.push(
      `<text x="12" y="${cy - 3}" font-weight="600">${label}</text>`,
      `<text x="12" y="${cy + 12}" font-size="11" fill-opacity="0.75">${sub}</text>`,
    );
    if (
      m.count === 0 ||
      m.min === null ||
      m.max === null ||
      m.q1 === null ||
      m.q3 === null ||
      m.median === null
    ) {
      out.push(
        `<text x="${x0 + 6}" y="${cy + 4}" font-style="italic" fill-opacity="0.75">no scored transcripts</text>`,
        `</g>`,
      );
      return;
    }
    const bh = 18;
    out.push(
      `<line x1="${n1(x(m.min))}" y1="${cy}" x2="${n1(x(m.max))}" y2="${cy}" stroke="currentColor" stroke-opacity="0.6"/>`,
      `<line x1="${n1(x(m.min))}" y1="${cy - 6}" x2="${n1(x(m.min))}" y2="${cy + 6}" stroke="currentColor" stroke-opacity="0.6"/>`,
      `<line x1="${n1(x(m.max))}" y1="${cy - 6}" x2="${n1(x(m.max))}" y2="${cy + 6}" stroke="currentColor" stroke-opacity="0.6"/>`,
      `<rect x="${n1(x(m.q1))}" y="${cy - bh / 2}" width="${n1(Math.max(0, x(m.q3) - x(m.q1)))}" height="${bh}" fill-opacity="0.14" stroke="currentColor" stroke-opacity="0.7"/>`,
      `<line class="median" x1="${n1(x(m.median))}" y1="${cy - bh / 2 - 3}" x2="${n1(x(m.median))}" y2="${cy + bh / 2 + 3}" stroke="currentColor" stroke-width="3"/>`,
    );
    for (const p of m.points) {
      const jitter = (unitHash(p.id) - 0.5) * (rowH * 0.55);
      const why = p.weakest ? `; weakest signal ${p.weakest.signal} ${p.weakest.subscore.toFixed(2)}` : "";
      const text = `${p.id}: ${p.score.toFixed(1)}${p.score < t ? " (illegible)" : ""}${why}`;
      out.push(
        `<a class="point" href="${xmlEscape(linkPrefix + encodeURIComponent(p.id))}" data-id="${xmlEscape(p.id)}" aria-label="${xmlEscape(`${m.model}, ${text}`)}">` +
          `<title>${xmlEscape(text)}</title>` +
          `<circle cx="${n1(x(p.score))}" cy="${n1(cy + jitter)}" r="4.5" fill-opacity="0.75" stroke="currentColor" stroke-opacity="0.9"/></a>`,
      );
    }
    out.push(`</g>`);
  });
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}
