/**
 * The review's own check for keys written in pieces: an AWS key id in groups of four or wrapped
 * onto a new line, a Stripe key with one blank inside. Keys are built at run time.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review";
import { findFormatHits, findSplitKey } from "../../../lambdas/core/review/formats";
import { secretShaped } from "../../../lambdas/core/review/secrets";
import { DEFAULT_THRESHOLDS } from "../../../lambdas/core/review/thresholds";
import { B62, body, randomToken, text } from "./helpers";

const awsBody = randomToken("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 15, 11) + "7";
const aws = "AK" + "IA" + awsBody;
const groups = (sep: string) => aws.match(/.{4}/g)!.join(sep);
const stripeBody = randomToken(B62, 15, 12) + "9" + randomToken(B62, 14, 13);
const stripePrefix = ["sk", "live", ""].join("_");

describe("review: keys in pieces", () => {
  it("finds an AWS key id in groups of four or wrapped after any group", () => {
    expect(findSplitKey(`key ${groups(" ")} here`)).toBe("AWS key id");
    expect(findSplitKey(`key ${groups("-")} here`)).toBe("AWS key id");
    expect(findSplitKey(`key ${["AS" + "IA", ...awsBody.match(/.{4}/g)!].join(" ")}`)).toBe("AWS key id");
    for (const cut of [4, 8, 12, 16]) {
      expect(findSplitKey(`key:\n${aws.slice(0, cut)}\n  ${aws.slice(cut)}\n`), String(cut)).toBe(
        "AWS key id",
      );
      expect(findSplitKey(String.raw`"key": "${aws.slice(0, cut)}\n${aws.slice(cut)}"`), String(cut)).toBe(
        "AWS key id",
      );
    }
  });

  it("finds a Stripe key with one blank inside", () => {
    for (const cut of [0, 6, 16, 23])
      expect(
        findSplitKey(`charge with ${stripePrefix}${stripeBody.slice(0, cut)} ${stripeBody.slice(cut)} now`),
        String(cut),
      ).toBe("Stripe key");
  });

  it("leaves whole keys to the format scan, and capitals, prose and the word after a key alone", () => {
    for (const t of [
      `key ${aws} here`,
      "ASIA WIDE TEAM PLAN GOAL",
      "AKIA is the prefix of a long-term key; ASIA of a temporary one.",
      "The region ASIA PACI FIC2 was listed.",
      `${stripePrefix} keys must never be logged.`,
      `charge with ${stripePrefix}${stripeBody} now`,
    ])
      expect(findSplitKey(t), t).toBeUndefined();
  });

  it("reports one in an identifier or another reading as a credential", () => {
    const hits = findFormatHits(`${groups(" ")}`, false);
    expect(hits.map((h) => h.code)).toEqual(["residual_secret"]);
    expect(JSON.stringify(hits)).not.toContain(awsBody.slice(0, 4));
  });

  it("reads an AWS key id in dashed groups as secret-shaped", () => {
    expect(secretShaped(groups("-"), DEFAULT_THRESHOLDS)).toBeDefined();
    expect(secretShaped("ASIA-WIDE-TEAM-PLAN-GOAL", DEFAULT_THRESHOLDS)).toBeUndefined();
    const r = review({ body: body([text(`aws configure set aws_access_key_id ${groups("-")}`)]) });
    expect(r.verdict).toBe("BLOCK");
  });
});
