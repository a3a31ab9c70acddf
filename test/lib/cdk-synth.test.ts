/**
 * `npx cdk synth` works offline: the real CLI, the real app (bin/app.ts), real esbuild bundling and
 * the cdk-nag plugin, into a temporary output directory.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), "cotshare-cdk-out-"));
const config = JSON.stringify({
  labs: [{ id: "lab-a", principal: "111111111111" }],
  alarmEmail: "ops@example.org",
});
// No credentials, no network: synth must not need either.
const offlineEnv = {
  ...process.env,
  AWS_ACCESS_KEY_ID: "",
  AWS_SECRET_ACCESS_KEY: "",
  AWS_PROFILE: "",
  AWS_EC2_METADATA_DISABLED: "true",
  CDK_DISABLE_VERSION_CHECK: "1",
  CI: "true",
};

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("npx cdk synth", () => {
  it(
    "synthesises offline with bundled ESM handlers and no cdk-nag findings",
    { timeout: 180_000 },
    async () => {
      const t0 = performance.now();
      const { stderr } = await run(
        "npx",
        [
          "cdk",
          "synth",
          "--quiet",
          "--no-notices",
          "--no-version-reporting",
          "-o",
          out,
          "-c",
          `cotshare=${config}`,
        ],
        { cwd: process.cwd(), env: offlineEnv, maxBuffer: 32 * 1024 * 1024 },
      );
      console.log(`cdk synth (with bundling): ${Math.round(performance.now() - t0)} ms`);
      expect(stderr).not.toMatch(/AwsSolutions-/);
      const template = JSON.parse(readFileSync(join(out, "Cotshare.template.json"), "utf8"));
      expect(Object.keys(template.Outputs)).toContain("LabRoleArnLabA");
      // Each handler is one minified ESM file (plus its source map).
      const bundles = readdirSync(out).filter((d) => existsSync(join(out, d, "index.mjs")));
      expect(bundles.length).toBe(5);
      for (const b of bundles) expect(existsSync(join(out, b, "index.mjs.map"))).toBe(true);
    },
  );

  it("fails with a clear message on an invalid configuration", { timeout: 60_000 }, async () => {
    // The app itself (as `cdk synth` runs it), without the CLI around it: same check, less start-up.
    const bad = JSON.stringify({ labs: [{ id: "Bad_Lab", principal: "nobody" }], alarmEmail: "x" });
    const err = await run("npx", ["tsx", "bin/app.ts"], {
      cwd: process.cwd(),
      env: { ...offlineEnv, CDK_OUTDIR: `${out}-bad`, CDK_CONTEXT_JSON: JSON.stringify({ cotshare: bad }) },
    }).then(
      () => undefined,
      (e: { stderr: string; code: number }) => e,
    );
    rmSync(`${out}-bad`, { recursive: true, force: true });
    expect(err).toBeDefined();
    expect(err!.code).toBe(1);
    expect(err!.stderr).toContain("invalid cotshare configuration");
    expect(err!.stderr).toContain("labs[0].id:");
    expect(err!.stderr).toContain("labs[0].principal:");
    expect(err!.stderr).toContain("alarmEmail:");
  });
});
