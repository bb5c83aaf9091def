import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { diff } from "../../provider/diff";
import { withFingerprintKey } from "../../provider/fingerprint";
import { definitions } from "../../provider/integrations/registry";
import type { Session } from "../../provider/session";
import { profileAccepts, profileSchema } from "../../emulator/profiles";
import { useEmulator } from "../helpers/emulator";
import { optionalFields, removableExample, someValue } from "../helpers/optional-fields";
import { sessionWith } from "../helpers/session";
import { lifecycle } from "../../provider/lifecycle";

const optional = definitions.flatMap((def) => optionalFields(def).map((name) => ({ def, name })));

/** The writes the emulator answered for an authenticated client, in order: "PUT", "DELETE", ... */
async function writes(emu: ReturnType<typeof useEmulator>): Promise<string[]> {
  return (await emu.control.requests()).filter((r) => r.authenticated && r.method !== "GET").map((r) => r.method);
}

/**
 * A field removed from code must leave the server, whatever the server does with a PUT: MongoDB's update page says
 * it "will update the changed fields" (merge), the integrations overview says it replaces the configuration, and
 * what a merging server does with null is undocumented. Every optional field of every registered type, on every
 * server profile, under each reading, driven the way the engine drives the provider: diff, then update (or delete +
 * create where diff replaces). The requests are asserted: one PUT and no DELETE wherever one PUT clears the field.
 */
describe("conformance: removing an optional field from code removes it from the server", () => {
  // Slack is created through the API here (older servers allowed it): this suite is about fields, not Slack.
  const emu = useEmulator({ slackCreate: "allow" });
  let session: Session;
  beforeEach(() => (session = sessionWith(emu.apiBase)));

  it("covers at least the fields a user removes most (a webhook secret, a VictorOps routing key, Slack's channel, regions)", () => {
    const names = optional.map((o) => `${o.def.type}.${o.name}`);
    for (const n of ["WEBHOOK.secret", "VICTOR_OPS.routingKey", "SLACK.channelName", "DATADOG.region", "OPS_GENIE.region"]) {
      assert.ok(names.includes(n), n);
    }
  });

  // Every server profile (each accepting its documented types) under both readings of PUT; every reading of null
  // too on `all-registered`, which has every type's fields (a field's fate does not depend on the profile: this
  // keeps the unit suite under its minute).
  for (const profile of profileSchema.options) {
    for (const putSemantics of ["merge", "replace"] as const) {
      for (const nullOnPut of profile === "all-registered" ? (["ignored", "clears"] as const) : (["ignored"] as const)) {
        for (const { def, name } of optional.filter((o) => profileAccepts(profile, o.def))) {
          it(`${profile}, PUT ${putSemantics}, null ${nullOnPut}: ${def.type}.${name} removed → gone from the server → refresh shows no change`, async () => {
            await emu.control.settings({ nullOnPut, putSemantics, profile });
            // A field required in the example's configuration (tlsPemPath with scheme https) is removable in another one.
            const base: Record<string, unknown> = { groupId: DEFAULT_GROUP_ID, type: def.type, ...removableExample(def, name) };
            // Inputs as check leaves them: with the resource's fingerprint key, which the later inputs keep.
            const withField = withFingerprintKey({}, { ...base, [name]: someValue(def, name) });
            const { [name]: _removed, ...without } = withField;
            const created = await lifecycle.create({ session }, withField);
            await emu.control.clearRequests();
            const spec = def.fields[name]!;

            const planned = diff(created.outs ?? {}, without);
            assert.equal(planned.changes, true);
            assert.equal(planned.replaces, undefined, "a removed field is an update: one PUT where one PUT is enough");
            const outs = (await lifecycle.update({ session }, "", created.outs ?? {}, without)).outs ?? {};
            // One PUT clears it on a replacing server, on one that clears a null, and for a field sent as its
            // documented default; a merging server that ignores null keeps it, which the PUT's answer shows.
            const onePut = putSemantics === "replace" || nullOnPut === "clears" || spec.serverDefault !== undefined;
            assert.deepEqual(await writes(emu), onePut ? ["PUT"] : ["PUT", "DELETE", "PUT"]);
            const [stored] = await emu.control.raw(DEFAULT_GROUP_ID);
            assert.equal(stored?.fields[name] ?? spec.serverDefault, spec.serverDefault, `the server no longer holds ${name}`);
            const refreshed = await lifecycle.read({ session }, `${DEFAULT_GROUP_ID}/${def.type}`, outs);
            assert.equal(diff(refreshed.props ?? {}, without).changes, false, "the next preview shows no changes");
          });
        }
      }
    }
  }

  for (const { def, name } of optional.filter((o) => !o.def.fields[o.name]!.writeOnly && o.def.fields[o.name]!.serverDefault === undefined)) {
    it(`${def.type}.${name} set outside code: the update notices it in the PUT's answer and re-creates the integration without it`, async () => {
      const base: Record<string, unknown> = { groupId: DEFAULT_GROUP_ID, type: def.type, ...removableExample(def, name) };
      const { [name]: _unset, ...inCode } = withFingerprintKey({}, base);
      const created = await lifecycle.create({ session }, inCode);
      await emu.control.change(DEFAULT_GROUP_ID, def.type, { [name]: someValue(def, name) });
      const changedField = def.requiredFields.find((n) => typeof def.example[n] === "string" && !String(def.example[n]).startsWith("http"));
      const news = changedField ? { ...inCode, [changedField]: `${String(def.example[changedField])}-v2` } : inCode;
      const updated = await lifecycle.update({ session }, "", created.outs ?? {}, news);
      const [stored] = await emu.control.raw(DEFAULT_GROUP_ID);
      assert.equal(stored?.fields[name], undefined, `the server no longer holds ${name}`);
      if (changedField) assert.equal(stored?.fields[changedField], news[changedField as keyof typeof news]);
      const refreshed = await lifecycle.read({ session }, `${DEFAULT_GROUP_ID}/${def.type}`, updated.outs ?? {});
      assert.equal(diff(refreshed.props ?? {}, news).changes, false);
    });
  }
});
