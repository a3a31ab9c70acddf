/**
 * Vendors' documentation examples are public text: kept exactly, and only exactly. Values are
 * built by concatenation so that secret scanners never flag this repository.
 */
import { describe, expect, it } from "vitest";
import { redactTranscript } from "../../../lambdas/core/redact/index";
import { isDocumentedExample } from "../../../lambdas/core/examples";
import { SCHEMA_ID, type Transcript } from "../../../lambdas/core/transcript/schema";
import { found } from "./helpers";

const ID = "AKIA" + "IOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";

describe("documented example credentials", () => {
  it("are recognised exactly, never by shape", () => {
    expect(isDocumentedExample(ID)).toBe(true);
    expect(isDocumentedExample(SECRET)).toBe(true);
    expect(isDocumentedExample(ID.toLowerCase())).toBe(false);
    expect(isDocumentedExample(ID + "X")).toBe(false);
    expect(isDocumentedExample("AKIA" + "IOSFODNN7EXAMPLF")).toBe(false);
  });
  it("are kept in the AWS CLI's documented configuration, real-shaped keys beside them are not", () => {
    const live = "AKIA" + "Y34FZKBOKMUTVV7A";
    const text = `aws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\nother = ${live}`;
    expect(found(text)).toEqual(["SECRET:" + live]);
  });
  it("inside a longer token they are part of it, and the token is redacted", () => {
    expect(found("key=" + ID + "ZZ9")).toHaveLength(1);
  });
  it("survive redaction of a transcript untouched, with no finding", () => {
    const t: Transcript = {
      schema: SCHEMA_ID,
      id: "x",
      model: { id: "m" },
      messages: [{ role: "user", parts: [{ type: "text", text: `Configure it with ${ID} and ${SECRET}.` }] }],
    };
    const r = redactTranscript(t, { hmacKey: "k" });
    expect(r.report.findings).toEqual([]);
    expect(JSON.stringify(r.transcript)).toContain(ID);
  });
});
