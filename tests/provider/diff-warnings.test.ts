import assert from "node:assert/strict";
import { withFingerprintKey } from "../../provider/fingerprint";
import { lifecycle } from "../../provider/lifecycle";
import { outputs } from "../../provider/outputs";
import { splitProps } from "../../provider/split-props";

const GROUP = "5f0000000000000000000001";

/** State as an earlier create would have recorded `inputs` (fingerprints of the secrets, never the values). */
function stateOf(inputs: Record<string, unknown>): Record<string, unknown> {
  const props = splitProps(inputs);
  return outputs(props, props.fields, "id-1", "https://om.example.com");
}

/** Runs the lifecycle's diff with a holder that collects the warnings. */
async function warningsOf(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ warnings: string[]; changes?: boolean }> {
  const warnings: string[] = [];
  const result = await lifecycle.diff({ warn: async (m) => void warnings.push(m) }, "", olds, news);
  return { warnings, changes: result.changes };
}

describe("diff warnings: what preview and up say that a diff cannot", () => {
  it("a removed field: one warning naming it and what a server that keeps it costs", async () => {
    const inputs = withFingerprintKey({}, { groupId: GROUP, type: "VICTOR_OPS", apiKey: "vo-key-0123456789", routingKey: "route-0123456789" });
    const { routingKey: _removed, ...news } = inputs;
    const { warnings, changes } = await warningsOf(stateOf(inputs), news);
    assert.equal(changes, true);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^VICTOR_OPS in project 5f0000000000000000000001: routingKey removed from code\. The update sends one PUT/);
    assert.match(warnings[0]!, /deletes the integration and creates it again/);
    assert.ok(!warnings[0]!.includes("route-0123456789") && !warnings[0]!.includes("vo-key-0123456789"), "no secret in the warning");
  });

  it("a removed field with a documented default (Slack's channelName): no warning, one PUT clears it anywhere", async () => {
    const inputs = withFingerprintKey({}, { groupId: GROUP, type: "SLACK", apiToken: "xoxb-0123456789", teamName: "ops", channelName: "alerts" });
    const { channelName: _removed, ...news } = inputs;
    assert.deepEqual((await warningsOf(stateOf(inputs), news)).warnings, []);
  });

  it("a changed PagerDuty serviceKey: the docs' warning about existing alerts, never either key", async () => {
    const inputs = withFingerprintKey({}, { groupId: GROUP, type: "PAGER_DUTY", serviceKey: "a1b2c3d4e5f60718293a4b5c6d7e8f90" });
    const news = { ...inputs, serviceKey: "ffffeeeeddddccccbbbbaaaa99998888" };
    const { warnings } = await warningsOf(stateOf(inputs), news);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^PAGER_DUTY in project 5f0000000000000000000001: serviceKey changes\. "Changing the Integration Key doesn't change any alerts/);
    assert.match(warnings[0]!, /Remove and re-add each PagerDuty notification to use the new key\.".*https:\/\/www\.mongodb\.com\/docs\//);
    for (const key of ["a1b2c3d4e5f60718293a4b5c6d7e8f90", "ffffeeeeddddccccbbbbaaaa99998888", "7e8f90", "998888"]) assert.ok(!warnings[0]!.includes(key), key);
  });

  it("an unchanged PagerDuty integration: no warning", async () => {
    const inputs = withFingerprintKey({}, { groupId: GROUP, type: "PAGER_DUTY", serviceKey: "a1b2c3d4e5f60718293a4b5c6d7e8f90" });
    const { warnings, changes } = await warningsOf(stateOf(inputs), inputs);
    assert.equal(changes, false);
    assert.deepEqual(warnings, []);
  });
});
