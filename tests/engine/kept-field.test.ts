import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { useEngineProject } from "./support/project";

const G = DEFAULT_GROUP_ID;
const vo = (apiKey: string) => ({ name: "vo", args: { groupId: G, type: "VICTOR_OPS", apiKey } });

/**
 * Issue 17 item 1, the case diff cannot see: a routing key set by hand since the last refresh. The update's PUT
 * keeps it (it is not sent); the provider notices it in the answer and re-creates the integration without it, in
 * the same up.
 */
describe("engine: a field set outside code since the last refresh", function () {
  this.timeout(5 * 60 * 1000);
  const fixture = useEngineProject("kept-field");
  const { emu } = fixture;

  it("the next update removes it from the server; refresh then preview shows no changes", async () => {
    fixture.project.setResources([vo("vo-0123456789abcdef")]);
    await fixture.project.up();
    await emu.control.change(G, "VICTOR_OPS", { routingKey: "set-by-hand-0123" });
    fixture.project.setResources([vo("vo-fedcba9876543210")]);
    await fixture.project.up();
    const [stored] = await emu.control.raw(G);
    assert.equal(stored?.fields.routingKey, undefined);
    assert.equal(stored?.fields.apiKey, "vo-fedcba9876543210");
    await fixture.project.refresh();
    await fixture.project.pulumi(["preview", "--expect-no-changes"]);
  });
});
