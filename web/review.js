// The reviewer page: bearer token (sessionStorage), the accepted queue, one record with its
// findings grouped by category and detector, approve / deny with a reason. Findings are shown
// by placeholder and path only: no raw value is ever displayed.
import { reviewApi } from "./api.js";
import { h, replace, route, fmtDate, fmtScore, errorBox, loading } from "./dom.js";
import { placeholderChip, PLACEHOLDER_RE } from "./text.js";
import { renderTranscript } from "./transcript.js";

const KEY = "cotshare.reviewToken";
const storage = () => window.sessionStorage;

function str(v) {
  return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
}

export function getToken() {
  try {
    return storage().getItem(KEY) || "";
  } catch {
    return "";
  }
}

function setToken(t) {
  if (t) storage().setItem(KEY, t);
  else storage().removeItem(KEY);
}

function tokenForm(main, message, after) {
  const title = h("h1", { tabindex: "-1" }, "Review");
  const input = h("input", {
    id: "token",
    name: "token",
    type: "password",
    autocomplete: "off",
    required: true,
    spellcheck: "false",
  });
  const form = h(
    "form",
    { class: "token-form" },
    h("div", { class: "field" }, h("label", { for: "token" }, "Reviewer token"), input),
    h(
      "p",
      { class: "muted", id: "token-help" },
      "The bearer token printed by ",
      h("code", {}, "cotshare start"),
      ". It is kept in this browser tab only (sessionStorage) and sent only to this site's review API.",
    ),
    h("button", { type: "submit" }, "Sign in"),
  );
  input.setAttribute("aria-describedby", "token-help");
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const v = input.value.trim();
    if (!v) return;
    setToken(v);
    after();
  });
  replace(main, title, message ? h("p", { class: "error", role: "alert" }, message) : null, form);
  document.title = "Review — cotshare";
  return { focus: message ? input : title };
}

function signedIn(onSignOut) {
  return h(
    "p",
    { class: "signed-in muted" },
    "Signed in with a reviewer token (this tab only). ",
    h(
      "button",
      {
        type: "button",
        class: "link-button",
        onclick: () => {
          setToken("");
          onSignOut();
        },
      },
      "Forget token",
    ),
  );
}

async function guarded(main, fn, rerender) {
  try {
    return await fn();
  } catch (err) {
    if (err && (err.status === 401 || err.status === 403)) {
      setToken("");
      return tokenForm(main, "The token was refused. Enter a valid reviewer token.", rerender);
    }
    replace(main, h("h1", { tabindex: "-1" }, "Review"), errorBox(err));
    return { focus: main.querySelector("h1") };
  }
}

/**
 * What the queue shows: the transcripts waiting for a person (the review's NEEDS_HUMAN) by
 * default; blocked, passed or every accepted transcript on request. Kept for the session.
 */
const QUEUE_VIEWS = [
  {
    value: "NEEDS_HUMAN",
    label: "Waiting for a person (NEEDS_HUMAN)",
    empty: "Nothing is waiting for a person.",
  },
  { value: "BLOCK", label: "Blocked by the review (BLOCK)", empty: "Nothing is blocked." },
  { value: "PASS", label: "Passed the review (PASS)", empty: "Nothing has passed the review yet." },
  { value: "", label: "Every accepted transcript", empty: "Nothing is waiting for review." },
];
let queueView = "NEEDS_HUMAN";

function queueParams(extra = {}) {
  return { status: "accepted", ...(queueView ? { verdict: queueView } : {}), ...extra };
}

export async function showReviewList(main, rerender) {
  const token = getToken();
  if (!token) return tokenForm(main, "", rerender);
  replace(main, loading());
  return guarded(
    main,
    async () => {
      const first = await reviewApi.list(token, queueParams());
      const view = QUEUE_VIEWS.find((v) => v.value === queueView) ?? QUEUE_VIEWS[0];
      const picker = h(
        "select",
        { id: "queue-view" },
        QUEUE_VIEWS.map((v) => h("option", { value: v.value, selected: v.value === queueView }, v.label)),
      );
      picker.addEventListener("change", () => {
        queueView = picker.value;
        rerender();
      });
      const title = h("h1", { tabindex: "-1" }, "Review queue");
      const tbody = h("tbody");
      const status = h("p", { role: "status", class: "muted" });
      const more = h("button", { type: "button", hidden: true }, "Load more");
      let shown = 0;
      let cursor;
      const add = (page) => {
        for (const r of Array.isArray(page.items) ? page.items : []) {
          shown++;
          tbody.append(
            h(
              "tr",
              {},
              h("th", { scope: "row" }, h("a", { href: route("review", r.id) }, h("code", {}, str(r.id)))),
              h("td", {}, str(r.lab)),
              h("td", {}, str(r.verdict) || "—"),
              h("td", { class: "num" }, fmtScore(r.legibility)),
              h("td", {}, fmtDate(r.receivedAt)),
              h("td", {}, h("code", { class: "source" }, str(r.source))),
            ),
          );
        }
        cursor = page.cursor;
        more.hidden = !cursor;
        status.textContent =
          shown === 0
            ? view.empty
            : `${shown} transcript${shown === 1 ? "" : "s"} shown${cursor ? " (more below)" : ""}.`;
      };
      more.addEventListener("click", async () => {
        more.disabled = true;
        try {
          add(await reviewApi.list(token, queueParams({ cursor })));
        } catch (err) {
          status.replaceChildren(errorBox(err));
        } finally {
          more.disabled = false;
        }
      });
      replace(
        main,
        title,
        signedIn(rerender),
        h("p", {}, h("label", { for: "queue-view" }, "Show "), picker),
        status,
        h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "queue" },
            h("caption", { class: "sr-only" }, "Transcripts waiting for review"),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ["Transcript", "Lab", "Verdict", "Legibility", "Received", "Source"].map((c) =>
                  h("th", { scope: "col" }, c),
                ),
              ),
            ),
            tbody,
          ),
        ),
        more,
      );
      document.title = "Review queue — cotshare";
      add(first);
      return { focus: title };
    },
    rerender,
  );
}

/** Findings grouped by category, then detector. Only category, detector, path and placeholder are shown. */
function findingsView(findings) {
  const groups = new Map();
  for (const f of findings) {
    const cat = str(f?.category) || "unknown";
    const det = str(f?.detector) || "unknown";
    if (!groups.has(cat)) groups.set(cat, new Map());
    const dets = groups.get(cat);
    if (!dets.has(det)) dets.set(det, []);
    dets.get(det).push(f);
  }
  const sec = h(
    "section",
    { "aria-labelledby": "findings-h", class: "findings" },
    h("h2", { id: "findings-h" }, `Findings (${findings.length})`),
  );
  if (findings.length === 0) sec.append(h("p", { class: "muted" }, "No redaction findings."));
  for (const [cat, dets] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
    const n = [...dets.values()].reduce((a, xs) => a + xs.length, 0);
    const catSec = h(
      "section",
      { class: "finding-cat" },
      h("h3", {}, cat, h("span", { class: "muted" }, ` — ${n}`)),
    );
    for (const [det, items] of [...dets].sort((a, b) => a[0].localeCompare(b[0]))) {
      catSec.append(
        h("h4", {}, "Detector ", h("code", {}, det), h("span", { class: "muted" }, ` — ${items.length}`)),
        h(
          "ul",
          { class: "finding-list" },
          items.map((f) => {
            const ph = str(f?.placeholder);
            const m = [...ph.matchAll(PLACEHOLDER_RE)][0];
            return h(
              "li",
              {},
              m && m[0] === ph ? placeholderChip(ph, m[1], m[2]) : h("code", {}, ph || "—"),
              " at ",
              h("code", {}, str(f?.path)),
            );
          }),
        ),
      );
    }
    sec.append(catSec);
  }
  return sec;
}

/** The record's audit trail: who did what, when, and why. */
function auditView(audit) {
  if (audit.length === 0) return null;
  return h(
    "details",
    { class: "audit" },
    h("summary", {}, `Audit trail (${audit.length} event${audit.length === 1 ? "" : "s"})`),
    h(
      "div",
      { class: "table-wrap" },
      h(
        "table",
        {},
        h("caption", { class: "sr-only" }, "Audit trail"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["When", "Who", "What", "Reason"].map((c) => h("th", { scope: "col" }, c)),
          ),
        ),
        h(
          "tbody",
          {},
          audit.map((e) =>
            h(
              "tr",
              {},
              h("td", {}, fmtDate(e?.at)),
              h("td", {}, str(e?.actor)),
              h(
                "td",
                {},
                str(e?.action),
                e?.from || e?.to ? ` (${str(e?.from) || "—"} → ${str(e?.to) || "—"})` : "",
              ),
              h("td", {}, str(e?.reason)),
            ),
          ),
        ),
      ),
    ),
  );
}

function decisionForm(token, id, after) {
  const reason = h("textarea", {
    id: "reason",
    name: "reason",
    rows: "3",
    required: true,
    maxlength: "2000",
  });
  const out = h("p", { role: "status", class: "decision-status" });
  const submit = h("button", { type: "submit" }, "Record decision");
  const radio = (value, label) =>
    h(
      "label",
      { class: "radio" },
      h("input", { type: "radio", name: "decision", value, required: true }),
      ` ${label}`,
    );
  const form = h(
    "form",
    { class: "decision", "aria-labelledby": "decision-h" },
    h("h2", { id: "decision-h" }, "Decision"),
    h(
      "fieldset",
      {},
      h("legend", {}, "Publish this transcript?"),
      radio("approve", "Approve"),
      radio("deny", "Deny"),
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "reason" }, "Reason (recorded in the audit trail)"),
      reason,
    ),
    submit,
    out,
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const fd = new window.FormData(form);
    const decision = str(fd.get("decision"));
    const why = str(fd.get("reason")).trim();
    if (!decision || !why) {
      out.textContent = "Choose approve or deny and give a reason.";
      return;
    }
    submit.disabled = true;
    out.textContent = "Sending…";
    try {
      const res = await reviewApi.decide(token, id, decision, why);
      const status = res && (res.status ?? res.record?.status);
      out.textContent = `Decision recorded: ${decision === "approve" ? "approved" : "denied"}${status ? ` (status now ${str(status)})` : ""}.`;
      after?.();
    } catch (err) {
      out.replaceChildren(errorBox(err));
      submit.disabled = false;
    }
  });
  return form;
}

export async function showReviewItem(main, id, rerender) {
  const token = getToken();
  if (!token) return tokenForm(main, "", rerender);
  replace(main, loading());
  return guarded(
    main,
    async () => {
      const res = await reviewApi.get(token, id);
      const rec = res.record ?? {};
      // `findings` is `{items, byCategory, byDetector}` (or a bare list).
      const findings = Array.isArray(res.findings)
        ? res.findings
        : Array.isArray(res.findings?.items)
          ? res.findings.items
          : [];
      const audit = Array.isArray(res.audit) ? res.audit : [];
      const title = h("h1", { tabindex: "-1" }, "Review ", h("code", {}, str(rec.id || id)));
      const reasons = Array.isArray(rec.reasons) ? rec.reasons : [];
      const counts =
        rec.redactions && typeof rec.redactions === "object" ? Object.entries(rec.redactions) : [];
      const summary = h(
        "dl",
        { class: "meta" },
        [
          ["Lab", str(rec.lab)],
          ["Status", str(rec.status)],
          ["Verdict", str(rec.verdict)],
          ["Legibility", fmtScore(rec.legibility)],
          ["Received", fmtDate(rec.receivedAt)],
          ["Model", str(rec.modelId)],
          ["Source", str(rec.source)],
          ["Redactions", counts.map(([c, n]) => `${c}: ${n}`).join(", ")],
        ]
          .filter(([, v]) => v)
          .map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
      );
      const body = h("div", { class: "transcript" });
      replace(
        main,
        h(
          "nav",
          { "aria-label": "Breadcrumb", class: "crumbs" },
          h("a", { href: "#/review" }, "Review queue"),
        ),
        title,
        signedIn(rerender),
        summary,
        reasons.length
          ? h(
              "section",
              {},
              h("h2", {}, "Why it needs a human"),
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
            )
          : null,
        findingsView(findings),
        decisionForm(token, rec.id || id),
        auditView(audit),
        h("h2", {}, "Redacted transcript"),
        body,
      );
      if (res.transcript && typeof res.transcript === "object") {
        renderTranscript(body, { ...res.transcript, review: undefined }, {});
      } else {
        body.append(h("p", { class: "muted" }, "No transcript body."));
      }
      document.title = `Review ${str(rec.id || id)} — cotshare`;
      return { focus: title };
    },
    rerender,
  );
}
