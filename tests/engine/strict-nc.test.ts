import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { definitions } from "../../provider/integrations/registry";
import { useEngineProject } from "./support/project";

/**
 * Issue 17 item 6 through the real engine: parallel creates against a server that wants digest `nc` strictly
 * increasing. Requests that overtake each other get a plain 401; the provider re-challenges instead of failing the up.
 */
describe("engine: parallel up against a strict-nc server (ncOrder: strict)", function () {
  this.timeout(5 * 60 * 1000);
  const fixture = useEngineProject("strict-nc", async (emu) => {
    await emu.control.settings({ ncOrder: "strict" });
  });
  const { emu } = fixture;

  it("creates and destroys every type in parallel without calling the key wrong", async () => {
    fixture.project.setResources(definitions.map((d) => ({ name: d.type.toLowerCase(), args: { groupId: DEFAULT_GROUP_ID, type: d.type, ...d.example } })));
    await fixture.project.up(["--parallel", "16"]);
    assert.equal((await emu.control.raw(DEFAULT_GROUP_ID)).length, definitions.length);
    const refused = (await emu.control.requests()).filter((r) => /strict order/.test(String(r.authError ?? "")));
    console.log(`      ${refused.length} request(s) refused for nc order, each re-challenged`);
    await fixture.project.destroy();
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
  });
});
