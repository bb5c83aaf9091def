import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "./program-dir";

/** What .gitignore keeps out of a clone (node_modules at any depth; the build, tools and scratch at the root). */
const NOT_IN_A_CLONE = new Set([".git", ".tools", "dist"]);
const inClone = (src: string): boolean =>
  path.basename(src) !== "node_modules" &&
  !src.endsWith(".tgz") &&
  !(path.dirname(src) === repoRoot && NOT_IN_A_CLONE.has(path.basename(src)));

/**
 * What a fresh clone of this work tree would hold (uncommitted work included, so it is tested too), copied into a
 * new temp folder: no node_modules, no .tools, no build. A plain copy rather than `git clone`, because the second CI
 * leg runs the suites in a copy of the work tree that is not a git repository. Returns the folder and a cleanup.
 */
export function cloneWorkTree(name: string): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `om-clone-${name}-`));
  fs.cpSync(repoRoot, dir, {
    recursive: true,
    verbatimSymlinks: true,
    filter: inClone,
  });
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
