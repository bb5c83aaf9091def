import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_KEY, SECOND_GROUP_ID } from "../../emulator/defaults";
import { definitions, type AnyIntegration } from "../../provider/integrations/registry";
import { parseEvents } from "../helpers/engine-project";
import type { CliResult } from "../../scripts/lib/pulumi-cli";
import { useEmulator } from "../helpers/emulator";
import { canariesFor, canary, SecretScanner, type Canary } from "../helpers/canaries";
import { ensureYamlHost, YamlProject, type YamlResource } from "../helpers/yaml-project";

/**
 * The `opsmanager` plugin under Pulumi YAML, through the real CLI and engine (file backend) against the
 * emulator, one stack in order: preview, up, no-op, a one-field update, refresh after a rotation outside code,
 * `pulumi import` of an integration made by hand, destroy. Every secret is a canary; every line the CLI prints, the
 * code `pulumi import` generates and every plain `pulumi stack export` are scanned for them.
 */
describe("plugin (YAML): preview, up, update, refresh, import, destroy", function () {
  this.timeout(15 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  const scanner = new SecretScanner();
  const canaries = new Map<AnyIntegration, Record<string, Canary>>(definitions.map((d) => [d, canariesFor(d, 18)]));
  for (const c of canaries.values()) scanner.watch(...Object.values(c));
  const hand = {
    url: canary("handmade WEBHOOK.url", "url", "hd01"),
    secret: canary("handmade WEBHOOK.secret", "text", "hd02"),
  };
  scanner.watch(hand.url, hand.secret);
  let project: YamlProject;

  /** One resource per registered type: the example's values, a canary in every secret field (given plain). */
  const resources = (change: Record<string, Record<string, unknown>> = {}): Record<string, YamlResource> =>
    Object.fromEntries(
      [...canaries.entries()].map(([def, secrets]) => [
        def.type.toLowerCase(),
        {
          type: "opsmanager:index:Integration",
          properties: {
            groupId: DEFAULT_GROUP_ID,
            type: def.type,
            ...def.example,
            ...Object.fromEntries(Object.entries(secrets).map(([k, c]) => [k, c.value])),
            ...change[def.type],
          },
        },
      ]),
    );

  /** Runs the CLI (it must succeed) and scans both streams. */
  async function cli(args: string[]): Promise<CliResult> {
    const result = await project.attempt(args);
    scanner.scan(`pulumi ${args.join(" ")} (stdout)`, result.stdout);
    scanner.scan(`pulumi ${args.join(" ")} (stderr)`, result.stderr);
    const shown = scanner.findings.length
      ? "(withheld: it holds canaries)"
      : (result.stdout + result.stderr).slice(-3000);
    assert.equal(result.code, 0, `pulumi ${args.join(" ")} failed:\n${shown}`);
    return result;
  }
  async function scanState(when: string): Promise<Array<Record<string, any>>> {
    const { text, resources: state } = await project.exportState();
    scanner.scan(`pulumi stack export (${when})`, text);
    return state;
  }
  const writes = async () => (await emu.control.requests()).filter((r) => r.method !== "GET");
  const rawOf = async (type: string, groupId = DEFAULT_GROUP_ID) =>
    (await emu.control.raw(groupId)).find((r) => r.type === type);

  before(async () => {
    ensureYamlHost();
    project = await YamlProject.create("plugin-yaml", { baseUrl: emu.url, ...OWNER_KEY });
  });
  after(() => project?.dispose());

  it("previews every type as a create with zero requests to the server, secrets hidden", async () => {
    project.writeProgram({ resources: resources() });
    await emu.control.clearRequests();
    const preview = JSON.parse((await cli(["preview", "--json"])).stdout);
    assert.equal(preview.changeSummary.create, definitions.length + 1, JSON.stringify(preview.changeSummary));
    await cli(["preview", "--diff"]);
    assert.deepEqual(await emu.control.requests(), [], "preview sent requests");
  });

  it("up creates them all; the server holds exactly the configured values; state holds no secret", async () => {
    const up = parseEvents((await cli(["up", "--yes", "--skip-preview", "--json"])).stdout);
    assert.equal(up.changeSummary.create, definitions.length + 1);
    for (const [def, secrets] of canaries) {
      const stored = await rawOf(def.type);
      for (const [name, value] of Object.entries({
        ...def.example,
        ...Object.fromEntries(Object.entries(secrets).map(([k, c]) => [k, c.value])),
      })) {
        assert.equal(stored?.fields[name] ?? def.fields[name]?.serverDefault, value, `${def.type}.${name}`);
      }
    }
    const state = await scanState("after up");
    const integrations = state.filter((r) => r.type === "opsmanager:index:Integration");
    assert.equal(integrations.length, definitions.length);
    for (const r of integrations)
      assert.ok(r.inputs.fingerprintKey?.ciphertext, `${r.urn}: the fingerprint key is not encrypted`);
  });

  it("a second run changes nothing and sends no write", async () => {
    await emu.control.clearRequests();
    await cli(["preview", "--expect-no-changes"]);
    const up = parseEvents((await cli(["up", "--yes", "--skip-preview", "--json"])).stdout);
    assert.deepEqual(
      Object.keys(up.changeSummary).filter((k) => k !== "same"),
      [],
    );
    assert.deepEqual(await writes(), []);
  });

  it("changing one field updates exactly that integration", async () => {
    project.writeProgram({ resources: resources({ SLACK: { channelName: "incidents" } }) });
    const up = parseEvents((await cli(["up", "--yes", "--skip-preview", "--json"])).stdout);
    assert.deepEqual(up.changeSummary, { same: definitions.length, update: 1 });
    assert.equal((await rawOf("SLACK"))?.fields.channelName, "incidents");
  });

  it("removing the webhook secret: preview warns what a server that keeps it costs; up leaves the server without it", async () => {
    // The program as the previous case left it (Slack's channel changed), without the webhook's secret.
    const current = { SLACK: { channelName: "incidents" } };
    const withoutSecret = resources(current);
    delete (withoutSecret.webhook!.properties as Record<string, unknown>).secret;
    project.writeProgram({ resources: withoutSecret });
    const preview = await cli(["preview"]);
    assert.match(preview.stdout, /warning: WEBHOOK in project \w{24}: secret removed from code\. The update sends one PUT/);
    await cli(["up", "--yes", "--skip-preview"]);
    assert.equal((await rawOf("WEBHOOK"))?.fields.secret, undefined, "the server no longer holds the secret");
    project.writeProgram({ resources: resources(current) });
    await cli(["up", "--yes", "--skip-preview"]);
  });

  it("refresh finds a secret rotated outside code; the next up restores it and converges", async () => {
    await emu.control.change(DEFAULT_GROUP_ID, "DATADOG", { apiKey: "rotated-outside-code-key-9999" });
    const refresh = parseEvents((await cli(["refresh", "--yes", "--skip-preview", "--json"])).stdout);
    assert.equal(refresh.changeSummary.update, 1, JSON.stringify(refresh.changeSummary));
    const preview = JSON.parse((await cli(["preview", "--json"])).stdout);
    assert.equal(preview.changeSummary.update, 1);
    await cli(["up", "--yes", "--skip-preview"]);
    const datadog = definitions.find((d) => d.type === "DATADOG")!;
    assert.equal((await rawOf("DATADOG"))?.fields.apiKey, canaries.get(datadog)?.apiKey?.value);
    await cli(["preview", "--expect-no-changes"]);
    await scanState("after refresh and up");
  });

  it("getIntegration and listIntegrations answer a YAML program with the server's view, every secret masked", async () => {
    const invoke = (fn: string, args: Record<string, unknown>, field: string) => ({
      "fn::invoke": { function: `opsmanager:index:${fn}`, arguments: args, return: field },
    });
    project.writeProgram({
      resources: resources({ SLACK: { channelName: "incidents" } }),
      variables: {
        all: invoke("listIntegrations", { groupId: DEFAULT_GROUP_ID }, "integrations"),
        datadogView: invoke("getIntegration", { groupId: DEFAULT_GROUP_ID, type: "DATADOG" }, "integration"),
      },
      outputs: { all: "${all}", datadogMasked: "${datadogView.maskedFields}" },
    });
    const up = parseEvents((await cli(["up", "--yes", "--skip-preview", "--json"])).stdout);
    assert.deepEqual(up.changeSummary, { same: definitions.length + 1 });
    const outputs = JSON.parse((await cli(["stack", "output", "--json"])).stdout);
    assert.deepEqual(outputs.datadogMasked, ["apiKey"]);
    assert.deepEqual(outputs.all.map((v: { type: string }) => v.type).sort(), definitions.map((d) => d.type).sort());
    for (const view of outputs.all) {
      const def = definitions.find((d) => d.type === view.type)!;
      for (const name of def.secretFields.filter((n) => view.values[n] !== undefined)) {
        assert.match(view.values[name], /^\*+.{0,4}$/, `${view.type}.${name} is not masked`);
      }
    }
  });

  it("pulumi import reads an integration made by hand; its code holds placeholders, no secret or mask; with the secrets set, up converges", async () => {
    await emu.control.seed(SECOND_GROUP_ID, "WEBHOOK", { url: hand.url.value, secret: hand.secret.value });
    const generated = path.join(project.dir, "imported.yaml");
    await cli([
      "import",
      "opsmanager:index:Integration",
      "handmade",
      `${SECOND_GROUP_ID}/WEBHOOK`,
      "--yes",
      "--out",
      generated,
    ]);
    const code = fs.readFileSync(generated, "utf8");
    scanner.scan("the code pulumi import generated", code);
    assert.doesNotMatch(code, /\*{3}/, "a mask in the generated code");
    assert.doesNotMatch(code, /hd0[12]/, "the last characters of a secret in the generated code");
    assert.match(code, /^ {6}url: 'pulumi-import-placeholder:/m);
    assert.match(code, /^ {6}secret: 'pulumi-import-placeholder:/m);
    const state = await scanState("after import");
    const imported = state.find((r) => r.urn.endsWith("::handmade"));
    assert.equal(imported?.id, `${SECOND_GROUP_ID}/WEBHOOK`);

    // What the README tells the user: each placeholder becomes a reference to a secret in stack config.
    const filled = code.replace(
      /^( {6})(\w+): 'pulumi-import-placeholder:[^']*'$/gm,
      (_, indent, field) => `${indent}${field}: \${handmade_${field}}`,
    );
    assert.doesNotMatch(filled, /pulumi-import-placeholder/);
    await cli(["config", "set", "--secret", "handmade_url", hand.url.value]);
    await cli(["config", "set", "--secret", "handmade_secret", hand.secret.value]);
    const program = {
      config: { handmade_url: { type: "string", secret: true }, handmade_secret: { type: "string", secret: true } },
      resources: resources({ SLACK: { channelName: "incidents" } }),
    };
    project.writeProgram(program);
    fs.appendFileSync(path.join(project.dir, "Pulumi.yaml"), filled.replace(/^resources:\n/, ""));
    await emu.control.clearRequests();
    const up = parseEvents((await cli(["up", "--yes", "--skip-preview", "--json"])).stdout);
    assert.deepEqual(
      up.changeSummary,
      { same: definitions.length + 1, update: 1 },
      "the imported integration gets its secrets once",
    );
    assert.deepEqual(
      (await writes()).map((r) => `${r.method} ${r.path}`),
      [`PUT /api/public/v1.0/groups/${SECOND_GROUP_ID}/integrations/WEBHOOK`],
    );
    assert.deepEqual((await rawOf("WEBHOOK", SECOND_GROUP_ID))?.fields, {
      url: hand.url.value,
      secret: hand.secret.value,
    });
    await cli(["preview", "--expect-no-changes"]);
    await scanState("after the imported integration converged");
  });

  it("destroy leaves the server empty", async () => {
    await cli(["state", "unprotect", "--all", "--yes"]);
    await cli(["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
    assert.deepEqual(await emu.control.raw(SECOND_GROUP_ID), []);
  });

  it("no canary appeared in any CLI output, generated code or state export", () => {
    assert.ok(
      scanner.outputs > 20 && scanner.bytes > 10_000,
      `scanned too little: ${scanner.outputs} outputs, ${scanner.bytes} bytes`,
    );
    assert.equal(scanner.findings.length, 0, scanner.report());
  });
});
