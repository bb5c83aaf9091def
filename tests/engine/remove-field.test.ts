import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { profileAccepts } from "../../emulator/profiles";
import { definitions } from "../../provider/integrations/registry";
import { settingsFromEnv } from "../helpers/emulator";
import { optionalFields, withAndWithoutOptional } from "../helpers/optional-fields";
import { useEngineProject, type ResourceSpec } from "../helpers/engine-project";

const G = DEFAULT_GROUP_ID;
// Every type the played server accepts (all-registered unless OPSMANAGER_EMULATOR_PROFILE names a real server), each
// once with every optional field set and once with only its required fields, derived from the registry.
const profile = settingsFromEnv().profile ?? "all-registered";
const types = definitions.filter((def) => profileAccepts(profile, def) && optionalFields(def).length > 0);
const name = (type: string) => type.toLowerCase().replace(/_/g, "-");
// Slack cannot be created through the API on a documented server: it is connected in the UI (seeded) and adopted.
const spec = (type: string, fields: Record<string, unknown>): ResourceSpec => ({
  name: name(type),
  args: { groupId: G, type, ...fields, ...(type === "SLACK" ? { adoptExisting: true } : {}) },
});
const full = types.map((def) => spec(def.type, withAndWithoutOptional(def).full));
const trimmed = types.map((def) => spec(def.type, withAndWithoutOptional(def).trimmed));

/**
 * Through the real engine: the user deletes, for every type, every line that sets an optional field
 * (a webhook secret, a VictorOps routing key, a Datadog region, Prometheus' TLS fields ...). Whatever the server
 * does with null, after `up` it no longer holds them, and `refresh` + `preview --expect-no-changes` passes.
 */
for (const nullOnPut of ["ignored", "clears"] as const) {
  describe(`engine: every optional field removed from code leaves the server (null ${nullOnPut}, ${profile})`, function () {
    this.timeout(8 * 60 * 1000);
    const fixture = useEngineProject(`remove-${nullOnPut}`, async (emu) => {
      await emu.control.settings({ nullOnPut });
      const slack = types.find((def) => def.type === "SLACK");
      if (slack) await emu.control.seed(G, "SLACK", { apiToken: "xoxb-connected-in-the-ui-0000", teamName: "ui" });
    });
    const { emu } = fixture;
    const stored = async (type: string) => (await emu.control.raw(G)).find((i) => i.type === type)?.fields;

    it(`covers ${types.map((d) => d.type).join(", ")}: at least the fields a server may keep on PUT`, () => {
      const names = types.flatMap((def) => optionalFields(def).map((f) => `${def.type}.${f}`));
      for (const n of ["WEBHOOK.secret", "VICTOR_OPS.routingKey", "SLACK.channelName", "OPS_GENIE.region"]) {
        if (types.some((def) => n.startsWith(`${def.type}.`))) assert.ok(names.includes(n), n);
      }
      assert.ok(types.length >= 5, `${types.length} types`);
      assert.ok(types.some((def) => def.type === "WEBHOOK"), "every documented server accepts WEBHOOK (the failure case below uses it)");
    });

    it("preview names each removed field: replace where only a delete can clear it, update for a documented default", async () => {
      fixture.project.setResources(full);
      await fixture.project.up();
      fixture.project.setResources(trimmed);
      const preview = await fixture.project.preview();
      for (const def of types) {
        const step = preview.steps.find((s) => s.urn.endsWith(`::${name(def.type)}`));
        const noDefault = optionalFields(def).filter((f) => def.fields[f]!.serverDefault === undefined);
        assert.equal(step?.op, noDefault.length > 0 ? "replace" : "update", `${def.type}: ${JSON.stringify(step)}`);
        for (const f of noDefault) assert.ok(step?.replaceReasons?.includes(f), `${def.type}: replace names ${f}`);
      }
      const human = (await fixture.project.pulumi(["preview", "--diff"])).stdout;
      for (const def of types) for (const f of optionalFields(def)) assert.match(human, new RegExp(`\\b${f}\\b`), `${def.type}.${f}`);
    });

    it("up removes them from the server; refresh then preview --expect-no-changes passes", async () => {
      await fixture.project.up();
      for (const def of types) {
        const fields = await stored(def.type);
        assert.ok(fields, `${def.type} is on the server`);
        for (const f of optionalFields(def)) {
          const serverDefault = def.fields[f]!.serverDefault;
          assert.equal(fields[f] ?? serverDefault, serverDefault, `the server no longer holds ${def.type}.${f}`);
        }
      }
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
      const inState = (await fixture.project.integrations()).filter((r) => String(r.urn).endsWith("::webhook"));
      assert.ok(inState.every((r) => r.pendingReplacement === true || r.delete === true), `state still claims a live webhook: ${JSON.stringify(inState)}`);
      await emu.control.clearFaults();
      await fixture.project.up();
      assert.equal((await stored("WEBHOOK"))?.secret, undefined);
      await fixture.project.refresh();
      await fixture.project.pulumi(["preview", "--expect-no-changes"]);
    });
  });
}
