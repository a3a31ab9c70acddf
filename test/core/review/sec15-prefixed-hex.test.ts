/**
 * The review's own reading of a provider token whose body is hex of a hash's length (Sentry's
 * `sntryu_`, SonarQube's `squ_`, Supabase's `sbp_v0_`, WunderGraph's `cosmo_`): a short label glued
 * to the hex makes it a credential, where the bare hex of that length is a content hash and is left
 * alone. Labels that name a hash or an identifier (`sha256-`, `commit_`, `trace_`, `file_`) stay
 * hashes. Values are built at run time.
 */
import { describe, expect, it } from "vitest";
import { review } from "../../../lambdas/core/review/index";
import { body, randomToken, text } from "./helpers";

const HEX = "0123456789abcdef";
const verdictOf = (t: string) => review({ body: body([text("Please help.", "user"), text(t)]) });

describe("a label glued to a long hex body", () => {
  it.each([
    ["Sentry", "sntry" + "u_" + randomToken(HEX, 64, 11)],
    ["SonarQube", "sq" + "u_" + randomToken(HEX, 40, 12)],
    ["Supabase", "sb" + "p_v0_" + randomToken(HEX, 40, 13)],
    ["WunderGraph", "cos" + "mo_" + randomToken(HEX, 32, 14)],
  ])("%s token → BLOCK", (_name, token) => {
    const v = verdictOf(`I used ${token} for the call.`);
    expect(v.verdict).toBe("BLOCK");
    expect(v.reasons.map((r) => r.code)).toContain("residual_secret");
  });

  it.each([
    ["a bare sha256", randomToken(HEX, 64, 21)],
    ["an integrity hash", "sha256-" + randomToken(HEX, 64, 22)],
    ["a commit", "commit_" + randomToken(HEX, 40, 23)],
    ["a trace id", "trace-" + randomToken(HEX, 32, 24)],
    ["a file name", "file_" + randomToken(HEX, 32, 25) + ".png"],
    ["an md5", "md5_" + randomToken(HEX, 32, 26)],
    ["a placeholder", "squ_" + "0".repeat(40)],
  ])("%s → no secret", (_name, token) => {
    expect(verdictOf(`See ${token} in the log.`).reasons.map((r) => r.code)).not.toContain("residual_secret");
  });
});

describe("password keywords spelt short", () => {
  const value = "FlUge" + "GeHeImEn03";
  it.each(["PSWD", "PSSWD", "PSWORD", "PSSWORD", "PASWD", "PASWORD", "db_pswd"])(
    "%s → keyword_secret",
    (kw) => {
      const v = verdictOf(`${kw}:=${value}`);
      expect(v.reasons.map((r) => r.code)).toContain("keyword_secret");
    },
  );
  it("not in words that hold the letters", () => {
    expect(verdictOf("The psw file format is documented.").verdict).toBe("PASS");
  });
});
