/**
 * `npm run plugin:pack`: the `opsmanager` resource provider plugin as one tarball per platform the engine downloads
 * for (linux, darwin, windows × amd64, arm64), each named as the engine's downloader asks a server for it
 * ({@link tarballName}): what a release publishes at the schema's `pluginDownloadURL`, and what
 * `pulumi plugin install resource opsmanager <version> --file <path>` installs offline. Run after `npm run build`.
 * Prints the tarballs' paths, this machine's last.
 *
 * Each tarball holds this package exactly as `npm pack` publishes it, the production dependencies of the plugin
 * (the package's own plus @pulumi/pulumi, whose provider framework serves the plugin) copied from node_modules as
 * package-lock.json lays them out, and a launcher that runs the plugin with the `node` on PATH: a shell script, or
 * `pulumi-resource-opsmanager.cmd` on Windows. The JavaScript is the same on every platform (a compiled addon in
 * the closure fails the pack). Nothing is downloaded at pack, install or run time; no devDependency is included.
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const root = path.resolve(__dirname, "..");
export const PLUGIN_EXECUTABLE = "pulumi-resource-opsmanager";
/** Packages the plugin needs at run time besides the package's own dependencies. */
const RUNTIME_PEERS = ["@pulumi/pulumi"];

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** The platforms a tarball is written for: the OS and CPU names of the engine's downloader (Go's GOOS/GOARCH). */
export const PLATFORMS = ["linux", "darwin", "windows"].flatMap((os) => ["amd64", "arm64"].map((cpu) => `${os}-${cpu}`));

/** Pulumi's name for this platform, e.g. `linux-amd64`. */
export function platformName(platform = process.platform, arch = process.arch): string {
  const os = { linux: "linux", darwin: "darwin", win32: "windows" }[platform as string];
  const cpu = { x64: "amd64", arm64: "arm64" }[arch as string];
  if (!os || !cpu) throw new Error(`the Pulumi engine downloads no plugin for ${platform}-${arch}`);
  return `${os}-${cpu}`;
}

/**
 * The tarball's file name: the one the engine asks a download server for (`pulumi-<kind>-<name>-v<version>-<os>-
 * <arch>.tar.gz`, standardAssetName and httpSource.Download in pulumi/pulumi sdk/go/common/workspace/plugins.go).
 */
export function tarballName(version: string, platform: string): string {
  return `${PLUGIN_EXECUTABLE}-v${version}-${platform}.tar.gz`;
}

/**
 * The lockfile paths (`node_modules/a`, `node_modules/a/node_modules/b`) of everything `roots` need at run time,
 * resolved as Node does: the nearest `node_modules` folder up from the requiring package. Optional peers are left
 * out, and so are optional dependencies not installed on this machine.
 */
export function productionClosure(packages: Record<string, LockEntry>, roots: readonly string[]): string[] {
  const found = new Set<string>();
  const resolve = (from: string, name: string): string | undefined => {
    for (let dir = from; ;) {
      const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (!dir) return undefined;
      const at = dir.lastIndexOf("node_modules/");
      dir = at <= 0 ? "" : dir.slice(0, at - 1);
    }
  };
  const visit = (from: string, name: string, required: boolean) => {
    const at = resolve(from, name);
    if (!at) {
      if (required) throw new Error(`${name} (needed by ${from || "the package"}) is not in package-lock.json`);
      return;
    }
    if (found.has(at)) return;
    found.add(at);
    const entry = packages[at] ?? {};
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(at, dep, true);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(at, dep, false);
    for (const dep of Object.keys(entry.peerDependencies ?? {}))
      if (!entry.peerDependenciesMeta?.[dep]?.optional) visit(at, dep, true);
  };
  for (const name of roots) visit("", name, true);
  return [...found].filter((p) => fs.existsSync(path.join(root, p))).sort();
}

/**
 * The launchers: the engine runs `pulumi-resource-opsmanager` from the plugin's folder, on Windows the first of
 * `.exe`, `.cmd` it finds (plugins.go, `installedPluginExecutableSuffixes`); both run the plugin on the user's Node.js.
 */
const POSIX_LAUNCHER = `#!/bin/sh
# The opsmanager Pulumi resource provider plugin, run with the node on PATH (Node.js ^20.19 or ^26).
dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 1
exec node "$dir/dist/provider/plugin/main.js" "$@"
`;
const WINDOWS_LAUNCHER = [
  "@echo off",
  "rem The opsmanager Pulumi resource provider plugin, run with the node on PATH (Node.js ^20.19 or ^26).",
  'node "%~dp0dist\\provider\\plugin\\main.js" %*',
  "exit /b %ERRORLEVEL%",
  "",
].join("\r\n");

/** The launcher of a platform: its file name and text. */
export function launcher(platform: string): { file: string; text: string } {
  return platform.startsWith("windows-")
    ? { file: `${PLUGIN_EXECUTABLE}.cmd`, text: WINDOWS_LAUNCHER }
    : { file: PLUGIN_EXECUTABLE, text: POSIX_LAUNCHER };
}

const execFileAsync = promisify(execFile);

/** The package (as `npm pack` publishes it) and its run-time modules, in `stage`; returns how many modules. */
function stagePlugin(stage: string, outDir: string): number {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  // The package as published (package.json `files`), built by `npm run build` before this script.
  const [packed] = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", outDir], {
      cwd: root,
      encoding: "utf8",
    }),
  ) as Array<{ filename: string }>;
  const packedPath = path.join(outDir, packed!.filename);
  execFileSync("tar", ["-xzf", packedPath, "-C", stage, "--strip-components=1"]);
  fs.rmSync(packedPath);
  if (!fs.existsSync(path.join(stage, "dist/provider/plugin/main.js")))
    throw new Error("dist/provider/plugin/main.js is missing: run `npm run build` first");

  const modules = productionClosure(lock.packages, [...Object.keys(manifest.dependencies ?? {}), ...RUNTIME_PEERS]);
  for (const dir of modules) {
    // Each package without its own node_modules: the nested packages it needs are in the closure themselves.
    fs.cpSync(path.join(root, dir), path.join(stage, dir), {
      recursive: true,
      filter: (src) => path.relative(path.join(root, dir), src).split(path.sep)[0] !== "node_modules",
    });
  }
  // One staged tree serves every platform only while it holds no compiled addon: say so rather than ship one.
  const native = fs.readdirSync(stage, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".node"));
  if (native.length) throw new Error(`native addons would tie the tarballs to this platform: ${native.join(", ")}`);
  return modules.length;
}

/** Writes the tarball of each platform (two tar processes at a time) and returns their paths, in `platforms` order. */
async function packPlatforms(stage: string, outDir: string, version: string, platforms: string[]): Promise<string[]> {
  const entries = fs.readdirSync(stage);
  const tarballs = platforms.map((p) => path.join(outDir, tarballName(version, p)));
  const one = async (i: number) => {
    const platform = platforms[i]!;
    const { file, text } = launcher(platform);
    const launcherDir = fs.mkdtempSync(path.join(outDir, `launcher-${platform}-`));
    try {
      fs.writeFileSync(path.join(launcherDir, file), text, { mode: 0o755 });
      await execFileAsync("tar", ["-czf", tarballs[i]!, "-C", stage, ...entries, "-C", launcherDir, file]);
    } finally {
      fs.rmSync(launcherDir, { recursive: true, force: true });
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < platforms.length) await one(next++);
  };
  await Promise.all([worker(), worker()]);
  return tarballs;
}

/** `--host`: this machine's tarball only (the specs, which install it here, save the other five). */
async function main(hostOnly: boolean): Promise<void> {
  const started = Date.now();
  const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  const outDir = path.join(root, ".tools", "plugin");
  fs.mkdirSync(outDir, { recursive: true });
  const stage = path.join(outDir, `${PLUGIN_EXECUTABLE}-v${version}`);
  const modules = stagePlugin(stage, outDir);
  const platforms = hostOnly ? [platformName()] : PLATFORMS;
  const tarballs = await packPlatforms(stage, outDir, version, platforms);
  const host = tarballs[platforms.indexOf(platformName())]!;
  for (const t of tarballs) if (t !== host) console.log(t);
  const bytes = fs.statSync(host).size;
  const took = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${modules} packages from node_modules; ${bytes} bytes (${(bytes / 1024 / 1024).toFixed(1)} MiB) each; ${took} s`);
  console.log(host);
}

if (require.main === module) {
  main(process.argv.includes("--host")).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
