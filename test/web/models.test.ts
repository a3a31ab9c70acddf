/**
 * The Models page in a real browser: a small server of its own serves `web/` and the public API
 * with a set whose `stats.json` and `models.svg` are built by the same core code that publishes
 * sets. Checks the plot, the per-signal breakdown on hover, focus and click, the links to
 * transcripts, the text alternative against stats.json, escaping, axe, light and dark screenshots.
 */
import { createServer, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  computeStats,
  renderModelsSvg,
  statsJson,
  type CompareItem,
  type Stats,
} from "../../lambdas/core/compare";
import { ARTIFACTS, launch, go, axeProblems, screenshot, clickAndWait } from "./browser";

const WEB = fileURLToPath(new URL("../../web/", import.meta.url));
const SET = "0123456789abcdef0123";
const OLD_SET = "aaaaaaaaaaaaaaaaaaaa";
const HOSTILE = `<img src=x onerror="window.__pwned=1">model`;

function item(
  id: string,
  model: CompareItem["model"],
  score: number,
  lexical: number,
  lab = "lab-a",
): CompareItem {
  return {
    id,
    lab,
    model,
    legibility: {
      score,
      scorer: "cotshare-legibility@1",
      basis: "reasoning",
      signals: {
        language: { value: 0, subscore: 1, explanation: "" },
        lexical: { value: 0.1, subscore: lexical, explanation: "" },
        repetition: { value: 0.1, subscore: score < 50 ? 0.4 : 0.95, explanation: "" },
        oddness: { value: 7, subscore: 0.5, explanation: "" },
      },
    },
  };
}

const ITEMS: CompareItem[] = [
  item("t-old-1", { id: "old-reasoner", releaseDate: "2024-09-12" }, 38, 0.35),
  item("t-old-2", { id: "old-reasoner", releaseDate: "2024-09-12" }, 62, 0.7),
  item("t-old-3", { id: "old-reasoner", releaseDate: "2024-09-12" }, 71, 0.8),
  item("t-old-4", { id: "old-reasoner", releaseDate: "2024-09-12" }, 45, 0.5),
  item("t-mid-1", { id: "mid-reasoner", releaseDate: "2025-04-16" }, 84, 0.9, "lab-b"),
  item("t-mid-2", { id: "mid-reasoner", releaseDate: "2025-04-16" }, 93, 0.95, "lab-b"),
  item("t-mid-3", { id: "mid-reasoner", releaseDate: "2025-04-16" }, 88, 0.92, "lab-b"),
  item("t-new-1", { id: "new-reasoner", releaseDate: "2025-11-01" }, 99, 1, "lab-b"),
  item("t-solo-1", { id: "solo-undated" }, 57, 0.78, "lab-c"),
  item("t-evil-1", { id: HOSTILE }, 22, 0.2, "lab-c"),
];
const STATS: Stats = computeStats(ITEMS, { scorer: "cotshare-legibility@1" });
const SVG = renderModelsSvg(STATS);

function publishedDoc(it: CompareItem) {
  return {
    schema: "cotshare/transcript@1",
    id: it.id,
    lab: it.lab,
    model: it.model,
    messages: [
      { role: "user", parts: [{ type: "text", text: "What is 2 + 2?" }] },
      {
        role: "assistant",
        parts: [{ type: "reasoning", text: "Two plus two is four.", summary: false, opaque: false }],
      },
    ],
    legibility: { score: it.legibility.score, basis: "reasoning", signals: it.legibility.signals },
    review: { verdict: "PASS", reasons: [] },
    redaction: { counts: {}, placeholders: 0 },
  };
}

let server: Server;
let base: string;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
        res.end(typeof body === "string" ? body : JSON.stringify(body));
      };
      if (path === "/api/sets")
        return json(200, {
          items: [
            { setId: SET, createdAt: "2026-11-20T10:00:00.000Z", count: ITEMS.length },
            { setId: OLD_SET, createdAt: "2026-01-01T00:00:00.000Z", count: 1 },
          ],
        });
      if (path === `/api/sets/${SET}/stats.json`) return json(200, statsJson(STATS));
      if (path === `/api/sets/${SET}/models.svg`) {
        res.writeHead(200, { "content-type": "image/svg+xml; charset=utf-8" });
        return res.end(SVG);
      }
      const t = /^\/api\/transcripts\/([^/]+)$/.exec(path);
      const found = t && ITEMS.find((i) => i.id === decodeURIComponent(t[1]!));
      if (found) return json(200, publishedDoc(found));
      if (path.startsWith("/api/") || path.startsWith("/sets/"))
        return json(404, { error: { code: "not_found", message: "No such thing." } });
      const rel = normalize(path === "/" ? "index.html" : path.slice(1));
      if (rel.startsWith("..")) return json(404, {});
      try {
        const body = await readFile(join(WEB, rel));
        const type = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" }[extname(rel)];
        res.writeHead(200, { "content-type": `${type ?? "application/octet-stream"}; charset=utf-8` });
        res.end(body);
      } catch {
        json(404, {});
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

/** The cells a row of the text alternative must show, computed here from stats.json alone. */
function expectedRow(m: Stats["models"][number]): string[] {
  const f = (x: number | null) => (x === null ? "–" : x.toFixed(1));
  const weak = Object.entries(m.signals)
    .filter(([n, s]) => s.median < STATS.weakSubscore && n !== "oddness")
    .sort((a, b) => a[1].median - b[1].median)
    .slice(0, 2)
    .map(([n, s]) => `${n} ${s.median.toFixed(2)}`);
  return [
    m.model,
    m.releaseDate ?? "–",
    m.labs.join(", "),
    String(m.count),
    f(m.median),
    `${f(m.q1)}–${f(m.q3)}`,
    `${f(m.min)}–${f(m.max)}`,
    `${m.illegible} (${Math.round(m.illegibleShare! * 100)} %)`,
    weak.join(", ") || "–",
  ];
}

describe("Models page", () => {
  it("is linked from the nav and shows the newest set's plot, ordered by release date", async () => {
    await go(page, base, "#/");
    await clickAndWait(page, page.getByRole("link", { name: "Models", exact: true }));
    expect(page.url()).toContain("#/models");
    await expect(page.locator("h1").textContent()).resolves.toBe("Models");
    await expect(page.locator('.site-header a[href="#/models"]').getAttribute("aria-current")).resolves.toBe(
      "page",
    );
    // Inline, the background card stays transparent: the page's own colours apply.
    expect(await page.$eval("figure.models-plot rect.bg", (r) => getComputedStyle(r).fill)).toBe("none");
    expect(await page.locator("figure.models-plot style").count()).toBe(0);
    const svg = page.locator("figure.models-plot svg");
    await expect(svg.count()).resolves.toBe(1);
    const labels = await page.$$eval("figure.models-plot g.model", (gs) =>
      gs.map((g) => g.querySelector("text")!.textContent),
    );
    expect(labels.slice(0, 3)).toEqual(["old-reasoner", "mid-reasoner", "new-reasoner"]);
    expect(labels.length).toBe(STATS.models.length);
    // Points: one link per scored transcript, to the transcript in this set.
    const hrefs = await page.$$eval("figure.models-plot a.point", (as) =>
      as.map((a) => a.getAttribute("href")),
    );
    expect(hrefs.length).toBe(ITEMS.length);
    expect(hrefs).toContain(`#/transcripts/t-old-1?set=${SET}`);
    // The hostile model name is text, not markup.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("figure.models-plot img").count()).toBe(0);
    expect(labels.some((l) => l!.startsWith("<img src=x"))).toBe(true);
  });

  it("has a text alternative whose rows match stats.json", async () => {
    const rows = await page.$$eval("table.models tbody tr", (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("th, td"), (c) => c.textContent ?? "")),
    );
    expect(rows).toEqual(STATS.models.map(expectedRow));
    const signalHead = await page.$$eval("table.models-matrix thead th", (ths) =>
      ths.map((t) => t.textContent),
    );
    expect(signalHead).toEqual(["Model", ...STATS.signals.map((s) => s.name)]);
    const oldRow = await page.$$eval("table.models-matrix tbody tr:first-child td", (tds) =>
      tds.map((t) => t.textContent),
    );
    expect(oldRow).toEqual(STATS.signals.map((s) => STATS.models[0]!.signals[s.name]!.median.toFixed(2)));
  });

  it("shows a per-signal breakdown on hover, on focus and on click", async () => {
    const detail = page.locator(".model-detail");
    // First model with scores is shown to begin with.
    await expect(detail.locator("caption").textContent()).resolves.toContain("Signals of old-reasoner");
    await page.locator('a.point[data-id="t-mid-2"]').hover();
    await expect(detail.textContent()).resolves.toContain("Transcript t-mid-2: legibility 93.0");
    await expect(detail.locator("caption").textContent()).resolves.toContain("Signals of mid-reasoner");
    const cells = await detail.locator("tbody tr").first().locator("th, td").allTextContents();
    const mid = STATS.models[1]!;
    expect(cells).toEqual(["language", "1.2", "1.00", "1.00–1.00", `0 of ${mid.signals.language!.count}`]);
    await page.locator('a.point[data-id="t-old-1"]').focus();
    await expect(detail.textContent()).resolves.toMatch(
      /t-old-1: legibility 38\.0 \(illegible\); weakest signal lexical \(0\.35\)/,
    );
    await page
      .locator("figure.models-plot g.model")
      .nth(STATS.models.findIndex((m) => m.model === "solo-undated"))
      .locator("text")
      .first()
      .click();
    await expect(detail.locator("caption").textContent()).resolves.toContain("Signals of solo-undated");
    await screenshot(page, "models");
  });

  it("has no serious axe violations, in light and dark mode", async () => {
    expect(await axeProblems(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: "dark" });
    const colour = await page.$eval("figure.models-plot svg", (s) => getComputedStyle(s).color);
    const bg = await page.$eval("body", (b) => getComputedStyle(b).backgroundColor);
    expect(colour).not.toBe(bg);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "models-dark");
    await page.emulateMedia({ colorScheme: "light" });
  });

  it("opens a transcript from its point", async () => {
    await clickAndWait(page, page.locator('a.point[data-id="t-new-1"]'));
    expect(page.url()).toContain(`#/transcripts/t-new-1?set=${SET}`);
  });

  it("the standalone models.svg (as on a dataset hub) parses and is readable in light and dark", async () => {
    const standalone = await browser.newContext({ viewport: { width: 800, height: 420 } });
    const p = await standalone.newPage();
    for (const scheme of ["light", "dark"] as const) {
      await p.emulateMedia({ colorScheme: scheme });
      await p.goto(`${base}/api/sets/${SET}/models.svg`);
      expect(await p.evaluate(() => document.documentElement.localName)).toBe("svg");
      expect(await p.locator("parsererror").count()).toBe(0);
      const colour = await p.$eval("svg", (s) => getComputedStyle(s).color);
      expect(colour).toBe(scheme === "dark" ? "rgb(231, 231, 234)" : "rgb(27, 27, 31)");
      const card = await p.$eval("rect.bg", (r) => getComputedStyle(r).fill);
      expect(card).toBe(scheme === "dark" ? "rgb(18, 19, 22)" : "rgb(255, 255, 255)");
      await p.screenshot({ path: `${ARTIFACTS}models-svg-${scheme}.png` });
    }
    await standalone.close();
  });

  it("says so when a set has no stats.json", async () => {
    await go(page, base, `#/models/${OLD_SET}`);
    await expect(page.locator("main").textContent()).resolves.toContain("This set has no model comparison");
    expect(pageErrors).toEqual([]);
  });
});
