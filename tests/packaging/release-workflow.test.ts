import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../helpers/program-dir";

const run = promisify(execFile);
const workflow = path.join(repoRoot, ".github", "workflows", "release.yml");

/** actionlint's findings for `files` (empty when it passes). */
async function actionlint(exe: string, files: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(exe, ["-no-color", ...files], { cwd: repoRoot });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

/**
 * The release workflow cannot run on this machine (it publishes to npm, PyPI and GitHub), so it is linted with
 * actionlint (scripts/ensure-actionlint.sh: built once per machine from the Go module proxy) and its contract with
 * `npm run plugin:pack` and the schema is read off its text.
 */
describe("release workflow (.github/workflows/release.yml)", function () {
  this.timeout(10 * 60 * 1000);
  let exe: string;
  before(async () => {
    const { stdout } = await run("bash", [path.join(repoRoot, "scripts", "ensure-actionlint.sh")], { cwd: repoRoot });
    exe = stdout.trim().split("\n").pop() ?? "";
  });

  it("passes actionlint", async () => {
    const { code, out } = await actionlint(exe, [workflow]);
    assert.equal(code, 0, out);
  });

  it("actionlint fails a workflow with an error (the lint can fail)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "om-actionlint-"));
    try {
      const broken = path.join(dir, "broken.yml");
      fs.writeFileSync(
        broken,
        fs.readFileSync(workflow, "utf8").replace("${{ github.ref_name }}", "${{ github.ref_nme }}"),
      );
      const { code, out } = await actionlint(exe, [broken]);
      assert.notEqual(code, 0);
      assert.match(out, /ref_nme/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("runs on version tags and publishes npm, the plugin tarballs plugin:pack names, the Python SDK and the Go tag", () => {
    const text = fs.readFileSync(workflow, "utf8");
    assert.match(text, /^on:\n {2}push:\n {4}tags: \["v/m);
    assert.match(text, /npm run plugin:pack/);
    assert.match(text, /npm publish/);
    assert.match(
      text,
      /gh release create "\$TAG"[^\n]*\\\n\s+\.tools\/plugin\/pulumi-resource-opsmanager-v"\$VERSION"-\*\.tar\.gz/,
    );
    assert.match(text, /python -m build --outdir python-dist sdk\/python/);
    assert.match(text, /pypa\/gh-action-pypi-publish/);
    assert.match(text, /git push origin "sdk\/go\/opsmanager\/\$TAG"/);
  });
});
