import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY, SECOND_GROUP_ID } from "../../emulator/defaults";
import { definitions } from "../../provider/integrations/registry";
import { useEmulator } from "../helpers/emulator";
import { EngineProject, type ResourceSpec } from "../helpers/engine-project";

/** One resource per registered type, with each example's values (secrets as plain strings). */
const allTypes: ResourceSpec[] = definitions.map((d) => ({
  name: d.type.toLowerCase(),
  args: { groupId: DEFAULT_GROUP_ID, type: d.type, ...d.example },
}));

/**
 * The lifecycle through the real Pulumi CLI and engine (local file backend) against the emulator: create, no-op,
 * update, replace, refresh and delete, in order, on one stack.
 */
describe("engine: preview, up, update, refresh, destroy", function () {
  this.timeout(10 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  let project: EngineProject;

  before(async () => {
    project = await EngineProject.create("lifecycle", { baseUrl: emu.url, ...OWNER_KEY });
  });
  after(() => project?.dispose());

  const writes = async () => (await emu.control.requests()).filter((r) => r.method !== "GET");

  it("previews every type as a create, secrets hidden, with zero HTTP requests", async () => {
    project.setResources(allTypes);
    await emu.control.clearRequests();
    const preview = await project.preview();
    assert.equal(preview.changeSummary.create, definitions.length + 1, "one create per type, plus the stack");
    const text = JSON.stringify(preview);
    for (const d of definitions) {
      for (const name of d.secretFields) {
        const value = String(d.example[name]);
        assert.ok(!text.includes(value), `${d.type}.${name} shown in the preview`);
      }
    }
    const human = (await project.pulumi(["preview", "--diff"])).stdout;
    assert.match(human, /\[secret\]/);
    assert.deepEqual(await emu.control.requests(), [], "preview sent requests");
  });

  it("up creates them all; the server holds exactly the configured values", async () => {
    const result = await project.up();
    assert.equal(result.changeSummary.create, definitions.length + 1, "one create per type, plus the stack");
    const raw = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.equal(raw.length, definitions.length);
    for (const d of definitions) {
      const stored = raw.find((r) => r.type === d.type);
      for (const [name, value] of Object.entries(d.example)) {
        assert.equal(stored?.fields[name] ?? d.fields[name]?.serverDefault, value, `${d.type}.${name}`);
      }
    }
  });

  it("a second up changes nothing and sends no write", async () => {
    await emu.control.clearRequests();
    const result = await project.up();
    assert.deepEqual(Object.keys(result.changeSummary).filter((k) => k !== "same"), []);
    assert.deepEqual(await writes(), []);
  });

  it("keeps every secret and the private key out of the state export, and __provider under 2 KB", async () => {
    const { text, deployment } = await project.exportState();
    for (const d of definitions) {
      for (const name of d.secretFields) assert.ok(!text.includes(String(d.example[name])), `${d.type}.${name} in plaintext in state`);
    }
    assert.ok(!text.includes(OWNER_KEY.privateKey), "the private key is in state");
    for (const r of deployment.resources ?? []) {
      if (r.inputs?.__provider) assert.ok(Buffer.byteLength(r.inputs.__provider) <= 2048, `${r.urn}: __provider too big`);
    }
  });

  it("changing one field updates exactly that resource", async () => {
    project.setResources(allTypes.map((r) => (r.name === "slack" ? { ...r, args: { ...r.args, channelName: "incidents" } } : r)));
    const result = await project.up();
    assert.deepEqual(result.changeSummary, { same: definitions.length, update: 1 });
    const slack = (await emu.control.raw(DEFAULT_GROUP_ID)).find((r) => r.type === "SLACK");
    assert.equal(slack?.fields.channelName, "incidents");
  });

  it("changing groupId or type replaces the integration; removing one deletes it", async () => {
    const kept = allTypes.filter((r) => r.name !== "flowdock").map((r) => (r.name === "slack" ? { ...r, args: { ...r.args, channelName: "incidents" } } : r));
    project.setResources(kept);
    assert.deepEqual((await project.up()).changeSummary, { same: definitions.length, delete: 1 }, "10 kept + the stack");
    const specs = kept
      .map((r) => (r.name === "webhook" ? { ...r, args: { ...r.args, groupId: SECOND_GROUP_ID } } : r))
      .map((r) => (r.name === "pager_duty" ? { ...r, args: { groupId: DEFAULT_GROUP_ID, type: "FLOWDOCK", flowName: "f", apiToken: "fd-token-replacement-0001", orgName: "o" } } : r));
    project.setResources(specs);
    const result = await project.up();
    assert.equal(result.changeSummary.replace, 2, JSON.stringify(result.changeSummary));
    const first = (await emu.control.raw(DEFAULT_GROUP_ID)).map((r) => r.type).sort();
    const second = (await emu.control.raw(SECOND_GROUP_ID)).map((r) => r.type);
    assert.deepEqual(second, ["WEBHOOK"]);
    assert.ok(first.includes("FLOWDOCK") && !first.includes("PAGER_DUTY") && !first.includes("WEBHOOK"), first.join());
    assert.equal((await emu.control.raw(DEFAULT_GROUP_ID)).find((r) => r.type === "FLOWDOCK")?.fields.apiToken, "fd-token-replacement-0001");
  });

  it("refresh finds out-of-band changes (a field, a rotated secret, a deletion) and the next up restores them", async () => {
    await emu.control.change(DEFAULT_GROUP_ID, "SLACK", { teamName: "changed-by-hand" });
    await emu.control.change(DEFAULT_GROUP_ID, "DATADOG", { apiKey: "rotated-outside-code-key-9999" });
    await emu.control.remove(DEFAULT_GROUP_ID, "NEW_RELIC");
    const refresh = await project.refresh();
    assert.equal(refresh.changeSummary.update, 2, JSON.stringify(refresh.changeSummary));
    assert.equal(refresh.changeSummary.delete, 1, JSON.stringify(refresh.changeSummary));
    const preview = await project.preview();
    assert.equal(preview.changeSummary.update, 2);
    assert.equal(preview.changeSummary.create, 1);
    await project.up();
    const raw = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.equal(raw.find((r) => r.type === "SLACK")?.fields.teamName, "ops");
    assert.equal(raw.find((r) => r.type === "DATADOG")?.fields.apiKey, definitions.find((d) => d.type === "DATADOG")?.example.apiKey);
    assert.ok(raw.some((r) => r.type === "NEW_RELIC"));
    await project.pulumi(["preview", "--expect-no-changes"]);
  });

  it("destroy leaves the server empty, also after an integration was deleted by hand", async () => {
    await emu.control.remove(DEFAULT_GROUP_ID, "HIP_CHAT");
    await project.destroy();
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
    assert.deepEqual(await emu.control.raw(SECOND_GROUP_ID), []);
  });
});
