import fs from "node:fs";
import path from "node:path";

/** The repository root; programs made here resolve packages from its node_modules, like a user's program. */
export const repoRoot = path.resolve(__dirname, "../..");

/**
 * A throwaway program folder under `.tools/programs/`, with its own package.json so that Node does not resolve
 * `pulumi-opsmanager-integrations` to this repository's sources (self-reference) but to the installed package.
 * Returns the path and a cleanup function.
 */
export function makeProgramDir(name: string, files: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const base = path.join(repoRoot, ".tools", "programs");
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `${name}-`));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `test-${name}`, private: true }) + "\n");
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
