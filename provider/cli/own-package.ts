import fs from "node:fs";
import path from "node:path";
import type { PackageFacts } from "./project-files";
import { PACKAGE_NAME } from "./export-program";

type Manifest = {
  name?: string;
  version?: string;
  peerDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

/**
 * The first @pulumi/pulumi release Node 20 cannot run: 3.249.0 raised `engines.node` to ">=22" (checked with
 * `npm view @pulumi/pulumi@">=3.245" engines`). npm 11 picks around that on a fresh install, but an install is
 * not always fresh, nor npm that recent: issue #16 saw ^3.139.0 resolve to 3.276 on Node 20. So the range says it.
 */
const FIRST_PULUMI_NEEDING_NODE_22 = "3.249.0";

/**
 * The @pulumi/pulumi range an exported project asks for: this package's peer range, capped below the first
 * release the running Node cannot run (the export runs on the Node the project will run on).
 */
export function pulumiRangeFor(peerRange: string, nodeVersion: string = process.versions.node): string {
  const major = Number(nodeVersion.replace(/^v/, "").split(".")[0]);
  if (!(major < 22)) return peerRange;
  const lowest = /\d+\.\d+\.\d+/.exec(peerRange)?.[0] ?? "3.0.0";
  return `>=${lowest} <${FIRST_PULUMI_NEEDING_NODE_22}`;
}

/**
 * How the exported project's package.json should install this package: the way the running copy was installed.
 * A copy inside `<project>/node_modules` (a user's program, or npx's cache) repeats what `<project>/package.json`
 * asked for: a `file:` tarball or folder (rebased onto `outDir`), a git URL. A registry range, or a copy that is
 * not installed (a clone), gives `^version`.
 */
export function installSpec(packageRoot: string, version: string, outDir: string): string {
  const registry = `^${version}`;
  const modules = path.dirname(packageRoot);
  if (path.basename(modules) !== "node_modules") return registry;
  const host = path.dirname(modules);
  const manifest = readManifest(path.join(host, "package.json"));
  const spec = [manifest?.dependencies, manifest?.devDependencies, manifest?.optionalDependencies].find((deps) => deps?.[PACKAGE_NAME])?.[PACKAGE_NAME];
  if (spec === undefined || /^[\s\d^~<>=.*xX|-]*$/.test(spec) || spec === "latest") return registry;
  if (!spec.startsWith("file:")) return spec;
  const relative = path.relative(outDir, path.resolve(host, spec.slice("file:".length))).split(path.sep).join("/");
  return `file:${relative.startsWith(".") ? relative : `./${relative}`}`;
}

/**
 * This package's facts for an exported project written to `outDir`: version, @pulumi/pulumi range for this Node,
 * and how to install it. Found from the nearest package.json above this file that carries the package's name
 * (the source tree and dist/ sit at different depths).
 */
export function ownPackage(outDir: string, from: string = __dirname): PackageFacts {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = readManifest(path.join(dir, "package.json"));
    if (pkg?.name === PACKAGE_NAME) {
      const version = pkg.version ?? "0.0.0";
      return { version, pulumiRange: pulumiRangeFor(pkg.peerDependencies?.["@pulumi/pulumi"] ?? "^3.0.0"), packageSpec: installSpec(dir, version, outDir) };
    }
    if (path.dirname(dir) === dir) return { version: "0.0.0", pulumiRange: pulumiRangeFor("^3.0.0"), packageSpec: "^0.0.0" };
  }
}

function readManifest(file: string): Manifest | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Manifest) : undefined;
}
