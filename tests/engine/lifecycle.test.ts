import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { definitions } from "../../provider/integrations/registry";
import { useEmulator } from "../helpers/emulator";
import { EngineProject, type ResourceSpec } from "./support/project";

/** One resource per registered type, with each example's values (secrets as plain strings). */
const allTypes: ResourceSpec[] = definitions.map((d) => ({
  name: d.type.toLowerCase(),
  args: { groupId: DEFAULT_GROUP_ID, type: d.type, ...d.example },
}));

/**
 * The lifecycle through the real Pulumi CLI and engine (local file backend) against the emulator: the scenarios
 * of issue #4, in order, on one stack.
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
});
