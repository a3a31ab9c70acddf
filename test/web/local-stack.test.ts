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
import { S3BlobStore, s3Client } from "../../lambdas/adapters/s3";
import { BUCKETS, intakeKey } from "../../lambdas/core/names";
import { launch, go, ready, axeProblems, screenshot, clickAndWait } from "./browser";

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
    await clickAndWait(page, page.locator("table.sets tbody a").first());
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

  it("reviews a fresh submission with the real review API: findings, no raw value, a decision with a reason", async () => {
    // Submit one transcript as a lab would; the address is built at run time and must never show.
    const email = ["jane.roe", "acme-mail.net"].join("@");
    const doc = {
      schema: "cotshare/transcript@1",
      id: "web-review-1",
      model: { id: "demo-reasoner-1" },
      messages: [
        {
          role: "user",
          parts: [{ type: "text", text: `Please reply to ${email} with the total of 12 and 30.` }],
        },
        {
          role: "assistant",
          parts: [
            {
              type: "reasoning",
              text: `The user wants the sum of 12 and 30, sent to ${email}. 12 plus 30 is 42.`,
            },
            { type: "text", text: "The total is 42." },
          ],
        },
      ],
    };
    const s3 = s3Client({ endpoint: rt.s3Url });
    try {
      await new S3BlobStore(s3).put(
        BUCKETS.intake,
        intakeKey("demo-lab", "web-review.json"),
        JSON.stringify(doc),
        "application/json",
      );
    } finally {
      s3.destroy();
    }
    await rt.waitForIdle();
    const auth = { authorization: `Bearer ${rt.token}` };
    const list = (await (
      await fetch(`${rt.httpUrl}/review/transcripts?status=accepted`, { headers: auth })
    ).json()) as {
      items: { id: string; source: string }[];
    };
    const mine = list.items.find((i) => i.source.endsWith("web-review.json"));
    expect(mine, JSON.stringify(list.items)).toBeDefined();
    const id = mine!.id;

    await go(page, rt.httpUrl, "#/review");
    await page.getByLabel("Reviewer token").fill(rt.token);
    await page.evaluate(() => (document.body.dataset.ready = "false"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await ready(page);
    // The queue shows what waits for a person first; every accepted transcript on request.
    await page.evaluate(() => (document.body.dataset.ready = "false"));
    await page.getByLabel("Show").selectOption({ label: "Every accepted transcript" });
    await ready(page);
    await expect(page.locator("table.queue tbody th").allTextContents()).resolves.toEqual(
      list.items.map((i) => i.id),
    );
    expect(await axeProblems(page)).toEqual([]);

    const detail = (await (
      await fetch(`${rt.httpUrl}/review/transcripts/${id}`, { headers: auth })
    ).json()) as {
      findings: { items: unknown[]; byCategory: Record<string, number> };
    };
    expect(detail.findings.items.length).toBeGreaterThan(0);
    await go(page, rt.httpUrl, `#/review/${id}`);
    await expect(page.locator("h1").textContent()).resolves.toBe(`Review ${id}`);
    await expect(page.locator(".findings li").count()).resolves.toBe(detail.findings.items.length);
    const cats = await page
      .locator(".finding-cat h3")
      .evaluateAll((hs) => hs.map((x) => x.firstChild?.textContent));
    expect(cats).toEqual(Object.keys(detail.findings.byCategory).sort());
    expect(await page.locator(".findings .ph").count()).toBeGreaterThan(0);
    expect((await page.content()).toLowerCase()).not.toContain(email);
    await screenshot(page, "local-review");
    expect(await axeProblems(page)).toEqual([]);

    await page.getByLabel("Deny").check();
    await page.getByRole("textbox", { name: /^Reason/ }).fill("Browser test: deny.");
    await page.getByRole("button", { name: "Record decision" }).click();
    await page.waitForFunction(() =>
      /Decision recorded|answered/.test(document.querySelector(".decision-status")?.textContent ?? ""),
    );
    await expect(page.locator(".decision-status").textContent()).resolves.toMatch(
      /^Decision recorded: denied/,
    );
    const after = (await (
      await fetch(`${rt.httpUrl}/review/transcripts/${id}`, { headers: auth })
    ).json()) as {
      record: { status: string };
    };
    expect(after.record.status).toBe("denied");
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
