import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { profileAccepts, profileSchema, profileTarget, type Profile } from "../../emulator/profiles";
import { check } from "../../provider/check";
import { definitions } from "../../provider/integrations/registry";
import { targetFrom } from "../../provider/target";
import { useEmulator } from "../helpers/emulator";
import { sessionWith } from "../helpers/session";
import { lifecycle } from "../../provider/lifecycle";

const OM = ["DATADOG", "HIP_CHAT", "PAGER_DUTY", "SLACK", "NEW_RELIC", "OPS_GENIE", "VICTOR_OPS", "WEBHOOK"];

/**
 * The `{INTEGRATION-TYPE}` lists of the pages (each verified with the docs search and cited in
 * provider/integrations/availability.ts): the registry's `documented` entries must reproduce them exactly.
 */
const DOCUMENTED: Record<Exclude<Profile, "all-registered">, string[]> = {
  "om-5.0": [...OM, "FLOWDOCK"],
  "om-6.0": OM,
  "om-7.0": OM,
  "om-8.0": OM,
  "cloud-manager": ["PAGER_DUTY", "SLACK", "NEW_RELIC", "OPS_GENIE", "VICTOR_OPS", "WEBHOOK", "PROMETHEUS"],
};
const profiles = profileSchema.options.filter((p): p is Exclude<Profile, "all-registered"> => p !== "all-registered");

describe("conformance: each server profile accepts exactly its documented types", () => {
  const emu = useEmulator();

  for (const profile of profiles) {
    it(`${profile}: ${DOCUMENTED[profile].join(", ")}`, () => {
      const accepted = definitions.filter((d) => profileAccepts(profile, d)).map((d) => d.type);
      assert.deepEqual([...accepted].sort(), [...DOCUMENTED[profile]].sort());
    });

    for (const def of definitions) {
      const ok = profileAccepts(profile, def);
      it(`${profile} × ${def.type}: ${ok ? "preview passes and up creates it" : "preview fails naming type, product and doc; an unknown target's up explains the refusal"}`, async () => {
        await emu.control.settings({ profile });
        const inputs = { groupId: DEFAULT_GROUP_ID, type: def.type, ...def.example };
        const target = profileTarget(profile)!;
        const failures = check(inputs, target).failures ?? [];
        const typeFailure = failures.find((f) => f.property === "type");
        const run = await lifecycle.create({ session: sessionWith(emu.apiBase) }, inputs).then(
          () => undefined,
          (e: Error) => e,
        );
        if (ok) {
          assert.equal(typeFailure, undefined);
          assert.equal(run, undefined, String(run));
        } else {
          assert.match(typeFailure?.reason ?? "", new RegExp(`type ${def.type} is not accepted by (Ops Manager|Cloud Manager).*documented for .*https://`));
          assert.match(run?.message ?? "", new RegExp(`does not accept integration type ${def.type}.*documented for .*https://`));
          assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
        }
      });
    }
  }

  it("knows Cloud Manager from its URL and Ops Manager's version only from opsmanager:serverVersion", () => {
    const config = (c: Record<string, string>) => (k: string) => c[k];
    assert.deepEqual(targetFrom(config({ "opsmanager:baseUrl": "https://cloud.mongodb.com" }), {}), { product: "cloud-manager" });
    assert.deepEqual(targetFrom(config({}), { OPSMANAGER_BASE_URL: "https://cloud.mongodb.com/api/public/v1.0" }), { product: "cloud-manager" });
    assert.deepEqual(targetFrom(config({ "opsmanager:baseUrl": "https://om.example.com", "opsmanager:serverVersion": "5.0" }), {}), {
      product: "ops-manager",
      version: "5.0",
    });
    assert.equal(targetFrom(config({ "opsmanager:baseUrl": "https://om.example.com" }), {}), undefined, "unknown: no guessing");
  });
});
