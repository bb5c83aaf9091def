import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import semver from "semver";
import { ltsLockFile, ltsVersions } from "../helpers/versions";

const root = path.join(__dirname, "../..");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));

/**
 * CI's second leg installs with `npm ci` from .ci/lts-leg/package-lock.json, which refuses a lock out of step with
 * package.json. Caught here in the unit suite rather than 20 minutes into CI: after a change to package.json's
 * dependencies or overrides, run `bash scripts/lts-leg.sh --update-lock`.
 */
describe("the second CI leg's lockfile is in step with package.json", () => {
  const pkg = read("package.json");
  const lock = JSON.parse(fs.readFileSync(ltsLockFile(), "utf8"));

  it("lists package.json's dependencies and devDependencies, @pulumi/pulumi pinned to the leg's version", () => {
    const expected = { ...pkg.devDependencies, "@pulumi/pulumi": ltsVersions.PULUMI_SDK_VERSION };
    assert.deepEqual(lock.packages[""].dependencies ?? {}, pkg.dependencies ?? {});
    assert.deepEqual(lock.packages[""].devDependencies, expected);
  });

  it("holds every overridden package at the version package.json's overrides ask for", () => {
    const overrides: Record<string, string> = pkg.overrides ?? {};
    const packages: Record<string, { version?: string }> = lock.packages;
    const wrong: string[] = [];
    for (const [name, range] of Object.entries(overrides)) {
      const entries = Object.entries(packages).filter(([at]) => at.endsWith(`node_modules/${name}`));
      if (entries.length === 0) wrong.push(`${name}: not in the lock`);
      for (const [at, entry] of entries) if (!semver.satisfies(entry.version ?? "", range)) wrong.push(`${at}@${entry.version} (override ${range})`);
    }
    assert.deepEqual(wrong, []);
  });
});
