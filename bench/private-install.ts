import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../tests/helpers/program-dir";

/** This package, packed and unpacked where only the benchmark uses it. */
export interface PrivateInstall {
  /** The unpacked package: `<dir>/node_modules/pulumi-opsmanager-integrations`. */
  readonly packageDir: string;
  /** Makes `pulumi-opsmanager-integrations` resolve to this copy from `programDir`. */
  linkInto(programDir: string): void;
  remove(): void;
}

/** Files the benchmark loads from the package; a pack made while dist/ is being rebuilt may lack them. */
const ENTRY_POINTS = [
  "dist/provider/index.js",
  "dist/provider/instance.js",
  "dist/provider/lifecycle.js",
  "dist/provider/resource.js",
];

/**
 * Packs the package as `npm pack` publishes it (as scripts/install-self.js does) but unpacks it under
 * `.tools/bench/`, not into the shared node_modules: other engineers reinstall that copy while a long benchmark
 * runs, and a run must measure one build from start to end. The copy sits below the repository so its
 * dependencies (zod, axios, @pulumi/pulumi) still resolve from the repository's node_modules.
 */
export function privateInstall(): PrivateInstall {
  const dir = path.join(repoRoot, ".tools", "bench", `package-${process.pid}`);
  const packageDir = path.join(dir, "node_modules", "pulumi-opsmanager-integrations");
  for (let attempt = 1; ; attempt++) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(packageDir, { recursive: true });
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", dir], {
        cwd: repoRoot,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }),
    ) as [{ filename: string }];
    execFileSync("tar", ["-xzf", path.join(dir, packed.filename), "-C", packageDir, "--strip-components=1"]);
    // Someone may be rebuilding dist/ at this very moment (the repository is shared): pack again, up to three times.
    const missing = ENTRY_POINTS.filter((f) => !fs.existsSync(path.join(packageDir, f)));
    if (missing.length === 0) break;
    if (attempt === 3)
      throw new Error(`the packed package lacks ${missing.join(", ")}: run \`npm run build\` and try again`);
    execFileSync("sleep", ["5"]);
  }
  return {
    packageDir,
    linkInto(programDir) {
      const modules = path.join(programDir, "node_modules");
      fs.mkdirSync(modules, { recursive: true });
      fs.symlinkSync(packageDir, path.join(modules, "pulumi-opsmanager-integrations"), "dir");
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
