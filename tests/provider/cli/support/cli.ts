import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../../../helpers/program-dir";
import { run, type Ran } from "../../../helpers/run";

export type { Ran };

/** The environment without the developer's OPSMANAGER_* and PULUMI_* variables, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OPSMANAGER_") && !k.startsWith("PULUMI_")));
  return { ...inherited, ...extra };
}

/** The installed package (scripts/install-self.js puts it in node_modules, as npm would for a user). */
export const installedPackage = path.join(repoRoot, "node_modules", "pulumi-opsmanager-integrations");

/** The CLI as the package ships it: the file its package.json `bin` names (what `npx` runs). */
export function installedBin(): string {
  const pkgFile = path.join(installedPackage, "package.json");
  if (!fs.existsSync(pkgFile)) throw new Error("pulumi-opsmanager-integrations is not installed: run `npm run build && node scripts/install-self.js` (npm test's pretest does it)");
  const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { bin?: Record<string, string> };
  const bin = pkg.bin?.["pulumi-opsmanager-integrations"];
  if (!bin) throw new Error("the installed package has no bin pulumi-opsmanager-integrations: rebuild and reinstall it");
  return path.join(installedPackage, bin);
}

/** `pulumi-opsmanager-integrations <args>` from this repository's sources (no build needed). */
export function runCliFromSource(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  const main = path.join(repoRoot, "provider", "cli", "main.ts");
  return run(process.execPath, ["--require", require.resolve("tsx/cjs"), main, ...args], { cwd: repoRoot, ...options });
}

/** `pulumi-opsmanager-integrations <args>` as installed (the shipped JavaScript, through its `bin` entry). */
export function runInstalledCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return run(process.execPath, [installedBin(), ...args], { cwd: repoRoot, ...options });
}

/** `tsc -p <dir> --noEmit` with the repository's TypeScript; resolves with its output. */
export function typecheck(dir: string): Promise<Ran> {
  return run(process.execPath, [path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", dir, "--noEmit", "--pretty", "false"], { cwd: dir });
}
