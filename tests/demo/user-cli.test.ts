import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../helpers/program-dir";
import { cloneWorkTree } from "../helpers/work-tree";

/** The CLI, language host and plugin script the tests use, resolved to their real files (an install of their own). */
function installedPulumi(): Record<string, string> {
  const bin = path.join(repoRoot, ".tools", "bin");
  const tools = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"];
  return Object.fromEntries(tools.map((t) => [t, fs.realpathSync(path.join(bin, t))]));
}

/** Runs `npm run demo` in `cwd` with exactly `env`; resolves with its combined output and exit code. */
function npmRunDemo(cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "demo"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * A user who already has Pulumi clones the repository and runs the demo. Their CLI is used as it is: no
 * Go on PATH, no CLI cached on the machine, so the demo can only succeed through it. (In the second CI leg that CLI
 * is another version than the one the clone's @pulumi/pulumi would build.)
 */
describe("npm run demo from a fresh clone, with the user's own Pulumi CLI on PATH and no Go", function () {
  this.timeout(8 * 60 * 1000);
  let clone: { dir: string; cleanup: () => void };
  let sandbox: string;
  let run: { code: number | null; output: string };
  let userBin: string;
  let userVersion: string;

  before(async () => {
    clone = cloneWorkTree("user-cli");
    sandbox = fs.mkdtempSync(path.join(os.tmpdir(), "om-user-cli-"));
    // The user's Pulumi install: the three files side by side in a folder of its own, as the official installer lays them.
    userBin = path.join(sandbox, "pulumi-install", "bin");
    fs.mkdirSync(userBin, { recursive: true });
    for (const [name, real] of Object.entries(installedPulumi())) fs.symlinkSync(real, path.join(userBin, name));
    userVersion = execFileSync(path.join(userBin, "pulumi"), ["version"], { encoding: "utf8" }).trim();
    const systemPath = [path.dirname(process.execPath), "/usr/bin", "/bin"].join(path.delimiter);
    const env: NodeJS.ProcessEnv = {
      HOME: path.join(sandbox, "home"),
      PATH: [userBin, systemPath].join(path.delimiter),
      // An empty machine cache: nothing built before can be picked up.
      OPSMANAGER_TOOLS_CACHE: path.join(sandbox, "tools-cache"),
      // Packages still come from this machine's npm cache (the registry is the only network here).
      npm_config_cache: execFileSync("npm", ["config", "get", "cache"], { encoding: "utf8" }).trim(),
      npm_config_prefer_offline: "true",
      TMPDIR: os.tmpdir(),
    };
    assert.throws(
      () => execFileSync("sh", ["-c", "command -v go"], { env, stdio: "pipe" }),
      "go must not be on the PATH the demo gets",
    );
    run = await npmRunDemo(clone.dir, env);
  });
  after(() => {
    clone?.cleanup();
    if (sandbox) fs.rmSync(sandbox, { recursive: true, force: true });
  });

  it("succeeds", () => {
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /Demo finished/);
  });

  it("says which CLI it used and why", () => {
    assert.ok(
      run.output.includes(`using your Pulumi CLI ${userVersion} at ${path.join(userBin, "pulumi")}`),
      run.output,
    );
    assert.doesNotMatch(run.output, /building pulumi/);
  });
});
