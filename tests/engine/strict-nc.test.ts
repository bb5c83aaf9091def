import assert from "node:assert/strict";
import { OWNER_KEY, OWNER_ROLE } from "../../emulator/defaults";
import { definitions } from "../../provider/integrations/registry";
import { useEngineProject } from "../helpers/engine-project";

/** Projects of this spec: writes to one project go one at a time, so only writes to several run side by side. */
const groups = ["5f00000000000000000b0001", "5f00000000000000000b0002", "5f00000000000000000b0003", "5f00000000000000000b0004"];

/**
 * Through the real engine: parallel creates against a server that wants digest `nc` strictly increasing, behind a
 * network with jitter. Requests that overtake each other get a plain 401; the provider re-challenges instead of failing the up.
 */
describe("engine: parallel up against a strict-nc server (ncOrder: strict)", function () {
  this.timeout(5 * 60 * 1000);
  const fixture = useEngineProject("strict-nc", async (emu) => {
    // Up to 200 ms of jitter per request: writes to the four projects, signed close together, then reach the
    // server out of their nc order however quiet the machine is, so the re-challenge is exercised on every run.
    await emu.control.settings({ ncOrder: "strict", latencyJitterMs: 200 });
    for (const g of groups) await emu.control.addGroup(g);
    await emu.control.addKey({ ...OWNER_KEY, roles: groups.map((groupId) => ({ groupId, roleName: OWNER_ROLE })) });
  });
  const { emu } = fixture;

  it("creates and destroys every type in several projects in parallel without calling the key wrong", async () => {
    fixture.project.setResources(
      groups.flatMap((groupId, i) => definitions.map((d) => ({ name: `${d.type.toLowerCase()}-${i}`, args: { groupId, type: d.type, ...d.example } }))),
    );
    await fixture.project.up(["--parallel", "16"]);
    for (const g of groups) assert.equal((await emu.control.raw(g)).length, definitions.length);
    // Without a refusal the up above proved nothing about re-challenging.
    const refused = (await emu.control.requests()).filter((r) => /strict order/.test(String(r.authError ?? "")));
    assert.ok(refused.length > 0, "no request met the strict nc order, so the re-challenge was not exercised");
    await fixture.project.destroy();
    for (const g of groups) assert.deepEqual(await emu.control.raw(g), []);
  });
});
