import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { diff } from "../../provider/diff";
import { isFingerprint, sameSecret, withFingerprintKey } from "../../provider/fingerprint";
import type { AnyIntegration } from "../../provider/integrations/registry";
import { definitions } from "../../provider/integrations/registry";
import type { Session } from "../../provider/session";
import { useEmulator } from "../helpers/emulator";
import { sessionWith } from "../helpers/session";
import { lifecycle } from "../../provider/lifecycle";

/** The example with one field changed in a way its schema accepts: the first required field gets a suffix. */
function changed(def: AnyIntegration): { field: string; fields: Record<string, unknown> } {
  for (const name of def.requiredFields) {
    const before = def.example[name];
    if (typeof before !== "string") continue;
    const after = before.startsWith("http") ? `${before}/v2` : `${before}-v2`;
    if (def.fields[name]?.schema.safeParse(after).success) return { field: name, fields: { ...def.example, [name]: after } };
  }
  throw new Error(`${def.type}: no required text field to change`);
}

/** A value the schema accepts whose last four characters differ from the example's. */
function rotated(def: AnyIntegration, name: string): string {
  return String(def.example[name]).startsWith("http") ? "https://rotated.example/hook/9876" : "rotated-outside-code-9876";
}

/**
 * Every registered type runs the same lifecycle against the emulator, through the provider's own functions:
 * create → read (no drift) → diff (no-op) → update → refresh after a secret rotated outside code → delete twice.
 * It also counts round trips: after the first digest challenge each operation costs exactly one request.
 */
describe("conformance: every registered integration type", () => {
  const emu = useEmulator({ slackCreate: "allow" });
  let session: Session;
  beforeEach(() => (session = sessionWith(emu.apiBase)));

  async function requestsDuring(fn: () => Promise<unknown>): Promise<number> {
    const before = (await emu.control.requests()).length;
    await fn();
    return (await emu.control.requests()).length - before;
  }

  // Under both readings of a null in a PUT (undocumented); the profiles' accepted types are in profiles.test.ts.
  for (const nullOnPut of ["ignored", "clears"] as const) for (const def of definitions) {
    it(`${def.type} (null ${nullOnPut}): create, read, diff, update, refresh after rotation, delete twice`, async () => {
      await emu.control.settings({ nullOnPut });
      // As check leaves them: with the resource's fingerprint key.
      const inputs = withFingerprintKey({}, { groupId: DEFAULT_GROUP_ID, type: def.type, ...def.example });

      const created = await lifecycle.create({ session }, inputs);
      assert.equal(created.id, `${DEFAULT_GROUP_ID}/${def.type}`);
      assert.match(String(created.outs?.integrationId), /^[0-9a-f]{24}$/);
      for (const name of def.secretFields) {
        if (name in def.example) assert.ok(isFingerprint(created.outs?.fingerprints?.[name]), `outputs hold a fingerprint of ${name}, never the secret`);
        assert.ok(!(name in (created.outs ?? {})), `no output named ${name} (it would be encrypted for nothing)`);
      }
      const [stored] = await emu.control.raw(DEFAULT_GROUP_ID);
      for (const [name, value] of Object.entries(def.example)) {
        assert.equal(stored?.fields[name] ?? def.fields[name]?.serverDefault, value, `the server holds ${name}`);
      }

      let refreshed!: Awaited<ReturnType<typeof lifecycle.read>>;
      assert.equal(await requestsDuring(async () => (refreshed = await lifecycle.read({ session }, created.id, created.outs ?? {}))), 1, "read costs one request");
      assert.deepEqual(refreshed.props, created.outs, "no drift right after create");
      assert.equal(diff(refreshed.props ?? {}, inputs).changes, false, "diff after create is a no-op");

      const change = changed(def);
      const news = withFingerprintKey(inputs, { groupId: DEFAULT_GROUP_ID, type: def.type, ...change.fields });
      assert.equal(diff(refreshed.props ?? {}, news).changes, true, `a new ${change.field} is a change`);
      let updated!: Awaited<ReturnType<typeof lifecycle.update>>;
      assert.equal(await requestsDuring(async () => (updated = await lifecycle.update({ session }, "", refreshed.props ?? {}, news))), 1, "update costs one request");
      assert.notEqual(updated.outs?.integrationId, created.outs?.integrationId, "the server id changes on update");
      assert.equal((await emu.control.raw(DEFAULT_GROUP_ID))[0]?.fields[change.field], change.fields[change.field]);

      // Rotate a secret the server shows masked; a type whose secrets are all write-only (never shown) cannot
      // reveal a rotation, so there the user bumps secretVersion instead.
      const visible = def.secretFields.filter((n) => !def.fields[n]?.writeOnly);
      const secret = visible.find((n) => def.requiredFields.includes(n)) ?? visible[0] ?? def.secretFields[0]!;
      const rotatedValue = rotated(def, secret);
      await emu.control.change(DEFAULT_GROUP_ID, def.type, { [secret]: rotatedValue });
      assert.equal((await emu.control.raw(DEFAULT_GROUP_ID))[0]?.fields[secret], rotatedValue, "the server holds the rotated secret");
      const afterRotation = await lifecycle.read({ session }, created.id, updated.outs ?? {});
      assert.ok(!JSON.stringify(afterRotation).includes(rotatedValue), "state never learns the server's secret");
      if (visible.length > 0) {
        assert.notEqual(afterRotation.props?.fingerprints?.[secret], news[secret], "the rotated secret shows as drift");
        assert.equal(diff(afterRotation.props ?? {}, news).changes, true, "so the next up restores it");
      } else {
        const where = { where: `${DEFAULT_GROUP_ID}/${def.type}/${secret}`, resourceKey: String(news.fingerprintKey) };
        assert.ok(sameSecret(afterRotation.props?.fingerprints?.[secret], news[secret], where), "a write-only secret keeps what state holds");
        assert.equal(diff(afterRotation.props ?? {}, { ...news, secretVersion: 2 }).changes, true, "secretVersion forces a re-send");
      }

      assert.equal(await requestsDuring(() => lifecycle.delete({ session }, "", afterRotation.props ?? {})), 1, "delete costs one request");
      assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
      await lifecycle.delete({ session }, "", afterRotation.props ?? {}); // already gone: still success
      assert.deepEqual(await lifecycle.read({ session }, created.id, afterRotation.props ?? {}), { id: "" }, "gone on the server → gone from state");
    });
  }
});
