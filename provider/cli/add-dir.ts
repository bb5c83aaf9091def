import fs from "node:fs";
import path from "node:path";
import { groupSuffixes } from "./config-keys";

/** An exported program that `--add` adds projects to. */
export interface AddDir {
  readonly dir: string;
  /** The resource-name suffixes its code already uses: an added project must not take one of them. */
  readonly takenSuffixes: readonly string[];
  /** Project id → the file it goes to, none of which exists yet. */
  readonly files: ReadonlyMap<string, string>;
}

/** The file that holds one added project: `project-000002.ts`, imported by index.ts. */
export function projectFileName(suffix: string): string {
  return `project-${suffix}.ts`;
}

/**
 * Checks `--add` before anything is read from the server: the folder holds an index.ts (the exported program),
 * none of `groupIds` is in its code already (a project is never exported twice into one program), and none of
 * their files exists; reads the suffixes its resources use. Returns the problem in words instead of throwing.
 */
export function checkAddDir(add: string, cwd: string, groupIds: readonly string[]): AddDir | { problem: string } {
  const dir = path.resolve(cwd, add);
  const index = path.join(dir, "index.ts");
  let code: string;
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith(".ts"));
    code = names.map((name) => fs.readFileSync(path.join(dir, name), "utf8")).join("\n");
    if (!fs.statSync(index).isFile()) throw Object.assign(new Error(), { code: "ENOENT" });
  } catch (err) {
    const why = (err as { code?: string }).code === "ENOENT" ? "not found" : `cannot be read (${(err as { code?: string }).code ?? "error"})`;
    return { problem: `--add ${add}: ${index} ${why}; --add takes the folder of a program the export wrote (use --out for a new one)` };
  }
  const present = groupIds.filter((id) => code.toLowerCase().includes(`groupid: "${id.toLowerCase()}"`) || code.toLowerCase().includes(`// project ${id.toLowerCase()}\n`));
  if (present.length > 0) {
    return { problem: `--add ${add}: project(s) ${present.join(", ")} are in that program already; leave them out` };
  }
  const takenSuffixes = [
    ...[...code.matchAll(/new OpsManagerIntegration\("[a-z0-9-]*-([a-z0-9]+)"/g)].map((m) => m[1] ?? ""),
    ...names.flatMap((name) => /^project-([a-z0-9]+)\.ts$/.exec(name)?.[1] ?? []),
  ];
  const files = new Map([...groupSuffixes(groupIds, takenSuffixes)].map(([id, suffix]) => [id, projectFileName(suffix)]));
  const existing = [...files.values()].filter((name) => fs.existsSync(path.join(dir, name)));
  if (existing.length > 0) {
    return { problem: `--add ${add}: ${existing.map((name) => path.join(dir, name)).join(", ")} exists and would be overwritten` };
  }
  return { dir, takenSuffixes, files };
}

/**
 * Writes one file per added project (never over an existing one) and appends its import to index.ts, so the
 * program declares the new resources without any of its lines being changed. Returns the paths written.
 */
export function writeAddDir(add: AddDir, files: ReadonlyMap<string, string>): string[] {
  // files: file name → program text, in the order the projects were asked for.
  const written: string[] = [];
  for (const [name, text] of files) {
    const file = path.join(add.dir, name);
    fs.writeFileSync(file, text, { flag: "wx" });
    written.push(file);
  }
  const index = path.join(add.dir, "index.ts");
  const current = fs.readFileSync(index, "utf8");
  const imports = [...files.keys()].map((name) => `import "./${name.replace(/\.ts$/, "")}";\n`).join("");
  fs.appendFileSync(index, (current === "" || current.endsWith("\n") ? "" : "\n") + imports);
  return [...written, index];
}
