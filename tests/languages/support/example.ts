import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateSdk, type SdkLanguage } from "../../../scripts/gen-sdk";
import { DEFAULT_GROUP_ID, OWNER_ROLE } from "../../../emulator/defaults";
import { PulumiCli, type CliResult } from "../../../scripts/lib/pulumi-cli";
import { packPlugin, VERSION } from "../../helpers/yaml-project";
import { EngineProject } from "../../helpers/engine-project";
import type { EmulatorFixture } from "../../helpers/emulator";
import type { SecretScanner } from "../../helpers/canaries";
import { repoRoot } from "../../helpers/program-dir";
import { run } from "../../helpers/run";

/** A command's stdout; throws with its output when it fails. Asynchronous, so an in-process emulator keeps answering. */
export async function sh(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  const ran = await run(command, args, options);
  if (ran.code !== 0) throw new Error(`${command} ${args.join(" ")} failed (${String(ran.code)}):\n${ran.stdout.slice(-2000)}\n${ran.stderr.slice(-4000)}`);
  return ran.stdout;
}

/**
 * `pulumi <args>` through the spec's project, which must succeed: both streams are scanned for the canaries (and
 * withheld from the failure message when they hold one), and the time it took is noted in `timings`.
 */
export function scannedCli(project: () => EngineProject, scanner: SecretScanner, timings: string[]) {
  return async (args: string[]): Promise<CliResult> => {
    const started = Date.now();
    const result = await project().attempt(args);
    timings.push(`pulumi ${args.join(" ")}: ${seconds(started)} s`);
    scanner.scan(`pulumi ${args.join(" ")} (stdout)`, result.stdout);
    scanner.scan(`pulumi ${args.join(" ")} (stderr)`, result.stderr);
    const shown = scanner.findings.length ? "(withheld: it holds canaries)" : (result.stdout + result.stderr).slice(-3000);
    assert.equal(result.code, 0, `pulumi ${args.join(" ")} failed:\n${shown}`);
    return result;
  };
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

/**
 * The example's stack: the packed plugin installed into its workspace, an API key of its own on the emulator (so its
 * private key can be a canary), `groupId` and every secret of the program set in its config (`--secret`).
 */
export async function pluginStack(
  tree: { dir: string; cleanup: () => void },
  emu: EmulatorFixture,
  key: { publicKey: string; privateKey: string },
  secrets: Record<string, { value: string }>,
): Promise<EngineProject> {
  await emu.control.addKey({ ...key, roles: [{ groupId: DEFAULT_GROUP_ID, roleName: OWNER_ROLE }] });
  const ws = PulumiCli.create();
  await ws.ok(tree.dir, ["plugin", "install", "resource", "opsmanager", VERSION, "--file", (await packPlugin()).tarball]);
  const project = await EngineProject.forProgram(tree, { baseUrl: emu.url, ...key }, "dev", ws);
  await project.pulumi(["config", "set", "groupId", DEFAULT_GROUP_ID]);
  for (const [name, c] of Object.entries(secrets)) await project.pulumi(["config", "set", "--secret", name, c.value]);
  return project;
}
