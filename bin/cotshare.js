#!/usr/bin/env node
// The `cotshare` command: registers tsx so the TypeScript sources run as they are, then hands
// over to the CLI proper. Nothing is compiled ahead of time and nothing is downloaded.
import { register } from "tsx/esm/api";

// The pinned AWS SDK runs on Node 20; its notice about future versions needing Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
