import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_ROLE } from "../../emulator/defaults";
import { useEmulator } from "../helpers/emulator";
import { canary, SecretScanner } from "../reliability/support/canaries";
import { ensureYamlHost, YamlProject } from "./support/plugin";

/**
 * Which debug output of a plugin program is safe to share (README "Secrets"): `pulumi up --debug` prints the
 * engine's and the plugin's debug lines and no secret, while `-v=9 --logtostderr` logs the engine's RPC payloads,
 * the provider's configuration (the API private key) and every input in clear, for any provider. The private key
 * and a PagerDuty key are canaries; the first run's output is scanned for them, the second shows the README's
 * warning still holds.
 */
describe("plugin (YAML): what the debug logs of `pulumi up` hold", function () {
  this.timeout(10 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  const privateKey = canary("opsmanager:privateKey", "key", "dbg1");
  const serviceKey = canary("PAGER_DUTY.serviceKey", "key", "dbg2");
  const scanner = new SecretScanner();
  scanner.watch(privateKey, serviceKey);
  let project: YamlProject;

  before(async () => {
    ensureYamlHost();
    await emu.control.addKey({
      publicKey: "DEBUGLOG",
      privateKey: privateKey.value,
      roles: [{ groupId: DEFAULT_GROUP_ID, roleName: OWNER_ROLE }],
    });
    project = await YamlProject.create("plugin-debug-log", { baseUrl: emu.url, publicKey: "DEBUGLOG", privateKey: privateKey.value });
    await project.pulumi(["config", "set", "--secret", "serviceKey", serviceKey.value]);
    project.writeProgram({
      config: { serviceKey: { type: "string", secret: true } },
      resources: {
        pagerDuty: {
          type: "opsmanager:index:Integration",
          properties: { groupId: DEFAULT_GROUP_ID, type: "PAGER_DUTY", serviceKey: "${serviceKey}" },
        },
      },
    });
  });
  after(() => project?.dispose());

  it("`pulumi up --debug` shows debug lines and neither the private key nor the integration's key", async () => {
    const up = await project.pulumi(["up", "--yes", "--skip-preview", "--debug"]);
    const text = up.stdout + up.stderr;
    assert.match(text, /debug:/i, "no debug line: --debug did not take effect");
    scanner.scan("pulumi up --debug", text);
    assert.equal((await emu.control.raw(DEFAULT_GROUP_ID))[0]?.fields.serviceKey, serviceKey.value);
    const destroy = await project.pulumi(["destroy", "--yes", "--skip-preview", "--debug"]);
    scanner.scan("pulumi destroy --debug", destroy.stdout + destroy.stderr);
    assert.ok(scanner.bytes > 2_000, `scanned too little: ${scanner.bytes} bytes`);
    assert.equal(scanner.findings.length, 0, scanner.report());
  });

  it("`pulumi up -v=9 --logtostderr` does print the private key (the engine's RPC log): never share it", async () => {
    const up = await project.pulumi(["up", "--yes", "--skip-preview", "-v=9", "--logtostderr"]);
    assert.ok(up.stderr.includes(privateKey.value), "the README's warning about -v=9 no longer holds: update it");
    await project.destroy();
  });
});
