import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { diff } from "../../provider/diff";
import { withFingerprintKey } from "../../provider/fingerprint";
import type { AnyIntegration } from "../../provider/integrations/registry";
import { definitions } from "../../provider/integrations/registry";
import type { Session } from "../../provider/session";
import { useEmulator } from "../helpers/emulator";
import { sessionWith } from "../helpers/session";
import { lifecycle } from "../../provider/lifecycle";

/** A value the field's schema accepts that is not its server default (so removing it is a visible change). */
function someValue(def: AnyIntegration, name: string): unknown {
  const spec = def.fields[name]!;
  const candidates = [def.example[name], "EU", "https", "file", "optional-value-0123", "https://optional.example/x/0123", true, false];
  const found = candidates.find((v) => v !== undefined && v !== spec.serverDefault && spec.schema.safeParse(v).success);
  if (found === undefined) throw new Error(`${def.type}.${name}: no test value`);
  return found;
}

const optional = definitions.flatMap((def) =>
  Object.keys(def.fields)
    .filter((name) => !def.requiredFields.includes(name))
    .map((name) => ({ def, name })),
);

/**
 * Issue 17 item 1: a field removed from code must leave the server, whatever the server does with a null (the PUT
 * page says only that it "will update the changed fields"). Every optional field of every registered type, under
 * both emulator readings, driven the way the engine drives the provider: diff, then update or delete + create.
 */
describe("conformance: removing an optional field from code removes it from the server", () => {
  const emu = useEmulator();
  let session: Session;
  beforeEach(() => (session = sessionWith(emu.apiBase)));

  it("covers at least the fields the issue names", () => {
    const names = optional.map((o) => `${o.def.type}.${o.name}`);
    for (const n of ["WEBHOOK.secret", "VICTOR_OPS.routingKey", "SLACK.channelName", "DATADOG.region", "OPS_GENIE.region"]) {
      assert.ok(names.includes(n), n);
    }
  });

  for (const nullOnPut of ["ignored", "clears"] as const) {
    for (const { def, name } of optional) {
      it(`${def.type}.${name} (null ${nullOnPut}): removed → gone from the server → refresh shows no change`, async () => {
        await emu.control.settings({ nullOnPut });
        const base: Record<string, unknown> = { groupId: DEFAULT_GROUP_ID, type: def.type, ...def.example };
        // A field required in the example's configuration (tlsPemPath with scheme https) is removable in another one.
        for (const rule of def.requiredWhen ?? []) {
          if (rule.field === name && base[rule.when.field] === rule.when.equals) {
            base[rule.when.field] = ["http", "https", "file", true, false].find(
              (v) => v !== rule.when.equals && def.fields[rule.when.field]?.schema.safeParse(v).success,
            );
          }
        }
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

  for (const { def, name } of optional.filter((o) => !o.def.fields[o.name]!.writeOnly && o.def.fields[o.name]!.serverDefault === undefined)) {
    it(`${def.type}.${name} set outside code: the update notices it in the PUT's answer and re-creates the integration without it`, async () => {
      const base: Record<string, unknown> = { groupId: DEFAULT_GROUP_ID, type: def.type, ...def.example };
      for (const rule of def.requiredWhen ?? []) if (rule.field === name) base[rule.when.field] = "http";
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
