// Tiny DOM builder. Text is only ever inserted as text nodes (never parsed as HTML):
// transcripts are untrusted input.

/**
 * h("a", {href: "#/", class: "x", onclick: fn}, "text", child, [more])
 * Attributes: `class`, `text` (textContent), `on<event>` listeners, `dataset`, booleans, strings.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = String(v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof window.Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replace an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A hash link to a route; every variable segment is URI-encoded. */
export function route(...segments) {
  return "#/" + segments.map((s) => encodeURIComponent(String(s))).join("/");
}

/** A same-origin path built from fixed and variable segments (each segment encoded). */
export function filePath(prefix, ...segments) {
  return (
    prefix +
    segments
      .flatMap((s) => String(s).split("/"))
      .filter((s) => s !== "" && s !== "." && s !== "..")
      .map(encodeURIComponent)
      .join("/")
  );
}

export function fmtDate(iso) {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export function fmtBytes(n) {
  if (typeof n !== "number" || !Number.isFinite(n)) return "—";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A legibility value may be a number or `{score}`. */
export function scoreOf(legibility) {
  if (typeof legibility === "number") return legibility;
  if (legibility && typeof legibility.score === "number") return legibility.score;
  return undefined;
}

export function fmtScore(legibility) {
  const s = scoreOf(legibility);
  return s === undefined ? "—" : String(Math.round(s));
}

/** A model may be a string or `{id}`. */
export function modelOf(model) {
  if (typeof model === "string") return model;
  if (model && typeof model.id === "string") return model.id;
  return "";
}

export function errorBox(err) {
  const msg = err && err.message ? err.message : String(err);
  return h("p", { class: "error", role: "alert" }, msg);
}

export function loading(what = "Loading…") {
  return h("p", { class: "muted", role: "status" }, what);
}
