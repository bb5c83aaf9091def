import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { ApiKey, ConfiguredIntegration } from "../../../emulator/options";
import { PulumiCli } from "../../../scripts/lib/pulumi-cli";
import { makeProgramDir, repoRoot } from "../../helpers/program-dir";

/** Where the examples live, and the ones the README documents. */
export const examplesDir = path.join(repoRoot, "examples");
export const EXAMPLES = ["all-types", "multi-environment", "quickstart"];
/** Examples in other languages (the plugin), each run by its own spec in tests/languages/. */
export const OTHER_LANGUAGE_EXAMPLES = ["go", "python", "yaml"];

/** A file of an example, as text. */
export const read = (example: string, file: string) => fs.readFileSync(path.join(examplesDir, example, file), "utf8");

/** Runs a command without blocking this process (an in-process emulator must keep answering). */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * An example copied into a throwaway program folder under .tools/programs/ (it resolves the installed package from
 * the repository's node_modules, as in place), on a private file backend. TypeScript is only transpiled at run
 * time: the type-check specs below check the examples with tsc.
 */
export function deployable(example: string) {
  const program = makeProgramDir(`example-${example}`);
  fs.cpSync(path.join(examplesDir, example), program.dir, { recursive: true });
  const ws = PulumiCli.create({ env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } });
  return {
    dir: program.dir,
    ws,
    pulumi: (stack: string, args: readonly string[]) => ws.ok(program.dir, [...args, "--stack", stack]),
    dispose: () => {
      program.cleanup();
      ws.dispose();
    },
  };
}

/** The arguments of `pulumi config set-all`: plain values, then secrets. */
export const setAll = (plain: Record<string, string>, secret: Record<string, string>) => [
  "config",
  "set-all",
  ...Object.entries(plain).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
  ...Object.entries(secret).flatMap(([k, v]) => ["--secret", `${k}=${v}`]),
];

/** What the examples' READMEs start the emulator with, on a documented server (Slack refused through the API). */
export const exampleEmulator = (example: string) => ({
  ...(JSON.parse(read(example, "emulator.json")) as {
    groups?: string[];
    keys?: ApiKey[];
    integrations?: ConfiguredIntegration[];
  }),
  slackCreate: "refuse" as const,
  profile: "om-8.0" as const,
});
