/**
 * Secret detectors. Secret-shaped strings are built by concatenation at run time so that secret
 * scanners never flag this repository.
 */
import { describe, expect, it } from "vitest";
import { covers, found } from "./helpers";

const rnd = "Zq8" + "xW3vK9pL2mN7bR4tY6hJ1cF5gD0sA"; // 31 mixed characters

describe("cloud and provider keys", () => {
  it("AWS access key ids; the documented example key itself is kept, a one-letter variant is not", () => {
    expect(found("id " + "AKIA" + "IOSFODNN7EXAMPLF" + " here")).toEqual([
      "SECRET:" + "AKIA" + "IOSFODNN7EXAMPLF",
    ]);
    expect(found("id " + "AKIA" + "IOSFODNN7EXAMPLE" + " here")).toEqual([]);
    expect(found("ASIA" + "Y34FZKBOKMUTVV7A")).toHaveLength(1);
  });
  it("AWS secret keys by their label, placed on the value", () => {
    const v = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCY" + "EXAMPLEKEz";
    const text = "AWS_SECRET_ACCESS_KEY=" + v;
    expect(found(text)).toEqual(["SECRET:" + v]);
  });
  it("GCP, OpenAI, Anthropic, Hugging Face keys", () => {
    expect(found("key AIza" + "SyD" + "x".repeat(0) + rnd + "abcd").length).toBe(1);
    expect(found("sk-" + "proj-" + rnd + rnd)).toHaveLength(1);
    expect(found("sk-ant-" + "api03-" + (rnd + rnd + rnd).slice(0, 90))).toHaveLength(1);
    expect(found("token hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh")).toEqual([
      "SECRET:hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh",
    ]);
  });
  it("GitHub, GitLab, Slack, Stripe, npm tokens", () => {
    expect(found("ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8")).toHaveLength(1);
    expect(found("glpat-" + "Xy12" + "Ab34Cd56Ef78Gh90")).toHaveLength(1);
    expect(found("xoxb-" + "123456789012-" + "abcdefABCDEF123")).toHaveLength(1);
    expect(found("sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc")).toHaveLength(1);
    expect(found("npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8")).toHaveLength(1);
  });
  it("JWTs", () => {
    const jwt =
      "eyJ" +
      "hbGciOiJIUzI1NiJ9" +
      ".eyJ" +
      "zdWIiOiIxMjM0NTY3ODkwIn0" +
      ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    expect(found("Bearer-less jwt: " + jwt)).toEqual(["SECRET:" + jwt]);
  });
  it("PEM and OpenSSH private keys, also truncated", () => {
    const body =
      "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" +
      "BKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj" +
      "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3S";
    const pem =
      "-----BEGIN " + "PRIVATE KEY-----\n" + body + "\n" + body + "\n-----END " + "PRIVATE KEY-----";
    expect(found("key:\n" + pem + "\nend")).toEqual(["SECRET:" + pem]);
    const ssh = "-----BEGIN OPENSSH " + "PRIVATE KEY-----\n" + body + body;
    expect(found(ssh)).toEqual(["SECRET:" + ssh]);
  });
  it("passwords in URLs and connection strings, Authorization headers", () => {
    const url = "postgres://app:" + "S3cr3tPw" + "@db.internal:5432/x";
    const spans = found(url);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatch(/^SECRET:.*S3cr3tPw/);
    expect(covers("see https://user:" + "pa55Word9" + "@git.example.com/x", "pa55Word9")).toBe(true);
    expect(found("Server=db;User Id=sa;Password=" + "Tr0ub4dor&3" + ";")).toContain(
      "SECRET:" + "Tr0ub4dor&3",
    );
    expect(found("Authorization: Bearer " + rnd)).toEqual(["SECRET:" + rnd]);
  });
  it("key = value secrets by keyword and shape", () => {
    expect(found('db_password = "' + "hunter2" + 'x!"')).toEqual(["SECRET:hunter2x!"]);
    expect(found("api_key: " + rnd)).toEqual(["SECRET:" + rnd]);
  });
});

describe("no false positives on look-alikes", () => {
  it("hashes, UUIDs, versions, math and prose", () => {
    expect(
      found(
        "commit 3f786850e387550fdab836ed7e6dc881de23001b and sha256 " +
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      ),
    ).toEqual([]);
    expect(found("request id 123e4567-e89b-12d3-a456-426614174000")).toEqual([]);
    expect(found("upgrade to v1.2.3 then 2.10.0-rc.1")).toEqual([]);
    expect(found("340+40+320=700 and 0.8*400=320")).toEqual([]);
    expect(found("The key insight is that the password is stored hashed.")).toEqual([]);
    expect(found("Set the token to null; secret = <your-secret>; password: changeme")).toEqual([]);
  });
  it("'pass' as an English word before a question mark or full stop", () => {
    expect(found("What is the school's overall pass rate? The pass rate.")).toEqual([]);
    expect(found("He needs a boarding pass today.")).toEqual([]);
    // a real password after the same keyword is still found, with its own symbols
    expect(found("pass: " + "Summer" + "2024!")).toEqual(["SECRET:" + "Summer" + "2024!"]);
    expect(found("password = " + "cackle" + "!")).toEqual(["SECRET:" + "cackle" + "!"]);
    expect(found("the password is " + "hunter2" + "x?")).toEqual(["SECRET:" + "hunter2" + "x?"]);
  });
  it("publishable Stripe keys and template placeholders are left alone", () => {
    expect(found("pk_live_" + "4eC39HqLyjWDarjtT1zdp7dc")).toEqual([]);
    expect(found("https://{{user}}:{{pass}}@example.com")).toEqual([]);
  });
  it("Stripe-shaped keys shorter than Stripe issues them (24 characters after the prefix)", () => {
    expect(found("sk_live_" + "4eC39HqLyjWDarjtT1zdp7d")).toEqual([]); // 23
    expect(found("rk_test_" + "4eC39HqLyjWDarjtT1zdp7dcX")).toHaveLength(1); // 25
  });
  it("a password equal to the user name is a default credential, not a secret", () => {
    for (const u of ["postgres", "mongodb", "mysql"]) {
      const url = u + "://" + u + ":" + u + "@localhost:5432/db";
      expect(found(url)).toEqual([]);
      expect(found('DB_CREDENTIALS = "' + url + '";')).toEqual([]);
    }
    // A different password is still found, also after a keyword.
    const url = "postgres://postgres:" + "Pg5ecret9" + "@localhost:5432/db";
    expect(found("DB_CREDENTIALS = " + url).join()).toContain("Pg5ecret9");
  });
});

describe("prefix boundaries", () => {
  it("a key glued to an identifier by `_` or a digit is still a key, not after a letter", () => {
    const key = "tskey-" + "api-" + "kN3pQ8rT2vW6" + "-" + rnd.slice(0, 24);
    const exact = { disable: ["entropy-token"] }; // (the shape rule would take the whole token)
    expect(found("MY_" + key, exact)).toEqual(["SECRET:" + key]);
    expect(found("0" + key, exact)).toEqual(["SECRET:" + key]);
    expect(found("x" + key, exact)).toEqual([]);
  });
});
