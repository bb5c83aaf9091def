import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { findIntegration } from "../../provider/integrations/registry";
import { useEngineProject } from "../helpers/engine-project";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The fingerprints that builds before keyed fingerprints wrote into outputs (salted SHA-256, length, URL origin, tail). */
function v1(value: string) {
  const salt = randomBytes(16).toString("hex");
  const hash = createHash("sha256").update(salt).update("\0").update(value).digest("hex");
  const head = /^https?:\/\/[^/?#]+/.exec(value)?.[0] ?? "";
  return { fingerprint: "sha256-v1", salt, hash, length: value.length, head, tail: value.length >= 12 ? value.slice(-4) : "" };
}

const secret = (value: unknown) => ({ [SIG]: SECRET_SIG, plaintext: JSON.stringify(value) });
const unwrap = (v: any) => (v && v[SIG] ? JSON.parse(v.plaintext) : v);

/**
 * State written by a build before keyed fingerprints (secret fields under their own names as salted
 * SHA-256 objects, no fingerprint key in the inputs) keeps working with this build: refresh sees no drift, preview
 * no change, a rotation outside code is still noticed, the next update rewrites the outputs in the new form, and
 * destroy works. The old state is made by rewriting an exported state the way the old build wrote it.
 */
describe("engine: state from builds before keyed fingerprints", function () {
  this.timeout(5 * 60 * 1000);
  const fixture = useEngineProject("old-state");

  it("refreshes, diffs, notices a rotation, upgrades on update, and destroys", async () => {
    const { project, emu } = fixture;
    const slack = findIntegration("SLACK")!;
    project.setResources([
      { name: "hook", args: { groupId: DEFAULT_GROUP_ID, type: "WEBHOOK", url: "https://hooks.example.com/old-state/000001", secret: "whsec-old-state-01" } },
      { name: "slack", args: { groupId: DEFAULT_GROUP_ID, type: "SLACK", ...slack.example } },
    ]);
    await project.up();

    // Rewrite the state as the old build wrote it.
    const exported = JSON.parse((await project.pulumi(["stack", "export", "--show-secrets"])).stdout);
    for (const r of exported.deployment.resources) {
      if (!String(r.type).includes("opsmanager:Integration")) continue;
      const def = findIntegration(r.inputs.type)!;
      delete r.inputs.fingerprintKey;
      delete r.outputs.fingerprints;
      for (const name of def.secretFields) {
        const value = unwrap(r.inputs[name]);
        if (typeof value === "string") r.outputs[name] = secret(v1(value));
      }
    }
    const file = path.join(project.dir, "old-state.json");
    fs.writeFileSync(file, JSON.stringify(exported));
    await project.pulumi(["stack", "import", "--file", file]);
    for (const r of await project.integrations()) {
      assert.ok(!r.inputs.fingerprintKey && !r.outputs.fingerprints, "imported in the old form");
      assert.ok((r.outputs.url ?? r.outputs.apiToken)?.[SIG], "old fingerprints are encrypted outputs");
    }

    const refresh = await project.refresh();
    assert.equal(refresh.changeSummary.update ?? 0, 0, `no drift: ${JSON.stringify(refresh.changeSummary)}`);
    await project.pulumi(["preview", "--expect-no-changes"]);
    for (const r of await project.integrations()) {
      assert.ok((r.outputs.url ?? r.outputs.apiToken)?.[SIG], "after a refresh, old fingerprints stay encrypted outputs");
    }

    await emu.control.change(DEFAULT_GROUP_ID, "SLACK", { apiToken: "xoxb-rotated-outside-code-9999" });
    const rotated = await project.refresh();
    assert.equal(rotated.changeSummary.update, 1, `the rotation is noticed: ${JSON.stringify(rotated.changeSummary)}`);
    await project.up();
    assert.equal((await emu.control.raw(DEFAULT_GROUP_ID)).find((r) => r.type === "SLACK")?.fields.apiToken, slack.example.apiToken);
    const upgraded = (await project.integrations()).find((r) => r.outputs.type === "SLACK");
    assert.ok(typeof upgraded?.outputs.fingerprints?.apiToken === "string" && upgraded.outputs.apiToken === undefined, "rewritten in the new form");
    assert.ok(upgraded?.inputs.fingerprintKey?.[SIG], "with a fingerprint key");
    await project.pulumi(["preview", "--expect-no-changes"]);

    await project.destroy();
    assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
  });
});
