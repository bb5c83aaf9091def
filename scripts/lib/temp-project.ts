import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./pulumi-cli";

/** A copy of a Pulumi project that can be thrown away with everything the CLI wrote into it. */
export interface TempProject {
  readonly dir: string;
  remove(): void;
}

/**
 * Copies `entries` (files or folders, relative to `from`) into a new folder under `.tools/programs/` (ignored by
 * git). The stack config files the CLI writes (`Pulumi.<stack>.yaml`) then land in the copy, never in the work tree,
 * and two runs at once do not share one. Being inside the repository, the copy still resolves packages from the
 * repository's node_modules, where `pulumi-opsmanager-integrations` is installed by name (scripts/install-self.js).
 */
export function copyProject(from: string, entries: readonly string[], name: string): TempProject {
  const base = path.join(repoRoot, ".tools", "programs");
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `${name}-`));
  for (const entry of entries) {
    fs.cpSync(path.join(from, entry), path.join(dir, entry), {
      recursive: true,
      filter: (src) => path.basename(src) !== "node_modules",
    });
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
