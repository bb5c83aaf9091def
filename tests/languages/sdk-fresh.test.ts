import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateSdk, type SdkLanguage } from "../../scripts/gen-sdk";
import { repoRoot } from "../helpers/program-dir";
import { seconds } from "./support/example";

/** Every file under `dir`, relative to it, with its text; what git ignores in the committed SDK is left out. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!["__pycache__", "build", "dist"].includes(e.name) && !e.name.endsWith(".egg-info")) walk(p);
      } else if (!e.name.endsWith(".pyc")) files.set(path.relative(dir, p), fs.readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return files;
}

/**
 * sdk/python and sdk/go are committed (users install them by name) and generated: `npm run sdk:gen` from the
 * committed schema writes exactly what is committed, so `git status` stays clean after it. Regenerated into a temp
 * folder with the same script, then compared file by file.
 */
describe("sdk/: the committed SDKs are what `npm run sdk:gen` writes from the schema", function () {
  this.timeout(10 * 60 * 1000);
  const timings: string[] = [];
  let out: string;
  before(() => (out = fs.mkdtempSync(path.join(os.tmpdir(), "om-sdk-fresh-"))));
  after(() => {
    for (const t of timings) console.log(`      ${t}`);
    fs.rmSync(out, { recursive: true, force: true });
  });

  for (const language of ["python", "go"] as SdkLanguage[]) {
    it(`sdk/${language} (run \`npm run sdk:gen\` after changing the schema)`, () => {
      const started = Date.now();
      generateSdk(language, out);
      timings.push(`${language} SDK regenerated: ${seconds(started)} s`);
      const fresh = tree(path.join(out, language));
      const committed = tree(path.join(repoRoot, "sdk", language));
      assert.deepEqual([...committed.keys()].sort(), [...fresh.keys()].sort(), "the SDK's files");
      for (const [file, text] of fresh) assert.equal(committed.get(file), text, `sdk/${language}/${file} differs`);
    });
  }
});
