import assert from "node:assert/strict";
import { DEFAULT_GROUP_ID } from "../../emulator/defaults";
import { profileAccepts, profileSchema, profileTarget, type Profile } from "../../emulator/profiles";
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
/**
 * Types whose request body the product documents while its type list leaves them out (the body extracts, and the
 * Prometheus tutorial's Ops Manager 6.0.7): the emulator takes them only with `bodyOnlyTypes: accept`.
 */
const BODY_ONLY: Record<Exclude<Profile, "all-registered">, string[]> = {
  "om-5.0": ["MICROSOFT_TEAMS"],
  "om-6.0": ["MICROSOFT_TEAMS", "PROMETHEUS"],
  "om-7.0": ["MICROSOFT_TEAMS", "PROMETHEUS"],
  "om-8.0": ["MICROSOFT_TEAMS", "PROMETHEUS"],
  "cloud-manager": ["MICROSOFT_TEAMS"],
};
const profiles = profileSchema.options.filter((p): p is Exclude<Profile, "all-registered"> => p !== "all-registered");

/** The stack config that tells the provider which server a profile plays. */
function configFor(profile: Exclude<Profile, "all-registered">): (key: string) => string | undefined {
  const target = profileTarget(profile)!;
  const config: Record<string, string> =
    target.product === "cloud-manager" ? { "opsmanager:baseUrl": "https://cloud.mongodb.com" } : { "opsmanager:serverVersion": target.version };
  return (key) => config[key];
}

describe("conformance: each server profile accepts exactly its documented types", () => {
  const emu = useEmulator();

  for (const profile of profiles) {
    it(`${profile}: ${DOCUMENTED[profile].join(", ")}; body only: ${BODY_ONLY[profile].join(", ")}`, () => {
      const listed = definitions.filter((d) => profileAccepts(profile, d)).map((d) => d.type);
      assert.deepEqual([...listed].sort(), [...DOCUMENTED[profile]].sort());
      const withBodies = definitions.filter((d) => profileAccepts(profile, d, "accept")).map((d) => d.type);
      assert.deepEqual([...withBodies].sort(), [...DOCUMENTED[profile], ...BODY_ONLY[profile]].sort());
    });

    for (const bodyOnlyTypes of ["refuse", "accept"] as const) {
      for (const def of definitions) {
        const listed = DOCUMENTED[profile].includes(def.type);
        const bodyOnly = BODY_ONLY[profile].includes(def.type);
        const created = listed || (bodyOnly && bodyOnlyTypes === "accept");
        const what = listed ? "preview passes silently" : bodyOnly ? "preview warns naming the body page and the type list" : "preview warns naming where it is documented";
        it(`${profile} (body-only types ${bodyOnlyTypes}) × ${def.type}: ${what}; up ${created ? "creates it" : "explains the server's refusal"}`, async () => {
          await emu.control.settings({ profile, bodyOnlyTypes });
          const warnings: string[] = [];
          const holder = { readConfig: configFor(profile), warn: async (m: string) => void warnings.push(m) };
          const inputs = { groupId: DEFAULT_GROUP_ID, type: def.type, ...def.example };
          const checked = await lifecycle.check(holder, {}, inputs);
          assert.deepEqual(checked.failures ?? [], [], "never refused at preview: no page says a registered type is unsupported");
          if (listed) assert.deepEqual(warnings, []);
          else if (bodyOnly) {
            assert.equal(warnings.length, 1);
            assert.match(warnings[0]!, new RegExp(`^${def.type} on .*request body is documented \\(https://github.com/mongodb/docs/.*leaves ${def.type} out \\(https://www.mongodb.com/docs/`));
          } else {
            assert.equal(warnings.length, 1);
            assert.match(warnings[0]!, new RegExp(`^${def.type} is not in .*documented types \\(documented for .*https://`));
          }
          const run = await lifecycle.create({ session: sessionWith(emu.apiBase) }, inputs).then(
            () => undefined,
            (e: Error) => e,
          );
          if (created) assert.equal(run, undefined, String(run));
          else {
            assert.match(run?.message ?? "", new RegExp(`does not accept integration type ${def.type}.*documented for .*https://`));
            assert.deepEqual(await emu.control.raw(DEFAULT_GROUP_ID), []);
          }
        });
      }
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
