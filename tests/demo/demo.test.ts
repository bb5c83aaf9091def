import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { demoConfig } from "../../scripts/lib/demo-values";
import { repoRoot } from "../helpers/program-dir";

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs a Node.js command line (the demo) in a child process, asynchronously, and collects its output. */
function runNode(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** `tsx scripts/demo.ts`: what `npm run demo` runs once scripts/prepare.sh has (npm test's pretest did it). */
const TSX_DEMO = [path.join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/demo.ts"];

/** A newcomer's `npm run demo`, end to end against the bundled emulator (one run, several checks). */
describe("npm run demo", function () {
  this.timeout(5 * 60 * 1000);
  let run: Run;
  before(async () => {
    run = await runNode(TSX_DEMO);
  });

  it("exits 0 after announcing seven numbered steps", () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    for (let n = 1; n <= 7; n++) assert.match(run.stdout, new RegExp(`^\\[${n}/7\\] `, "m"), `step ${n} announced`);
    assert.match(run.stdout, /Demo finished/);
  });

  it("creates the root program's three integrations with pulumi up, adopting the Slack connected in the UI", () => {
    assert.match(run.stdout, /Slack already connected in project \w{24}, as if in the Ops Manager UI/);
    assert.match(run.stdout, /\+ 4 created/, "the stack and three integrations (the adopted Slack is a create)");
  });

  it("shows what Ops Manager holds, secrets masked as the server shows them", () => {
    assert.match(run.stdout, /3 integrations/);
    assert.match(run.stdout, /SLACK .*apiToken="\*{6}7f3a".*teamName="platform"/);
    assert.match(run.stdout, /PAGER_DUTY .*serviceKey="\*{6}b21c"/);
    assert.match(run.stdout, /WEBHOOK .*url="\*{6}9d4e"/);
  });

  it("then previews no changes", () => {
    assert.match(run.stdout, /4 unchanged/);
    assert.match(run.stdout, /no changes: the program and Ops Manager agree/);
  });

  it("never prints a secret in clear", () => {
    for (const [name, value] of Object.entries(demoConfig.secret)) {
      assert.ok(!(run.stdout + run.stderr).includes(value), `${name} printed in clear`);
    }
  });

  it("leaves nothing behind: no Pulumi.dev.yaml in the work tree, no temp project, no backend", () => {
    assert.ok(!fs.existsSync(path.join(repoRoot, "Pulumi.dev.yaml")), "Pulumi.dev.yaml left at the repository root");
    assert.ok(!fs.existsSync(path.join(repoRoot, "program", "Pulumi.dev.yaml")));
    const project = /project {2}(\S+)/.exec(run.stdout)?.[1];
    const backend = /backend file:\/\/(\S+)/.exec(run.stdout)?.[1];
    assert.ok(project && backend, "the demo names its temp project and backend");
    assert.ok(!fs.existsSync(project), `${project} left behind`);
    assert.ok(!fs.existsSync(path.dirname(backend)), `${backend} left behind`);
  });

  it("on a failure names the step, exits non-zero, and still stops the emulator", async () => {
    // A TMPDIR that is a file: step 2 cannot make the backend after the emulator started. (tsx's CLI needs TMPDIR
    // itself, so this run loads tsx as a require hook with its cache off.)
    const notADir = path.join(repoRoot, ".tools", "demo-test-tmpdir-is-a-file");
    fs.writeFileSync(notADir, "");
    try {
      const failed = await runNode(["--require", "tsx/cjs", "scripts/demo.ts"], {
        ...process.env,
        TMPDIR: notADir,
        TSX_DISABLE_CACHE: "1",
      });
      assert.equal(failed.code, 1, failed.stdout + failed.stderr);
      assert.match(failed.stderr, /npm run demo FAILED at step 2 \(Creating a local file backend/);
      assert.match(failed.stdout, /\[7\/7\] Stopping the emulator[^\n]*\n\s+ok/);
      assert.doesNotMatch(failed.stdout, /\[3\/7\]/, "no step runs after a failure");
    } finally {
      fs.rmSync(notADir, { force: true });
    }
  });
});
