/**
 * The viewer against the real local stack (`startLocal` with demo data): embedded S3 and
 * DynamoDB, the real ingest, publishing and public API. Open the viewer, open the set, filter,
 * search, open a transcript, follow a deep link, check downloads, run axe.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startLocal, type LocalRuntime } from "../../local/index";
import { launch, go, ready, axeProblems, screenshot } from "./browser";

interface Manifest {
  setId: string;
  transcripts: { id: string; lab: string; model: string; legibility: number; path: string }[];
}
interface Published {
  id: string;
  messages: { parts: { type: string }[] }[];
  legibility: { worst?: { message: number }; windows?: unknown[]; signals: Record<string, unknown> };
}

let dataDir: string;
let rt: LocalRuntime;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let manifest: Manifest;
const pageErrors: string[] = [];

const getJson = async <T>(path: string): Promise<T> => {
  const res = await fetch(rt.httpUrl + path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "cotshare-web-"));
  rt = await startLocal({ dataDir, s3Port: 0, httpPort: 0, demo: true, quiet: true, log: () => undefined });
  await rt.waitForIdle();
  await rt.publishNow();
  const sets = await getJson<{ items: { setId: string }[] }>("/api/sets");
  manifest = await getJson<Manifest>(`/api/sets/${sets.items[0]!.setId}`);
  browser = await launch();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 800 } });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rt?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("viewer on the local stack with demo data", () => {
  it("lists the published set and shows its transcripts, filterable by model", async () => {
    expect(manifest.transcripts.length).toBeGreaterThan(1);
    await go(page, rt.httpUrl, "#/");
    await expect(page.locator("table.sets tbody th").first().textContent()).resolves.toBe(manifest.setId);
    expect(await axeProblems(page)).toEqual([]);
    await page.evaluate(() => (document.body.dataset.ready = "false"));
    await page.locator("table.sets tbody a").first().click();
    await ready(page);
    const rows = page.locator("table.transcripts tbody tr");
    await expect(rows.count()).resolves.toBe(manifest.transcripts.length);
    const model = manifest.transcripts[0]!.model;
    const expected = manifest.transcripts.filter((t) => t.model === model).map((t) => t.id);
    await page.getByLabel("Model").selectOption(model);
    await page.waitForFunction(
      (n) => document.querySelectorAll("table.transcripts tbody tr").length === n,
      expected.length,
    );
    expect((await rows.locator("th").allTextContents()).sort()).toEqual([...expected].sort());
    // Downloads point at the set's files in the public bucket paths.
    await expect(
      page.getByRole("link", { name: "data.parquet", exact: true }).getAttribute("href"),
    ).resolves.toBe(`/sets/${manifest.setId}/data.parquet`);
    await screenshot(page, "local-set");
    expect(await axeProblems(page)).toEqual([]);
  });

  it("searches the reasoning with the real search API", async () => {
    await page.getByRole("button", { name: "Clear" }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll("table.transcripts tbody tr").length === n,
      manifest.transcripts.length,
    );
    const api = await getJson<{ items: { id: string }[]; total: number }>(
      `/api/search?q=the&setId=${manifest.setId}&limit=100`,
    );
    expect(api.items.length).toBeGreaterThan(0);
    await page.getByLabel("Text in reasoning").fill("the");
    await page.getByLabel("Text in reasoning").press("Enter");
    await page.waitForFunction(() =>
      /matching the text search/.test(document.getElementById("results-status")?.textContent ?? ""),
    );
    const ids = await page.locator("table.transcripts tbody th").allTextContents();
    expect(ids.sort()).toEqual(api.items.map((i) => i.id).sort());
  });

  it("opens a transcript with its signals, shading and the least legible passage; axe is clean", async () => {
    const id = manifest.transcripts[0]!.id;
    const t = await getJson<Published>(`/api/transcripts/${id}`);
    await go(page, rt.httpUrl, `#/transcripts/${id}?set=${manifest.setId}`);
    await expect(page.locator("h1").textContent()).resolves.toBe(`Transcript ${id}`);
    await expect(page.locator("article.msg").count()).resolves.toBe(t.messages.length);
    await expect(page.locator("table.signals tbody tr").count()).resolves.toBe(
      Object.keys(t.legibility.signals).length,
    );
    const reasoning = t.messages.flatMap((m) => m.parts).filter((p) => p.type === "reasoning").length;
    await expect(page.locator(".reasoning").count()).resolves.toBe(reasoning);
    if ((t.legibility.windows?.length ?? 0) > 0)
      expect(await page.locator(".reasoning .win").count()).toBeGreaterThan(0);
    if (t.legibility.worst) {
      await page.getByRole("button", { name: /^Jump to the least legible passage/ }).click();
      const focused = await page.evaluate(() => document.activeElement?.closest("article.msg")?.id);
      expect(focused).toBe(`m-${t.legibility.worst.message}`);
    }
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download JSON" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${id}.json`);
    await screenshot(page, "local-transcript");
    expect(await axeProblems(page)).toEqual([]);
  });

  it("follows a deep link to a message", async () => {
    const id = manifest.transcripts[0]!.id;
    await page.goto("about:blank");
    await page.goto(`${rt.httpUrl}/#/transcripts/${id}/m/1`);
    await ready(page);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("m-1");
    expect(pageErrors).toEqual([]);
  });
});
