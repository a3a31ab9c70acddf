/**
 * An AWS access key id written in groups of four or wrapped onto a new line, and a Stripe key with
 * one space inside: redacted as secrets. Keys are built at run time.
 */
import { describe, expect, it } from "vitest";
import { found } from "./helpers";

const awsBody = ["QYLP", "MN5H", "HHFP", "ZAM2"];
const aws = "AK" + "IA" + awsBody.join("");
const stripeBody = "4eC39HqLyjWD" + "arjtT1zdp7dc";
const stripe = ["sk", "live", stripeBody].join("_");
const secrets = (text: string) => found(text).filter((f) => f.startsWith("SECRET:"));

describe("keys written in pieces", () => {
  it("finds an AWS key id in groups of four, with spaces or dashes", () => {
    for (const sep of [" ", "-"]) {
      const value = ["AK" + "IA", ...awsBody].join(sep);
      expect(secrets(`The access key id is ${value} (from the console).`), sep).toEqual([`SECRET:${value}`]);
      expect(secrets(`aws configure set aws_access_key_id ${value}`), sep).toEqual([`SECRET:${value}`]);
    }
    const temporary = ["AS" + "IA", ...awsBody].join(" ");
    expect(secrets(`temporary key ${temporary}`)).toEqual([`SECRET:${temporary}`]);
  });

  it("finds an AWS key id wrapped onto a new line after any group (a real or a written-out line break)", () => {
    for (const cut of [4, 8, 12, 16]) {
      const value = aws.slice(0, cut) + "\n  " + aws.slice(cut);
      expect(secrets(`key:\n${value}\nsecret: elsewhere`), String(cut)).toEqual([`SECRET:${value}`]);
      const escaped = aws.slice(0, cut) + "\\n" + aws.slice(cut);
      expect(secrets(`{"args": "{\\"key\\": \\"${escaped}\\"}"}`), String(cut)).toEqual([
        `SECRET:${escaped}`,
      ]);
    }
  });

  it("finds a Stripe key with one space inside", () => {
    for (const cut of [0, 5, 12, 23]) {
      const value = `${["sk", "live", ""].join("_")}${stripeBody.slice(0, cut)} ${stripeBody.slice(cut)}`;
      expect(secrets(`stripe.api_key = "${value}"`), String(cut)).toContain(`SECRET:${value}`);
      expect(secrets(`I will charge with ${value} now.`), String(cut)).toEqual([`SECRET:${value}`]);
    }
  });

  it("leaves capitals, the whole key's next word and short key-like words alone", () => {
    for (const text of [
      "ASIA WIDE TEAM PLAN GOAL",
      "AKIA is the prefix of a long-term key; ASIA of a temporary one.",
      "The region ASIA PACI FIC2 was listed.", // not four groups of four
      "sk_live_ keys must never be logged.",
      "Use sk_test_ keys in tests and sk_live_ keys in production.",
    ])
      expect(secrets(text), text).toEqual([]);
    // A whole key followed by a word: the key alone.
    expect(secrets(`Charged with ${stripe} today.`)).toEqual([`SECRET:${stripe}`]);
  });
});
