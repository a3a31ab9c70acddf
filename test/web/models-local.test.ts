/**
 * The Models page on the real local stack with demo data (`startLocal`): the published set's
 * stats.json and models.svg come from real publishing through the public API, the dataset card
 * carries the table and the plot, and the page renders them in a real browser.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startLocal, type LocalRuntime } from "../../local/index";
import { S3BlobStore, s3Client } from "../../lambdas/adapters/s3";
import { BUCKETS } from "../../lambdas/core/names";
import { statsMarkdown, type Stats } from "../../lambdas/core/compare";
import { launch, go, axeProblems, screenshot } from "./browser";

let dataDir: string;
let rt: LocalRuntime;
let browser: Browser;
let page: Page;
let setId: string;
let stats: Stats;
const pageErrors: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "cotshare-models-"));
  rt = await startLocal({ dataDir, s3Port: 0, httpPort: 0, demo: true, quiet: true, log: () => undefined });
  await rt.waitForIdle();
  await rt.publishNow();
  const sets = (await (await fetch(`${rt.httpUrl}/api/sets`)).json()) as { items: { setId: string }[] };
  setId = sets.items[0]!.setId;
  const res = await fetch(`${rt.httpUrl}/api/sets/${setId}/stats.json`);
  expect(res.status).toBe(200);
  stats = (await res.json()) as Stats;
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rt?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("Models page on the local stack with demo data", () => {
  it("the published set stores stats.json and models.svg, and its card carries the table and plot", async () => {
    expect(stats.schema).toBe("cotshare/stats@1");
    expect(stats.overall.count).toBeGreaterThan(0);
    const manifest = (await (await fetch(`${rt.httpUrl}/api/sets/${setId}`)).json()) as {
      files: { path: string }[];
      transcripts: { id: string }[];
    };
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(["stats.json", "models.svg"]));
    expect(stats.transcripts).toBe(manifest.transcripts.length);
    const blobs = new S3BlobStore(s3Client({ endpoint: rt.s3Url }));
    const card = new TextDecoder().decode(await blobs.get(BUCKETS.public, `sets/${setId}/README.md`));
    expect(card).toContain("## Models");
    expect(card).toContain("](models.svg)");
    expect(card).toContain(statsMarkdown(stats));
  });

  it("renders the plot with a point per scored transcript and a table matching stats.json", async () => {
    await go(page, rt.httpUrl, "#/models");
    await expect(page.locator("h1").textContent()).resolves.toBe("Models");
    const points = await page.locator("figure.models-plot a.point").count();
    expect(points).toBe(stats.overall.count);
    const rows = await page.$$eval("table.models tbody tr", (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("th, td"), (c) => c.textContent ?? "")),
    );
    expect(rows.map((r) => [r[0], r[3], r[4]])).toEqual(
      stats.models.map((m) => [
        m.model,
        String(m.count) + (m.unscored ? ` (+${m.unscored} unscored)` : ""),
        m.median === null ? "–" : m.median.toFixed(1),
      ]),
    );
    await screenshot(page, "models-local");
    expect(await axeProblems(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
