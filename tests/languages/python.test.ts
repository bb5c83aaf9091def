import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { EngineProject, parseEvents } from "../helpers/engine-project";
import { useEmulator } from "../helpers/emulator";
import { canary, SecretScanner } from "../helpers/canaries";
import { ensure, exampleWithSdk, pluginStack, pythonVenv, scannedCli, seconds } from "./support/example";

/**
 * examples/python, unchanged, through the real CLI and the Python language host against the emulator:
 * the Python SDK generated from the plugin's schema (scripts/gen-sdk.ts) and installed into the program's virtualenv
 * with the pinned `pulumi` package, the plugin installed from its tarball. Preview, up, refresh after a rotation
 * outside code, destroy, on one stack. Every secret (the three the program reads, the private key, the rotated key)
 * is a canary; every line the CLI prints, every plain state export and the backend's files are scanned for them.
 */
describe("languages (Python): examples/python on the opsmanager plugin", function () {
  this.timeout(20 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  const scanner = new SecretScanner();
  const secrets = {
    datadogApiKey: canary("datadogApiKey", "key", "py01"),
    webhookUrl: canary("webhookUrl", "url", "py02"),
    webhookSecret: canary("webhookSecret", "text", "py03"),
  };
  const privateKey = canary("opsmanager:privateKey", "key", "py04");
  const rotated = canary("a Datadog key rotated outside code", "key", "py05");
  scanner.watch(...Object.values(secrets), privateKey, rotated);
  const timings: string[] = [];
  let project: EngineProject;

  const cli = scannedCli(() => project, scanner, timings);
  async function scanState(when: string): Promise<Array<Record<string, any>>> {
    const { text, deployment } = await project.exportState();
    scanner.scan(`pulumi stack export (${when})`, text);
    return deployment.resources ?? [];
  }
  const rawOf = async (type: string) => (await emu.control.raw(DEFAULT_GROUP_ID)).find((r) => r.type === type);

  before(async () => {
    let started = Date.now();
    await ensure("ensure-language-host.sh", "python");
    const baseEnv = await ensure("ensure-python-env.sh");
    timings.push(`language host and cached Python env: ${seconds(started)} s`);
    started = Date.now();
    const tree = exampleWithSdk("python");
    timings.push(`Python SDK generated: ${seconds(started)} s`);
    started = Date.now();
    await pythonVenv(tree.dir, baseEnv);
    timings.push(`program venv made, requirements.txt installed offline: ${seconds(started)} s`);

    project = await pluginStack(tree, emu, { publicKey: "PYTHONEXAMPLE", privateKey: privateKey.value }, secrets);
  });
  after(() => {
    for (const t of timings) console.log(`      ${t}`);
    project?.dispose();
  });

  it("preview plans the two integrations with zero requests to the server, secrets hidden", async () => {
    await emu.control.clearRequests();
    const preview = JSON.parse((await cli(["preview", "--json"])).stdout);
    assert.equal(preview.changeSummary.create, 3, `the stack, DATADOG and WEBHOOK: ${JSON.stringify(preview.changeSummary)}`);
    assert.match((await cli(["preview", "--diff"])).stdout, /\[secret\]/);
    assert.deepEqual(await emu.control.requests(), [], "preview sent requests");
  });

  it("up creates them with the configured values; the program's outputs come back, and the state holds no secret", async () => {
    const up = parseEvents((await cli(["up", "--yes", "--skip-preview", "--json"])).stdout);
    assert.equal(up.changeSummary.create, 3, JSON.stringify(up.changeSummary));
    assert.deepEqual((await rawOf("DATADOG"))?.fields, { apiKey: secrets.datadogApiKey.value, region: "EU" });
    assert.deepEqual((await rawOf("WEBHOOK"))?.fields, { url: secrets.webhookUrl.value, secret: secrets.webhookSecret.value });
    const outputs = JSON.parse((await cli(["stack", "output", "--json"])).stdout);
    assert.deepEqual(outputs.integrationTypes, ["DATADOG", "WEBHOOK"], "list_integrations read the project after up");
    assert.equal(outputs.datadogIntegrationId, (await rawOf("DATADOG"))?.id);
    const state = await scanState("after up");
    const integrations = state.filter((r) => r.type === "opsmanager:index:Integration");
    assert.equal(integrations.length, 2);
    for (const r of integrations) {
      for (const field of ["apiKey", "url", "secret"].filter((f) => f in r.outputs)) {
        assert.ok(r.outputs[field]?.ciphertext, `${r.urn}: ${field} is not a Pulumi secret in state`);
      }
    }
    await cli(["preview", "--expect-no-changes"]);
  });

  it("refresh finds the Datadog key rotated outside code; the next up restores it and converges", async () => {
    await emu.control.change(DEFAULT_GROUP_ID, "DATADOG", { apiKey: rotated.value });
    const refresh = parseEvents((await cli(["refresh", "--yes", "--skip-preview", "--json"])).stdout);
    assert.equal(refresh.changeSummary.update, 1, JSON.stringify(refresh.changeSummary));
    const up = parseEvents((await cli(["up", "--yes", "--skip-preview", "--json"])).stdout);
    assert.equal(up.changeSummary.update, 1, JSON.stringify(up.changeSummary));
    assert.equal((await rawOf("DATADOG"))?.fields.apiKey, secrets.datadogApiKey.value);
    await cli(["preview", "--expect-no-changes"]);
    await scanState("after refresh and up");
  });

  it("destroy removes both integrations", async () => {
    await cli(["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
    await scanState("after destroy");
  });

  it("no canary appeared in any CLI output, state export or backend file", () => {
    const walk = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const file of walk(project.ws.backend)) scanner.scan(`backend file ${path.relative(project.ws.backend, file)}`, fs.readFileSync(file, "utf8"));
    assert.ok(scanner.outputs > 15 && scanner.bytes > 10_000, `scanned too little: ${scanner.outputs} outputs, ${scanner.bytes} bytes`);
    assert.equal(scanner.findings.length, 0, scanner.report());
  });
});
