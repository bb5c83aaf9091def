import fs from "node:fs";
import path from "node:path";

/** Where `--out` writes: a new project (folder absent or empty) or an existing one that gets only index.ts. */
export interface OutDir {
  readonly dir: string;
  readonly isNew: boolean;
}

/**
 * Checks `--out` before anything is read from the server: a new or empty folder gets a whole project; an existing
 * project gets index.ts, which must not exist yet (the export never overwrites code). Returns the problem in
 * words instead of throwing.
 */
export function checkOutDir(out: string, cwd: string): OutDir | { problem: string } {
  const dir = path.resolve(cwd, out);
  let entries: string[];
  try {
    const stat = fs.statSync(dir);
    if (!stat.isDirectory()) return { problem: `--out ${out}: ${dir} exists and is not a folder` };
    entries = fs.readdirSync(dir);
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return { dir, isNew: true };
    return { problem: `--out ${out}: cannot read ${dir} (${(err as { code?: string }).code ?? "error"})` };
  }
  if (entries.length === 0) return { dir, isNew: true };
  if (entries.includes("index.ts")) {
    return { problem: `--out ${out}: ${path.join(dir, "index.ts")} exists and would be overwritten; choose a new folder, add projects to that program with --add instead of --out, or leave out --out to print the program` };
  }
  return { dir, isNew: false };
}

/** Writes the files (all of them for a new project, only index.ts into an existing one); returns their paths. */
export function writeOutDir(out: OutDir, files: Record<string, string>): string[] {
  fs.mkdirSync(out.dir, { recursive: true });
  const names = out.isNew ? Object.keys(files) : ["index.ts"];
  return names.map((name) => {
    const file = path.join(out.dir, name);
    fs.writeFileSync(file, files[name] ?? "", { flag: out.isNew ? "w" : "wx" });
    return file;
  });
}
