#!/usr/bin/env node
/**
 * `npx pulumi-opsmanager-integrations export --group <id> ...`: brings integrations configured by hand under code
 * (`pulumi import` cannot work for dynamic providers, pulumi/pulumi#16175). The package's `bin`; the only place
 * that touches the process (argv, environment, exit status).
 */
import { parseCommandLine, UsageError, USAGE } from "./command-line";
import type { CliIo } from "./run-export";

/** Runs the command line and resolves with the exit status: 0 done, 1 a project or the connection failed, 2 usage. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`error: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === "help") {
    io.out(`${USAGE}\n`);
    return 0;
  }
  // Loaded only to export: it pulls in the client and @pulumi/pulumi (seconds), which --help does not need.
  const { runExport } = require("./run-export") as typeof import("./run-export");
  return runExport(command, io);
}

if (require.main === module) {
  const io: CliIo = {
    env: process.env,
    cwd: process.cwd(),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  };
  main(process.argv.slice(2), io).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`pulumi-opsmanager-integrations: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
