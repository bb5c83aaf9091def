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

/**
 * A field removed from code must leave the server, whatever the server does with a null (the PUT
 * page says only that it "will update the changed fields"). Every optional field of every registered type, under
 * both emulator readings, driven the way the engine drives the provider: diff, then update or delete + create.
 */
describe("conformance: removing an optional field from code removes it from the server", () => {
  // Slack is created through the API here (older servers allowed it): this suite is about fields, not Slack.
  const emu = useEmulator({ slackCreate: "allow" });
  let session: Session;
  beforeEach(() => (session = sessionWith(emu.apiBase)));

  it("covers at least the fields the issue names", () => {
    const names = optional.map((o) => `${o.def.type}.${o.name}`);
    for (const n of ["WEBHOOK.secret", "VICTOR_OPS.routingKey", "SLACK.channelName", "DATADOG.region", "OPS_GENIE.region"]) {
      assert.ok(names.includes(n), n);
    }
  });

  // Every server profile (each accepting its documented types) under both readings of null.
  for (const profile of profileSchema.options) {
    for (const nullOnPut of ["ignored", "clears"] as const) {
      for (const { def, name } of optional.filter((o) => profileAccepts(profile, o.def))) {
        it(`${profile}, null ${nullOnPut}: ${def.type}.${name} removed → gone from the server → refresh shows no change`, async () => {
          await emu.control.settings({ nullOnPut, profile });
          // A field required in the example's configuration (tlsPemPath with scheme https) is removable in another one.
          const base: Record<string, unknown> = { groupId: DEFAULT_GROUP_ID, type: def.type, ...removableExample(def, name) };
          // Inputs as check leaves them: with the resource's fingerprint key, which the later inputs keep.
          const withField = withFingerprintKey({}, { ...base, [name]: someValue(def, name) });
          const { [name]: _removed, ...without } = withField;
          const created = await lifecycle.create({ session }, withField);
          const spec = def.fields[name]!;

          const planned = diff(created.outs ?? {}, without);
          assert.equal(planned.changes, true);
          let outs: Record<string, unknown>;
          if (spec.serverDefault === undefined) {
            assert.deepEqual(planned.replaces, [name], "the preview names the removed field as the reason to replace");
            assert.equal(planned.deleteBeforeReplace, true, "one integration per type: delete before create");
            await lifecycle.delete({ session }, "", created.outs ?? {});
            outs = (await lifecycle.create({ session }, without)).outs ?? {};
          } else {
            assert.equal(planned.replaces, undefined, "a field with a documented default is reset in place");
            outs = (await lifecycle.update({ session }, "", created.outs ?? {}, without)).outs ?? {};
          }
          const [stored] = await emu.control.raw(DEFAULT_GROUP_ID);
          assert.equal(stored?.fields[name] ?? spec.serverDefault, spec.serverDefault, `the server no longer holds ${name}`);
          const refreshed = await lifecycle.read({ session }, `${DEFAULT_GROUP_ID}/${def.type}`, outs);
          assert.equal(diff(refreshed.props ?? {}, without).changes, false, "the next preview shows no changes");
        });
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
