import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { useEngineProject } from "../helpers/engine-project";

const slack = { groupId: DEFAULT_GROUP_ID, type: "SLACK", apiToken: "xoxb-from-code-1111", teamName: "code", channelName: "alerts" };

/** SLACK through the real engine, on a server that refuses API-created Slack (the documented default). */
describe("engine: Slack is connected in the UI, then adopted", function () {
  this.timeout(5 * 60 * 1000);
  const fixture = useEngineProject("slack", async (emu) => {
    await emu.control.settings({ slackCreate: "refuse", profile: "om-8.0" });
  });
  const { emu } = fixture;

  it("up of a Slack the project does not have fails with: connect it in the UI, then adoptExisting", async () => {
    fixture.project.setResources([{ name: "slack", args: slack }]);
    const result = await fixture.project.attempt(["up", "--yes", "--skip-preview"]);
    assert.notEqual(result.code, 0);
    assert.match(result.stdout, /connected first in the Ops Manager UI/);
    assert.match(result.stdout, /adoptExisting: true/);
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
  });

  it("a legacy Slack connected in the UI (no teamName) is adopted and never shows a diff", async () => {
    await emu.control.seed(DEFAULT_GROUP_ID, "SLACK", { apiToken: "xoxb-legacy-0000", channelName: "old" }, { unvalidated: true });
    fixture.project.setResources([{ name: "slack", args: { ...slack, adoptExisting: true } }]);
    await fixture.project.up();
    const [stored] = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.equal(stored?.fields.apiToken, slack.apiToken);
    assert.equal(stored?.fields.teamName, undefined, "still legacy");
    await fixture.project.refresh();
    await fixture.project.pulumi(["preview", "--expect-no-changes"]);
  });
});
