import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { findIntegration } from "../../provider/integrations/registry";
import { useEmulator } from "../helpers/emulator";
import { makeProgramDir } from "../helpers/program-dir";
import { EngineProject, useEngineProject } from "../helpers/engine-project";

/**
 * A refresh reuses one list per project inside its provider process (client/project-reads.ts). These specs run
 * the real CLI against the emulator and check the two things that reuse must never cost: a change made outside
 * code before a refresh is seen by it, and a read that follows a write to the project in the same process sees
 * that write.
 */
const G = DEFAULT_GROUP_ID;
const example = (type: string) => findIntegration(type)!.example;
const TYPES = ["DATADOG", "FLOWDOCK", "HIP_CHAT"] as const;

describe("refresh's per-project list: what reuse must never hide", function () {
  this.timeout(10 * 60 * 1000);

  describe("a change made outside code between two refreshes", () => {
    const fixture = useEngineProject("read-snapshot-outside");
    const flowName = async () => {
      const flowdock = (await fixture.project.integrations()).find((r) => r.outputs?.type === "FLOWDOCK");
      return flowdock?.outputs?.flowName;
    };

    it("is seen by the next refresh, which still sends one list for the project", async () => {
      fixture.project.setResources(TYPES.map((type) => ({ name: type.toLowerCase(), args: { groupId: G, type, ...example(type) } })));
      await fixture.project.up();
      await fixture.project.refresh();
      assert.equal(await flowName(), "alerts");

      await fixture.emu.control.change(G, "FLOWDOCK", { flowName: "changed-by-hand" });
      await fixture.emu.control.clearRequests();
      await fixture.project.refresh();
      assert.equal(await flowName(), "changed-by-hand", "the second refresh saw the change");
      const requests = await fixture.emu.control.requests();
      assert.deepEqual(
        requests.map((r) => `${r.method} ${r.path.split("?")[0]}${r.challenged ? " (challenge)" : ""}`).sort(),
        [`GET /api/public/v1.0/groups/${G}/integrations`, `GET /api/public/v1.0/groups/${G}/integrations (challenge)`],
      );
    });
  });

  describe("a read after a write to the same project, in one provider process", () => {
    const emu = useEmulator({}, { resetEach: false });
    let project: EngineProject | undefined;
    after(() => project?.dispose());

    /**
     * One `pulumi up`: read the project's DATADOG (so the provider process lists the project), then create a
     * WEBHOOK there (its groupId waits for that read), then read the WEBHOOK by the id the create returned. Were
     * the first list reused, the WEBHOOK would be missing from it and the read would fail.
     */
    const PROGRAM = `"use strict";
const { OpsManagerIntegration } = require("pulumi-opsmanager-integrations");
const G = ${JSON.stringify(G)};
const webhook = ${JSON.stringify(example("WEBHOOK"))};
const before = new OpsManagerIntegration("before", { groupId: G, type: "DATADOG", ...${JSON.stringify(example("DATADOG"))} }, { id: G + "/DATADOG" });
const created = new OpsManagerIntegration("created", { groupId: before.groupId, type: "WEBHOOK", ...webhook });
const seen = new OpsManagerIntegration("seen", { groupId: G, type: "WEBHOOK", ...webhook }, { id: created.id });
exports.seenIntegrationId = seen.integrationId;
exports.createdIntegrationId = created.integrationId;
`;

    it("sees the write: the list read before it is dropped", async () => {
      await emu.control.seed(G, "DATADOG", example("DATADOG"));
      const program = makeProgramDir("read-snapshot-write", {
        "Pulumi.yaml": "name: read-snapshot-write\nruntime: nodejs\nmain: index.js\n",
        "index.js": PROGRAM,
      });
      project = await EngineProject.forProgram(program, { baseUrl: emu.url, ...OWNER_KEY });
      await emu.control.clearRequests();
      await project.pulumi(["up", "--yes", "--skip-preview"]);
      const outputs = JSON.parse((await project.pulumi(["stack", "output", "--json"])).stdout);
      assert.ok(outputs.createdIntegrationId, "the WEBHOOK was created");
      assert.equal(outputs.seenIntegrationId, outputs.createdIntegrationId, "the read after the write found it");
      const lists = (await emu.control.requests()).filter((r) => r.method === "GET" && !r.challenged).length;
      assert.equal(lists, 2, "one list before the write, one after it");
      await project.pulumi(["destroy", "--yes", "--skip-preview"]);
    });
  });
});
