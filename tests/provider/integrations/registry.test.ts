import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { definitions, integrationTypes } from "../../../provider/integrations/registry";

const folder = path.join(__dirname, "../../../provider/integrations");
const machinery = new Set(["availability.ts", "define.ts", "field.ts", "mask.ts", "registry.ts"]);

describe("the integration registry", () => {
  it("registers every type file in provider/integrations/, once", () => {
    const files = fs.readdirSync(folder).filter((f) => f.endsWith(".ts") && !machinery.has(f));
    const exported = files.map((f) => Object.values(require(path.join(folder, f)))[0]);
    for (const [i, def] of exported.entries()) {
      assert.ok(definitions.includes(def as never), `${files[i]} is not listed in registry.ts`);
    }
    assert.equal(definitions.length, files.length, "registry.ts lists something that is not a type file");
    assert.equal(new Set(integrationTypes).size, integrationTypes.length, "a type is registered twice");
  });

  it("holds at least the nine types of the Ops Manager API page", () => {
    for (const t of ["DATADOG", "HIP_CHAT", "PAGER_DUTY", "SLACK", "NEW_RELIC", "OPS_GENIE", "VICTOR_OPS", "FLOWDOCK", "WEBHOOK"]) {
      assert.ok(integrationTypes.includes(t as never), t);
    }
  });

  for (const def of definitions) {
    describe(def.type, () => {
      it("has an example its own schema accepts", () => {
        assert.deepEqual(def.schema.safeParse(def.example).error?.issues ?? [], []);
      });
      it("names its file after its type and links its documentation", () => {
        assert.ok(fs.existsSync(path.join(folder, def.type.toLowerCase().replace(/_/g, "-") + ".ts")));
        assert.match(def.docsUrl, /^https:\/\/www\.mongodb\.com\/docs\//);
        assert.ok(def.documented.length > 0, "says where it is documented");
        for (const d of def.documented) assert.match(d.url, /^https:\/\//, "each availability claim has its page");
      });
      it("has at least one secret field and describes every field", () => {
        assert.ok(def.secretFields.length > 0);
        for (const [name, spec] of Object.entries(def.fields)) assert.ok(spec.description.length > 5, name);
      });
    });
  }
});
