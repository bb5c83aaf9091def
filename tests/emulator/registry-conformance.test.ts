import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID, OWNER_KEY } from "../../emulator/defaults";
import { ALL_OPS_MANAGER } from "../../provider/integrations/availability";
import { defineIntegration, type IntegrationDefinition } from "../../provider/integrations/define";
import { field } from "../../provider/integrations/field";
import { maskSecret, type MaskStyle } from "../../provider/integrations/mask";
import { definitions, findIntegration } from "../../provider/integrations/registry";
import { useEmulator } from "../helpers/emulator";
import { DigestClient } from "./support/digest-client";
import { assertError } from "./support/expect";

const LIST = `/groups/${DEFAULT_GROUP_ID}/integrations`;

/** What a server of `style` must show for `def.example`, computed from the registry and mask.ts alone. */
function expectedView(def: IntegrationDefinition, style: MaskStyle, id: string): Record<string, unknown> {
  const view: Record<string, unknown> = { id, type: def.type };
  for (const [name, spec] of Object.entries(def.fields)) {
    const value = (def.example as Record<string, unknown>)[name] ?? spec.serverDefault;
    if (value === undefined || (spec.writeOnly && !spec.shownWhenSet)) continue;
    view[name] = spec.secret ? maskSecret(String(value), style, spec.kind === "url" ? "url" : "text") : value;
  }
  return Object.fromEntries(Object.keys(view).sort().map((k) => [k, view[k]]));
}

/**
 * A type that is not in the registry (a future one, with a write-only password): it must work in the emulator
 * with no emulator change, which is the promise of deriving everything from definitions.
 */
const futureType = defineIntegration({
  type: "FUTURE_METRICS",
  label: "Future metrics",
  docsUrl: "https://www.mongodb.com/docs/ops-manager/current/reference/api/third-party-integration-settings-update/",
  documented: [ALL_OPS_MANAGER],
  fields: {
    username: field.text("Basic-auth user."),
    password: { ...field.text("Basic-auth password.", { secret: true }), writeOnly: true },
    serviceDiscovery: field.choice(["http", "file"], "How Prometheus finds targets.", "http"),
    enabled: field.flag("Whether the endpoint is on.", false),
  },
  example: { username: "prom", password: "prom-password-1234", serviceDiscovery: "file", enabled: true },
}) as unknown as IntegrationDefinition; // widened like the registry's `definitions`

describe("emulator: every registered type, from the registry alone", () => {
  // Every secret shown as maskStyle says (the webhook secret's full redaction, the default, has its own suite).
  const emu = useEmulator({ webhookSecret: "masked", findIntegration: (t) => (t === "FUTURE_METRICS" ? futureType : findIntegration(t)) });
  const api = () => new DigestClient(emu.apiBase, OWNER_KEY);

  for (const def of [...definitions, futureType] as readonly IntegrationDefinition[]) {
    describe(def.type, () => {
      for (const style of ["om", "atlas", "clear"] as const) {
        it(`creates its example and shows it ${style}-masked, write-only fields left out (unless shown when set), defaults filled`, async () => {
          await emu.control.settings({ maskStyle: style });
          const created = await api().send("POST", `${LIST}/${def.type}`, { type: def.type, ...def.example });
          assert.equal(created.status, 200, created.text);
          const [stored] = await emu.control.raw(DEFAULT_GROUP_ID);
          const got = await api().send("GET", `${LIST}/${def.type}`);
          assert.equal(got.text, JSON.stringify(expectedView(def, style, stored!.id)));
          assert.deepEqual(created.json().results, [got.json()]);
        });
      }

      for (const name of def.requiredFields) {
        it(`refuses it without ${name}: 400 MISSING_ATTRIBUTE`, async () => {
          const { [name]: _dropped, ...rest } = def.example as Record<string, unknown>;
          const res = await api().send("POST", `${LIST}/${def.type}`, { type: def.type, ...rest });
          assertError(res, 400, "MISSING_ATTRIBUTE", `The required attribute ${name} was not specified.`, [name]);
        });
      }

      for (const [name, spec] of Object.entries(def.fields)) {
        if (spec.kind !== "choice") continue;
        const values = spec.values;
        it(`refuses ${name} outside ${values.join("/")}: 400 INVALID_ENUM_VALUE`, async () => {
          const res = await api().send("POST", `${LIST}/${def.type}`, { type: def.type, ...def.example, [name]: "NOT_A_VALUE" });
          assertError(res, 400, "INVALID_ENUM_VALUE", "An invalid enumeration value NOT_A_VALUE was specified.", ["NOT_A_VALUE", name]);
        });
      }

      for (const name of def.secretFields) {
        it(`refuses its own mask sent back as ${name}: 400 INTEGRATION_FIELDS_INVALID`, async () => {
          const value = String((def.example as Record<string, unknown>)[name]);
          const res = await api().send("POST", `${LIST}/${def.type}`, { type: def.type, ...def.example, [name]: maskSecret(value, "om") });
          assert.equal(res.status, 400);
          assert.equal(res.json().errorCode, "INTEGRATION_FIELDS_INVALID");
          assert.deepEqual(res.json().parameters, [name]);
        });
      }

      it("refuses an unknown field: 400 INVALID_ATTRIBUTE", async () => {
        const res = await api().send("POST", `${LIST}/${def.type}`, { type: def.type, ...def.example, notAField: "x" });
        assertError(res, 400, "INVALID_ATTRIBUTE", "Invalid attribute notAField specified.", ["notAField"]);
      });
    });
  }

  it("keeps a write-only field in the raw state while never returning it", async () => {
    await emu.control.seed(DEFAULT_GROUP_ID, "FUTURE_METRICS", futureType.example);
    const [stored] = await emu.control.raw(DEFAULT_GROUP_ID);
    assert.equal(stored!.fields.password, "prom-password-1234");
    const list = await api().send("GET", LIST);
    assert.equal(list.text.includes("password"), false);
  });
});
