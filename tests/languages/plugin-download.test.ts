import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_ROLE } from "../../emulator/defaults";
import { PulumiCli } from "../../scripts/lib/pulumi-cli";
import { packPlugin, VERSION } from "../engine/support/plugin";
import { EngineProject, parseEvents } from "../engine/support/project";
import { useEmulator } from "../helpers/emulator";
import { repoRoot } from "../helpers/program-dir";
import { DownloadServer } from "./support/download-server";
import { ensure, seconds, sh } from "./support/example";

const SECRETS = { datadogApiKey: "dd0123456789abcdef0123456789abcd", webhookUrl: "https://hooks.example.com/om/0123" };

/**
 * A user's first run, as a released version gives it: the SDK installed by name from what `sdk/` holds (committed),
 * a fresh PULUMI_HOME, automatic plugin acquisition on (the CLI's default), and only
 * `PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES` pointing the schema's `pluginDownloadURL` at a local mirror serving
 * `npm run plugin:pack`'s tarball. No `pulumi plugin install`: the engine must fetch the plugin by itself.
 */
describe("languages: the engine downloads the opsmanager plugin the SDK names, from a mirror", function () {
  this.timeout(30 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  const timings: string[] = [];
  let server: DownloadServer;
  let work: string;
  const platform = `${process.platform === "win32" ? "windows" : process.platform}-${process.arch === "x64" ? "amd64" : process.arch}`;
  const tarballPath = `/downloads/pulumi-resource-opsmanager-v${VERSION}-${platform}.tar.gz`;

  before(async () => {
    const started = Date.now();
    server = await DownloadServer.serve(path.dirname((await packPlugin()).tarball));
    work = fs.mkdtempSync(path.join(os.tmpdir(), "om-download-"));
    timings.push(`plugin packed, mirror serving: ${seconds(started)} s`);
  });
  after(async () => {
    for (const t of timings) console.log(`      ${t}`);
    await server?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** A stack of `dir` in a fresh workspace that may download plugins, through the mirror only. */
  async function downloadingStack(dir: string, publicKey: string, privateKey: string): Promise<EngineProject> {
    await emu.control.addKey({ publicKey, privateKey, roles: [{ groupId: DEFAULT_GROUP_ID, roleName: OWNER_ROLE }] });
    const ws = PulumiCli.create({
      env: { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false", PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: server.overrides() },
    });
    assert.ok(!fs.existsSync(path.join(ws.home, "plugins", `resource-opsmanager-v${VERSION}`)));
    const project = await EngineProject.forProgram({ dir, cleanup: () => undefined }, { baseUrl: emu.url, publicKey, privateKey }, "dev", ws);
    await project.pulumi(["config", "set", "groupId", DEFAULT_GROUP_ID]);
    for (const [name, value] of Object.entries(SECRETS)) await project.pulumi(["config", "set", "--secret", name, value]);
    return project;
  }

  /** up (the plugin fetched from the mirror, once), a preview with no changes, destroy. */
  async function lifecycle(project: EngineProject, language: string): Promise<void> {
    const before = server.requests.length;
    let started = Date.now();
    const up = parseEvents((await project.pulumi(["up", "--yes", "--skip-preview", "--json"])).stdout);
    timings.push(`${language}: pulumi up (plugin downloaded): ${seconds(started)} s`);
    assert.equal(up.changeSummary.create, 3, `the stack, DATADOG and WEBHOOK: ${JSON.stringify(up.changeSummary)}`);
    assert.deepEqual(server.requests.slice(before), [`GET ${tarballPath}`], "the mirror's log");
    const raw = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.deepEqual(raw.map((r) => r.type).sort(), ["DATADOG", "WEBHOOK"]);
    const listed = JSON.parse((await project.ws.ok(project.dir, ["plugin", "ls", "--json"])).stdout) as Array<{ name: string; version: string }>;
    assert.ok(listed.some((p) => p.name === "opsmanager" && p.version === VERSION), JSON.stringify(listed));
    started = Date.now();
    await project.pulumi(["preview", "--expect-no-changes"]);
    await project.pulumi(["destroy", "--yes", "--skip-preview"]);
    timings.push(`${language}: preview, destroy: ${seconds(started)} s`);
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
    assert.equal(server.requests.length, before + 1, "the plugin was fetched more than once");
    project.dispose();
  }

  it("the SDK's pulumi-plugin.json names the plugin, its version and the release's download URL", () => {
    for (const file of ["sdk/python/pulumi_opsmanager/pulumi-plugin.json", "sdk/go/opsmanager/pulumi-plugin.json"]) {
      const meta = JSON.parse(fs.readFileSync(path.join(repoRoot, file), "utf8")) as Record<string, unknown>;
      assert.equal(meta.resource, true, file);
      assert.equal(meta.name, "opsmanager", file);
      assert.equal(meta.version, VERSION, file);
      assert.match(String(meta.server), /^https:\/\/github\.com\/[^/]+\/pulumi-opsmanager-integrations\/releases\/download\/v\$\{VERSION\}$/, file);
    }
  });

  it("Python: a fresh virtualenv with the SDK pip-installed from a wheel of sdk/python; up, no-change preview, destroy", async () => {
    let started = Date.now();
    await ensure("ensure-language-host.sh", "python");
    const baseEnv = await ensure("ensure-python-env.sh");
    const basePython = path.join(baseEnv, "bin", "python");
    const wheels = path.join(work, "wheels");
    // The wheel a release uploads to PyPI, built from the committed SDK with the cached env's setuptools.
    await sh(basePython, ["-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "-w", wheels, path.join(repoRoot, "sdk", "python")], { cwd: work });
    const [wheel] = fs.readdirSync(wheels).filter((f) => f.endsWith(".whl"));
    assert.match(wheel ?? "", new RegExp(`^pulumi_opsmanager-${VERSION.replace(/\./g, "\\.")}-py3-none-any\\.whl$`));
    timings.push(`Python: wheel built: ${seconds(started)} s`);

    started = Date.now();
    const dir = path.join(work, "python");
    fs.mkdirSync(dir);
    for (const f of ["Pulumi.yaml", "__main__.py"]) fs.copyFileSync(path.join(repoRoot, "examples", "python", f), path.join(dir, f));
    // A venv of its own over the cached env's `pulumi` (a .pth line, as tests/languages/support/example.ts does), so
    // pip installs the wheel and nothing else, with no index.
    const venv = path.join(dir, "venv");
    await sh(basePython, ["-m", "venv", "--without-pip", venv], { cwd: dir });
    const purelib = async (env: string) => (await sh(path.join(env, "bin", "python"), ["-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], { cwd: dir })).trim();
    fs.writeFileSync(path.join(await purelib(venv), "_opsmanager_base_env.pth"), `${await purelib(baseEnv)}\n`);
    await sh(path.join(venv, "bin", "python"), ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index", path.join(wheels, wheel!)], { cwd: dir });
    timings.push(`Python: venv made, wheel installed: ${seconds(started)} s`);

    await lifecycle(await downloadingStack(dir, "PYDOWNLOAD", "py-download-private-key-0001"), "Python");
  });
});
