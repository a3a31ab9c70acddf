/**
 * The reviewer page in a real browser, against the fixture server: token in sessionStorage,
 * the accepted queue, findings grouped by category and detector, approve / deny with a reason,
 * and never a raw value.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startFixtureServer, type FixtureServer } from "./fixture-server";
import { launch, go, ready, axeProblems, screenshot, clickAndWait } from "./browser";
import { REVIEW_TOKEN, RAW_VALUE, REVIEW_ITEMS } from "./fixtures";

let server: FixtureServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const stored = (p: Page) => p.evaluate(() => sessionStorage.getItem("cotshare.reviewToken"));

async function signIn(p: Page, token: string) {
  await p.getByLabel("Reviewer token").fill(token);
  await p.evaluate(() => (document.body.dataset.ready = "false"));
  await p.getByRole("button", { name: "Sign in" }).click();
  await p.waitForFunction(
    () =>
      document.querySelector("main h1") &&
      !document.querySelector("main [role=status]")?.textContent?.startsWith("Loading"),
  );
}

describe("reviewer page", () => {
  it("asks for the token first, with no serious axe violations", async () => {
    await go(page, server.url, "#/review");
    await expect(page.locator("h1").textContent()).resolves.toBe("Review");
    await expect(page.getByLabel("Reviewer token").getAttribute("type")).resolves.toBe("password");
    expect(server.requests.some((r) => r.startsWith("/review/"))).toBe(false);
    await screenshot(page, "review-token");
    expect(await axeProblems(page)).toEqual([]);
  });

  it("refuses a wrong token and does not keep it", async () => {
    await signIn(page, "wrong-token");
    await expect(page.locator("main [role=alert]").textContent()).resolves.toContain("refused");
    expect(await stored(page)).toBeNull();
  });

  it("lists the transcripts waiting for a person, with the token kept in sessionStorage", async () => {
    await signIn(page, REVIEW_TOKEN);
    await page.waitForSelector("table.queue");
    expect(await stored(page)).toBe(REVIEW_TOKEN);
    expect(await page.locator("table.queue tbody th").allTextContents()).toEqual(
      REVIEW_ITEMS.filter((r) => r.verdict === "NEEDS_HUMAN").map((r) => r.id),
    );
    expect(server.requests.filter((r) => r.startsWith("/review/transcripts?")).at(-1)).toBe(
      "/review/transcripts?status=accepted&verdict=NEEDS_HUMAN",
    );
    // Every accepted transcript on request.
    await page.evaluate(() => (document.body.dataset.ready = "false"));
    await page.getByLabel("Show").selectOption({ label: "Every accepted transcript" });
    await ready(page);
    expect(await page.locator("table.queue tbody th").allTextContents()).toEqual(
      REVIEW_ITEMS.map((r) => r.id),
    );
    expect(server.requests.filter((r) => r.startsWith("/review/transcripts?")).at(-1)).toBe(
      "/review/transcripts?status=accepted",
    );
    await page.evaluate(() => (document.body.dataset.ready = "false"));
    await page.getByLabel("Show").selectOption({ label: "Waiting for a person (NEEDS_HUMAN)" });
    await ready(page);
    // The token is never written into the page.
    expect(await page.content()).not.toContain(REVIEW_TOKEN);
    // It survives a reload of the tab.
    await page.reload();
    await ready(page);
    await page.waitForSelector("table.queue");
    await screenshot(page, "review-queue");
    expect(await axeProblems(page)).toEqual([]);
  });

  it("shows one transcript's findings grouped by category and detector, never a raw value", async () => {
    await page.evaluate(() => (document.body.dataset.ready = "false"));
    await clickAndWait(page, page.locator("table.queue a", { hasText: "r-001" }));
    await expect(page.locator("h1").textContent()).resolves.toBe("Review r-001");
    const groups = await page.locator(".finding-cat").evaluateAll((cats) =>
      cats.map((c) => ({
        category: c.querySelector("h3")?.firstChild?.textContent,
        detectors: Array.from(c.querySelectorAll("h4 code")).map((d) => d.textContent),
        items: Array.from(c.querySelectorAll("li")).map((li) => li.textContent),
      })),
    );
    expect(groups).toEqual([
      {
        category: "EMAIL",
        detectors: ["regex-email"],
        items: [
          "\u27E6EMAIL_1\u27E7 at messages[1].parts[0].text",
          "\u27E6EMAIL_1\u27E7 at messages[2].parts[3].arguments",
        ],
      },
      {
        category: "PERSON",
        detectors: ["deny-terms", "names"],
        items: [
          "\u27E6PERSON_2\u27E7 at messages[2].parts[1].text",
          "\u27E6PERSON_2\u27E7 at messages[1].parts[0].text",
        ],
      },
    ]);
    await expect(page.locator(".findings .ph").count()).resolves.toBe(4);
    // The API sent a raw value in two findings (it must not, but if it does): the page never shows it.
    const html = await page.content();
    expect(html).not.toContain(RAW_VALUE);
    await expect(page.locator("main").textContent()).resolves.toContain("residual_secret");
    // The audit trail, collapsed.
    await page.locator("details.audit summary").click();
    await expect(page.locator("details.audit tbody tr").count()).resolves.toBe(2);
    await expect(page.locator("details.audit tbody tr").nth(1).textContent()).resolves.toContain(
      "accepted (received → accepted)",
    );
    // The redacted transcript is shown with its placeholders.
    await expect(page.locator(".transcript .msg").count()).resolves.toBeGreaterThan(3);
    await screenshot(page, "review-item");
    expect(await axeProblems(page)).toEqual([]);
  });

  it("requires a decision and a reason, then records it", async () => {
    await page.getByRole("button", { name: "Record decision" }).click();
    expect(server.decisions).toEqual([]); // the browser's own validation stops it
    await page.getByLabel("Deny").check();
    await page.getByRole("button", { name: "Record decision" }).click();
    expect(server.decisions).toEqual([]); // still no reason
    await page.getByRole("textbox", { name: /^Reason/ }).fill("Customer data in the tool call.");
    await page.getByRole("button", { name: "Record decision" }).click();
    await page.waitForFunction(() =>
      /Decision recorded/.test(document.querySelector(".decision-status")?.textContent ?? ""),
    );
    await expect(page.locator(".decision-status").textContent()).resolves.toBe(
      "Decision recorded: denied (status now denied).",
    );
    expect(server.decisions).toEqual([
      { id: "r-001", decision: "deny", reason: "Customer data in the tool call." },
    ]);
  });

  it("approves another one from the keyboard", async () => {
    await go(page, server.url, "#/review/r-002");
    await page.getByLabel("Approve").focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Names are public figures.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() =>
      /Decision recorded/.test(document.querySelector(".decision-status")?.textContent ?? ""),
    );
    expect(server.decisions.at(-1)).toEqual({
      id: "r-002",
      decision: "approve",
      reason: "Names are public figures.",
    });
  });

  it("forgets the token on request", async () => {
    await page.evaluate(() => (document.body.dataset.ready = "false"));
    await page.getByRole("button", { name: "Forget token" }).click();
    await ready(page);
    await expect(page.getByLabel("Reviewer token").isVisible()).resolves.toBe(true);
    expect(await stored(page)).toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
