import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { profileAccepts } from "../../emulator/profiles";
import { definitions } from "../../provider/integrations/registry";
import { settingsFromEnv } from "../helpers/emulator";
import { optionalFields, withAndWithoutOptional } from "../helpers/optional-fields";
import { useEngineProject, type JsonStep, type ResourceSpec } from "../helpers/engine-project";

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

// What a PUT does with the fields it is not sent: the update page says merge, the integrations overview says replace.
// CI's first leg plays merge (the default), its second replace (OPSMANAGER_EMULATOR_PUT, tests/helpers/emulator.ts).
const putSemantics = settingsFromEnv().putSemantics ?? "merge";
/** Types with an optional field that has no documented default: a merging server that ignores null keeps it. */
const keepable = types.filter((def) => optionalFields(def).some((f) => def.fields[f]!.serverDefault === undefined));

/**
 * The user deletes, for every type, every line that sets an optional field (a webhook secret, a VictorOps routing
 * key, a Datadog region, Prometheus' TLS fields ...), through the real engine. Whatever the server does with a PUT
 * and with null, after `up` it no longer holds them, and `refresh` + `preview --expect-no-changes` passes. Where one
 * PUT clears them (a replacing server, or one that clears null) `up` sends no DELETE at all.
 */
for (const nullOnPut of ["ignored", "clears"] as const) {
  const onePut = putSemantics === "replace" || nullOnPut === "clears";
  describe(`engine: every optional field removed from code leaves the server (PUT ${putSemantics}, null ${nullOnPut}, ${profile})`, function () {
    this.timeout(8 * 60 * 1000);
    const fixture = useEngineProject(`remove-${putSemantics}-${nullOnPut}`, async (emu) => {
      await emu.control.settings({ nullOnPut, putSemantics });
      const slack = types.find((def) => def.type === "SLACK");
      if (slack) await emu.control.seed(G, "SLACK", { apiToken: "xoxb-connected-in-the-ui-0000", teamName: "ui" });
    });
    const { emu } = fixture;
    const stored = async (type: string) => (await emu.control.raw(G)).find((i) => i.type === type)?.fields;
    const deletes = async () => (await emu.control.requests()).filter((r) => r.authenticated && r.method === "DELETE").map((r) => r.path);

    it(`covers ${types.map((d) => d.type).join(", ")}: at least a webhook secret, a VictorOps routing key, Slack's channel`, () => {
      const names = types.flatMap((def) => optionalFields(def).map((f) => `${def.type}.${f}`));
      for (const n of ["WEBHOOK.secret", "VICTOR_OPS.routingKey", "SLACK.channelName", "OPS_GENIE.region"]) {
        if (types.some((def) => n.startsWith(`${def.type}.`))) assert.ok(names.includes(n), n);
      }
      assert.ok(types.length >= 5, `${types.length} types`);
      assert.ok(types.some((def) => def.type === "WEBHOOK"), "every documented server accepts WEBHOOK (the failure case below uses it)");
    });

    it("preview shows an update naming each removed field, and warns what a server that keeps it will cost", async () => {
      fixture.project.setResources(full);
      await fixture.project.up();
      fixture.project.setResources(trimmed);
      const preview = (await fixture.project.pulumi(["preview", "--json"])).stdout;
      const { steps, diagnostics = [] } = JSON.parse(preview) as { steps: JsonStep[]; diagnostics?: Array<{ message: string; severity: string }> };
      for (const def of types) {
        const step = steps.find((s) => s.urn.endsWith(`::${name(def.type)}`));
        assert.equal(step?.op, "update", `${def.type}: ${JSON.stringify(step)}`);
      }
      for (const def of keepable) {
        const warning = diagnostics.find((d) => d.severity === "warning" && d.message.includes(`${def.type} in project ${G}:`));
        assert.ok(warning, `${def.type}: no warning in ${JSON.stringify(diagnostics)}`);
        assert.match(warning.message, /removed from code\. The update sends one PUT .*deletes the integration and creates it again/s);
      }
      const human = (await fixture.project.pulumi(["preview", "--diff"])).stdout;
      for (const def of types) for (const f of optionalFields(def)) assert.match(human, new RegExp(`\\b${f}\\b`), `${def.type}.${f}`);
    });

    it(`up removes them from the server with ${onePut ? "no DELETE" : "a delete + create only where the PUT's answer shows a field kept"}; refresh then preview --expect-no-changes passes`, async () => {
      await emu.control.clearRequests();
      await fixture.project.up();
      const expected = onePut ? [] : keepable.map((def) => `/api/public/v1.0/groups/${G}/integrations/${def.type}`).sort();
      assert.deepEqual((await deletes()).sort(), expected);
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

    it("a failed write leaves state matching the server once refreshed, and the next up converges", async () => {
      fixture.project.setResources(full);
      await fixture.project.up();
      fixture.project.setResources(trimmed);
      // Every PUT of the webhook fails (each retry too). Where a merging server keeps the secret, the first PUT
      // succeeds and the re-create after the delete fails instead.
      await emu.control.fault({ status: 500, count: 50, method: "PUT", pathIncludes: "/integrations/WEBHOOK", ...(onePut ? {} : { skip: 1 }) });
      await emu.control.fault({ status: 500, count: 50, method: "POST", pathIncludes: "/integrations/WEBHOOK" });
      const failed = await fixture.project.attempt(["up", "--yes", "--skip-preview"]);
      assert.notEqual(failed.code, 0);
      if (onePut) {
        assert.ok((await stored("WEBHOOK"))?.secret, "the PUT failed: the server still holds the webhook and its secret");
        const inState = (await fixture.project.integrations()).filter((r) => String(r.urn).endsWith("::webhook"));
        assert.equal(inState.length, 1, "state still holds the webhook, as the server does");
      } else {
        assert.match(failed.stdout, /kept secret .*failed midway/s);
        assert.equal(await stored("WEBHOOK"), undefined, "the delete happened, the create did not");
        await fixture.project.refresh();
        const inState = (await fixture.project.integrations()).filter((r) => String(r.urn).endsWith("::webhook"));
        assert.deepEqual(inState, [], "refresh: the server holds no webhook, so neither does state");
      }
      await emu.control.clearFaults();
      await fixture.project.up();
      assert.ok(await stored("WEBHOOK"), "the webhook is on the server");
      assert.equal((await stored("WEBHOOK"))?.secret, undefined);
      await fixture.project.refresh();
      await fixture.project.pulumi(["preview", "--expect-no-changes"]);
    });
  });
}
