import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_DEFAULTS } from "../../lib/config-defaults";
import { ConfigError, loadConfig, parseConfig } from "../../lib/config";
import { deployableWebDir } from "../../lib/public-site";

const valid = { labs: [{ id: "lab-a", principal: "111111111111" }], alarmEmail: "ops@example.org" };

function issuesOf(raw: unknown): string[] {
  try {
    parseConfig(raw, "test");
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).code).toBe("config");
    return (e as ConfigError).issues;
  }
  throw new Error("expected a ConfigError");
}

const ctx = (values: Record<string, unknown>) => ({ tryGetContext: (k: string) => values[k] });

describe("parseConfig", () => {
  it("fills every default", () => {
    const cfg = parseConfig(valid, "test");
    expect(cfg.retentionDays).toBe(CONFIG_DEFAULTS.retentionDays);
    expect(cfg.schedule).toBe(CONFIG_DEFAULTS.schedule);
    expect(cfg.setSize).toBe(CONFIG_DEFAULTS.setSize);
    expect(cfg.logRetentionDays).toBe(CONFIG_DEFAULTS.logRetentionDays);
    expect(cfg.signingKeyGeneration).toBe(1);
    expect(cfg.serializePublishing).toBe(true);
    expect(cfg.domain).toBeUndefined();
    expect(parseConfig({ ...valid, serializePublishing: false }, "test").serializePublishing).toBe(false);
    expect(() => parseConfig({ ...valid, serializePublishing: "no" }, "test")).toThrow(/serializePublishing/);
  });

  it("accepts account ids, role/user/root ARNs and an external id", () => {
    const cfg = parseConfig(
      {
        ...valid,
        labs: [
          { id: "lab-a", principal: "111111111111" },
          { id: "lab-b", principal: "arn:aws:iam::222222222222:role/uploader", externalId: "x-123" },
          { id: "lab-c", principal: "arn:aws:iam::333333333333:root" },
          { id: "lab-d", principal: "arn:aws:iam::444444444444:user/ci/bot" },
        ],
      },
      "test",
    );
    expect(cfg.labs.map((l) => l.id)).toEqual(["lab-a", "lab-b", "lab-c", "lab-d"]);
  });

  it("names the field of every problem", () => {
    const issues = issuesOf({
      labs: [
        { id: "Lab_A", principal: "111111111111" },
        { id: "lab-b", principal: "arn:aws:s3:::bucket" },
      ],
      alarmEmail: "not-an-email",
      retentionDays: 0,
      schedule: "every monday",
      logRetentionDays: 31,
    });
    expect(issues.some((i) => i.startsWith("labs[0].id:"))).toBe(true);
    expect(issues.some((i) => i.startsWith("labs[1].principal:"))).toBe(true);
    expect(issues.some((i) => i.startsWith("alarmEmail:"))).toBe(true);
    expect(issues.some((i) => i.startsWith("retentionDays:"))).toBe(true);
    expect(issues.some((i) => i.startsWith("schedule:"))).toBe(true);
    expect(issues.some((i) => i.startsWith("logRetentionDays:"))).toBe(true);
  });

  it("rejects no labs, duplicate labs and unknown keys", () => {
    expect(issuesOf({ ...valid, labs: [] })[0]).toMatch(/^labs: at least one lab/);
    expect(
      issuesOf({
        ...valid,
        labs: [
          { id: "lab-a", principal: "111111111111" },
          { id: "lab-a", principal: "222222222222" },
        ],
      }),
    ).toEqual(['labs[1].id: duplicate lab id "lab-a"']);
    expect(issuesOf({ ...valid, retentionDay: 3 })[0]).toMatch(/retentionDay/);
  });

  it("requires the custom-domain certificate in us-east-1", () => {
    const issues = issuesOf({
      ...valid,
      domain: {
        name: "cot.example.org",
        certificateArn: "arn:aws:acm:eu-west-1:111111111111:certificate/abc",
      },
    });
    expect(issues[0]).toMatch(/^domain\.certificateArn:/);
  });
});

describe("loadConfig", () => {
  it("reads the cotshare context as an object or a JSON string", () => {
    expect(loadConfig(ctx({ cotshare: valid })).labs[0]?.id).toBe("lab-a");
    expect(loadConfig(ctx({ cotshare: JSON.stringify(valid) })).alarmEmail).toBe("ops@example.org");
  });

  it("reads cotshare.config.json, or the file named by cotshareConfig", () => {
    const dir = mkdtempSync(join(tmpdir(), "cotshare-cfg-"));
    writeFileSync(join(dir, "cotshare.config.json"), JSON.stringify(valid));
    writeFileSync(join(dir, "other.json"), JSON.stringify({ ...valid, setSize: 7 }));
    expect(loadConfig(ctx({}), dir).setSize).toBe(CONFIG_DEFAULTS.setSize);
    expect(loadConfig(ctx({ cotshareConfig: "other.json" }), dir).setSize).toBe(7);
  });

  it("explains a missing file and invalid JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "cotshare-cfg-"));
    expect(() => loadConfig(ctx({}), dir)).toThrow(/file not found: copy cotshare.config.example.json/);
    expect(() => loadConfig(ctx({ cotshare: "{labs:" }))).toThrow(/not valid JSON/);
  });

  it("validates the example config shipped in the repository", () => {
    expect(loadConfig(ctx({ cotshareConfig: "cotshare.config.example.json" })).labs.length).toBeGreaterThan(
      0,
    );
  });
});

describe("deployableWebDir", () => {
  it("deploys the viewer only when it has an index.html", () => {
    const dir = mkdtempSync(join(tmpdir(), "cotshare-web-"));
    expect(deployableWebDir(join(dir, "missing"))).toBeUndefined();
    mkdirSync(join(dir, "empty"));
    expect(deployableWebDir(join(dir, "empty"))).toBeUndefined();
    writeFileSync(join(dir, "index.html"), "<!doctype html>");
    expect(deployableWebDir(dir)).toBe(dir);
  });
});
