import { describe, expect, it } from "vitest";
import { detect } from "../../../lambdas/core/redact/index";

/** A fake random-looking token body, built at run time (no secret-shaped literal in the repository). */
function body(n: number, seed: number): string {
  const a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let x = seed;
  let out = "";
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += a[(x >>> 16) % a.length];
  }
  return out;
}

function secrets(text: string): string[] {
  return detect(text)
    .filter((s) => s.category === "SECRET")
    .map((s) => text.slice(s.start, s.end));
}

describe("chat-token: incoming webhooks, whose address is their credential", () => {
  const discord = "https://discord.com/api/" + "webhooks/1234567890123456789/" + body(68, 1);
  const teams =
    "https://acme.webhook." +
    "office.com/webhookb2/" +
    body(8, 2) +
    "-1234-1234-1234-" +
    body(12, 3) +
    "@" +
    body(8, 4) +
    "/IncomingWebhook/" +
    body(32, 5) +
    "/" +
    body(8, 6);
  const chat =
    "https://chat.googleapis.com/v1/spaces/AAAA" +
    body(7, 7) +
    "/messages?key=" +
    body(39, 8) +
    "&token=" +
    body(43, 9);
  const zapier = "https://hooks.zapier.com/hooks/" + "catch/123456/" + body(6, 10) + "/";
  const ifttt = "https://maker.ifttt.com/trigger/door_open/with/" + "key/" + body(22, 11);
  it.each([
    ["Discord", discord],
    ["Microsoft Teams", teams],
    ["Google Chat", chat],
    ["Zapier", zapier.slice(0, -1)],
    ["IFTTT", ifttt],
  ])("takes a %s webhook", (_name, url) => {
    const found = secrets(`curl -X POST -d '{"text":"deployed"}' ${url}/ && echo done`);
    expect(found.some((s) => s.includes(url.slice(-20)))).toBe(true);
  });
  it("leaves the services' documentation pages alone", () => {
    expect(
      secrets("See https://discord.com/developers/docs/resources/webhook and https://zapier.com/apps"),
    ).toEqual([]);
  });
});
