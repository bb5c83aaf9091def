import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { useEngineProject } from "../helpers/engine-project";

const byHand = { apiToken: "xoxb-configured-by-hand-0000", teamName: "hand", channelName: "by-hand" };
const mine = { groupId: DEFAULT_GROUP_ID, type: "SLACK", apiToken: "xoxb-from-code-1111", teamName: "code", channelName: "from-code" };

/** Scenario 7: an integration that exists before the first up is never overwritten without adoptExisting. */
describe("engine: integrations that already exist", function () {
  this.timeout(5 * 60 * 1000);
  const fixture = useEngineProject("adopt", async (emu) => {
    await emu.control.seed(DEFAULT_GROUP_ID, "SLACK", byHand);
  });
  const { emu } = fixture;

  it("without adoptExisting, up fails with a message that explains it and changes nothing", async () => {
    const before = await emu.control.raw(DEFAULT_GROUP_ID);
    fixture.project.setResources([{ name: "slack", args: mine }]);
    const result = await fixture.project.attempt(["up", "--yes", "--skip-preview"]);
    assert.notEqual(result.code, 0);
    assert.match(result.stdout, /already has a SLACK integration/);
    assert.match(result.stdout, /adoptExisting: true/);
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), before, "the server is unchanged");
    assert.equal((await fixture.project.integrations()).length, 0, "nothing entered state");
  });

  it("with adoptExisting, the stack takes it over and a second up has nothing to do", async () => {
    fixture.project.setResources([{ name: "slack", args: { ...mine, adoptExisting: true } }]);
    await fixture.project.up();
    const [stored] = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.deepEqual(stored?.fields, { apiToken: mine.apiToken, teamName: mine.teamName, channelName: mine.channelName });
    await fixture.project.pulumi(["preview", "--expect-no-changes"]);
  });
});
