import fs from "node:fs";
import path from "node:path";
import type { PackageFacts } from "./project-files";
import { PACKAGE_NAME } from "./export-program";

/**
 * This package's version and Pulumi peer range, from its package.json: the nearest one above this file that
 * carries the package's name (the source tree and dist/ sit at different depths).
 */
export function ownPackage(from: string = __dirname): PackageFacts {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string; peerDependencies?: Record<string, string> };
      if (pkg.name === PACKAGE_NAME) return { version: pkg.version ?? "0.0.0", pulumiRange: pkg.peerDependencies?.["@pulumi/pulumi"] ?? "^3.0.0" };
    }
    if (path.dirname(dir) === dir) return { version: "0.0.0", pulumiRange: "^3.0.0" };
  }
}
