// The sets list, one set (manifest, downloads, filterable transcripts) and the search page.
import { api } from "./api.js";
import { provenanceBadge } from "./verify.js";
import {
  h,
  replace,
  route,
  filePath,
  fmtDate,
  fmtBytes,
  fmtScore,
  scoreOf,
  modelOf,
  errorBox,
  loading,
} from "./dom.js";
import { band, appendText } from "./text.js";

function str(v) {
  return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
}

function transcriptHref(id, setId) {
  return route("transcripts", id) + (setId ? `?set=${encodeURIComponent(setId)}` : "");
}

function scoreCell(legibility) {
  const s = scoreOf(legibility);
  return s === undefined
    ? h("td", {}, "—")
    : h("td", { class: "num" }, h("span", { class: `score band-${band(s)}` }, fmtScore(s)));
}

export async function showSets(main) {
  const title = h("h1", { tabindex: "-1" }, "Published sets");
  const intro = h(
    "p",
    {},
    "Each set is an immutable, versioned selection of redacted transcripts. Newest first. ",
    h("a", { href: "#/search" }, "Search all transcripts"),
    ".",
  );
  const tbody = h("tbody");
  const table = h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "sets" },
      h("caption", { class: "sr-only" }, "Published sets"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Set"),
          h("th", { scope: "col" }, "Created"),
          h("th", { scope: "col" }, "Transcripts"),
          h("th", { scope: "col" }, "Replaces"),
        ),
      ),
      tbody,
    ),
  );
  const status = h("p", { class: "muted", role: "status" });
  const more = h("button", { type: "button", hidden: true }, "Load more sets");
  replace(main, title, intro, table, status, more);
  document.title = "Sets — cotshare";
  let cursor;
  let total = 0;
  async function load() {
    more.disabled = true;
    status.textContent = "Loading…";
    try {
      const page = await api.sets(cursor);
      for (const s of Array.isArray(page.items) ? page.items : []) {
        total++;
        tbody.append(
          h(
            "tr",
            {},
            h("th", { scope: "row" }, h("a", { href: route("sets", s.setId) }, h("code", {}, str(s.setId)))),
            h("td", {}, fmtDate(s.createdAt)),
            h("td", { class: "num" }, str(s.count)),
            h(
              "td",
              {},
              s.previous ? h("a", { href: route("sets", s.previous) }, h("code", {}, str(s.previous))) : "—",
            ),
          ),
        );
      }
      cursor = page.cursor;
      status.textContent =
        total === 0 ? "No set has been published yet." : `${total} set${total === 1 ? "" : "s"} shown.`;
      more.hidden = !cursor;
    } catch (err) {
      status.replaceChildren(errorBox(err));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener("click", load);
  await load();
  return { focus: title };
}

/** The filter form shared by a set page and the search page. */
function filterForm(models, labs, initial, onApply) {
  const select = (id, label, values) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: id }, label),
      h(
        "select",
        { id, name: id },
        h("option", { value: "" }, "any"),
        values.map((v) => h("option", { value: v, selected: v === initial[id] }, v)),
      ),
    );
  const text = (id, label, type, extra = {}) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: id }, label),
      h("input", { id, name: id, type, value: initial[id] ?? "", ...extra }),
    );
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Filter transcripts" },
    models ? select("model", "Model", models) : text("model", "Model", "text", { autocomplete: "off" }),
    labs ? select("lab", "Lab", labs) : text("lab", "Lab", "text", { autocomplete: "off" }),
    text("minScore", "Min score", "number", { min: "0", max: "100", step: "1", inputmode: "numeric" }),
    text("maxScore", "Max score", "number", { min: "0", max: "100", step: "1", inputmode: "numeric" }),
    text("q", "Text in reasoning", "search", { autocomplete: "off" }),
    h(
      "div",
      { class: "field buttons" },
      h("button", { type: "submit" }, "Apply"),
      h("button", { type: "reset" }, "Clear"),
    ),
  );
  const read = () => {
    const fd = new window.FormData(form);
    const o = {};
    for (const k of ["model", "lab", "minScore", "maxScore", "q"]) o[k] = str(fd.get(k)).trim();
    return o;
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    onApply(read());
  });
  form.addEventListener("reset", () => setTimeout(() => onApply(read()), 0));
  form.addEventListener("change", (ev) => {
    if (ev.target && ev.target.tagName === "SELECT") onApply(read());
  });
  return form;
}

function resultsTable(caption, last) {
  const tbody = h("tbody");
  const table = h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "transcripts" },
      h("caption", { class: "sr-only" }, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Transcript"),
          h("th", { scope: "col" }, "Lab"),
          h("th", { scope: "col" }, "Model"),
          h("th", { scope: "col", class: "num" }, "Legibility"),
          h("th", { scope: "col" }, last),
        ),
      ),
      tbody,
    ),
  );
  return { table, tbody };
}

/** A matching passage from the search API (untrusted text, placeholders styled). */
function snippet(text) {
  const el = h("div", { class: "snippet muted" }, "…");
  appendText(el, text);
  el.append("…");
  return el;
}

function inRange(score, f) {
  if (f.minScore !== "" && !(score >= Number(f.minScore))) return false;
  if (f.maxScore !== "" && !(score <= Number(f.maxScore))) return false;
  return true;
}

function hashParams() {
  const i = location.hash.indexOf("?");
  return new URLSearchParams(i >= 0 ? location.hash.slice(i + 1) : "");
}

function setHashParams(f) {
  const base = location.hash.split("?")[0];
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  const s = q.toString();
  history.replaceState(null, "", base + (s ? `?${s}` : ""));
}

const FILTER_KEYS = ["model", "lab", "minScore", "maxScore", "q"];
function initialFilters() {
  const p = hashParams();
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, p.get(k) ?? ""]));
}

export async function showSet(main, setId) {
  replace(main, loading());
  let man;
  try {
    man = await api.set(setId);
  } catch (err) {
    replace(
      main,
      h("nav", { "aria-label": "Breadcrumb", class: "crumbs" }, h("a", { href: "#/" }, "Sets")),
      h("h1", { tabindex: "-1" }, "Set ", h("code", {}, setId)),
      errorBox(err),
    );
    return { focus: main.querySelector("h1") };
  }
  const transcripts = Array.isArray(man.transcripts) ? man.transcripts : [];
  const files = Array.isArray(man.files) ? man.files : [];
  const withdrawn = Array.isArray(man.withdrawn) ? man.withdrawn : [];
  const title = h("h1", { tabindex: "-1" }, "Set ", h("code", {}, str(man.setId || setId)));
  document.title = `Set ${str(man.setId || setId)} — cotshare`;
  const sel = man.selection && typeof man.selection === "object" ? man.selection : null;
  const meta = h(
    "dl",
    { class: "meta" },
    h("dt", {}, "Created"),
    h("dd", {}, fmtDate(man.createdAt)),
    h("dt", {}, "Transcripts"),
    h("dd", {}, String(transcripts.length)),
    h("dt", {}, "Licence"),
    h("dd", {}, str(man.license) || "—"),
    h("dt", {}, "Scorer"),
    h(
      "dd",
      {},
      typeof man.scorer === "object" && man.scorer ? JSON.stringify(man.scorer) : str(man.scorer) || "—",
    ),
    h("dt", {}, "Replaces"),
    h(
      "dd",
      {},
      man.previous ? h("a", { href: route("sets", man.previous) }, h("code", {}, str(man.previous))) : "—",
    ),
    withdrawn.length ? [h("dt", {}, "Withdrawn"), h("dd", {}, withdrawn.map(str).join(", "))] : null,
    sel ? [h("dt", {}, "Selection"), h("dd", {}, h("code", {}, JSON.stringify(sel)))] : null,
  );
  const dl = (name, label) =>
    h("a", { class: "button", href: filePath("/sets/", setId, name), download: "" }, label);
  const downloads = h(
    "section",
    { "aria-labelledby": "dl-h" },
    h("h2", { id: "dl-h" }, "Downloads"),
    h(
      "p",
      { class: "actions" },
      dl("data.jsonl", "data.jsonl"),
      dl("data.parquet", "data.parquet"),
      dl("manifest.json", "manifest.json"),
      dl("README.md", "Dataset card (README.md)"),
    ),
    files.length
      ? h(
          "details",
          {},
          h("summary", {}, `All ${files.length} files with their SHA-256`),
          h(
            "div",
            { class: "table-wrap" },
            h(
              "table",
              { class: "files" },
              h("caption", { class: "sr-only" }, "Files of this set"),
              h(
                "thead",
                {},
                h(
                  "tr",
                  {},
                  h("th", { scope: "col" }, "File"),
                  h("th", { scope: "col" }, "Size"),
                  h("th", { scope: "col" }, "SHA-256"),
                ),
              ),
              h(
                "tbody",
                {},
                files.map((f) =>
                  h(
                    "tr",
                    {},
                    h(
                      "td",
                      {},
                      h("a", { href: filePath("/sets/", setId, str(f.path)), download: "" }, str(f.path)),
                    ),
                    h("td", { class: "num" }, fmtBytes(f.bytes)),
                    h("td", {}, h("code", { class: "hash" }, str(f.sha256))),
                  ),
                ),
              ),
            ),
          ),
        )
      : null,
  );

  const uniq = (xs) => [...new Set(xs.filter(Boolean))].sort();
  const models = uniq(transcripts.map((t) => modelOf(t.model)));
  const labs = uniq(transcripts.map((t) => str(t.lab)));
  const ids = new Set(transcripts.map((t) => str(t.id)));
  const byId = new Map(transcripts.map((t) => [str(t.id), t]));
  const status = h("p", { role: "status", class: "muted", id: "results-status" });
  const { table, tbody } = resultsTable("Transcripts of this set", "Verdict · file");
  const initial = initialFilters();
  let seq = 0;

  async function apply(f) {
    const mine = ++seq;
    setHashParams(f);
    let rows;
    if (f.q) {
      status.textContent = "Searching…";
      rows = [];
      try {
        let cursor;
        for (let page = 0; page < 20; page++) {
          const res = await api.search({ ...f, setId, cursor });
          if (mine !== seq) return;
          for (const it of Array.isArray(res.items) ? res.items : [])
            if (ids.has(str(it.id))) rows.push(byId.get(str(it.id)) ?? it);
          cursor = res.cursor;
          if (!cursor) break;
        }
      } catch (err) {
        if (mine !== seq) return;
        status.replaceChildren(errorBox(err));
        tbody.replaceChildren();
        return;
      }
    } else {
      rows = transcripts.filter(
        (t) =>
          (!f.model || modelOf(t.model) === f.model) &&
          (!f.lab || str(t.lab) === f.lab) &&
          inRange(scoreOf(t.legibility), f),
      );
    }
    tbody.replaceChildren(
      ...rows.map((t) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, h("a", { href: transcriptHref(t.id, setId) }, h("code", {}, str(t.id)))),
          h("td", {}, str(t.lab)),
          h("td", {}, modelOf(t.model)),
          scoreCell(t.legibility),
          h(
            "td",
            {},
            t.verdict ? str(t.verdict) : "—",
            " · ",
            t.path
              ? h(
                  "a",
                  {
                    href: filePath("/sets/", setId, str(t.path)),
                    download: "",
                    "aria-label": `Download ${str(t.id)} JSON`,
                  },
                  "JSON",
                )
              : null,
          ),
        ),
      ),
    );
    status.textContent = `Showing ${rows.length} of ${transcripts.length} transcripts${f.q ? " matching the text search" : ""}.`;
  }

  const form = filterForm(models, labs, initial, apply);
  replace(
    main,
    h("nav", { "aria-label": "Breadcrumb", class: "crumbs" }, h("a", { href: "#/" }, "Sets")),
    title,
    provenanceBadge(str(man.setId || setId)),
    meta,
    downloads,
    h("h2", {}, "Transcripts"),
    form,
    status,
    table,
  );
  await apply(initial);
  return { focus: title };
}

export async function showSearch(main) {
  const title = h("h1", { tabindex: "-1" }, "Search transcripts");
  document.title = "Search — cotshare";
  const status = h("p", { role: "status", class: "muted", id: "results-status" });
  const { table, tbody } = resultsTable("Search results", "Set · matching text");
  const more = h("button", { type: "button", hidden: true }, "Load more results");
  let cursor;
  let current;
  let seq = 0;
  let shown = 0;
  async function load(reset) {
    const mine = ++seq;
    if (reset) {
      cursor = undefined;
      shown = 0;
      tbody.replaceChildren();
    }
    status.textContent = "Searching…";
    more.disabled = true;
    try {
      const res = await api.search({ ...current, cursor });
      if (mine !== seq) return;
      for (const t of Array.isArray(res.items) ? res.items : []) {
        shown++;
        tbody.append(
          h(
            "tr",
            {},
            h(
              "th",
              { scope: "row" },
              h("a", { href: transcriptHref(t.id, t.setId) }, h("code", {}, str(t.id))),
            ),
            h("td", {}, str(t.lab)),
            h("td", {}, modelOf(t.model)),
            scoreCell(t.legibility),
            h(
              "td",
              {},
              t.setId ? h("a", { href: route("sets", t.setId) }, h("code", {}, str(t.setId))) : "—",
              t.snippet ? snippet(str(t.snippet)) : null,
            ),
          ),
        );
      }
      cursor = res.cursor;
      more.hidden = !cursor;
      status.textContent = `${shown} result${shown === 1 ? "" : "s"}${cursor ? " so far" : ""}.`;
    } catch (err) {
      if (mine !== seq) return;
      status.replaceChildren(errorBox(err));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener("click", () => load(false));
  const initial = initialFilters();
  const form = filterForm(null, null, initial, (f) => {
    current = f;
    setHashParams(f);
    return load(true);
  });
  replace(
    main,
    title,
    h(
      "p",
      {},
      "Search the newest published set by model, lab, legibility score and text in the reasoning. To search an older set, open it from the list of sets.",
    ),
    form,
    status,
    table,
    more,
  );
  current = initial;
  await load(true);
  return { focus: title };
}
