/**
 * The public viewer in a real browser, against the fixture server: sets, filters, search,
 * transcript page, deep links, the least legible passage, downloads, keyboard, axe, dark mode.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startFixtureServer, type FixtureServer } from "./fixture-server";
import { launch, go, ready, axeProblems, screenshot, clickAndWait } from "./browser";
import {
  MAIN_ID,
  SET_NEW,
  SET_MID,
  SET_OLD,
  WINDOWS,
  TRANSCRIPTS,
  HOSTILE,
  TEXT_ONLY_ID,
  TEXT_ONLY_ANSWER,
  WITHDRAWN_ID,
} from "./fixtures";

let server: FixtureServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launch();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 800 } });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const rows = (p: Page) => p.locator("table.transcripts tbody tr");

describe("viewer", () => {
  it("lists the sets newest first, pages with the cursor, and has no serious axe violations", async () => {
    await go(page, server.url, "#/");
    await expect(page.locator("h1").textContent()).resolves.toBe("Published sets");
    const ids = () => page.locator("table.sets tbody th").allTextContents();
    expect(await ids()).toEqual([SET_NEW, SET_MID]);
    await page.getByRole("button", { name: "Load more sets" }).click();
    await page.waitForFunction(() => document.querySelectorAll("table.sets tbody tr").length === 3);
    expect(await ids()).toEqual([SET_NEW, SET_MID, SET_OLD]);
    await expect(page.getByRole("button", { name: "Load more sets" }).isHidden()).resolves.toBe(true);
    await screenshot(page, "sets");
    expect(await axeProblems(page)).toEqual([]);
  });

  it("shows a set with its downloads and filters its transcripts by model, lab and score", async () => {
    await clickAndWait(page, page.locator("table.sets a", { hasText: SET_NEW }).first());
    expect(page.url()).toContain(`#/sets/${SET_NEW}`);
    await expect(rows(page).count()).resolves.toBe(5);
    // Downloads point at the public bucket paths of this set.
    const href = (name: string) => page.getByRole("link", { name, exact: true }).getAttribute("href");
    expect(await href("data.jsonl")).toBe(`/sets/${SET_NEW}/data.jsonl`);
    expect(await href("data.parquet")).toBe(`/sets/${SET_NEW}/data.parquet`);
    // Filter by lab, then model, then score.
    await page.getByLabel("Lab").selectOption("beta-lab");
    await page.waitForFunction(() => document.querySelectorAll("table.transcripts tbody tr").length === 3);
    await page.getByLabel("Model").selectOption("beta-large");
    await page.waitForFunction(() => document.querySelectorAll("table.transcripts tbody tr").length === 2);
    await page.getByLabel("Min score").fill("50");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForFunction(() => document.querySelectorAll("table.transcripts tbody tr").length === 1);
    expect(await rows(page).locator("th").allTextContents()).toEqual(["t-beta-003"]);
    await expect(page.locator("#results-status").textContent()).resolves.toBe("Showing 1 of 5 transcripts.");
    // Score range alone, after clearing.
    await page.getByRole("button", { name: "Clear" }).click();
    await page.waitForFunction(() => document.querySelectorAll("table.transcripts tbody tr").length === 5);
    await page.getByLabel("Min score").fill("60");
    await page.getByLabel("Max score").fill("90");
    await page.getByLabel("Max score").press("Enter");
    await page.waitForFunction(() => document.querySelectorAll("table.transcripts tbody tr").length === 3);
    expect((await rows(page).locator("th").allTextContents()).sort()).toEqual([
      MAIN_ID,
      "t-alpha-002",
      "t-beta-002",
    ]);
    // The filter state is kept in the address.
    expect(decodeURIComponent(page.url())).toContain("minScore=60");
    await screenshot(page, "set-filtered");
    expect(await axeProblems(page)).toEqual([]);
  });

  it("searches the reasoning text through /api/search within the set, following cursors", async () => {
    await go(page, server.url, `#/sets/${SET_NEW}`);
    await expect(rows(page).count()).resolves.toBe(5);
    let before = server.requests.length;
    await page.getByLabel("Text in reasoning").fill("prime");
    await page.getByLabel("Text in reasoning").press("Enter");
    await page.waitForFunction(() =>
      /matching the text search/.test(document.getElementById("results-status")?.textContent ?? ""),
    );
    // "prime" is in t-alpha-002, t-beta-001 and t-beta-003: 3 hits, page size 2, so two requests.
    expect((await rows(page).locator("th").allTextContents()).sort()).toEqual([
      "t-alpha-002",
      "t-beta-001",
      "t-beta-003",
    ]);
    let searches = server.requests.slice(before).filter((r) => r.startsWith("/api/search"));
    expect(searches.map((r) => Object.fromEntries(new URL(r, "http://x").searchParams))).toEqual([
      { q: "prime", setId: SET_NEW },
      { q: "prime", setId: SET_NEW, cursor: "2" },
    ]);
    // An older set is searched by its own id: only its own transcript matches.
    await go(page, server.url, `#/sets/${SET_MID}?q=prime`);
    await page.waitForFunction(() =>
      /matching the text search/.test(document.getElementById("results-status")?.textContent ?? ""),
    );
    expect(await rows(page).locator("th").allTextContents()).toEqual(["t-beta-001"]);
    before = server.requests.length;
    await page.getByLabel("Text in reasoning").fill("nothing-like-this");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForFunction(() =>
      /^Showing 0 of 2/.test(document.getElementById("results-status")?.textContent ?? ""),
    );
    searches = server.requests.slice(before).filter((r) => r.startsWith("/api/search"));
    expect(searches).toEqual([`/api/search?q=nothing-like-this&setId=${SET_MID}`]);
  });

  it("the search page queries every set with model, lab, score and text, and loads more", async () => {
    await go(page, server.url, "#/search?q=prime");
    await expect(page.getByLabel("Text in reasoning").inputValue()).resolves.toBe("prime");
    await expect(page.locator("table.transcripts tbody tr").count()).resolves.toBe(2);
    await page.getByRole("button", { name: "Load more results" }).click();
    await page.waitForFunction(() => document.querySelectorAll("table.transcripts tbody tr").length === 3);
    await page.getByLabel("Lab").fill("beta-lab");
    await page.getByLabel("Max score").fill("50");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForFunction(() =>
      /^1 result\./.test(document.getElementById("results-status")?.textContent ?? ""),
    );
    expect(await rows(page).locator("th").allTextContents()).toEqual(["t-beta-001"]);
    const last = server.requests.filter((r) => r.startsWith("/api/search")).at(-1)!;
    const q = new URL(last, "http://x").searchParams;
    expect(Object.fromEntries(q)).toEqual({ lab: "beta-lab", maxScore: "50", q: "prime" });
    // The matching passage is shown as text.
    await expect(rows(page).locator(".snippet").textContent()).resolves.toContain("prime factors");
    await screenshot(page, "search");
    expect(await axeProblems(page)).toEqual([]);
  });

  it("shows a transcript: placeholders as chips, labelled reasoning, shaded windows, signals, collapsible tool calls", async () => {
    await go(page, server.url, `#/transcripts/${MAIN_ID}?set=${SET_NEW}`);
    await expect(page.locator("h1").textContent()).resolves.toBe(`Transcript ${MAIN_ID}`);
    // Placeholders: chips with the category and an explanation.
    const chips = page.locator(".ph");
    expect(await chips.count()).toBeGreaterThanOrEqual(5);
    const email = page.locator('.msg#m-1 .ph[data-category="EMAIL"]');
    await expect(email.textContent()).resolves.toBe("\u27E6EMAIL_1\u27E7");
    await expect(email.getAttribute("title")).resolves.toMatch(/^Redacted email .*removed/);
    // Untrusted text is text: the hostile markup is shown, not run.
    await expect(page.locator(".msg#m-1 .text").textContent()).resolves.toContain(HOSTILE);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main img, main script").count()).toBe(0);
    // Reasoning kinds are labelled.
    const m2 = page.locator(".msg#m-2");
    await expect(m2.locator(".reasoning-summary .part-label").textContent()).resolves.toMatch(
      /^Reasoning summary — .*not the raw chain of thought/,
    );
    await expect(m2.locator(".reasoning-opaque .part-label").textContent()).resolves.toMatch(
      /^Opaque reasoning — Encrypted or redacted/,
    );
    await expect(m2.locator(".reasoning-raw .part-label").textContent()).resolves.toMatch(/^Reasoning — /);
    // Windows: one shaded span per window, with its score, covering exactly the window's text.
    const t = TRANSCRIPTS[MAIN_ID]!;
    const text = t.messages[2]!.parts[1]!.text!;
    const spans = await m2
      .locator(".reasoning-raw .win")
      .evaluateAll((els) =>
        els.map((e) => ({ score: e.getAttribute("data-score"), cls: e.className, text: e.textContent })),
      );
    expect(spans.map((s) => Number(s.score))).toEqual(WINDOWS.map((w) => w.score));
    spans.forEach((s, i) => expect(s.text).toBe(text.slice(WINDOWS[i]!.start, WINDOWS[i]!.end)));
    expect(spans.map((s) => s.cls)).toEqual(["win band-4", "win band-3", "win band-0 worst", "win band-2"]);
    // The whole reasoning text is there, placeholders included, in order.
    await expect(m2.locator(".reasoning-raw .reasoning-body").textContent()).resolves.toBe(text);
    // Signals with explanations.
    await expect(page.locator("table.signals tbody tr").count()).resolves.toBe(3);
    await expect(page.locator("ul.notes li").allTextContents()).resolves.toEqual([
      "Opaque reasoning in message 2 was not scored.",
    ]);
    await expect(
      page.locator("table.signals tbody tr", { hasText: "gibberish" }).textContent(),
    ).resolves.toContain("not words of any language");
    // Tool call: collapsed, opens to pretty-printed arguments with the placeholder styled.
    const call = m2.locator("details.tool-call");
    await expect(call.getAttribute("open")).resolves.toBeNull();
    await expect(call.locator("summary").textContent()).resolves.toBe("Tool call: lookup_order (call_1)");
    await call.locator("summary").click();
    await expect(call.getAttribute("open")).resolves.toBe("");
    await expect(call.locator("pre").textContent()).resolves.toContain('"limit": 1');
    await expect(call.locator("pre .ph").count()).resolves.toBe(1);
    await screenshot(page, "transcript");
    expect(await axeProblems(page)).toEqual([]);
  });

  it("offers the transcript JSON and the set's files for download", async () => {
    const json = page.getByRole("link", { name: "Download JSON" });
    await expect(json.getAttribute("href")).resolves.toBe(`/api/transcripts/${MAIN_ID}`);
    const [download] = await Promise.all([page.waitForEvent("download"), json.click()]);
    expect(download.suggestedFilename()).toBe(`${MAIN_ID}.json`);
    const body = JSON.parse(await streamText(await download.createReadStream()));
    expect(body.id).toBe(MAIN_ID);
    await expect(page.getByRole("link", { name: "Set data.parquet" }).getAttribute("href")).resolves.toBe(
      `/sets/${SET_NEW}/data.parquet`,
    );
    const [pq] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Set data.jsonl" }).click(),
    ]);
    expect(pq.suggestedFilename()).toBe("data.jsonl");
    expect(await streamText(await pq.createReadStream())).toBe("fixture data.jsonl\n");
  });

  it("jumps to the least legible passage in one click", async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole("button", { name: /^Jump to the least legible passage/ }).click();
    const focused = await page.evaluate(() => ({
      id: document.activeElement?.id,
      text: document.activeElement?.textContent,
      inView: (() => {
        const r = document.activeElement!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      })(),
    }));
    const w = WINDOWS[2]!;
    expect(focused.id).toBe("least-legible");
    expect(focused.text).toBe(TRANSCRIPTS[MAIN_ID]!.messages[2]!.parts[1]!.text!.slice(w.start, w.end));
    expect(focused.inView).toBe(true);
  });

  it("follows a deep link to a message: scrolled to and focused", async () => {
    await page.goto("about:blank");
    await page.goto(`${server.url}/#/transcripts/${MAIN_ID}/m/4`);
    await ready(page);
    const st = await page.evaluate(() => {
      const r = document.getElementById("m-4")!.getBoundingClientRect();
      return { active: document.activeElement?.id, top: r.top, scrollY: window.scrollY };
    });
    expect(st.active).toBe("m-4");
    expect(st.scrollY).toBeGreaterThan(0);
    expect(st.top).toBeGreaterThanOrEqual(0);
    expect(st.top).toBeLessThan(100);
    // The message's permalink is that same route.
    await expect(page.locator("#m-4 .permalink").getAttribute("href")).resolves.toBe(
      `#/transcripts/${MAIN_ID}/m/4`,
    );
    await screenshot(page, "deep-link");
  });

  it("moves between messages with j / k and updates the address", async () => {
    await page.keyboard.press("j");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("m-5");
    expect(page.url()).toMatch(/#\/transcripts\/t-alpha-001\/m\/5$/);
    await page.keyboard.press("k");
    await page.keyboard.press("k");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("m-3");
    expect(page.url()).toMatch(/\/m\/3$/);
    // Not while typing in a field.
    await go(page, server.url, `#/sets/${SET_NEW}`);
    await page.getByLabel("Text in reasoning").fill("");
    await page.getByLabel("Text in reasoning").press("j");
    await expect(page.getByLabel("Text in reasoning").inputValue()).resolves.toBe("j");
  });

  it("is keyboard reachable: skip link first, visible focus, every control by Tab", async () => {
    await page.goto("about:blank");
    await page.goto(`${server.url}/#/sets/${SET_NEW}`);
    await ready(page);
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      outline: getComputedStyle(document.activeElement!).outlineStyle,
      top: document.activeElement!.getBoundingClientRect().top,
    }));
    expect(first.text).toBe("Skip to content");
    expect(first.outline).toBe("solid");
    expect(first.top).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("main");
    expect(page.url()).toContain(`#/sets/${SET_NEW}`); // the skip link did not break the route
    // Tab through the page: every visible interactive element gets focus, each with a visible outline.
    const expected = await page.evaluate(() =>
      Array.from(
        document.querySelectorAll("main a[href], main button, main input, main select, main summary"),
      )
        .filter((e) => (e as HTMLElement).checkVisibility())
        .map((e) => e.tagName + "|" + (e.id || e.getAttribute("href") || e.textContent)),
    );
    expect(expected.length).toBeGreaterThan(20);
    const seen = new Set<string>();
    for (let i = 0; i < expected.length + 5; i++) {
      await page.keyboard.press("Tab");
      const f = await page.evaluate(() => {
        const e = document.activeElement as HTMLElement;
        if (!e.closest("main")) return null;
        const key = e.tagName + "|" + (e.id || e.getAttribute("href") || e.textContent);
        return { key, outline: getComputedStyle(e).outlineStyle };
      });
      if (!f) continue;
      expect(f.outline, f.key).toBe("solid");
      seen.add(f.key);
    }
    expect(expected.filter((k) => !seen.has(k))).toEqual([]);
    // Open a transcript from the keyboard.
    await page.locator(`table.transcripts th a[href*="${MAIN_ID}"]`).focus();
    await page.evaluate(() => (document.body.dataset.ready = "false"));
    await page.keyboard.press("Enter");
    await ready(page);
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe("H1");
    expect(page.url()).toContain(`#/transcripts/${MAIN_ID}`);
  });

  it("renders in dark mode without serious axe violations", async () => {
    const dark = await browser.newContext({ colorScheme: "dark", viewport: { width: 1100, height: 800 } });
    try {
      const p = await dark.newPage();
      await go(p, server.url, `#/transcripts/${MAIN_ID}`);
      const bg = await p.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe("rgb(18, 19, 22)");
      await screenshot(p, "transcript-dark");
      expect(await axeProblems(p)).toEqual([]);
      await go(p, server.url, `#/sets/${SET_NEW}`);
      await screenshot(p, "set-dark");
      expect(await axeProblems(p)).toEqual([]);
    } finally {
      await dark.close();
    }
  });

  it("shades scored text when there is no reasoning (basis text)", async () => {
    await go(page, server.url, `#/transcripts/${TEXT_ONLY_ID}`);
    const spans = await page
      .locator("#m-1 .part.text .win")
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-score"), e.textContent]));
    expect(spans).toEqual([
      ["90", "The answer is 42."],
      ["22", "Qx vrr zzk plm."],
      ["88", "Thanks for asking."],
    ]);
    await expect(page.locator("#m-1 .part.text").textContent()).resolves.toBe(TEXT_ONLY_ANSWER);
    await page.getByRole("button", { name: /^Jump to the least legible passage/ }).click();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Qx vrr zzk plm.");
  });

  it("says a withdrawn transcript was withdrawn", async () => {
    await go(page, server.url, `#/transcripts/${WITHDRAWN_ID}`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Transcript withdrawn");
    await expect(page.locator("main [role=alert]").textContent()).resolves.toMatch(
      /withdrawn and is no longer published/,
    );
  });

  it("says so when a set or a transcript does not exist", async () => {
    await go(page, server.url, "#/transcripts/nope");
    await expect(page.locator("main [role=alert]").textContent()).resolves.toContain("404");
    await go(page, server.url, "#/sets/nope");
    await expect(page.locator("main [role=alert]").textContent()).resolves.toContain("404");
    await go(page, server.url, "#/no/such/page");
    await expect(page.locator("h1").textContent()).resolves.toBe("Not found");
    expect(pageErrors).toEqual([]);
  });
});

async function streamText(s: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
