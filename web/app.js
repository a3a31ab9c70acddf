// Hash router: #/  #/search  #/models[/<setId>]  #/sets/<setId>  #/transcripts/<id>[/m/<n>]  #/review  #/review/<id>
import { h, replace } from "./dom.js";
import { showSets, showSet, showSearch } from "./sets.js";
import { showTranscript, disableMessageKeys } from "./transcript.js";
import { showReviewList, showReviewItem } from "./review.js";
import { showModels } from "./models.js";

const main = document.getElementById("main");
let generation = 0;
// On the first load focus stays at the top (the skip link comes first); a deep link to a
// message still focuses that message. Later route changes move focus to the new page.
let firstLoad = true;

function parse(hash) {
  const raw = hash.replace(/^#\/?/, "");
  const [path, qs] = raw.split("?");
  const params = new URLSearchParams(qs ?? "");
  let segs;
  try {
    segs = path.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    segs = ["?"];
  }
  return { segs, params };
}

async function render() {
  const mine = ++generation;
  disableMessageKeys();
  const { segs, params } = parse(location.hash);
  const rerender = () => render();
  let result;
  try {
    if (segs.length === 0) result = await showSets(main);
    else if (segs[0] === "search" && segs.length === 1) result = await showSearch(main);
    else if (segs[0] === "sets" && segs.length === 2) result = await showSet(main, segs[1]);
    else if (segs[0] === "transcripts" && segs.length === 2)
      result = await showTranscript(main, segs[1], undefined, params.get("set") || undefined);
    else if (segs[0] === "transcripts" && segs.length === 4 && segs[2] === "m" && /^\d+$/.test(segs[3]))
      result = await showTranscript(main, segs[1], Number(segs[3]), params.get("set") || undefined);
    else if (segs[0] === "models" && segs.length <= 2) result = await showModels(main, segs[1]);
    else if (segs[0] === "review" && segs.length === 1) result = await showReviewList(main, rerender);
    else if (segs[0] === "review" && segs.length === 2)
      result = await showReviewItem(main, segs[1], rerender);
    else {
      replace(
        main,
        h("h1", { tabindex: "-1" }, "Not found"),
        h("p", {}, "No page here. ", h("a", { href: "#/" }, "Back to the sets"), "."),
      );
      document.title = "Not found — cotshare";
      result = { focus: main.querySelector("h1") };
    }
  } catch (err) {
    replace(
      main,
      h("h1", { tabindex: "-1" }, "Something went wrong"),
      h("p", { class: "error", role: "alert" }, String(err?.message ?? err)),
    );
    result = { focus: main.querySelector("h1") };
  }
  if (mine !== generation) return;
  markCurrentNav(segs[0] ?? "");
  const initial = firstLoad;
  firstLoad = false;
  if (result?.focus && !(initial && result.focus.tagName === "H1")) {
    result.focus.focus({ preventScroll: !!result.noScroll });
    if (!result.noScroll && result.focus.tagName === "H1") window.scrollTo(0, 0);
  }
  document.body.dataset.ready = "true";
}

function markCurrentNav(first) {
  const current = first === "" || first === "sets" || first === "transcripts" ? "#/" : `#/${first}`;
  for (const a of document.querySelectorAll(".site-header nav ul a")) {
    if (a.getAttribute("href") === current) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

// The skip link must not change the hash (that is the router's).
document.getElementById("skip-link").addEventListener("click", (ev) => {
  ev.preventDefault();
  main.focus();
  main.scrollIntoView();
});

window.addEventListener("hashchange", () => {
  document.body.dataset.ready = "false";
  render();
});
render();
