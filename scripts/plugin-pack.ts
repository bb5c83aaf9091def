/**
 * `npm run plugin:pack`: the `opsmanager` resource provider plugin as a tarball for this machine's platform,
 * installable offline with `pulumi plugin install resource opsmanager <version> --file <path>`. Run after
 * `npm run build`. Prints what it did on stderr and the tarball's path as the last line of stdout.
 *
 * The tarball holds this package exactly as `npm pack` publishes it, the production dependencies of the plugin
 * (the package's own plus @pulumi/pulumi, whose provider framework serves the plugin) copied from node_modules as
 * package-lock.json lays them out, and `pulumi-resource-opsmanager`, a shell script that runs the plugin with the
 * `node` on PATH. Nothing is downloaded at pack, install or run time, and no devDependency is included.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

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

/** Pulumi's name for this platform, e.g. `linux-amd64`. */
export function platformName(platform = process.platform, arch = process.arch): string {
  const os = { linux: "linux", darwin: "darwin" }[platform as string];
  const cpu = { x64: "amd64", arm64: "arm64" }[arch as string];
  if (!os || !cpu) throw new Error(`plugin:pack builds a POSIX shell launcher; ${platform}-${arch} is not supported`);
  return `${os}-${cpu}`;
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

/** The launcher: the engine runs it from the plugin's folder; it runs the plugin on the user's Node.js. */
const LAUNCHER = `#!/bin/sh
# The opsmanager Pulumi resource provider plugin, run with the node on PATH (Node.js ^20.19 or ^26).
dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 1
exec node "$dir/dist/provider/plugin/main.js" "$@"
`;

function main(): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    version: string;
    dependencies?: Record<string, string>;
  };
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const name = `${PLUGIN_EXECUTABLE}-v${manifest.version}-${platformName()}`;
  const outDir = path.join(root, ".tools", "plugin");
  const stage = path.join(outDir, name);
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
  fs.writeFileSync(path.join(stage, PLUGIN_EXECUTABLE), LAUNCHER, { mode: 0o755 });

  const tarball = path.join(outDir, `${name}.tar.gz`);
  const entries = fs.readdirSync(stage);
  execFileSync("tar", ["-czf", tarball, "-C", stage, ...entries]);
  const bytes = fs.statSync(tarball).size;
  console.log(`${modules.length} packages from node_modules; ${bytes} bytes (${(bytes / 1024 / 1024).toFixed(1)} MiB)`);
  console.log(tarball);
}

if (require.main === module) main();
