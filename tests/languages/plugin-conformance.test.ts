import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { definitions } from "../../provider/integrations/registry";
import { EngineProject, type ResourceSpec } from "../helpers/engine-project";
import { useEmulator, type EmulatorFixture } from "../helpers/emulator";
import { ensureYamlHost, YamlProject } from "../helpers/yaml-project";

/** One resource per registered type, each example's values (secrets plain: both resources must make them secret). */
const specs = (change: Record<string, Record<string, unknown>> = {}): ResourceSpec[] =>
  definitions.map((d) => ({
    name: d.type.toLowerCase(),
    args: { groupId: DEFAULT_GROUP_ID, type: d.type, ...d.example, ...change[d.type] },
  }));

/** A state value as compared: secrets by being secret, server-made ids and MACs by being present. */
function comparable(name: string, value: unknown): unknown {
  if (typeof value === "object" && value !== null && "ciphertext" in value) return "[secret]";
  if (name === "integrationId" || name === "fingerprintKey") return typeof value;
  if (name === "fingerprints") return Object.keys(value as object).sort();
  return value;
}

/** What the two providers must agree on in state: per integration, its id and its inputs and outputs as compared. */
function stateShape(resources: Array<Record<string, any>>, serverUrl: string): Record<string, unknown> {
  const shape: Record<string, unknown> = {};
  for (const r of resources) {
    if (!/opsmanager(:index)?:Integration$/.test(r.type)) continue;
    const view = (props: Record<string, unknown> = {}) =>
      Object.fromEntries(
        Object.entries(props)
          .filter(([k]) => k !== "__provider")
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, comparable(k, v)]),
      );
    shape[String(r.urn).split("::").pop()!] = { id: r.id, inputs: view(r.inputs), outputs: view(r.outputs) };
  }
  // Each emulator has its own port, which URLs derived from the server's (Prometheus's discoveryUrl) contain.
  return JSON.parse(JSON.stringify(shape).split(serverUrl).join("<server>"));
}

/** The API requests a step sent, as a sorted list (the engine runs resources in parallel, so order varies). */
async function requestsOf(emu: EmulatorFixture): Promise<string[]> {
  // The digest handshake's unauthenticated request goes to whichever path the first operation needs: counted only.
  const log = (await emu.control.requests())
    .map((r) => (r.status === 401 && !r.authenticated ? "(digest challenge) 401" : `${r.method} ${r.path} ${r.status}`))
    .sort();
  await emu.control.clearRequests();
  return log;
}

/**
 * The dynamic provider (a TypeScript program's OpsManagerIntegration) and the plugin (a YAML program's
 * opsmanager:index:Integration) run the same scenario, each on its own emulator: create, no-op, update, refresh
 * after changes outside code, delete. They share one runtime, so after every step they must have sent the same
 * requests and hold state of the same shape.
 */
describe("plugin conformance: the dynamic provider and the plugin send the same requests and store the same state", function () {
  this.timeout(15 * 60 * 1000);
  const dynamicEmu = useEmulator({}, { resetEach: false });
  const pluginEmu = useEmulator({}, { resetEach: false });
  let dynamic: EngineProject;
  let plugin: YamlProject;

  const deploy = (change?: Record<string, Record<string, unknown>>) => {
    dynamic.setResources(specs(change));
    plugin.writeProgram({
      resources: Object.fromEntries(
        specs(change).map((s) => [s.name, { type: "opsmanager:index:Integration", properties: s.args }]),
      ),
    });
  };

  async function compareAfter(
    step: string,
    action: (p: { run: (args: string[]) => Promise<unknown> }) => Promise<unknown>,
  ): Promise<Record<string, unknown>> {
    await dynamicEmu.control.clearRequests();
    await pluginEmu.control.clearRequests();
    await action({ run: (args) => dynamic.pulumi(args) });
    await action({ run: (args) => plugin.pulumi(args) });
    const [dynamicRequests, pluginRequests] = [await requestsOf(dynamicEmu), await requestsOf(pluginEmu)];
    assert.deepEqual(pluginRequests, dynamicRequests, `${step}: requests differ`);
    const dynamicState = stateShape((await dynamic.exportState()).deployment.resources ?? [], dynamicEmu.url);
    const pluginState = stateShape((await plugin.exportState()).resources, pluginEmu.url);
    assert.deepEqual(pluginState, dynamicState, `${step}: state differs`);
    assert.deepEqual(
      await pluginEmu.control.raw(DEFAULT_GROUP_ID).then(strip),
      await dynamicEmu.control.raw(DEFAULT_GROUP_ID).then(strip),
      `${step}: servers differ`,
    );
    return pluginState;
  }
  /** The server holds, for every type, the fields the program asked for (secrets included): the API's own view. */
  async function assertServerHolds(change: Record<string, Record<string, unknown>> = {}): Promise<void> {
    const stored = await pluginEmu.control.raw(DEFAULT_GROUP_ID);
    for (const { args } of specs(change)) {
      const { groupId: _g, type, ...fields } = args as Record<string, unknown>;
      const found = stored.find((s) => s.type === type);
      assert.ok(found, `${type} is not on the server`);
      for (const [name, value] of Object.entries(fields))
        assert.deepEqual(found.fields[name], value, `${type}.${name} on the server`);
    }
  }
  const strip = (stored: Array<{ type: string; fields: Record<string, unknown> }>) =>
    stored.map((s) => ({ type: s.type, fields: s.fields })).sort((a, b) => a.type.localeCompare(b.type));

  before(async () => {
    ensureYamlHost();
    dynamic = await EngineProject.create("conformance-dynamic", { baseUrl: dynamicEmu.url, ...OWNER_KEY });
    plugin = await YamlProject.create("conformance-plugin", { baseUrl: pluginEmu.url, ...OWNER_KEY });
  });
  after(() => {
    dynamic?.dispose();
    plugin?.dispose();
  });

  it("create", async () => {
    deploy();
    const state = await compareAfter("create", ({ run }) => run(["up", "--yes", "--skip-preview"]));
    assert.equal(Object.keys(state).length, definitions.length, "an integration of every type in both states");
    assert.equal((await dynamicEmu.control.raw(DEFAULT_GROUP_ID)).length, definitions.length);
    await assertServerHolds();
  });

  it("no-op", async () => {
    await compareAfter("no-op", ({ run }) => run(["up", "--yes", "--skip-preview", "--expect-no-changes"]));
  });

  it("update of one field", async () => {
    deploy({ SLACK: { channelName: "incidents" } });
    await compareAfter("update", ({ run }) => run(["up", "--yes", "--skip-preview"]));
    await assertServerHolds({ SLACK: { channelName: "incidents" } });
  });

  it("refresh after a secret rotated and a field changed outside code, then up", async () => {
    for (const emu of [dynamicEmu, pluginEmu]) {
      await emu.control.change(DEFAULT_GROUP_ID, "DATADOG", { apiKey: "rotated-outside-code-key-9999" });
      await emu.control.change(DEFAULT_GROUP_ID, "SLACK", { teamName: "changed-by-hand" });
    }
    await compareAfter("refresh", ({ run }) => run(["refresh", "--yes", "--skip-preview"]));
    await compareAfter("up after refresh", ({ run }) => run(["up", "--yes", "--skip-preview"]));
    await assertServerHolds({ SLACK: { channelName: "incidents" } });
  });

  it("delete", async () => {
    await compareAfter("destroy", ({ run }) => run(["destroy", "--yes", "--skip-preview"]));
    assert.deepEqual(await pluginEmu.control.raw(DEFAULT_GROUP_ID), []);
  });
});
