import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { useEngineProject } from "../helpers/engine-project";

/**
 * A mask pasted as a secret (`pulumi config set --secret pagerDutyKey '******1234'`, copied from what
 * Ops Manager shows) used to pass preview and fail only at `up`. Secrets from stack config are known at preview,
 * so `check` refuses it there, naming the field and where the value comes from, before any HTTP request.
 */
describe("engine: a masked secret fails at preview", function () {
  this.timeout(5 * 60 * 1000);
  const fixture = useEngineProject("masked-secret");
  const { emu } = fixture;

  const masks: [string, string][] = [
    ["an Ops Manager mask", "******1234"],
    ["an Atlas mask", "****************5678"],
  ];
  for (const [what, mask] of masks) {
    it(`${what} from stack config: preview fails naming the field, never shows the value, sends no request`, async () => {
      await fixture.project.pulumi(["config", "set", "--secret", "pagerDutyKey", mask]);
      fixture.project.setResources([{ name: "oncall", args: { groupId: DEFAULT_GROUP_ID, type: "PAGER_DUTY", serviceKey: { $secret: "pagerDutyKey" } } }]);
      await emu.control.clearRequests();
      const result = await fixture.project.attempt(["preview"]);
      const printed = result.stdout + result.stderr;
      assert.notEqual(result.code, 0, printed);
      assert.match(printed, /serviceKey of PAGER_DUTY looks like a masked value/);
      assert.match(printed, /pulumi config set --secret/);
      assert.ok(!printed.includes(mask.slice(-6)), `the mask was printed:\n${printed}`);
      assert.deepEqual(await emu.control.requests(), []);
    });
  }

  it("the real secret from the same config key then previews and applies", async () => {
    await fixture.project.pulumi(["config", "set", "--secret", "pagerDutyKey", "pd-real-service-key-0001"]);
    const preview = await fixture.project.preview();
    assert.equal(preview.changeSummary.create, 2, "the stack and the integration");
    await fixture.project.up();
    const [stored] = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.equal(stored?.fields.serviceKey, "pd-real-service-key-0001");
    await fixture.project.destroy();
  });
});
