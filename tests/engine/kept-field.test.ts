import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { useEngineProject } from "../helpers/engine-project";

const G = DEFAULT_GROUP_ID;
const PATH = `/integrations/VICTOR_OPS`;
const vo = (apiKey: string) => ({ name: "vo", args: { groupId: G, type: "VICTOR_OPS", apiKey } });

/**
 * The case diff cannot see: a routing key set by hand since the last refresh. On a server whose PUT merges (the
 * update page's reading, pinned here whatever OPSMANAGER_EMULATOR_PUT says: a replacing PUT simply drops the field,
 * which tests/conformance/remove-optional.test.ts covers), the update's PUT keeps it (it is not sent); the provider
 * notices it in the answer and re-creates the integration without it, in the same up (provider/lifecycle.ts,
 * update). Then the cases where that delete + re-create fails midway (emulator faults).
 */
describe("engine: a field set outside code since the last refresh (PUT merges)", function () {
  this.timeout(6 * 60 * 1000);
  const fixture = useEngineProject("kept-field", async (emu) => void (await emu.control.settings({ putSemantics: "merge" })));
  const { emu } = fixture;
  const stored = async () => (await emu.control.raw(G)).find((i) => i.type === "VICTOR_OPS")?.fields;
  const inState = async () => (await fixture.project.integrations()).filter((r) => String(r.urn).endsWith("::vo"));
  /** State at `apiKey` (up, then refresh), then a routing key set by hand and a new apiKey in code. */
  const arrange = async (before: string, after: string) => {
    fixture.project.setResources([vo(before)]);
    await fixture.project.up();
    await fixture.project.refresh();
    await emu.control.change(G, "VICTOR_OPS", { routingKey: "set-by-hand-0123" });
    fixture.project.setResources([vo(after)]);
  };
  const converged = async (apiKey: string) => {
    assert.deepEqual(await stored(), { apiKey }, "the server holds exactly the fields in code");
    await fixture.project.refresh();
    await fixture.project.pulumi(["preview", "--expect-no-changes"]);
  };

  it("the next update removes it from the server; refresh then preview shows no changes", async () => {
    await arrange("vo-0123456789abcdef", "vo-fedcba9876543210");
    await fixture.project.up();
    await converged("vo-fedcba9876543210");
  });

  it("the re-create fails after the delete: the error says so, refresh makes state match the server (none), the next up creates it", async () => {
    await arrange("vo-1111111111111111", "vo-2222222222222222");
    // The update's PUT passes (and keeps the routing key), the DELETE passes, every later PUT fails.
    await emu.control.fault({ status: 500, count: 50, skip: 1, method: "PUT", pathIncludes: PATH });
    const failed = await fixture.project.attempt(["up", "--yes", "--skip-preview"]);
    assert.notEqual(failed.code, 0);
    assert.match(failed.stdout, /kept routingKey .*deleting and re-creating it .*failed midway/s);
    assert.equal(await stored(), undefined, "the delete happened, the create did not");
    await emu.control.clearFaults();
    await fixture.project.refresh();
    assert.deepEqual(await inState(), [], "refresh: the server holds no VICTOR_OPS, so neither does state");
    const preview = await fixture.project.preview();
    assert.equal(preview.steps.find((s) => s.urn.endsWith("::vo"))?.op, "create");
    await fixture.project.up();
    await converged("vo-2222222222222222");
  });

  it("the delete fails: state keeps the previous outputs, and the next up (no refresh) removes the kept field", async () => {
    await arrange("vo-3333333333333333", "vo-4444444444444444");
    await emu.control.fault({ status: 500, count: 50, method: "DELETE", pathIncludes: PATH });
    const failed = await fixture.project.attempt(["up", "--yes", "--skip-preview"]);
    assert.notEqual(failed.code, 0);
    assert.match(failed.stdout, /kept routingKey .*failed midway/s);
    assert.deepEqual(await stored(), { apiKey: "vo-4444444444444444", routingKey: "set-by-hand-0123" }, "the PUT applied, the delete did not");
    assert.equal((await inState()).length, 1, "state still holds the integration, as the server does");
    await emu.control.clearFaults();
    await fixture.project.up();
    await converged("vo-4444444444444444");
  });
});
