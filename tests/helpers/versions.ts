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

/** The second CI leg's pins: .ci/lts-leg/versions.env (scripts/lts-leg.sh sources it). */
export const ltsVersions = readEnvFile(path.join(repoRoot, ".ci", "lts-leg", "versions.env")) as {
  NODE_LTS_VERSION: string;
  PULUMI_SDK_VERSION: string;
  PULUMI_CLI_VERSION: string;
};

/**
 * The second leg's lockfile, wherever this run finds it: `.ci/lts-leg/package-lock.json` in a clone; in the copy
 * scripts/lts-leg.sh runs the suites in, that file is the copy's own `package-lock.json` (and is not copied apart).
 */
export function ltsLockFile(): string {
  const kept = path.join(repoRoot, ".ci", "lts-leg", "package-lock.json");
  return fs.existsSync(kept) ? kept : path.join(repoRoot, "package-lock.json");
}

/** Whether this run's own package-lock.json is the second leg's (its @pulumi/pulumi is the leg's exact pin). */
export function runningOnLtsLock(): boolean {
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, "package-lock.json"), "utf8"));
  return lock.packages[""].devDependencies["@pulumi/pulumi"] === ltsVersions.PULUMI_SDK_VERSION;
}
