import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../helpers/program-dir";

/** One `## ` section of README.md: its shell blocks and the files it lists (a **`name`** line, then a block). */
export interface ReadmeSection {
  /** The lines of each ```sh block, in order. */
  readonly shellBlocks: string[][];
  /** File name → content. */
  readonly files: Record<string, string>;
}

/**
 * Reads the section headed `## <title>` of the repository's README.md, so that a test runs what the README says
 * and fails when the README drifts from what works.
 */
export function readmeSection(title: string): ReadmeSection {
  const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no section "## ${title}"`);
  const rest = readme.slice(start + title.length + 5);
  const end = rest.search(/\n## /);
  const body = end < 0 ? rest : rest.slice(0, end);
  const shellBlocks = [...body.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) =>
    m[1]!.split("\n").filter((l) => l.trim() !== ""),
  );
  const files = Object.fromEntries(
    [...body.matchAll(/\*\*`([^`]+)`\*\*\n```\w*\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!]),
  );
  return { shellBlocks, files };
}
