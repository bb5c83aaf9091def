#!/usr/bin/env node
/**
 * Entry point of the `pulumi-resource-opsmanager` plugin (the executable in the plugin tarball runs it with the
 * user's `node`). Nothing runs on import except through `require.main`, so tests can load the modules freely.
 */
import { OpsManagerPlugin } from "./plugin-provider";
import { serve } from "./serve";

if (require.main === module) {
  const { version } = require("pulumi-opsmanager-integrations/package.json") as { version: string };
  serve(new OpsManagerPlugin(version), process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
