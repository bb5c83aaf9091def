import assert from "node:assert/strict";
import path from "node:path";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { GO_SDK_VERSION } from "../../scripts/gen-sdk";
import { EngineProject, parseEvents } from "../helpers/engine-project";
import { useEmulator } from "../helpers/emulator";
import { canary, SecretScanner } from "../helpers/canaries";
import { ensure, exampleWithSdk, scannedCli, seconds, sh, pluginStack } from "./support/example";

/**
 * The Go SDK generated from the plugin's schema compiles, and examples/go, unchanged, runs through the
 * real CLI and the Go language host (which compiles the program on every run) against the emulator: up, then
 * destroy. The program's secrets and the private key are canaries, scanned for in every output and state export.
 * The first compile of `github.com/pulumi/pulumi/sdk/v3` on a machine takes minutes; Go's build cache serves the rest.
 */
describe("languages (Go): the generated SDK compiles; examples/go on the opsmanager plugin", function () {
  this.timeout(30 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  const scanner = new SecretScanner();
  const secrets = {
    datadogApiKey: canary("datadogApiKey", "key", "go01"),
    webhookUrl: canary("webhookUrl", "url", "go02"),
    webhookSecret: canary("webhookSecret", "text", "go03"),
  };
  const privateKey = canary("opsmanager:privateKey", "key", "go04");
  scanner.watch(...Object.values(secrets), privateKey);
  const timings: string[] = [];
  let tree: ReturnType<typeof exampleWithSdk>;
  let project: EngineProject;

  const cli = scannedCli(() => project, scanner, timings);
  const rawOf = async (type: string) => (await emu.control.raw(DEFAULT_GROUP_ID)).find((r) => r.type === type);

  before(async () => {
    const started = Date.now();
    await ensure("ensure-language-host.sh", "go");
    tree = exampleWithSdk("go");
    timings.push(`language host and Go SDK generated (go mod tidy): ${seconds(started)} s`);
    project = await pluginStack(tree, emu, { publicKey: "GOEXAMPLE", privateKey: privateKey.value }, secrets);
  });
  after(() => {
    for (const t of timings) console.log(`      ${t}`);
    project?.dispose();
  });

  it(`the SDK passes go vet, and the example builds against it and sdk/v3 ${GO_SDK_VERSION} with its committed go.sum`, async () => {
    let started = Date.now();
    await sh("go", ["vet", "./..."], { cwd: tree.sdk });
    timings.push(`go vet ./... (the SDK): ${seconds(started)} s`);
    // The flags the Go language host builds programs with (-trimpath -ldflags "-w -s"), so its builds find the cache
    // this one fills; no -mod=mod, so a go.sum that misses an entry fails here.
    started = Date.now();
    await sh("go", ["build", "-trimpath", "-ldflags", "-w -s", "-o", path.join(tree.root, "program"), "."], { cwd: tree.dir });
    timings.push(`go build (the example): ${seconds(started)} s`);
    const modules = await sh("go", ["list", "-m", "all"], { cwd: tree.dir });
    assert.match(modules, new RegExp(`^github\\.com/pulumi/pulumi/sdk/v3 ${GO_SDK_VERSION.replace(/\./g, "\\.")}$`, "m"));
    assert.match(modules, /^github\.com\/[^/]+\/pulumi-opsmanager-integrations\/sdk\/go\/opsmanager v0\.0\.0 => \.\.\/\.\.\/sdk\/go\/opsmanager$/m);
  });

  it("up creates the two integrations with the configured values; the state holds no secret", async () => {
    const up = parseEvents((await cli(["up", "--yes", "--skip-preview", "--json"])).stdout);
    assert.equal(up.changeSummary.create, 3, `the stack, DATADOG and WEBHOOK: ${JSON.stringify(up.changeSummary)}`);
    assert.deepEqual((await rawOf("DATADOG"))?.fields, { apiKey: secrets.datadogApiKey.value, region: "EU" });
    assert.deepEqual((await rawOf("WEBHOOK"))?.fields, { url: secrets.webhookUrl.value, secret: secrets.webhookSecret.value });
    const outputs = JSON.parse((await cli(["stack", "output", "--json"])).stdout);
    assert.equal(outputs.webhookIntegrationId, (await rawOf("WEBHOOK"))?.id);
    const { text, deployment } = await project.exportState();
    scanner.scan("pulumi stack export (after up)", text);
    const integrations = (deployment.resources ?? []).filter((r) => r.type === "opsmanager:index:Integration");
    assert.equal(integrations.length, 2);
    for (const r of integrations) {
      for (const field of ["apiKey", "url", "secret"].filter((f) => f in r.outputs)) {
        assert.ok(r.outputs[field]?.ciphertext, `${r.urn}: ${field} is not a Pulumi secret in state`);
      }
    }
  });

  it("destroy removes both integrations", async () => {
    await cli(["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
  });

  it("no canary appeared in any CLI output or state export", () => {
    assert.ok(scanner.outputs >= 7 && scanner.bytes > 5_000, `scanned too little: ${scanner.outputs} outputs, ${scanner.bytes} bytes`);
    assert.equal(scanner.findings.length, 0, scanner.report());
  });
});
