import assert from "node:assert/strict";
import type { OpsManagerIntegrationArgs } from "../../provider/args";

// These declarations are the test: `npm run typecheck` (part of the test command) fails if a line marked
// "expect-error" compiles, i.e. if the union ever stops rejecting a field of another type or a missing field.
const group = "5f0000000000000000000001";
export const valid: OpsManagerIntegrationArgs[] = [
  { groupId: group, type: "SLACK", apiToken: "t", teamName: "ops" },
  { groupId: group, type: "SLACK", apiToken: "t", teamName: "ops", channelName: "alerts", adoptExisting: true },
  { groupId: group, type: "DATADOG", apiKey: "k", region: "EU" },
  { groupId: group, type: "WEBHOOK", url: "https://h/x" },
];
export const invalid: OpsManagerIntegrationArgs[] = [
  // @ts-expect-error roomName belongs to HIP_CHAT
  { groupId: group, type: "SLACK", apiToken: "t", teamName: "ops", roomName: "r" },
  // @ts-expect-error teamName is required for SLACK
  { groupId: group, type: "SLACK", apiToken: "t" },
  // @ts-expect-error DATADOG regions are US and EU
  { groupId: group, type: "DATADOG", apiKey: "k", region: "ASIA" },
  // @ts-expect-error not a registered type
  { groupId: group, type: "TEAMS", apiKey: "k" },
  // @ts-expect-error groupId is required
  { type: "PAGER_DUTY", serviceKey: "k" },
];

describe("OpsManagerIntegrationArgs (compile-time checks, enforced by npm run typecheck)", () => {
  it("lists valid and invalid argument shapes", () => {
    assert.equal(valid.length, 4);
    assert.equal(invalid.length, 5);
  });
});
