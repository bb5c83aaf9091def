import assert from "node:assert/strict";
import { diff } from "../../provider/diff";
import { UNKNOWN } from "../../provider/split-props";

const GROUP = "5f0000000000000000000001";
const old = { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops", integrationId: "abc" };

const table: [string, Record<string, unknown>, { changes: boolean; replaces?: string[] }][] = [
  ["identical inputs", { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops" }, { changes: false }],
  ["an absent field equal to the server default", { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops", channelName: "" }, { changes: false }],
  ["adoptExisting toggled", { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops", adoptExisting: true }, { changes: false }],
  ["a changed secret", { groupId: GROUP, type: "SLACK", apiToken: "xoxb-2", teamName: "ops" }, { changes: true }],
  ["an added optional field", { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops", channelName: "a" }, { changes: true }],
  ["an unknown value", { groupId: GROUP, type: "SLACK", apiToken: UNKNOWN, teamName: "ops" }, { changes: true }],
  ["a new groupId", { groupId: "5f0000000000000000000002", type: "SLACK", apiToken: "xoxb-1", teamName: "ops" }, { changes: true, replaces: ["groupId"] }],
  ["an unknown groupId", { groupId: UNKNOWN, type: "SLACK", apiToken: "xoxb-1", teamName: "ops" }, { changes: true, replaces: ["groupId"] }],
  ["a new type", { groupId: GROUP, type: "HIP_CHAT", notificationToken: "t", roomName: "r" }, { changes: true, replaces: ["type"] }],
];

describe("diff", () => {
  for (const [what, news, expected] of table) {
    it(`${expected.replaces ? "replaces" : expected.changes ? "updates" : "ignores"} on ${what}`, () => {
      assert.deepEqual(diff(old, news), expected);
    });
  }

  it("updates when a field with no documented default is removed: one PUT, which a replacing server needs alone", () => {
    const olds = { groupId: GROUP, type: "VICTOR_OPS", apiKey: "k", routingKey: "r" };
    assert.deepEqual(diff(olds, { groupId: GROUP, type: "VICTOR_OPS", apiKey: "k" }), { changes: true });
  });

  it("replaces, delete first, when a removed field is one no server answer shows (write-only): names the field", () => {
    // Prometheus's password is write-only and required; a removed one is the only case a PUT's answer cannot check.
    const olds = { groupId: GROUP, type: "PROMETHEUS", username: "u", password: "p", serviceDiscovery: "http", scheme: "http", enabled: true };
    const { password: _password, ...news } = olds;
    assert.deepEqual(diff(olds, news), { changes: true, replaces: ["password"], deleteBeforeReplace: true });
  });

  it("updates in place when a removed field has a documented default (Slack channelName, sent as \"\")", () => {
    assert.deepEqual(diff({ ...old, channelName: "alerts" }, { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops" }), { changes: true });
  });

  it("sees a secret rotated outside code (state holds the server's mask) as a change", () => {
    assert.equal(diff({ ...old, apiToken: "******9999" }, { groupId: GROUP, type: "SLACK", apiToken: "xoxb-1", teamName: "ops" }).changes, true);
  });
});
