/**
 * CDK app entry (`cdk.json`: `npx tsx bin/app.ts`). Reads and validates the deployment configuration,
 * builds the stack and runs cdk-nag's AwsSolutions checks on it.
 */
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { ConfigError, loadConfig } from "../lib/config";
import { CotshareStack } from "../lib/stack";

const app = new App();
let config;
try {
  config = loadConfig(app.node);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
const stackName = (app.node.tryGetContext("stackName") as string | undefined) ?? "Cotshare";
new CotshareStack(app, stackName, {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
