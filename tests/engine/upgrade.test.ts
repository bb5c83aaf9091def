import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { useEmulator } from "../helpers/emulator";
import { repoRoot } from "../helpers/program-dir";
import { EngineProject } from "../helpers/engine-project";

/**
 * Scenario 11: resources created by one build of the package refresh and destroy with the code of the next build.
 * The program gets its own copy of the installed package; after `up` the copy's code is changed (as an upgrade
 * would), and refresh must run the changed code for the existing resources: nothing is frozen in state.
 */
describe("engine: upgrading the package under existing resources", function () {
  this.timeout(5 * 60 * 1000);
  const emu = useEmulator({}, { resetEach: false });
  let project: EngineProject;
  let copy: string;
  before(async () => {
    project = await EngineProject.create("upgrade", { baseUrl: emu.url, ...OWNER_KEY });
    copy = path.join(project.dir, "node_modules", "pulumi-opsmanager-integrations");
    fs.cpSync(path.join(repoRoot, "node_modules", "pulumi-opsmanager-integrations"), copy, { recursive: true });
  });
  after(() => project?.dispose());

  it("refresh and destroy run the new build's code for resources the old build created", async () => {
    project.setResources([
      { name: "hook", args: { groupId: DEFAULT_GROUP_ID, type: "WEBHOOK", url: "https://hooks.example.com/upgrade/000001" } },
      { name: "dd", args: { groupId: DEFAULT_GROUP_ID, type: "DATADOG", apiKey: "dd-upgrade-key-00000001" } },
    ]);
    await project.up();
    const providerBefore = (await project.integrations()).map((r) => r.inputs.__provider);

    // The "next build": every output now carries a marker, and the package says it is a new version.
    const outputsJs = path.join(copy, "dist", "provider", "outputs.js");
    const code = fs.readFileSync(outputsJs, "utf8");
    assert.ok(code.includes("return out;"));
    fs.writeFileSync(outputsJs, code.replace("return out;", 'out.builtBy = "next-build"; return out;'));

    await project.refresh();
    const after = await project.integrations();
    assert.deepEqual(after.map((r) => r.outputs.builtBy), ["next-build", "next-build"], "refresh ran the new code");
    assert.deepEqual(after.map((r) => r.inputs.__provider), providerBefore, "state holds only a require of the package");

    await project.destroy();
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
  });
});
