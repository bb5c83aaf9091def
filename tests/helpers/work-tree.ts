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
 * Copies what a fresh clone of this work tree would hold (uncommitted work included, so it is tested too) into
 * `dest`: no node_modules, no .tools, no build. A plain copy rather than `git clone`, because the second CI leg runs
 * the suites in a copy of the work tree that is not a git repository.
 */
export function copyWorkTree(dest: string): void {
  fs.cpSync(repoRoot, dest, { recursive: true, verbatimSymlinks: true, filter: inClone });
}

/** {@link copyWorkTree} into a new temp folder; returns the folder and a cleanup function. */
export function cloneWorkTree(name: string): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `om-clone-${name}-`));
  copyWorkTree(dir);
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
