import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { storeSnapshotSchema, type StoreSnapshot } from "./store";

/**
 * Reads a data file written by {@link saveSnapshot}; undefined when the file does not exist yet (first start).
 * A file that exists but does not parse is an error: silently starting empty would lose someone's state.
 */
export function loadSnapshot(file: string): StoreSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = storeSnapshotSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`Emulator data file ${file} is not a state snapshot: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * Writes the snapshot atomically: a temporary file in the same directory, then a rename over the target, so a
 * crash or a kill mid-write leaves either the old state or the new one, never half a file. Synchronous on purpose:
 * when the API answers, the change is on disk.
 */
export function saveSnapshot(file: string, snapshot: StoreSnapshot): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(snapshot, null, 2) + "\n", { mode: 0o600 });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
