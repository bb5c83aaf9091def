import assert from "node:assert/strict";
import { definitions } from "../../provider/integrations/registry";
import { splitProps } from "../../provider/split-props";
import { writeRequest } from "../../provider/write-request";

const GROUP = "5f4d3c2b1a0987654321fedc";

describe("writeRequest: the body the client sends and what it redacts", () => {
  for (const def of definitions) {
    it(`${def.type}: the body is the example's fields plus its type, and every secret value is listed for redaction`, () => {
      const request = writeRequest(splitProps({ groupId: GROUP, type: def.type, adoptExisting: true, ...def.example }));
      assert.deepEqual(request.body, { type: def.type, ...def.example });
      const secrets = def.secretFields.map((name) => (def.example as Record<string, unknown>)[name]).filter((v) => typeof v === "string");
      assert.ok(secrets.length > 0, "the example sets a secret, so the comparison below means something");
      assert.deepEqual([...request.secrets].sort(), [...secrets].sort());
      for (const [name, value] of Object.entries(def.example)) {
        if (!def.secretFields.includes(name) && typeof value === "string") assert.ok(!request.secrets.includes(value), `${name} is not redacted`);
      }
    });
  }

  it("sends a removed field's documented default, so a PUT clears it", () => {
    const slack = definitions.find((d) => d.type === "SLACK")!;
    const props = splitProps({ groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops" });
    assert.equal(slack.fields.channelName?.serverDefault, "");
    assert.equal(writeRequest(props, { channelName: "#alerts" }).body.channelName, "");
    assert.equal("channelName" in writeRequest(props).body, false);
  });

  it("refuses to send a mask back as a secret", () => {
    assert.throws(() => writeRequest(splitProps({ groupId: GROUP, type: "PAGER_DUTY", serviceKey: "******7890" })), /masked value/);
  });
});
