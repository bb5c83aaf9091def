import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./program-dir";

/** The KEY=VALUE lines of an env file (`#` comments and blank lines skipped), as the scripts read them. */
function readEnvFile(file: string): Record<string, string> {
  const entries = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const);
  return Object.fromEntries(entries);
}

/** Leg 1's toolchain versions: scripts/versions.env, the file scripts/lib/tool-cache.sh reads. */
export const leg1Versions = readEnvFile(path.join(repoRoot, "scripts", "versions.env")) as {
  PULUMI_CLI_VERSION: string;
  PULUMI_PYTHON_SDK_VERSION: string;
  PULUMI_YAML_VERSION: string;
};
