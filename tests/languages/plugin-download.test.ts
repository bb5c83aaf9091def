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
import { PLUGIN_DOWNLOAD_URL } from "../../provider/plugin/release";
import { DownloadServer } from "./support/download-server";
import { ensure, seconds, sh } from "./support/example";

/** The secrets examples/python and examples/go read; examples/yaml's. */
const SECRETS = { datadogApiKey: "dd0123456789abcdef0123456789abcd", webhookUrl: "https://hooks.example.com/om/0123" };
const YAML_SECRETS = { pagerDutyServiceKey: "0123456789abcdef0123456789abcdef", webhookUrl: SECRETS.webhookUrl, webhookSecret: "s3cr3t-0123" };

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
  async function downloadingStack(dir: string, publicKey: string, privateKey: string, secrets: Record<string, string> = SECRETS): Promise<EngineProject> {
    await emu.control.addKey({ publicKey, privateKey, roles: [{ groupId: DEFAULT_GROUP_ID, roleName: OWNER_ROLE }] });
    const ws = PulumiCli.create({
      env: { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false", PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: server.overrides() },
    });
    assert.ok(!fs.existsSync(path.join(ws.home, "plugins", `resource-opsmanager-v${VERSION}`)));
    const project = await EngineProject.forProgram({ dir, cleanup: () => undefined }, { baseUrl: emu.url, publicKey, privateKey }, "dev", ws);
    await project.pulumi(["config", "set", "groupId", DEFAULT_GROUP_ID]);
    for (const [name, value] of Object.entries(secrets)) await project.pulumi(["config", "set", "--secret", name, value]);
    return project;
  }

  /** up (the plugin fetched from the mirror, once), a preview with no changes, destroy. */
  async function lifecycle(project: EngineProject, language: string, types = ["DATADOG", "WEBHOOK"]): Promise<void> {
    const before = server.requests.length;
    let started = Date.now();
    const up = parseEvents((await project.pulumi(["up", "--yes", "--skip-preview", "--json"])).stdout);
    timings.push(`${language}: pulumi up (plugin downloaded): ${seconds(started)} s`);
    assert.equal(up.changeSummary.create, 3, `the stack and ${types.join(", ")}: ${JSON.stringify(up.changeSummary)}`);
    assert.deepEqual(server.requests.slice(before), [`GET ${tarballPath}`], "the mirror's log");
    const raw = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.deepEqual(raw.map((r) => r.type).sort(), types);
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

  it("Go: examples/go on the committed sdk/go/opsmanager module; up, no-change preview, destroy", async () => {
    let started = Date.now();
    await ensure("ensure-language-host.sh", "go");
    // The example's own layout (its go.mod points a `replace` at ../../sdk/go/opsmanager), the committed SDK beside it.
    const dir = path.join(work, "examples", "go");
    fs.cpSync(path.join(repoRoot, "examples", "go"), dir, { recursive: true });
    fs.cpSync(path.join(repoRoot, "sdk", "go"), path.join(work, "sdk", "go"), { recursive: true });
    timings.push(`Go: host ready, program copied: ${seconds(started)} s`);
    started = Date.now();
    await lifecycle(await downloadingStack(dir, "GODOWNLOAD", "go-download-private-key-0001"), "Go");
    timings.push(`Go: whole lifecycle (the host compiles the program each run): ${seconds(started)} s`);
  });

  it("YAML: examples/yaml, which declares the plugin's version and pluginDownloadURL; up, no-change preview, destroy", async () => {
    const started = Date.now();
    await ensure("ensure-language-host.sh", "yaml");
    const dir = path.join(work, "yaml");
    fs.cpSync(path.join(repoRoot, "examples", "yaml"), dir, { recursive: true });
    const text = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
    // What the YAML program must declare, and where the engine would download from without a mirror.
    assert.match(text, new RegExp(`^ {6}version: ${VERSION.replace(/\./g, "\\.")}$`, "m"));
    const url = /^ {6}pluginDownloadURL: (\S+)$/m.exec(text)?.[1];
    assert.equal(url, PLUGIN_DOWNLOAD_URL.replace("${VERSION}", VERSION));
    timings.push(`YAML: host ready: ${seconds(started)} s`);
    await lifecycle(await downloadingStack(dir, "YAMLDOWNLOAD", "yaml-download-private-key-0001", YAML_SECRETS), "YAML", ["PAGER_DUTY", "WEBHOOK"]);
  });
});
