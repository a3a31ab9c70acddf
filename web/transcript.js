// The transcript page: metadata, legibility signals, messages with shaded reasoning,
// collapsible tool calls, the least legible passage one click away.
import { api } from "./api.js";
import {
  h,
  append,
  replace,
  route,
  filePath,
  fmtDate,
  fmtScore,
  scoreOf,
  modelOf,
  errorBox,
  loading,
} from "./dom.js";
import { appendText, appendShaded, band, BANDS } from "./text.js";

const WORST_ID = "least-legible";

function str(v) {
  return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
}

function prettyArgs(args) {
  const s = str(args);
  try {
    return JSON.stringify(JSON.parse(s), null, 2);
  } catch {
    return s;
  }
}

function windowsFor(legibility, m, p) {
  const all = Array.isArray(legibility?.windows) ? legibility.windows : [];
  return all.filter((w) => w && w.message === m && w.part === p);
}

function reasoningLabel(part) {
  if (part.opaque)
    return ["Opaque reasoning", "Encrypted or redacted by the provider: no text is published."];
  if (part.summary)
    return [
      "Reasoning summary",
      "Written by the provider to summarise hidden reasoning; not the raw chain of thought.",
    ];
  return ["Reasoning", "The model's chain of thought, shaded by legibility."];
}

/** Append `text` to `el`, shaded by the legibility windows of message `m`, part `p`. */
function shadedInto(el, text, m, p, t, state) {
  const windows = windowsFor(t.legibility, m, p);
  const worst = t.legibility?.worst;
  const isWorstPart = worst && worst.message === m && worst.part === p;
  if (windows.length === 0 && !isWorstPart) return appendText(el, text);
  const w = appendShaded(el, text, windows, isWorstPart ? worst : null, WORST_ID);
  if (w) {
    state.worstEl = w;
    w.title = `Least legible passage (score ${fmtScore(worst.score)}/100)`;
  }
  return el;
}

function renderPart(part, m, p, t, state) {
  const type = str(part?.type);
  if (type === "text") {
    // Scored text (basis "text": no reasoning) is shaded like reasoning.
    return shadedInto(h("div", { class: "part text" }), str(part.text), m, p, t, state);
  }
  if (type === "reasoning") {
    const [label, note] = reasoningLabel(part);
    const kind = part.opaque ? "opaque" : part.summary ? "summary" : "raw";
    const box = h("section", { class: `part reasoning reasoning-${kind}`, "aria-label": label });
    box.append(
      h("p", { class: "part-label" }, h("strong", {}, label), " — ", h("span", { class: "muted" }, note)),
    );
    if (part.opaque) {
      box.append(h("p", { class: "opaque-body" }, "[hidden reasoning]"));
      return box;
    }
    const body = shadedInto(h("div", { class: "reasoning-body" }), str(part.text), m, p, t, state);
    box.append(body);
    return box;
  }
  if (type === "tool_call") {
    return h(
      "details",
      { class: "part tool tool-call" },
      h(
        "summary",
        {},
        "Tool call: ",
        h("code", {}, str(part.name)),
        part.id ? h("span", { class: "muted" }, ` (${str(part.id)})`) : null,
      ),
      appendText(h("pre", { class: "code" }), prettyArgs(part.arguments)),
    );
  }
  if (type === "tool_result") {
    return h(
      "details",
      { class: "part tool tool-result" },
      h(
        "summary",
        {},
        part.isError ? "Tool result (error)" : "Tool result",
        part.id ? h("span", { class: "muted" }, ` (${str(part.id)})`) : null,
      ),
      appendText(h("pre", { class: "code" }), str(part.text)),
    );
  }
  return h("p", { class: "part muted" }, `Unsupported part type: ${type}`);
}

function signalsTable(legibility) {
  const signals =
    legibility?.signals && typeof legibility.signals === "object" ? Object.entries(legibility.signals) : [];
  if (signals.length === 0) return null;
  const num = (v) => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : str(v));
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "signals" },
      h("caption", {}, "Legibility signals"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Signal"),
          h("th", { scope: "col" }, "Value"),
          h("th", { scope: "col" }, "Subscore"),
          h("th", { scope: "col" }, "What it means"),
        ),
      ),
      h(
        "tbody",
        {},
        signals.map(([name, s]) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, name),
            h("td", {}, num(s?.value)),
            h("td", {}, num(s?.subscore)),
            h("td", {}, str(s?.explanation)),
          ),
        ),
      ),
    ),
  );
}

function legend() {
  return h(
    "div",
    { class: "legend" },
    h("span", { id: "legend-title" }, "Reasoning shading by legibility:"),
    h(
      "ul",
      { "aria-labelledby": "legend-title" },
      BANDS.map(([b, label]) =>
        h("li", {}, h("span", { class: `win band-${b} swatch`, "aria-hidden": "true" }, "Aa"), ` ${label}`),
      ),
    ),
  );
}

function dl(pairs) {
  return h(
    "dl",
    { class: "meta" },
    pairs
      .filter(([, v]) => v !== undefined && v !== null && v !== "")
      .map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
  );
}

/**
 * Render a published (or redacted, for review) transcript into `root`.
 * Returns {worstEl, messageEls}.
 */
export function renderTranscript(root, t, opts = {}) {
  const state = { worstEl: null };
  const leg = t.legibility ?? {};
  const review = t.review ?? {};
  const redaction = t.redaction ?? {};
  const counts =
    redaction.counts && typeof redaction.counts === "object" ? Object.entries(redaction.counts) : [];
  const reasons = Array.isArray(review.reasons) ? review.reasons : [];
  const score = scoreOf(leg);

  root.append(
    dl([
      ["Lab", str(t.lab)],
      ["Model", [modelOf(t.model), t.model?.provider ? ` (${str(t.model.provider)})` : ""].join("")],
      [
        "Legibility",
        score === undefined
          ? "—"
          : h("span", { class: `score band-${band(score)}` }, `${fmtScore(score)}/100`),
      ],
      ["Basis", leg.basis !== undefined ? str(leg.basis) : undefined],
      [
        "Review verdict",
        review.verdict
          ? h("span", { class: `verdict verdict-${str(review.verdict)}` }, str(review.verdict))
          : undefined,
      ],
      ["Redactions", counts.length ? counts.map(([c, n]) => `${c}: ${n}`).join(", ") : "none"],
      ["Task", t.task ? [t.task.name, t.task.dataset].filter(Boolean).map(str).join(" · ") : undefined],
      ["Created", t.createdAt ? fmtDate(t.createdAt) : undefined],
      ["Licence", t.license ? str(t.license) : undefined],
      ["Tags", Array.isArray(t.tags) && t.tags.length ? t.tags.map(str).join(", ") : undefined],
    ]),
  );
  if (reasons.length) {
    root.append(
      h("h2", {}, "Review reasons"),
      h(
        "ul",
        { class: "reasons" },
        reasons.map((r) =>
          h(
            "li",
            {},
            h("code", {}, str(r?.code)),
            " ",
            str(r?.message),
            r?.path ? h("span", { class: "muted" }, ` at ${str(r.path)}`) : null,
          ),
        ),
      ),
    );
  }

  const actions = h("div", { class: "actions" });
  root.append(actions);
  const sig = signalsTable(leg);
  if (sig) root.append(sig);
  const notes = Array.isArray(leg.notes) ? leg.notes.filter((n) => typeof n === "string" && n) : [];
  if (notes.length) {
    root.append(
      h("p", { class: "notes-title" }, h("strong", {}, "Scorer notes")),
      h(
        "ul",
        { class: "notes" },
        notes.map((n) => h("li", {}, n)),
      ),
    );
  }
  root.append(legend());

  const messages = Array.isArray(t.messages) ? t.messages : [];
  const list = h("ol", { class: "messages", "aria-label": "Messages" });
  const messageEls = [];
  messages.forEach((msg, m) => {
    const role = str(msg?.role) || "unknown";
    const headingId = `m-${m}-h`;
    const art = h("article", {
      class: `msg role-${role}`,
      id: `m-${m}`,
      tabindex: "-1",
      "aria-labelledby": headingId,
      dataset: { index: String(m) },
    });
    const head = h(
      "header",
      { class: "msg-head" },
      h(
        "h3",
        { id: headingId },
        `Message ${m}`,
        " · ",
        h("span", { class: "role" }, role),
        msg?.name ? h("span", { class: "muted" }, ` (${str(msg.name)})`) : null,
      ),
      opts.messageLink
        ? h("a", { class: "permalink", href: opts.messageLink(m), "aria-label": `Link to message ${m}` }, "#")
        : null,
    );
    art.append(head);
    (Array.isArray(msg?.parts) ? msg.parts : []).forEach((part, p) =>
      art.append(renderPart(part, m, p, t, state)),
    );
    messageEls.push(art);
    list.append(h("li", {}, art));
  });

  const worst = leg.worst;
  if (worst && typeof worst.message === "number") {
    const btn = h(
      "button",
      { type: "button", class: "jump-worst", onclick: () => jumpToWorst(state, worst, messageEls) },
      "Jump to the least legible passage",
      typeof worst.score === "number" ? ` (score ${fmtScore(worst.score)})` : "",
    );
    actions.append(btn);
  }
  if (opts.downloads) append(actions, opts.downloads);

  root.append(h("h2", {}, `Messages (${messages.length})`), list);
  return { worstEl: state.worstEl, messageEls };
}

function jumpToWorst(state, worst, messageEls) {
  const el = state.worstEl ?? messageEls[worst.message];
  if (!el) return;
  document.querySelectorAll(".flash").forEach((e) => e.classList.remove("flash"));
  el.classList.add("flash");
  el.scrollIntoView({ block: "center" });
  el.focus({ preventScroll: true });
}

export async function showTranscript(main, id, messageIndex, setId) {
  replace(main, loading());
  let t;
  try {
    t = await api.transcript(id);
  } catch (err) {
    const withdrawn = err && err.status === 410;
    replace(
      main,
      h("h1", { tabindex: "-1" }, withdrawn ? "Transcript withdrawn" : "Transcript"),
      withdrawn
        ? h(
            "p",
            { role: "alert" },
            "This transcript was withdrawn and is no longer published. Sets published later do not include it.",
          )
        : errorBox(err),
    );
    return { focus: main.querySelector("h1") };
  }
  const title = h("h1", { tabindex: "-1" }, "Transcript ", h("code", {}, str(t.id || id)));
  const crumbs = h(
    "nav",
    { "aria-label": "Breadcrumb", class: "crumbs" },
    h("a", { href: "#/" }, "Sets"),
    setId ? [" › ", h("a", { href: route("sets", setId) }, "Set ", h("code", {}, setId))] : null,
  );
  const downloads = [
    h(
      "a",
      { class: "button", href: filePath("/api/transcripts/", id), download: `${id}.json` },
      "Download JSON",
    ),
  ];
  if (setId) {
    downloads.push(
      h(
        "a",
        { class: "button", href: filePath("/sets/", setId, "data.jsonl"), download: "" },
        "Set data.jsonl",
      ),
      h(
        "a",
        { class: "button", href: filePath("/sets/", setId, "data.parquet"), download: "" },
        "Set data.parquet",
      ),
    );
  }
  const body = h("div", { class: "transcript" });
  replace(main, crumbs, title, body);
  document.title = `Transcript ${str(t.id || id)} — cotshare`;
  const { messageEls } = renderTranscript(body, t, {
    downloads,
    messageLink: (m) => route("transcripts", t.id || id, "m", m),
  });
  body.append(h("p", { class: "muted hint" }, "Keys: j / k move to the next / previous message."));
  enableMessageKeys(messageEls, (m) => route("transcripts", t.id || id, "m", m));
  if (messageIndex !== undefined) {
    const el = messageEls[messageIndex];
    if (el) {
      el.scrollIntoView({ block: "start" });
      return { focus: el, noScroll: true };
    }
    body.prepend(
      h("p", { class: "error", role: "alert" }, `This transcript has no message ${messageIndex}.`),
    );
  }
  return { focus: title };
}

let keyHandler = null;

/** j / k move between messages (and update the address without re-rendering). */
export function enableMessageKeys(messageEls, linkFor) {
  disableMessageKeys();
  keyHandler = (ev) => {
    if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (ev.key !== "j" && ev.key !== "k") return;
    const tgt = ev.target;
    if (tgt && (tgt.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(tgt.tagName))) return;
    if (messageEls.length === 0) return;
    const active = document.activeElement?.closest?.("article.msg");
    let i = active ? messageEls.indexOf(active) : -1;
    if (i < 0) {
      // Start from the first message whose top is below the top of the viewport.
      i = messageEls.findIndex((el) => el.getBoundingClientRect().top >= 0);
      if (i < 0) i = messageEls.length - 1;
      i = ev.key === "j" ? i - 1 : i + 1;
    }
    const next = Math.max(0, Math.min(messageEls.length - 1, ev.key === "j" ? i + 1 : i - 1));
    ev.preventDefault();
    const el = messageEls[next];
    el.scrollIntoView({ block: "start" });
    el.focus({ preventScroll: true });
    if (linkFor) history.replaceState(null, "", linkFor(next));
  };
  document.addEventListener("keydown", keyHandler);
}

export function disableMessageKeys() {
  if (keyHandler) document.removeEventListener("keydown", keyHandler);
  keyHandler = null;
}
