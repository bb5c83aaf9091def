import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { useEngineProject } from "../helpers/engine-project";

/** opsmanager:insecureSkipVerify works, but never silently: the user sees a warning in preview and up. */
describe("engine: insecureSkipVerify warns", function () {
  this.timeout(3 * 60 * 1000);
  const fixture = useEngineProject("insecure");

  it("prints one warning naming the setting and the safer alternative", async () => {
    fixture.project.setResources([
      { name: "a", args: { groupId: DEFAULT_GROUP_ID, type: "PAGER_DUTY", serviceKey: "k-insecure-0001" } },
      { name: "b", args: { groupId: DEFAULT_GROUP_ID, type: "DATADOG", apiKey: "k-insecure-0002" } },
    ]);
    const quiet = await fixture.project.pulumi(["preview"]);
    assert.doesNotMatch(quiet.stdout, /not verified/);
    await fixture.project.pulumi(["config", "set", "opsmanager:insecureSkipVerify", "true"]);
    const loud = await fixture.project.pulumi(["preview"]);
    assert.match(loud.stdout, /Stack insecure-dev create 1 warning/, "one warning for the whole program, not one per resource");
    assert.match(loud.stdout, /warning: opsmanager:insecureSkipVerify \(OPSMANAGER_INSECURE_SKIP_VERIFY\) is true/);
    assert.match(loud.stdout, /opsmanager:caCert instead/);
  });
});
