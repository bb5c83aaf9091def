import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../helpers/program-dir";

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  main: string;
  types: string;
  exports: Record<string, string | Record<string, string>>;
  bin?: string | Record<string, string>;
};

/** Every file path a package.json entry point names (main, types, each `exports` and `bin` target), without "./". */
function entryPoints(): string[] {
  const targets = Object.values(pkg.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)));
  const bins = typeof pkg.bin === "string" ? [pkg.bin] : Object.values(pkg.bin ?? {});
  return [pkg.main, pkg.types, ...targets, ...bins].map((p) => p.replace(/^\.\//, ""));
}

/**
 * What `npm publish` would ship, from `npm pack --dry-run --json` on the current build (npm test builds first).
 * The package holds the built provider and its types, and nothing test-only.
 */
describe("packaging: npm pack", function () {
  this.timeout(2 * 60 * 1000);
  let files: string[];

  before(async () => {
    const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
    const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    files = packed!.files.map((f) => f.path).sort();
  });

  it("ships the entry points, the runtime and the provider instance, with their types", () => {
    const required = [
      "package.json",
      "README.md",
      "dist/provider/index.js",
      "dist/provider/index.d.ts",
      "dist/provider/instance.js",
      "dist/provider/instance.d.ts",
      "dist/provider/lifecycle.js",
      "dist/provider/lifecycle.d.ts",
    ];
    for (const file of [...required, ...entryPoints()])
      assert.ok(files.includes(file), `${file} is not in the package`);
  });

  it("ships a .d.ts next to every .js", () => {
    for (const js of files.filter((f) => f.endsWith(".js")))
      assert.ok(files.includes(js.replace(/\.js$/, ".d.ts")), `${js} has no types`);
  });

  it("ships nothing test-only, no emulator, no sources, no source maps", () => {
    const allowed = (f: string) =>
      f === "package.json" || f === "README.md" || f === "LICENSE" || /^dist\/provider\/.+\.(js|d\.ts)$/.test(f);
    assert.deepEqual(
      files.filter((f) => !allowed(f)),
      [],
      "files outside dist/provider/*.js|.d.ts",
    );
    const forbidden =
      /(^|\/)(tests?|emulator|examples|scripts|program|fixtures)\/|\.test\.|\.spec\.|\.map$|(?<!\.d)\.ts$/;
    assert.deepEqual(
      files.filter((f) => forbidden.test(f)),
      [],
    );
  });

  it("ships no stale build output: every .js has its source in provider/ (else: rm -rf dist && npm run build)", () => {
    const stale = files
      .filter((f) => f.endsWith(".js"))
      .filter((f) => !fs.existsSync(path.join(repoRoot, f.replace(/^dist\//, "").replace(/\.js$/, ".ts"))));
    assert.deepEqual(stale, []);
  });
});
