/** Shared helpers for the browser tests: Debian's chromium driven by playwright-core, axe-core. */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

export function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Wait until the router has rendered the current route. */
export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.ready === "true");
}

/** Clicks something that changes the route, and waits for the new route to render. */
export async function clickAndWait(page: Page, target: ReturnType<Page["locator"]>): Promise<void> {
  // Mark the page not ready first, or the previous route's "ready" would satisfy the wait.
  await page.evaluate(() => (document.body.dataset.ready = "false"));
  await target.click();
  await ready(page);
}

/** Go to a hash route and wait for it to render. */
export async function go(page: Page, base: string, hash: string): Promise<void> {
  const url = `${base}/${hash}`;
  if (page.url() === url) {
    // Setting the same hash fires no hashchange: reload to render the route afresh.
    await page.reload();
  } else if (page.url().startsWith(base + "/")) {
    await page.evaluate(() => (document.body.dataset.ready = "false"));
    await page.evaluate((h) => (location.hash = h), hash);
  } else {
    await page.goto(url);
  }
  await ready(page);
}

/** Serious and critical axe-core violations on the page, as readable lines. */
export async function axeProblems(page: Page): Promise<string[]> {
  const res = await new AxeBuilder({ page }).analyze();
  return res.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}
