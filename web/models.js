// The Models page: legibility per model in a published set (its `stats.json` and `models.svg`),
// with a per-signal breakdown of the model or point under the pointer or focus, and the same
// numbers as tables for screen readers. Routes: #/models (the newest set), #/models/<setId>.
import { api } from "./api.js";
import { h, replace, route, fmtDate, errorBox, loading } from "./dom.js";

const SVG_NS = "http://www.w3.org/2000/svg";
// What the published plot may contain; anything else is dropped before it reaches the page.
const SVG_ELEMENTS = new Set(["svg", "title", "desc", "g", "rect", "line", "text", "a", "circle"]);
const SVG_ATTRIBUTES = new Set([
  "xmlns",
  "class",
  "viewBox",
  "width",
  "height",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-opacity",
  "stroke-width",
  "stroke-dasharray",
  "x",
  "y",
  "x1",
  "y1",
  "x2",
  "y2",
  "cx",
  "cy",
  "r",
  "text-anchor",
  "id",
  "aria-labelledby",
  "aria-label",
  "data-id",
  "data-model-index",
  "href",
]);

const enc = encodeURIComponent;

async function fetchFirst(urls, as) {
  let last;
  for (const url of urls) {
    let res;
    try {
      res = await fetch(url, { headers: { accept: as === "json" ? "application/json" : "image/svg+xml" } });
    } catch {
      last = new Error("The server could not be reached.");
      continue;
    }
    if (res.ok) return as === "json" ? res.json() : res.text();
    last = new Error(`The server answered ${res.status}.`);
  }
  throw last;
}

// The API serves a set's files locally and in the cloud; the CDN also serves them under /sets/.
const setFile = (setId, name, as) =>
  fetchFirst([`/api/sets/${enc(setId)}/${name}`, `/sets/${enc(setId)}/${name}`], as);

const num = (x, d = 1) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : "–");
const pct = (x) => (typeof x === "number" ? `${Math.round(x * 100)} %` : "–");
const str = (v) => (typeof v === "string" ? v : "");

/** Signals whose median sub-score is weak, weakest first, diagnostics (weight 0) left out (as the card lists them). */
function weakSignals(stats, m, max = 2) {
  const diagnostic = new Set((stats.signals ?? []).filter((s) => s.weight === 0).map((s) => s.name));
  return Object.entries(m.signals ?? {})
    .filter(([name, s]) => s.median < stats.weakSubscore && !diagnostic.has(name))
    .sort((a, b) => a[1].median - b[1].median || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([name, s]) => `${name} ${s.median.toFixed(2)}`);
}

/** The cells of one model's row, the same as the dataset card's table. */
export function modelCells(stats, m) {
  return [
    str(m.model),
    m.releaseDate ?? "–",
    (m.labs ?? []).join(", ") || "–",
    String(m.count) + (m.unscored ? ` (+${m.unscored} unscored)` : ""),
    num(m.median),
    m.q1 === null ? "–" : `${num(m.q1)}–${num(m.q3)}`,
    m.min === null ? "–" : `${num(m.min)}–${num(m.max)}`,
    m.count ? `${m.illegible} (${pct(m.illegibleShare)})` : "–",
    weakSignals(stats, m).join(", ") || "–",
  ];
}

/** A horizontally scrollable table wrapper a keyboard can reach (a focusable, named region). */
const wrapAttrs = (label) => ({ class: "table-wrap", tabindex: "0", role: "region", "aria-label": label });

/** Parses the published SVG and keeps only plain drawing elements; links go to transcripts only. */
function cleanSvg(text, setId) {
  const doc = new window.DOMParser().parseFromString(text, "image/svg+xml");
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== "svg" || doc.querySelector("parsererror"))
    return undefined;
  const walk = (el) => {
    for (const child of [...el.children]) {
      if (child.namespaceURI !== SVG_NS || !SVG_ELEMENTS.has(child.localName)) child.remove();
      else walk(child);
    }
    for (const attr of [...el.attributes]) {
      if (!SVG_ATTRIBUTES.has(attr.name)) el.removeAttribute(attr.name);
    }
    if (el.localName === "a") {
      const id = el.getAttribute("data-id");
      if (id) el.setAttribute("href", `${route("transcripts", id)}?set=${enc(setId)}`);
      else el.removeAttribute("href");
    } else el.removeAttribute("href");
  };
  walk(root);
  // Sized by the page (CSS), drawn in the page's text colour (currentColor) in light and dark mode.
  root.removeAttribute("width");
  root.removeAttribute("height");
  root.setAttribute("role", "group");
  return document.importNode(root, true);
}

function signalTable(stats, m, captionText) {
  const weights = new Map((stats.signals ?? []).map((s) => [s.name, s.weight]));
  const names = (stats.signals ?? []).map((s) => s.name).filter((n) => m.signals?.[n]);
  if (!names.length) return h("p", { class: "muted" }, "No signal details for this model.");
  return h(
    "div",
    wrapAttrs(captionText),
    h(
      "table",
      { class: "model-signals" },
      h("caption", {}, captionText),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Signal"),
          h("th", { scope: "col" }, "Weight"),
          h("th", { scope: "col" }, "Median sub-score"),
          h("th", { scope: "col" }, "Quartiles"),
          h("th", { scope: "col" }, `Weak (< ${stats.weakSubscore})`),
        ),
      ),
      h(
        "tbody",
        {},
        names.map((n) => {
          const s = m.signals[n];
          const w = weights.get(n);
          return h(
            "tr",
            { class: s.median < stats.weakSubscore ? "weak" : undefined },
            h("th", { scope: "row" }, n),
            h(
              "td",
              { class: "num" },
              w === 0 ? "0 (diagnostic)" : w === null || w === undefined ? "–" : String(w),
            ),
            h("td", { class: "num" }, s.median.toFixed(2)),
            h("td", { class: "num" }, `${s.q1.toFixed(2)}–${s.q3.toFixed(2)}`),
            h("td", { class: "num" }, `${s.weak} of ${s.count}`),
          );
        }),
      ),
    ),
  );
}

function detailOf(stats, m, point, setId) {
  const parts = [];
  if (point) {
    parts.push(
      h(
        "p",
        {},
        "Transcript ",
        h("a", { href: `${route("transcripts", point.id)}?set=${enc(setId)}` }, str(point.id)),
        `: legibility ${num(point.score)}${point.score < stats.threshold ? " (illegible)" : ""}`,
        point.weakest
          ? `; weakest signal ${point.weakest.signal} (${point.weakest.subscore.toFixed(2)})`
          : "",
        ".",
      ),
    );
  }
  parts.push(
    h(
      "p",
      {},
      h("strong", {}, str(m.model)),
      m.releaseDate ? `, released ${m.releaseDate}` : ", release date unknown",
      m.count
        ? `: ${m.count} transcript(s), median ${num(m.median)}, quartiles ${num(m.q1)}–${num(m.q3)}, ${m.illegible} below ${stats.threshold}.`
        : ": no scored transcripts.",
    ),
    signalTable(stats, m, `Signals of ${str(m.model)} (sub-scores 0–1, 1 = no sign of illegibility)`),
  );
  return parts;
}

function modelsTable(stats) {
  const head = [
    "Model",
    "Released",
    "Lab",
    "Transcripts",
    "Median",
    "Quartiles",
    "Range",
    `Below ${stats.threshold}`,
    `Weak signals (median < ${stats.weakSubscore})`,
  ];
  return h(
    "div",
    wrapAttrs("Legibility per model"),
    h(
      "table",
      { class: "models" },
      h("caption", {}, "Legibility per model (the plot's numbers), oldest release first"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          head.map((t) => h("th", { scope: "col" }, t)),
        ),
      ),
      h(
        "tbody",
        {},
        stats.models.map((m) => {
          const [name, ...rest] = modelCells(stats, m);
          return h(
            "tr",
            {},
            h("th", { scope: "row" }, name),
            rest.map((c, i) => h("td", { class: i >= 2 && i <= 6 ? "num" : undefined }, c)),
          );
        }),
      ),
    ),
  );
}

function signalsTable(stats) {
  const names = (stats.signals ?? []).map((s) => s.name);
  const rows = stats.models.filter((m) => m.count > 0);
  if (!names.length || !rows.length) return undefined;
  return h(
    "div",
    wrapAttrs("Median sub-score per signal"),
    h(
      "table",
      { class: "models-matrix" },
      h("caption", {}, "Median sub-score per signal and model (0–1, 1 = no sign of illegibility)"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Model"),
          names.map((n) => h("th", { scope: "col" }, n)),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map((m) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, str(m.model)),
            names.map((n) =>
              h(
                "td",
                { class: `num${m.signals[n] && m.signals[n].median < stats.weakSubscore ? " weak" : ""}` },
                m.signals[n] ? m.signals[n].median.toFixed(2) : "–",
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

export async function showModels(main, setIdParam) {
  const title = h("h1", { tabindex: "-1" }, "Models");
  replace(main, title, loading());
  let setId = setIdParam;
  let createdAt;
  if (!setId) {
    const page = await api.sets();
    const newest = page.items?.[0];
    if (!newest) {
      replace(main, title, h("p", {}, "No set has been published yet."));
      return { focus: title };
    }
    setId = newest.setId;
    createdAt = newest.createdAt;
  }
  let stats;
  try {
    stats = await setFile(setId, "stats.json", "json");
  } catch (err) {
    replace(
      main,
      title,
      h("p", {}, "This set has no model comparison (", h("code", {}, "stats.json"), "): it may predate it."),
      errorBox(err),
    );
    return { focus: title };
  }
  if (!stats || stats.schema !== "cotshare/stats@1" || !Array.isArray(stats.models)) {
    replace(main, title, errorBox(new Error("The set's stats.json is not in a format this viewer knows.")));
    return { focus: title };
  }
  let svg;
  try {
    svg = cleanSvg(await setFile(setId, "models.svg", "text"), setId);
  } catch {
    svg = undefined;
  }

  const detail = h("div", { class: "model-detail", "aria-live": "polite" });
  const show = (mi, pointId) => {
    const m = stats.models[mi];
    if (!m) return;
    const point = pointId ? m.points.find((p) => p.id === pointId) : undefined;
    replace(detail, detailOf(stats, m, point, setId));
    for (const g of figure.querySelectorAll("g.model"))
      g.classList.toggle("selected", g.getAttribute("data-model-index") === String(mi));
  };
  const target = (ev) => {
    const a = ev.target.closest?.("a.point");
    const g = ev.target.closest?.("g.model");
    return g ? { mi: Number(g.getAttribute("data-model-index")), id: a?.getAttribute("data-id") } : undefined;
  };
  let pinned;
  const figure = h(
    "figure",
    {
      class: "models-plot",
      onmouseover: (ev) => {
        const t = target(ev);
        if (t) show(t.mi, t.id);
      },
      onmouseleave: () => {
        if (pinned) show(pinned.mi, pinned.id);
      },
      onfocusin: (ev) => {
        const t = target(ev);
        if (t) show(t.mi, t.id);
      },
      onclick: (ev) => {
        const t = target(ev);
        if (t && !t.id) {
          pinned = t;
          show(t.mi);
        }
      },
    },
    svg ??
      h(
        "p",
        { class: "muted" },
        "The plot (models.svg) could not be loaded; the tables below hold the same numbers.",
      ),
    h(
      "figcaption",
      {},
      `Each dot is one transcript (select it to open it); boxes span the quartiles, whiskers the range, the thick line is the median. ` +
        `Scores below ${stats.threshold} count as illegible (shaded). Hover over or focus a model or a dot for its signals; click a model to keep it.`,
    ),
  );

  replace(
    main,
    title,
    h(
      "p",
      {},
      "How legible each model's reasoning is in set ",
      h("a", { href: route("sets", setId) }, h("code", {}, setId)),
      createdAt ? ` (${fmtDate(createdAt)})` : "",
      `: ${stats.overall?.count ?? 0} scored transcript(s) from ${stats.models.length} model(s), scorer `,
      h("code", {}, str(stats.scorer)),
      ". Models are ordered by release date where known, then by name. ",
      h("a", { href: `/api/sets/${enc(setId)}/stats.json` }, "stats.json"),
      ".",
    ),
    figure,
    h("h2", {}, "Signals"),
    detail,
    h("h2", {}, "Per model"),
    modelsTable(stats),
    signalsTable(stats),
  );
  const first = stats.models.findIndex((m) => m.count > 0);
  if (first >= 0) {
    pinned = { mi: first };
    show(first);
  }
  document.title = "Models — cotshare";
  return { focus: title };
}
