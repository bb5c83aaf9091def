import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { useEngineProject, type ResourceSpec } from "../helpers/engine-project";

/** Scenario 8: bad input fails at preview, naming the field, before any HTTP request. */
describe("engine: bad input fails at preview", function () {
  this.timeout(5 * 60 * 1000);
  const fixture = useEngineProject("bad-input");
  const { emu } = fixture;

  const cases: [string, ResourceSpec, RegExp][] = [
    ["a missing required field", { name: "a", args: { groupId: DEFAULT_GROUP_ID, type: "SLACK", apiToken: "x" } }, /teamName is required for SLACK/],
    ["an unknown type", { name: "b", args: { groupId: DEFAULT_GROUP_ID, type: "TELEX", apiKey: "x" } }, /type "TELEX" is not an integration type; use one of DATADOG/],
    ["a field of another type", { name: "c", args: { groupId: DEFAULT_GROUP_ID, type: "PAGER_DUTY", serviceKey: "k", roomName: "r" } }, /roomName is a field of HIP_CHAT, not of PAGER_DUTY/],
    ["a bad region", { name: "d", args: { groupId: DEFAULT_GROUP_ID, type: "DATADOG", apiKey: "k", region: "MARS" } }, /region must be one of US, EU/],
  ];
  for (const [what, spec, message] of cases) {
    it(`${what}: preview fails, names the field, sends no request`, async () => {
      await emu.control.clearRequests();
      fixture.project.setResources([spec]);
      const result = await fixture.project.attempt(["preview"]);
      assert.notEqual(result.code, 0);
      assert.match(result.stdout + result.stderr, message);
      assert.deepEqual(await emu.control.requests(), []);
    });
  }
});
