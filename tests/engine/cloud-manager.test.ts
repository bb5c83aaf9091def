import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { findIntegration } from "../../provider/integrations/registry";
import { useEngineProject } from "../helpers/engine-project";

const G = DEFAULT_GROUP_ID;
/** The registry's example (https, so with tlsPemPath and the key-file password), enabled. */
const prometheus = { groupId: G, type: "PROMETHEUS", ...findIntegration("PROMETHEUS")!.example, enabled: true };
const webhook = { groupId: G, type: "WEBHOOK", url: "https://hooks.example.com/cm/0123456789" };

/**
 * A stack on the emulator's cloud-manager profile. The emulator listens on a loopback URL, so there the server
 * itself refuses what Cloud Manager does not list; with a cloud.mongodb.com URL (or opsmanager:serverVersion) the
 * provider knows the target and preview warns, with no request (preview never connects, so that URL need not answer).
 */
describe("engine: Cloud Manager (emulator profile cloud-manager)", function () {
  this.timeout(5 * 60 * 1000);
  const fixture = useEngineProject("cloud-manager", async (emu) => {
    await emu.control.settings({ profile: "cloud-manager" });
  });
  const { emu } = fixture;

  it("manages PROMETHEUS (with its TLS key-file password) and WEBHOOK; a second preview has nothing to do", async () => {
    fixture.project.setResources([
      { name: "prometheus", args: prometheus },
      { name: "hook", args: webhook },
    ]);
    await fixture.project.up();
    const stored = (await emu.control.raw(G)).find((i) => i.type === "PROMETHEUS");
    assert.equal(stored?.fields.tlsPemPassword, findIntegration("PROMETHEUS")!.example.tlsPemPassword);
    await fixture.project.refresh();
    await fixture.project.pulumi(["preview", "--expect-no-changes"]);
  });

  it("DATADOG, which Cloud Manager does not list, is refused by the server with the types' documentation", async () => {
    fixture.project.setResources([
      { name: "prometheus", args: prometheus },
      { name: "hook", args: webhook },
      { name: "dd", args: { groupId: G, type: "DATADOG", apiKey: "dd0123456789abcdef0123456789abcd" } },
    ]);
    const result = await fixture.project.attempt(["up", "--yes", "--skip-preview"]);
    assert.notEqual(result.code, 0);
    assert.match(result.stdout, /does not accept integration type DATADOG/);
    assert.match(result.stdout, /documented for Ops Manager/);
  });

  it("with a cloud.mongodb.com URL, preview warns that Cloud Manager does not list DATADOG and passes, with no request", async () => {
    await fixture.project.pulumi(["config", "set", "opsmanager:baseUrl", "https://cloud.mongodb.com"]);
    await emu.control.clearRequests();
    const preview = await fixture.project.pulumi(["preview"]);
    assert.match(preview.stdout, /warning: DATADOG is not in Cloud Manager's documented types \(documented for Ops Manager \(https:/);
    assert.deepEqual(await emu.control.requests(), [], "preview sent requests");
    await fixture.project.pulumi(["config", "set", "opsmanager:baseUrl", emu.url]);
  });

  it("opsmanager:serverVersion 7.0: PROMETHEUS and FLOWDOCK are warned about at preview, naming the pages, never refused", async () => {
    fixture.project.setResources([
      { name: "prometheus", args: prometheus },
      { name: "hook", args: webhook },
      { name: "flow", args: { groupId: G, type: "FLOWDOCK", ...findIntegration("FLOWDOCK")!.example } },
    ]);
    await fixture.project.pulumi(["config", "set", "opsmanager:serverVersion", "7.0"]);
    const preview = await fixture.project.pulumi(["preview"]);
    assert.match(preview.stdout, /warning: PROMETHEUS on Ops Manager 7\.0: the request body is documented \(https:\/\/github\.com\/mongodb\/docs\/.*\) but the \{INTEGRATION-TYPE\} list leaves PROMETHEUS out \(https:\/\/www\.mongodb\.com\/docs\/ops-manager\//s);
    assert.match(preview.stdout, /warning: FLOWDOCK is not in Ops Manager 7\.0's documented types \(documented for Ops Manager up to 5\.0 \(https:/);
    await fixture.project.pulumi(["config", "rm", "opsmanager:serverVersion"]);
  });
});
