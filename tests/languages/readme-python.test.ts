import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_ROLE } from "../../emulator/defaults";
import { PulumiCli } from "../../scripts/lib/pulumi-cli";
import { packPlugin } from "../engine/support/plugin";
import { useEmulator } from "../helpers/emulator";
import { repoRoot } from "../helpers/program-dir";
import { run } from "../helpers/run";
import { DownloadServer } from "./support/download-server";
import { ensure, seconds, sh } from "./support/example";

/** The `### Python` part of README "Other languages and `pulumi import`": its Pulumi.yaml, sh block and program. */
function pythonSection(): { pulumiYaml: string; commands: string[]; program: string } {
  const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const start = readme.indexOf("\n### Python\n");
  assert.ok(start >= 0, "README has no ### Python");
  const body = readme.slice(start, readme.indexOf("\n### ", start + 5));
  const block = (lang: string) => new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(body)?.[1] ?? "";
  return {
    pulumiYaml: /\*\*`Pulumi\.yaml`\*\*\n```yaml\n([\s\S]*?)```/.exec(body)?.[1] ?? "",
    commands: block("sh").split("\n").filter((l) => l.trim() !== ""),
    program: block("python"),
  };
}

/**
 * README's Python path as a user follows it once a version is released, in a new folder: its Pulumi.yaml, its
 * commands (venv, pip install by name, config with the secrets typed at the prompt, up) and its program. pip finds
 * `pulumi_opsmanager` as the wheel a release publishes (built from sdk/python) and `pulumi` in the machine's cached
 * env (no index: PIP_NO_INDEX/PIP_FIND_LINKS, so the command stays as written); the engine downloads the plugin from
 * a local mirror (PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES). Only the example server and key are the emulator's.
 */
describe("README: the Python path of 'Other languages', as written", function () {
  this.timeout(20 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  let server: DownloadServer;
  let work: string;
  let ws: PulumiCli;
  const timings: string[] = [];

  before(async () => {
    server = await DownloadServer.serve(path.dirname((await packPlugin()).tarball));
    work = fs.mkdtempSync(path.join(os.tmpdir(), "om-readme-python-"));
    ws = PulumiCli.create({
      env: { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false", PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: server.overrides() },
    });
  });
  after(async () => {
    for (const t of timings) console.log(`      ${t}`);
    ws?.dispose();
    await server?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("Pulumi.yaml names the virtualenv; the commands and program deploy, preview clean and destroy", async () => {
    const { pulumiYaml, commands, program } = pythonSection();
    assert.match(pulumiYaml, /^ {4}virtualenv: venv$/m, "the runtime block names the virtualenv");
    assert.match(program, /^import pulumi_opsmanager as opsmanager$/m);
    let started = Date.now();
    await ensure("ensure-language-host.sh", "python");
    const baseEnv = await ensure("ensure-python-env.sh");
    const wheels = path.join(work, "wheels");
    await sh(path.join(baseEnv, "bin", "python"), ["-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "-w", wheels, path.join(repoRoot, "sdk", "python")], { cwd: work });
    timings.push(`wheel of sdk/python: ${seconds(started)} s`);

    const dir = path.join(work, "my-integrations");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), pulumiYaml);
    fs.writeFileSync(path.join(dir, "__main__.py"), program);
    const key = { publicKey: "READMEPY", privateKey: "readme-python-private-key-0001" };
    await emu.control.addKey({ ...key, roles: [{ groupId: DEFAULT_GROUP_ID, roleName: OWNER_ROLE }] });
    // What the user types at the prompts, and their own server and key in place of the README's examples.
    const typed: Record<string, string> = { "opsmanager:privateKey": key.privateKey, datadogApiKey: "dd0123456789abcdef0123456789abcd" };
    const lines = commands.map((line) => {
      const bare = line.replace(/\s+#.*$/, "");
      const secret = /^pulumi config set --secret (\S+)$/.exec(bare)?.[1];
      if (secret) {
        assert.ok(typed[secret], `the README prompts for ${secret}, which this test does not know`);
        return `printf '%s\\n' '${typed[secret]}' | ${bare}`;
      }
      if (bare.startsWith("pulumi config set opsmanager:baseUrl ")) return `pulumi config set opsmanager:baseUrl ${emu.url}`;
      if (bare.startsWith("pulumi config set opsmanager:publicKey ")) return `pulumi config set opsmanager:publicKey ${key.publicKey}`;
      return bare;
    });
    assert.ok(lines.includes("python3 -m venv venv") && lines.includes("pulumi up"), lines.join("\n"));
    // `python3` is the cached env's (3.11), whose site-packages the new venv sees through a .pth line once made.
    const venvAt = lines.indexOf("python3 -m venv venv") + 1;
    const pth = `"$(venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/_base.pth"`;
    const baseLib = (await sh(path.join(baseEnv, "bin", "python"), ["-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], { cwd: work })).trim();
    lines.splice(venvAt, 0, `echo '${baseLib}' > ${pth}`);
    const env = {
      ...ws.env({ PATH: `${path.join(baseEnv, "bin")}${path.delimiter}${ws.env().PATH}`, PIP_NO_INDEX: "1", PIP_FIND_LINKS: wheels, PIP_DISABLE_PIP_VERSION_CHECK: "1" }),
    };
    started = Date.now();
    const ran = await run("bash", ["-euo", "pipefail", "-c", lines.join("\n")], { cwd: dir, env });
    timings.push(`the README's commands (venv, pip install, config, up): ${seconds(started)} s`);
    assert.equal(ran.code, 0, `${lines.join("\n")}\n--- stdout\n${ran.stdout.slice(-3000)}\n--- stderr\n${ran.stderr.slice(-3000)}`);
    assert.ok(server.requests.some((r) => r.endsWith(".tar.gz")), "the engine did not download the plugin from the mirror");
    const [stored] = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.deepEqual(stored?.fields, { apiKey: typed.datadogApiKey, region: "EU" });
    await ws.ok(dir, ["preview", "--expect-no-changes"]);
    await ws.ok(dir, ["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
  });
});
