/**
 * Test helper: build the stack once per test file, in memory. Bundling is skipped (the
 * `aws:cdk:bundling-stacks` context) because these tests read the template, not the bundles;
 * `cdk-synth.test.ts` runs the real, bundling `cdk synth`.
 */
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { parseConfig, type CotshareConfigInput } from "../../lib/config";
import { CotshareStack } from "../../lib/stack";

export const TEST_CONFIG: CotshareConfigInput = {
  labs: [
    { id: "lab-a", principal: "111111111111" },
    { id: "lab-b", principal: "arn:aws:iam::222222222222:role/uploader", externalId: "lab-b-external" },
  ],
  alarmEmail: "ops@example.org",
  retentionDays: 7,
};

export interface Synthesised {
  app: App;
  stack: CotshareStack;
  template: Template;
}

export function synthStack(config: CotshareConfigInput = TEST_CONFIG, webDir?: string): Synthesised {
  const app = new App({ context: { "aws:cdk:bundling-stacks": [] } });
  const stack = new CotshareStack(app, "Test", {
    config: parseConfig(config, "test"),
    webDir,
    env: { account: "123456789012", region: "eu-west-1" },
  });
  const template = Template.fromStack(stack);
  return { app, stack, template };
}
