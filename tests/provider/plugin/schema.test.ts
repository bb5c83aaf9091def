import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { renderSchema, SCHEMA_FILE } from "../../../scripts/generate-schema";
import { definitions, integrationTypes } from "../../../provider/integrations/registry";
import { connectionSettings } from "../../../provider/connection-settings";
import { buildSchema, INTEGRATION_TOKEN } from "../../../provider/plugin/schema";
import { OpsManagerPlugin } from "../../../provider/plugin/plugin-provider";

type Resource = { inputProperties: Record<string, any>; properties: Record<string, any>; requiredInputs: string[] };
const schema = buildSchema("1.2.3") as {
  resources: Record<string, Resource>;
  config: { variables: Record<string, any> };
  types: Record<string, any>;
};
const integration = schema.resources[INTEGRATION_TOKEN]!;

describe("plugin schema", () => {
  it(`${SCHEMA_FILE} is exactly what the registry renders (run \`npm run docs\` after changing a type)`, () => {
    assert.equal(fs.readFileSync(path.join(__dirname, "../../..", SCHEMA_FILE), "utf8"), renderSchema());
  });

  it("the plugin's GetSchema serves that schema", async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../package.json"), "utf8"));
    const served = await new OpsManagerPlugin(version).getSchema();
    assert.deepEqual(
      JSON.parse(served),
      JSON.parse(fs.readFileSync(path.join(__dirname, "../../..", SCHEMA_FILE), "utf8")),
    );
  });

  it("Integration takes every field of every registered type, and groupId and type are the only required inputs", () => {
    assert.ok(definitions.length > 0);
    for (const def of definitions) {
      for (const name of Object.keys(def.fields))
        assert.ok(integration.inputProperties[name], `${def.type}.${name} missing`);
    }
    assert.deepEqual(integration.requiredInputs, ["groupId", "type"]);
    assert.deepEqual(
      schema.types["opsmanager:index:IntegrationType"].enum.map((e: { value: string }) => e.value),
      [...integrationTypes],
    );
  });

  it("marks exactly the registry's secret fields secret, as inputs and as outputs", () => {
    const secretNames = new Set(definitions.flatMap((d) => d.secretFields));
    assert.ok(secretNames.size > 0);
    for (const [name, prop] of Object.entries(integration.inputProperties)) {
      assert.equal(prop.secret === true, secretNames.has(name), `input ${name}`);
      assert.equal(integration.properties[name]?.secret === true, secretNames.has(name), `output ${name}`);
    }
  });

  it("has one provider config variable per connection setting, the private key secret", () => {
    assert.deepEqual(Object.keys(schema.config.variables).sort(), Object.keys(connectionSettings).sort());
    assert.equal(schema.config.variables.privateKey.secret, true);
    assert.equal(schema.config.variables.baseUrl.secret, undefined);
  });
});
