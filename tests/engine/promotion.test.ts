import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, SECOND_GROUP_ID } from "../../emulator/defaults";
import { useEngineProject } from "../helpers/engine-project";

const PROD_KEY = { publicKey: "PRODONLYKEY", privateKey: "prod-only-private-key-0000" };

/**
 * Scenario 10: one program promoted from dev to prod. prod is made with --copy-config-from dev, then what differs
 * (the group and the keys) is overridden; each stack's integrations land in its own group only.
 */
describe("engine: promoting one program from dev to prod", function () {
  this.timeout(5 * 60 * 1000);
  const fixture = useEngineProject("promotion", async (emu) => {
    await emu.control.addKey({ ...PROD_KEY, roles: [{ groupId: SECOND_GROUP_ID, roleName: "GROUP_OWNER" }] });
  });
  const { emu } = fixture;

  it("dev and prod stacks each manage their own group, with their own keys", async () => {
    fixture.project.setResources([
      { name: "oncall", args: { groupId: { $config: "groupId" }, type: "PAGER_DUTY", serviceKey: { $secret: "pagerDutyKey" } } },
      { name: "chat", args: { groupId: { $config: "groupId" }, type: "SLACK", apiToken: { $secret: "slackToken" }, teamName: "platform" } },
    ]);
    await fixture.project.pulumi(["config", "set", "groupId", DEFAULT_GROUP_ID]);
    await fixture.project.pulumi(["config", "set", "--secret", "pagerDutyKey", "pd-dev-key-0000000001"]);
    await fixture.project.pulumi(["config", "set", "--secret", "slackToken", "xoxb-dev-token-000001"]);
    await fixture.project.up();

    await fixture.project.ws.ok(fixture.project.dir, ["stack", "init", "prod", "--copy-config-from", "dev"]);
    const prod = (args: string[]) => fixture.project.ws.ok(fixture.project.dir, [...args, "--stack", "prod"]);
    await prod(["config", "set", "groupId", SECOND_GROUP_ID]);
    await prod(["config", "set", "opsmanager:publicKey", PROD_KEY.publicKey]);
    await prod(["config", "set", "--secret", "opsmanager:privateKey", PROD_KEY.privateKey]);
    await prod(["config", "set", "--secret", "pagerDutyKey", "pd-prod-key-000000002"]);
    await prod(["up", "--yes", "--skip-preview"]);

    const dev = await emu.control.raw(DEFAULT_GROUP_ID);
    const prodRaw = await emu.control.raw(SECOND_GROUP_ID);
    assert.deepEqual(dev.map((r) => r.type).sort(), ["PAGER_DUTY", "SLACK"]);
    assert.deepEqual(prodRaw.map((r) => r.type).sort(), ["PAGER_DUTY", "SLACK"]);
    assert.equal(dev.find((r) => r.type === "PAGER_DUTY")?.fields.serviceKey, "pd-dev-key-0000000001");
    assert.equal(prodRaw.find((r) => r.type === "PAGER_DUTY")?.fields.serviceKey, "pd-prod-key-000000002");
    assert.equal(prodRaw.find((r) => r.type === "SLACK")?.fields.apiToken, "xoxb-dev-token-000001", "copied config carried over");
    const prodRequests = (await emu.control.requests()).filter((r) => r.publicKey === PROD_KEY.publicKey);
    assert.ok(prodRequests.length > 0 && prodRequests.every((r) => r.path.includes(SECOND_GROUP_ID)), "prod's key only touched prod's group");

    await prod(["destroy", "--yes", "--skip-preview"]);
    assert.deepEqual(await emu.control.raw(SECOND_GROUP_ID), []);
    assert.equal((await emu.control.raw(DEFAULT_GROUP_ID)).length, 2, "destroying prod left dev alone");
  });
});
