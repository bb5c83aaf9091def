import fs from "node:fs";
import path from "node:path";
import { buildSchema } from "../provider/plugin/schema";

/** The committed package schema (SDK generation reads it); `npm run docs` rewrites it and a test fails when it drifts. */
export const SCHEMA_FILE = "provider/plugin/schema.json";

/** The schema as committed: provider/plugin/schema.ts's, at package.json's version, as indented JSON. */
export function renderSchema(): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as {
    version: string;
  };
  return JSON.stringify(buildSchema(version), null, 2) + "\n";
}

if (require.main === module) {
  fs.writeFileSync(path.join(__dirname, "..", SCHEMA_FILE), renderSchema());
  console.log(`${SCHEMA_FILE} regenerated`);
}
