import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { useEngineProject } from "../helpers/engine-project";

/**
 * The engine suites run Pulumi's real Node.js language host of the CLI's own version. The host that
 * sdk/v3 3.68.0 contained (the old fallback) ignores `runtime.options` in Pulumi.yaml; this scenario fails on it.
 */
describe("engine: the language host honours runtime.options in Pulumi.yaml", function () {
  this.timeout(3 * 60 * 1000);
  const fixture = useEngineProject("runtime-options");

  it("starts a JavaScript program (typescript: false) with the project's nodeargs", async () => {
    const dir = fixture.project.dir;
    const marker = path.join(dir, "preloaded.json");
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      [
        "name: runtime-options",
        "runtime:",
        "  name: nodejs",
        "  options:",
        "    typescript: false",
        '    nodeargs: "--require ./preload.js"',
        "main: index.js",
        "",
      ].join("\n"),
    );
    // Runs before the program only when the host passes nodeargs to node; it records how node was started.
    fs.writeFileSync(
      path.join(dir, "preload.js"),
      `require("fs").writeFileSync(${JSON.stringify(marker)}, JSON.stringify({ execArgv: process.execArgv }));\n`,
    );
    fixture.project.setResources([
      { name: "pd", args: { groupId: DEFAULT_GROUP_ID, type: "PAGER_DUTY", serviceKey: "k-runtime-options-1" } },
    ]);
    const run = await fixture.project.up();
    assert.equal(run.changeSummary.create, 2, "the stack and the integration");
    assert.ok(fs.existsSync(marker), "the host started node without the project's nodeargs (an old host?)");
    const { execArgv } = JSON.parse(fs.readFileSync(marker, "utf8")) as { execArgv: string[] };
    assert.match(execArgv.join(" "), /--require \.\/preload\.js/);
    await fixture.project.destroy();
  });
});
