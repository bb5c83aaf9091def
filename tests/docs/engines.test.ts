import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import semver from "semver";
import { ltsVersions, runningOnLtsLock } from "../helpers/versions";

const root = path.join(__dirname, "../..");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));

/**
 * `npm install` warns EBADENGINE for any package whose `engines.node` excludes the running Node.js, so every package
 * of the lockfile (dependencies and devDependencies: a clone installs both) must accept the oldest release of each
 * major line package.json claims, or the claim must change.
 */
describe("package.json engines: the whole dependency tree runs on the Node.js versions it claims", () => {
  const claimed: string = read("package.json").engines.node;
  const lowest = claimed.split("||").map((range) => semver.minVersion(range.trim())!.version);
  // The second CI leg installs its own lock, resolved on today's LTS for the newest @pulumi/pulumi (Node.js >= 22):
  // there only that line's lowest release must be accepted. A clone's package-lock.json must accept all of them.
  const ltsMajor = semver.major(ltsVersions.NODE_LTS_VERSION);
  const checked = runningOnLtsLock() ? lowest.filter((v) => semver.major(v) === ltsMajor) : lowest;

  it(`claims ranges whose lowest releases are ${lowest.join(" and ")}`, () => {
    assert.deepEqual(lowest, ["20.19.0", "26.0.0"]);
  });

  it("no package in package-lock.json refuses one of them", () => {
    const packages: Record<string, { engines?: { node?: string } | string[] }> = read("package-lock.json").packages;
    const refused: string[] = [];
    for (const [at, entry] of Object.entries(packages)) {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (!at || !range) continue;
      for (const v of checked) if (!semver.satisfies(v, range)) refused.push(`${at} (${range}) refuses Node.js ${v}`);
    }
    assert.deepEqual(refused, []);
  });
});
