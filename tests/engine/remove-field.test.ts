import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { useEngineProject } from "./support/project";

const G = DEFAULT_GROUP_ID;
const full = [
  { name: "hook", args: { groupId: G, type: "WEBHOOK", url: "https://hooks.example.com/om/0123456789", secret: "whsec-0123456789" } },
  { name: "vo", args: { groupId: G, type: "VICTOR_OPS", apiKey: "vo-0123456789abcdef", routingKey: "vo-route-0123" } },
  { name: "dd", args: { groupId: G, type: "DATADOG", apiKey: "dd0123456789abcdef0123456789abcd", region: "EU" } },
];
const trimmed = [
  { name: "hook", args: { groupId: G, type: "WEBHOOK", url: "https://hooks.example.com/om/0123456789" } },
  { name: "vo", args: { groupId: G, type: "VICTOR_OPS", apiKey: "vo-0123456789abcdef" } },
  { name: "dd", args: { groupId: G, type: "DATADOG", apiKey: "dd0123456789abcdef0123456789abcd" } },
];

/**
 * Issue 17 item 1 through the real engine: the user deletes the lines that set a webhook secret, a VictorOps
 * routing key and a Datadog region. Whatever the server does with null, after `up` it no longer holds them, and
 * `refresh` + `preview --expect-no-changes` passes.
 */
for (const nullOnPut of ["ignored", "clears"] as const) {
  describe(`engine: a field removed from code leaves the server (null ${nullOnPut})`, function () {
    this.timeout(5 * 60 * 1000);
    const fixture = useEngineProject(`remove-${nullOnPut}`, async (emu) => {
      await emu.control.settings({ nullOnPut });
    });
    const { emu } = fixture;
    const stored = async (type: string) => (await emu.control.raw(G)).find((i) => i.type === type)?.fields;

    it("preview names each removed field: replace where only a delete can clear it, update for a documented default", async () => {
      fixture.project.setResources(full);
      await fixture.project.up();
      fixture.project.setResources(trimmed);
      const preview = await fixture.project.preview();
      const step = (name: string) => preview.steps.find((s) => s.urn.endsWith(`::${name}`));
      assert.equal(step("hook")?.op, "replace");
      assert.equal(step("vo")?.op, "replace");
      assert.equal(step("dd")?.op, "update");
      const human = (await fixture.project.pulumi(["preview", "--diff"])).stdout;
      assert.match(human, /secret/);
      assert.match(human, /routingKey/);
    });

    it("up removes them from the server; refresh then preview --expect-no-changes passes", async () => {
      await fixture.project.up();
      assert.equal((await stored("WEBHOOK"))?.secret, undefined);
      assert.equal((await stored("VICTOR_OPS"))?.routingKey, undefined);
      assert.ok([undefined, "US"].includes((await stored("DATADOG"))?.region as string | undefined));
      await fixture.project.refresh();
      await fixture.project.pulumi(["preview", "--expect-no-changes"]);
    });

    it("a failure between the delete and the create leaves state matching the server, and the next up converges", async () => {
      fixture.project.setResources(full);
      await fixture.project.up();
      fixture.project.setResources(trimmed);
      // The re-create of the webhook fails (every retry, and the upsert the provider tries after a 5xx): the delete
      // has already happened.
      await emu.control.fault({ status: 500, count: 50, method: "POST", pathIncludes: "/integrations/WEBHOOK" });
      await emu.control.fault({ status: 500, count: 50, method: "PUT", pathIncludes: "/integrations/WEBHOOK" });
      const failed = await fixture.project.attempt(["up", "--yes", "--skip-preview"]);
      assert.notEqual(failed.code, 0);
      assert.equal(await stored("WEBHOOK"), undefined, "the server holds no webhook");
      const inState = (await fixture.project.integrations()).filter((r) => String(r.urn).endsWith("::hook"));
      assert.ok(inState.every((r) => r.pendingReplacement === true || r.delete === true), `state still claims a live webhook: ${JSON.stringify(inState)}`);
      await emu.control.clearFaults();
      await fixture.project.up();
      assert.equal((await stored("WEBHOOK"))?.secret, undefined);
      await fixture.project.refresh();
      await fixture.project.pulumi(["preview", "--expect-no-changes"]);
    });
  });
}
