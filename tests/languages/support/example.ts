import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateSdk, type SdkLanguage } from "../../../scripts/gen-sdk";
import { repoRoot } from "../../helpers/program-dir";

/** A command's stdout; throws with its output when it fails. Asynchronous, so an in-process emulator keeps answering. */
export function sh(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")} failed (${String(error.code)}):\n${String(stdout).slice(-2000)}\n${String(stderr).slice(-4000)}`));
      else resolve(String(stdout));
    });
  });
}

/** Runs one of scripts/ensure-*.sh and returns the last line it printed (the folder it provides). */
export async function ensure(script: string, ...args: string[]): Promise<string> {
  const out = await sh("bash", [path.join(repoRoot, "scripts", script), ...args], { cwd: repoRoot });
  return out.trim().split("\n").pop() ?? "";
}

/** Seconds since `started` (Date.now()), one decimal. */
export const seconds = (started: number): string => ((Date.now() - started) / 1000).toFixed(1);

/**
 * An example of another language laid out as in the repository, in a temp folder: `<root>/examples/<name>` beside
 * `<root>/sdk/`, where its SDK is generated (scripts/gen-sdk.ts) from this work tree's schema, so the example's own
 * relative paths (requirements.txt, go.mod's `replace`) hold unchanged. `cleanup` removes the folder.
 */
export function exampleWithSdk(language: SdkLanguage): { root: string; dir: string; sdk: string; cleanup: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `om-example-${language}-`));
  const dir = path.join(root, "examples", language);
  fs.cpSync(path.join(repoRoot, "examples", language), dir, { recursive: true });
  const sdk = generateSdk(language, path.join(root, "sdk"));
  return { root, dir, sdk, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/**
 * The Python program's virtualenv (`venv`, as its Pulumi.yaml names it) with its requirements.txt installed offline:
 * a venv without packages of its own that sees the cached env of scripts/ensure-python-env.sh (the pinned `pulumi`
 * and its dependencies) through a `.pth` file, as pipx layers its shared env under each app
 * (https://docs.python.org/3/library/site.html: `.pth` lines are added to sys.path). pip then finds `pulumi==…`
 * satisfied and builds only the generated SDK, with no index: a second or so instead of a PyPI download.
 */
export async function pythonVenv(programDir: string, baseEnv: string): Promise<void> {
  const venv = path.join(programDir, "venv");
  const python = path.join(baseEnv, "bin", "python");
  await sh(python, ["-m", "venv", "--without-pip", venv], { cwd: programDir });
  const purelib = (env: string) => sh(path.join(env, "bin", "python"), ["-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], { cwd: programDir });
  fs.writeFileSync(path.join((await purelib(venv)).trim(), "_opsmanager_base_env.pth"), (await purelib(baseEnv)).trim() + "\n");
  await sh(
    path.join(venv, "bin", "python"),
    ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index", "--no-build-isolation", "-r", "requirements.txt"],
    { cwd: programDir },
  );
}
