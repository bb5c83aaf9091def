import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { PulumiCli } from "../../scripts/lib/pulumi-cli";
import { useEmulator } from "../helpers/emulator";
import { makeProgramDir, repoRoot } from "../helpers/program-dir";
import { ensureYamlHost, packPlugin } from "../helpers/yaml-project";

const exampleDir = path.join(repoRoot, "examples", "yaml");
const readme = fs.readFileSync(path.join(exampleDir, "README.md"), "utf8");

/** The README's "Run it" block, one command per line, comments dropped. */
function runIt(): string[] {
  const block = /^## Run it\n[\s\S]*?```sh\n([\s\S]*?)```/m.exec(readme)?.[1] ?? "";
  return block
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter(Boolean);
}

/**
 * examples/yaml, run as its README says — plugin installed from the packed tarball, the README's config
 * commands, `pulumi up` — against the emulator, then a no-change preview and destroy.
 */
describe("examples/yaml: runs as its README says", function () {
  this.timeout(10 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  let ws: PulumiCli;
  let program: { dir: string; cleanup: () => void };
  before(() => {
    ensureYamlHost();
    ws = PulumiCli.create({ env: { PULUMI_CONFIG_PASSPHRASE: "local-only" } });
    program = makeProgramDir("example-yaml");
    fs.cpSync(exampleDir, program.dir, { recursive: true });
  });
  after(() => {
    program?.cleanup();
    ws?.dispose();
  });

  it('its README has a "Files" table listing every file', () => {
    for (const file of fs.readdirSync(exampleDir)) {
      if (file !== "README.md") assert.ok(readme.includes(`\`${file}\``), `${file} missing from the Files table`);
    }
  });

  it("the README's commands install the plugin, configure a stack and deploy both integrations", async () => {
    const commands = runIt();
    assert.ok(commands.includes("npm run plugin:pack") && commands.includes("pulumi up"), commands.join("\n"));
    const { tarball } = await packPlugin();
    for (const line of commands) {
      const args = line.split(/\s+/);
      if (args[0] !== "pulumi" || ["login", "destroy"].includes(args[1]!)) continue; // a file backend is the workspace's; destroy below
      if (args[1] === "plugin") {
        assert.equal(
          path.basename(args.at(-1)!),
          path.basename(tarball).replace(/-[a-z]+-[a-z0-9]+\.tar\.gz$/, "-linux-amd64.tar.gz"),
        );
        args[args.length - 1] = tarball;
      }
      const rest = args.slice(1).map((a) => a.replace("http://127.0.0.1:8080", emu.url));
      await ws.ok(program.dir, rest[0] === "up" ? ["up", "--yes", "--skip-preview"] : rest);
    }
    const raw = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.deepEqual(raw.map((r) => r.type).sort(), ["PAGER_DUTY", "WEBHOOK"]);
    assert.equal(raw.find((r) => r.type === "WEBHOOK")?.fields.url, "https://hooks.example.com/opsmanager/0123");
    const outputs = JSON.parse((await ws.ok(program.dir, ["stack", "output", "--json"])).stdout);
    assert.deepEqual(Object.keys(outputs).sort(), ["pagerDutyIntegrationId", "webhookIntegrationId"]);
  });

  it("a second preview shows no changes, and destroy empties the project", async () => {
    await ws.ok(program.dir, ["preview", "--expect-no-changes"]);
    await ws.ok(program.dir, ["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
  });
});
