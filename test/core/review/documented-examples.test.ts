/**
 * The review passes vendors' documentation examples (exactly, standing alone) and still flags a
 * key of the same shape. Values are built by concatenation so secret scanners never flag the repo.
 */
import { describe, expect, it } from "vitest";
import { blankDocumentedExamples } from "../../../lambdas/core/examples";
import { processBytes } from "../../../lambdas/core/pipeline";
import { findKeywordHits } from "../../../lambdas/core/review/keywords";
import { findSecretShaped } from "../../../lambdas/core/review/secrets";
import { DEFAULT_THRESHOLDS } from "../../../lambdas/core/review/thresholds";

const ID = "AKIA" + "IOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
const VARIANT = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEz";

describe("documented example credentials in the review", () => {
  it("are blanked only where they stand alone, offsets kept", () => {
    const text = `a=${ID} b=${ID}Z9 c=${SECRET}.`;
    const out = blankDocumentedExamples(text);
    expect(out).toHaveLength(text.length);
    expect(out).not.toContain(SECRET);
    expect(out).toContain(`${ID}Z9`);
    expect(out.indexOf(ID)).toBe(text.indexOf(`${ID}Z9`));
    expect(blankDocumentedExamples("no example here")).toBe("no example here");
  });
  it("a shape scan and a keyword scan pass the examples and flag a one-letter variant", () => {
    const th = DEFAULT_THRESHOLDS;
    expect(findSecretShaped(`export AWS_SECRET_ACCESS_KEY=${SECRET}`, th)).toEqual([]);
    expect(findSecretShaped(`export AWS_SECRET_ACCESS_KEY=${VARIANT}`, th)).toHaveLength(1);
    expect(findKeywordHits(`secret_key = ${SECRET}`)).toEqual([]);
    expect(findKeywordHits(`secret_key = ${VARIANT}`).map((h) => h.code)).toEqual(["keyword_secret"]);
  });
  it("a transcript quoting the AWS CLI's documented configuration is published as it is, and passes", () => {
    const text = `[default]\naws_access_key_id=${ID}\naws_secret_access_key=${SECRET}\n`;
    const t = {
      schema: "cotshare/transcript@1",
      id: "x",
      model: { id: "m" },
      messages: [
        { role: "user", parts: [{ type: "text", text }] },
        { role: "assistant", parts: [{ type: "text", text: "Replace both with your own keys." }] },
      ],
    };
    const [o] = processBytes("a.json", new TextEncoder().encode(JSON.stringify(t)), {
      lab: "lab-a",
      hmacKey: "k",
    });
    expect(o?.status).toBe("accepted");
    if (o?.status !== "accepted") return;
    expect(o.verdict).toBe("PASS");
    expect(o.findings).toEqual([]);
    expect(JSON.stringify(o.published)).toContain(SECRET);
  });
});
